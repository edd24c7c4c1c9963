// npm run truststore:lint -- <file> [--json] [--expiry-warning-days N] [--strict]
// Exit status (tools/cli convention): 0 clean, or warnings only; 1 errors (and warnings with --strict);
// 2 bad arguments or an unreadable file.
import * as fs from "node:fs";
import { formatReport } from "../../lib/truststore-lint/format";
import {
  bundleSizeRefusal,
  DEFAULT_EXPIRY_WARNING_DAYS,
  lintStatus,
  lintTruststore,
} from "../../lib/truststore-lint/lint";
import { EXIT, UserError } from "../../lib/user-error";
import { command, type ToolDeclaration } from "../cli/declaration";
import { main } from "../cli/run";

const STATUS_NAMES = ["clean", "errors", "warnings"] as const;

/** The bundle's text; a file over MAX_BUNDLE_BYTES is refused before it is read, so memory stays bounded. */
function readBundle(file: string): string {
  let descriptor: number;
  try {
    descriptor = fs.openSync(file, "r");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new UserError(`cannot read ${file} (${reason}): check the path of the truststore bundle`);
  }
  try {
    const refusal = bundleSizeRefusal(file, fs.fstatSync(descriptor).size);
    if (refusal) throw new UserError(refusal);
    return fs.readFileSync(descriptor, "utf8");
  } finally {
    fs.closeSync(descriptor);
  }
}

export const TRUSTSTORE_LINT: ToolDeclaration = {
  script: "truststore:lint",
  summary: "lint a truststore bundle against API Gateway's rules",
  notes: [
    "exit status: 0 clean or warnings only, 1 errors (or warnings with --strict), 2 bad arguments or unreadable file",
  ],
  commands: [
    command({
      positionals: ["<file>"],
      summary: "lint a truststore bundle",
      options: {
        json: { type: "boolean", description: "print the findings as JSON" },
        "expiry-warning-days": {
          type: "integer",
          min: 0,
          unit: "days",
          default: DEFAULT_EXPIRY_WARNING_DAYS,
          description: "warn when a certificate expires within N days",
        },
        strict: { type: "boolean", description: "warnings are findings too: exit 1 on a warning" },
      },
      run: ({ values, positionals }) => {
        const file = positionals[0];
        const report = lintTruststore(readBundle(file), { expiryWarningDays: values["expiry-warning-days"] });
        const status = lintStatus(report);
        if (values.json) {
          console.log(JSON.stringify({ file, status: STATUS_NAMES[status], ...report }, null, 2));
        } else {
          console.log(formatReport(file, report));
        }
        if (report.errors > 0 || (values.strict && report.warnings > 0)) return EXIT.findings;
        return EXIT.ok;
      },
    }),
  ],
};

/** The tools this entry point runs, as the npm scripts that start it name them (__tests__/helpers/script-tools.ts). */
export const declaredTools = (): ToolDeclaration[] => [TRUSTSTORE_LINT];

if (require.main === module) main(TRUSTSTORE_LINT);
