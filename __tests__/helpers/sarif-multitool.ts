// Microsoft's SARIF multitool (npm @microsoft/sarif-multitool, a self-contained .NET build, offline): `validate`
// checks SARIF files against the SARIF schema and its own rules (SARIF1001 and on), all files in one process.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Log } from "sarif";

export interface SarifVerdict {
  readonly rule: string;
  readonly level: string;
  readonly message: string;
}

/** Errors and warnings (not notes) the multitool gives each file, by file name without .sarif. */
export function validateSarif(files: readonly string[]): Record<string, SarifVerdict[]> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the package's main is the executable's path
  const multitool: string = require("@microsoft/sarif-multitool");
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "mtls-multitool-"));
  try {
    const output = path.join(folder, "validation.sarif");
    const run = spawnSync(multitool, ["validate", "--level", "Error;Warning", "--output", output, ...files], {
      encoding: "utf8",
      // .NET would otherwise write its first-run notes and telemetry state under HOME, and look for libicu.
      env: {
        ...process.env,
        DOTNET_CLI_TELEMETRY_OPTOUT: "1",
        DOTNET_NOLOGO: "1",
        DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: "1",
        HOME: folder,
      },
    });
    if (!fs.existsSync(output)) throw new Error(`the SARIF multitool did not run: ${run.stdout}${run.stderr}`);
    const log = JSON.parse(fs.readFileSync(output, "utf8")) as Log;
    const verdicts: Record<string, SarifVerdict[]> = Object.fromEntries(
      files.map((file) => [path.basename(file, ".sarif"), []]),
    );
    for (const result of log.runs[0].results ?? []) {
      const uri = result.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? "";
      const name = path.basename(decodeURIComponent(uri), ".sarif");
      (verdicts[name] ??= []).push({
        rule: result.ruleId ?? "",
        level: result.level ?? "warning",
        message: result.message.text ?? [result.message.id, ...(result.message.arguments ?? [])].join(" "),
      });
    }
    return verdicts;
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}
