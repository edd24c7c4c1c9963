// Synthesizing the example from two different clone directories gives byte-identical JSON, and no
// synthesized file holds a machine path or key material.
import { execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { BUNDLE_CACHE_ENV } from "../../lib/bundling/bundle";
import { PROJECT_ROOT } from "../../lib/project-root";

function trackedFiles(): string[] {
  return execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "-z"], { cwd: PROJECT_ROOT })
    .toString()
    .split("\0")
    .filter((file) => file && fs.existsSync(path.join(PROJECT_ROOT, file)));
}

/** A fresh clone of the working tree (sharing node_modules) in a directory of its own. */
function cloneTo(directory: string): void {
  for (const file of trackedFiles()) {
    fs.mkdirSync(path.dirname(path.join(directory, file)), { recursive: true });
    fs.copyFileSync(path.join(PROJECT_ROOT, file), path.join(directory, file));
  }
  fs.symlinkSync(path.join(PROJECT_ROOT, "node_modules"), path.join(directory, "node_modules"));
}

function synthIn(directory: string): Promise<string> {
  const outdir = path.join(directory, "cdktf.out");
  return new Promise((resolve, reject) => {
    // As cdktf.json's app runs it: the clone's own launcher, which tells the app its project root.
    const child = spawn(process.execPath, ["tools/run-bundled.cjs", "main.ts"], {
      cwd: directory,
      // Each clone bundles its own Lambda code: the run's shared bundles would hide a bundle that differs by clone.
      env: { ...process.env, CDKTF_OUTDIR: outdir, MTLS_ENV: "", MTLS_CONFIG: "", [BUNDLE_CACHE_ENV]: "" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("close", (code) =>
      code === 0 ? resolve(outdir) : reject(new Error(`synth failed in ${directory}: ${stderr}`)),
    );
  });
}

function stringValues(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (value && typeof value === "object") return Object.values(value).flatMap(stringValues);
  return [];
}

function jsonFiles(outdir: string): Map<string, string> {
  const files = fs.readdirSync(outdir, { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith(".json"));
  return new Map(files.sort().map((file) => [file, fs.readFileSync(path.join(outdir, file), "utf8")]));
}

describe("deterministic synthesis", () => {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), "mtls-clones-"));
  const clones = [path.join(parent, "first-clone"), path.join(parent, "elsewhere", "second-clone")];
  let outputs: Map<string, string>[];

  beforeAll(async () => {
    clones.forEach(cloneTo);
    outputs = (await Promise.all(clones.map(synthIn))).map(jsonFiles);
  }, 120000);

  test("two clone directories synthesize byte-identical JSON for all four stacks", () => {
    const [first, second] = outputs;
    expect([...first.keys()]).toEqual([
      "manifest.json",
      ...["api", "dns", "pki", "truststore"].map((stack) => `stacks/${stack}/cdk.tf.json`),
    ]);
    expect([...second.keys()]).toEqual([...first.keys()]);
    expect(first.size).toBeGreaterThan(0);
    for (const [file, text] of first) expect({ file, text: second.get(file) }).toEqual({ file, text });
  });

  test("no synthesized file holds an absolute path", () => {
    expect(outputs[0].size).toBeGreaterThan(0);
    for (const [file, text] of outputs[0]) {
      const cloneOrProjectPaths = [parent, PROJECT_ROOT].filter((folder) => text.includes(folder));
      // CloudWatch log group names ("/aws/...") are the only values that may start with a slash.
      const absolutePaths = stringValues(JSON.parse(text)).filter((value) => /^\/(?!aws\/)/.test(value));
      expect({ file, cloneOrProjectPaths, absolutePaths }).toEqual({
        file,
        cloneOrProjectPaths: [],
        absolutePaths: [],
      });
    }
  });

  test("no synthesized file holds private key material", () => {
    expect(outputs[0].size).toBeGreaterThan(0);
    for (const [file, text] of outputs[0]) {
      expect({ file, key: /PRIVATE KEY|private_key|certificate_private_key/i.test(text) }).toEqual({
        file,
        key: false,
      });
    }
  });

  test("the manifest declares the deploy order pki, truststore, api, dns", () => {
    const manifest = JSON.parse(outputs[0].get("manifest.json") as string);
    expect(manifest.stacks.truststore.dependencies).toEqual(["pki"]);
    expect(manifest.stacks.api.dependencies).toEqual(["truststore"]);
    expect(manifest.stacks.dns.dependencies).toEqual(["api"]);
  });
});
