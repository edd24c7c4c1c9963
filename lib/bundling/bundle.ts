// Bundles a Lambda handler from functions/<name>/index.ts with esbuild and zips it, at synth time, into a
// file named by its content. The zip is byte-identical on any machine and in any clone directory (fixed
// timestamps), so the asset path and the function's source_code_hash only change when the code does.
import { buildSync, stop } from "esbuild";
import { zipSync } from "fflate";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PROJECT_ROOT } from "../project-root";
import { ESBUILD_TARGET } from "./runtime";

export type FunctionName = "echo" | "authorizer";

export interface FunctionBundle {
  /** The deployment package: a zip holding index.js. */
  readonly zipFile: string;
  /** Base64 SHA-256 of the zip, as Lambda reports it (CodeSha256): the function's source_code_hash. */
  readonly sha256: string;
  /** Hex SHA-256 of the zip. */
  readonly sha256Hex: string;
  /** Size of the bundled index.js. */
  readonly bytes: number;
}

const BUNDLE_ROOT = path.join(os.tmpdir(), "apigw-mtls-functions");

/**
 * A folder where many synths in a row (the test run sets it) share each function's bundle: the code does not
 * change within the run, so it is bundled once instead of once per synth.
 */
export const BUNDLE_CACHE_ENV = "MTLS_FUNCTION_BUNDLE_CACHE";
const FIXED_MTIME = new Date("2020-01-01T00:00:00Z");

export function bundleCode(name: FunctionName): Uint8Array {
  try {
    return build(name);
  } finally {
    // buildSync starts an esbuild service that would otherwise outlive the synth (and keep a test worker alive).
    void stop();
  }
}

function build(name: FunctionName): Uint8Array {
  const result = buildSync({
    absWorkingDir: PROJECT_ROOT,
    entryPoints: [path.join("functions", name, "index.ts")],
    bundle: true,
    platform: "node",
    target: ESBUILD_TARGET,
    format: "cjs",
    minify: true,
    legalComments: "none",
    // The Node.js Lambda runtimes (18 and later) ship the AWS SDK v3.
    external: ["@aws-sdk/*"],
    outfile: "index.js",
    write: false,
    logLevel: "silent",
  });
  return result.outputFiles[0].contents;
}

export function bundleFunction(name: FunctionName): FunctionBundle {
  const cache = process.env[BUNDLE_CACHE_ENV];
  const cached = cache ? readCached(path.join(cache, `${name}.json`)) : undefined;
  if (cached) return cached;
  const bundle = bundleAndZip(name);
  if (cache) writeOnce(path.join(cache, `${name}.json`), new TextEncoder().encode(JSON.stringify(bundle)));
  return bundle;
}

function readCached(file: string): FunctionBundle | undefined {
  if (!fs.existsSync(file)) return undefined;
  const bundle: FunctionBundle = JSON.parse(fs.readFileSync(file, "utf8"));
  return fs.existsSync(bundle.zipFile) ? bundle : undefined;
}

function bundleAndZip(name: FunctionName): FunctionBundle {
  const code = bundleCode(name);
  const zip = zipSync({ "index.js": [code, { mtime: FIXED_MTIME, level: 9 }] });
  const digest = createHash("sha256").update(zip).digest();
  const sha256Hex = digest.toString("hex");
  const zipFile = path.join(BUNDLE_ROOT, `${name}-${sha256Hex.slice(0, 16)}`, "function.zip");
  writeOnce(zipFile, zip);
  return { zipFile, sha256: digest.toString("base64"), sha256Hex, bytes: code.byteLength };
}

/** Content-addressed, so concurrent synths (parallel test workers) can race safely: same name, same bytes. */
function writeOnce(file: string, contents: Uint8Array): void {
  if (fs.existsSync(file)) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, contents);
  fs.renameSync(temporary, file);
}
