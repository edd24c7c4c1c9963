// Bundles a Lambda handler from functions/<name>/index.ts with esbuild, at synth time, into a folder named
// by the bundle's content, so the asset hash and the function's source_code_hash only change when the code
// does, on any machine and in any clone directory.
import { buildSync } from "esbuild";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PROJECT_ROOT } from "../project-root";

export type FunctionName = "echo" | "authorizer";

export interface FunctionBundle {
  /** Folder holding index.js, ready to zip. */
  readonly directory: string;
  /** Base64 SHA-256 of index.js: Lambda's source_code_hash. */
  readonly sha256: string;
  /** Hex SHA-256 of index.js. */
  readonly sha256Hex: string;
  readonly bytes: number;
}

const BUNDLE_ROOT = path.join(os.tmpdir(), "apigw-mtls-functions");

export function bundleFunction(name: FunctionName): FunctionBundle {
  const entry = path.join("functions", name, "index.ts");
  const result = buildSync({
    absWorkingDir: PROJECT_ROOT,
    entryPoints: [entry],
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    minify: true,
    legalComments: "none",
    // The Node.js 20 Lambda runtime ships the AWS SDK v3.
    external: ["@aws-sdk/*"],
    outfile: "index.js",
    write: false,
    logLevel: "silent",
  });
  const code = result.outputFiles[0].contents;
  const digest = createHash("sha256").update(code).digest();
  const sha256Hex = digest.toString("hex");
  const directory = path.join(BUNDLE_ROOT, `${name}-${sha256Hex.slice(0, 16)}`);
  writeOnce(path.join(directory, "index.js"), code);
  return { directory, sha256: digest.toString("base64"), sha256Hex, bytes: code.byteLength };
}

/** Content-addressed, so concurrent synths (parallel test workers) can race safely: same name, same bytes. */
function writeOnce(file: string, contents: Uint8Array): void {
  if (fs.existsSync(file)) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, contents);
  fs.renameSync(temporary, file);
}
