// npm run bench:authorizer: the authorizer's costs with CRLs of 100,000 and 1,000,000 revoked serial numbers
// (ACM Private CA's most for a complete CRL), on real material generated here: an RSA-2048 root and issuing CA, as
// the example config's ACM Private CA, ECDSA client certificates, and CRLs signed by `openssl ca -gencrl` (an
// independent producer; entries carry a reason code, as ACM Private CA's do). Generation is not measured. Each
// CRL is then measured in a fresh process with the function's memory (tools/performance/bench/authorizer-load.ts, under
// --max-old-space-size=448), and printed side by side against the targets:
//   - CRL parse + signature check + index time (median of 5), and creation-to-first-decision time;
//   - peak RSS of that process;
//   - warm decision latency p50/p99 over 100,000 decisions (certificates the function has seen before);
//   - memory held after each of 6 refreshes (each a new ETag, parsed again): it must not grow;
//   - module init time of the esbuild bundle (a fresh node process requiring it, as Lambda's init does);
//   - bundle size.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createPki, issueClientCertificate, type TestCertificate } from "../../../__tests__/helpers/test-pki";
import { randomSerialNumber } from "../../pki/crypto/sign";
import { LAMBDA_VARIABLES } from "../../../functions/authorizer/settings";
import { bundleCode } from "../../../lib/bundling/bundle";
import { PROJECT_ROOT } from "../../../lib/project-root";
import type { LoadFigures } from "./authorizer-load";
import { median, runBenchmark, scratchFolder } from "./measure";

const SIZES = [100_000, 1_000_000];
const CLIENTS = 200;
const INIT_RUNS = 7;
/** A 512 MB function: V8's old space gets what the runtime and native memory leave. */
const HEAP_MB = 448;
const TARGETS = { loadMs: 1000, rssMb: 512, p99Ms: 0.2, growthMb: 8, initMs: 50, bundleKb: 300 };

/** Requires the bundle in a fresh node process with the Lambda's environment and reports how long it took. */
function moduleInitMs(bundleFile: string, issuingCaPem: string): number {
  const script = `const t = performance.now(); require(${JSON.stringify(bundleFile)}); process.stdout.write(String(performance.now() - t));`;
  const result = spawnSync(process.execPath, ["-e", script], {
    encoding: "utf8",
    env: {
      PATH: process.env.PATH,
      AWS_REGION: "eu-west-1",
      [LAMBDA_VARIABLES.issuingCas]: JSON.stringify({ bench: issuingCaPem }),
      [LAMBDA_VARIABLES.crlBucket]: "bench-crl-bucket",
      [LAMBDA_VARIABLES.crlKeys]: JSON.stringify({ bench: "crl/bench.crl" }),
      [LAMBDA_VARIABLES.crlRefreshSeconds]: "300",
      [LAMBDA_VARIABLES.crlGraceSeconds]: "0",
    },
  });
  if (result.status !== 0) throw new Error(`loading the bundle failed:\n${result.stderr}`);
  return Number(result.stdout);
}

/** A DER CRL of `size` entries (`serials` first, then random ones) signed by `ca` with `openssl ca -gencrl`. */
function opensslCrl(folder: string, ca: TestCertificate, serials: readonly string[], size: number): string {
  const key = path.join(folder, "ca.key");
  fs.writeFileSync(key, ca.privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 0o600 });
  fs.writeFileSync(path.join(folder, "ca.pem"), ca.pem);
  const lines: string[] = [];
  for (let i = 0; i < size; i++) {
    const serial = (i < serials.length ? serials[i] : randomSerialNumber()).toUpperCase();
    lines.push(`R\t491231235959Z\t251201000000Z,keyCompromise\t${serial}\tunknown\t/CN=bench`);
  }
  fs.writeFileSync(path.join(folder, "index.txt"), `${lines.join("\n")}\n`);
  fs.writeFileSync(path.join(folder, "crlnumber"), "1000\n");
  fs.writeFileSync(
    path.join(folder, "ca.cnf"),
    "[ca]\ndefault_ca = bench\n[bench]\ndatabase = index.txt\ncrlnumber = crlnumber\nunique_subject = no\n" +
      "default_md = sha256\ndefault_crl_days = 7\ncrl_extensions = crl_ext\n[crl_ext]\nauthorityKeyIdentifier = keyid:always\n",
  );
  const out = path.join(folder, `crl-${size}.der`);
  const run = (args: string[]) => {
    const result = spawnSync("openssl", args, { cwd: folder, encoding: "utf8" });
    if (result.status !== 0) throw new Error(`openssl ${args[0]} failed: ${result.stderr || result.error}`);
  };
  run(["ca", "-gencrl", "-batch", "-config", "ca.cnf", "-keyfile", "ca.key", "-cert", "ca.pem", "-out", "crl.pem"]);
  run(["crl", "-in", "crl.pem", "-outform", "DER", "-out", out]);
  fs.rmSync(key);
  return out;
}

/** Runs tools/performance/bench/authorizer-load.ts in a fresh process with the function's heap. */
function measureLoad(crlFile: string, caFile: string, clientsFile: string): LoadFigures {
  const result = spawnSync(
    process.execPath,
    [
      `--max-old-space-size=${HEAP_MB}`,
      "--expose-gc",
      path.join(PROJECT_ROOT, "tools", "run-bundled.cjs"),
      "tools/performance/bench/authorizer-load.ts",
      crlFile,
      caFile,
      clientsFile,
    ],
    { cwd: PROJECT_ROOT, encoding: "utf8", maxBuffer: 1 << 20 },
  );
  if (result.status !== 0) throw new Error(`the measured process failed (${result.status}):\n${result.stderr}`);
  return JSON.parse(result.stdout.trim().split("\n").at(-1)!) as LoadFigures;
}

/** Every tenth certificate is revoked; decisions cycle through the certificates in order. */
function expectedAllowed(decisions: number, clients: number): number {
  let allowed = 0;
  for (let i = 0; i < decisions; i++) if ((i % clients) % 10 !== 0) allowed++;
  return allowed;
}

async function main(): Promise<number> {
  const scratch = scratchFolder("authorizer");
  try {
    return await measure(scratch);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

async function measure(scratch: string): Promise<number> {
  const code = bundleCode("authorizer");
  const bundleFile = path.join(scratch, "index.js");
  fs.writeFileSync(bundleFile, code);

  console.log(`Generating material: RSA-2048 CAs, ${CLIENTS} client certificates, CRLs with openssl (not measured)...`);
  const { issuing } = await createPki("RSA-2048");
  const clients = await Promise.all(Array.from({ length: CLIENTS }, () => issueClientCertificate(issuing)));
  const revokedSerials = clients.filter((_, index) => index % 10 === 0).map((client) => client.serialNumber);
  const caFile = path.join(scratch, "issuing.pem");
  const clientsFile = path.join(scratch, "clients.json");
  fs.writeFileSync(caFile, issuing.pem);
  fs.writeFileSync(clientsFile, JSON.stringify(clients.map((client) => client.pem)));

  const columns: { size: number; megabytes: number; figures: LoadFigures }[] = [];
  for (const size of SIZES) {
    const started = performance.now();
    const crlFile = opensslCrl(scratch, issuing, revokedSerials, size);
    const megabytes = fs.statSync(crlFile).size / 1e6;
    console.log(
      `  ${size} entries: ${megabytes.toFixed(1)} MB DER, generated in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    const figures = measureLoad(crlFile, caFile, clientsFile);
    if (figures.indexed !== size) throw new Error(`expected ${size} serials indexed, got ${figures.indexed}`);
    const allowed = expectedAllowed(100_000, CLIENTS);
    if (figures.allowed !== allowed) throw new Error(`expected ${allowed} allows, got ${figures.allowed}`);
    columns.push({ size, megabytes, figures });
    fs.rmSync(crlFile);
  }

  moduleInitMs(bundleFile, issuing.pem); // warm-up: the OS file cache
  const initMs = median(Array.from({ length: INIT_RUNS }, () => moduleInitMs(bundleFile, issuing.pem)));
  const bundleKb = code.byteLength / 1024;

  const misses: string[] = [];
  const verdict = (name: string, value: number, target: number) => {
    if (value >= target) misses.push(name);
    return value < target ? "meets" : "MISSES";
  };
  const largest = columns.at(-1)!.figures;
  const growth = (figures: LoadFigures) => figures.afterRefreshMb.at(-1)! - figures.afterRefreshMb[1];
  const cpu = (wall: number, cpuMs: number) => `${wall.toFixed(0)} ms (CPU ${cpuMs.toFixed(0)})`;
  const rows: [string, (figures: LoadFigures) => string, string][] = [
    [
      "parse + verify + index, median of 5",
      (f) => cpu(median(f.parseMs), median(f.parseCpuMs)),
      `< ${TARGETS.loadMs} ms: ${verdict("parse", median(largest.parseMs), TARGETS.loadMs)}`,
    ],
    [
      "creation to first decision",
      (f) => cpu(f.firstDecisionMs, f.firstDecisionCpuMs),
      `< ${TARGETS.loadMs} ms: ${verdict("first decision", largest.firstDecisionMs, TARGETS.loadMs)}`,
    ],
    [
      `peak RSS, ${HEAP_MB} MB heap`,
      (f) => `${f.peakRssMb.toFixed(0)} MB`,
      `< ${TARGETS.rssMb} MB: ${verdict("RSS", largest.peakRssMb, TARGETS.rssMb)}`,
    ],
    [
      "warm decision p50 / p99",
      (f) => `${f.warmMs.p50.toFixed(4)} / ${f.warmMs.p99.toFixed(4)} ms`,
      `p99 < ${TARGETS.p99Ms} ms: ${verdict("p99", Math.max(...columns.map((c) => c.figures.warmMs.p99)), TARGETS.p99Ms)}`,
    ],
    [
      "first-sight decision p50 / p99",
      (f) => `${f.firstSightMs.p50.toFixed(3)} / ${f.firstSightMs.p99.toFixed(3)} ms`,
      "no target (certificate parsed and verified)",
    ],
    [
      "held after refreshes 2..6",
      (f) =>
        `${f.afterRefreshMb
          .slice(1)
          .map((mb) => mb.toFixed(0))
          .join(" ")} MB`,
      `growth < ${TARGETS.growthMb} MB: ${verdict("growth", Math.max(...columns.map((c) => growth(c.figures))), TARGETS.growthMb)}`,
    ],
  ];
  const width = 38;
  const cell = 26;
  console.log(`Authorizer benchmark (${CLIENTS} client certificates, every tenth revoked; 100,000 warm decisions)`);
  console.log(
    `  ${"".padEnd(width)}${columns.map((c) => `${c.size.toLocaleString("en")} entries`.padEnd(cell)).join("")}target`,
  );
  console.log(
    `  ${"CRL size (DER)".padEnd(width)}${columns.map((c) => `${c.megabytes.toFixed(1)} MB`.padEnd(cell)).join("")}`,
  );
  for (const [label, show, target] of rows) {
    console.log(`  ${label.padEnd(width)}${columns.map((c) => show(c.figures).padEnd(cell)).join("")}${target}`);
  }
  console.log(
    `  ${"module init (median of 7)".padEnd(width)}${`${initMs.toFixed(1)} ms`.padEnd(cell * columns.length)}< ${TARGETS.initMs} ms: ${verdict("init", initMs, TARGETS.initMs)}`,
  );
  console.log(
    `  ${"bundle (@aws-sdk/* external)".padEnd(width)}${`${bundleKb.toFixed(1)} KB`.padEnd(cell * columns.length)}< ${TARGETS.bundleKb} KB: ${verdict("bundle", bundleKb, TARGETS.bundleKb)}`,
  );
  console.log(
    `  machine: ${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(2)}, Node ${process.version}`,
  );
  console.log(misses.length === 0 ? "  targets met" : `  TARGETS MISSED: ${misses.join(", ")}`);
  return misses.length === 0 ? 0 : 1;
}

runBenchmark(
  "bench:authorizer",
  "authorizer costs with 100,000- and 1,000,000-entry CRLs: load time, peak RSS at 512 MB, decision p50/p99, refresh growth, init, bundle",
  main,
);
