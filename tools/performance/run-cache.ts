// A folder shared by every jest worker of one test run, for what stays the same for the whole run (synthesized
// configurations, Lambda bundles, offline plans). global-setup.ts creates it and global-teardown.ts removes it; a
// test run without that global setup gets a folder of its own process, removed when the process exits. It lies in
// the project's node_modules/.cache, beside the tools' bundles (tools/run-bundled.cjs).
import { createHash, randomUUID } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { PROJECT_ROOT } from "../../lib/project-root";

export const RUN_CACHE_ENV = "MTLS_TEST_RUN_CACHE";

function newFolder(prefix: string): string {
  const parent = path.join(PROJECT_ROOT, "node_modules", ".cache");
  fs.mkdirSync(parent, { recursive: true });
  return fs.mkdtempSync(path.join(parent, prefix));
}

export function createRunCache(): string {
  const folder = newFolder("apigw-mtls-test-run-");
  process.env[RUN_CACHE_ENV] = folder;
  return folder;
}

export function removeRunCache(folder: string): void {
  fs.rmSync(folder, { recursive: true, force: true });
}

let ownFolder: string | undefined;

function runCacheFolder(): string {
  const shared = process.env[RUN_CACHE_ENV];
  if (shared && fs.existsSync(shared)) return shared;
  if (!ownFolder) {
    const folder = newFolder("apigw-mtls-test-file-");
    process.on("exit", () => removeRunCache(folder));
    ownFolder = folder;
  }
  return ownFolder;
}

/** A short, stable key for a JSON value: the same configuration gives the same key in every worker. */
export function cacheKey(value: unknown): string {
  return createHash("sha256").update(JSON.stringify(value)).digest("hex").slice(0, 24);
}

/**
 * The run's copy of an entry (a file or a folder), made once per run: `produce` writes it to the path it is given,
 * which is then renamed into place. Workers racing on the same entry each produce it and the first rename wins;
 * a produce that throws caches nothing.
 */
export function cachedInRun(name: string, produce: (into: string) => void): string {
  const entry = path.join(runCacheFolder(), name);
  if (fs.existsSync(entry)) return entry;
  const temporary = `${entry}.${randomUUID()}.tmp`;
  try {
    produce(temporary);
    fs.renameSync(temporary, entry);
  } catch (error) {
    if (!fs.existsSync(entry)) throw error;
  } finally {
    fs.rmSync(temporary, { recursive: true, force: true });
  }
  return entry;
}
