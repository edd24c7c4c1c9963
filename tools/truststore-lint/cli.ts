// npm run truststore:lint -- <file> [--json] [--expiry-warning-days N]
// Exit status: 0 clean, 1 errors, 2 warnings only, 3 the file could not be linted (bad arguments, unreadable).
import * as fs from "node:fs";
import { parseArgs } from "node:util";
import { formatReport } from "../../lib/truststore-lint/format";
import { DEFAULT_EXPIRY_WARNING_DAYS, lintStatus, lintTruststore } from "../../lib/truststore-lint/lint";

const USAGE = "usage: npm run truststore:lint -- <truststore.pem> [--json] [--expiry-warning-days N]";
const CANNOT_LINT = 3;
const STATUS_NAMES = ["clean", "errors", "warnings"] as const;

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(CANNOT_LINT);
}

function main(argv: string[]): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { json: { type: "boolean", default: false }, "expiry-warning-days": { type: "string" } },
    });
  } catch (error) {
    fail((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) fail("give exactly one bundle file");
  const days = Number(values["expiry-warning-days"] ?? DEFAULT_EXPIRY_WARNING_DAYS);
  if (!Number.isInteger(days) || days < 0)
    fail(`--expiry-warning-days must be a whole number of days (got ${values["expiry-warning-days"]})`);
  const file = positionals[0];
  let content: string;
  try {
    content = fs.readFileSync(file, "utf8");
  } catch (error) {
    fail(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const report = lintTruststore(content, { expiryWarningDays: days });
  const status = lintStatus(report);
  if (values.json) {
    console.log(JSON.stringify({ file, status: STATUS_NAMES[status], ...report }, null, 2));
  } else {
    console.log(formatReport(file, report));
  }
  return status;
}

process.exitCode = main(process.argv.slice(2));
