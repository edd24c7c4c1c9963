// npm run bench:lint: lints a 1,000-certificate truststore bundle (10 roots, each with 99 issuing CAs),
// the figure that matters in CI and at synth time (target: under 1 second), then hostile input: files of
// nothing but unterminated BEGIN lines (0.9 MB took 7.8 s and 50 MB did not finish before the scan was linear;
// 50 MB then took 800 MB of memory, so the CLI now refuses a file over MAX_BUNDLE_BYTES unread).
import { generateKeyPairSync, type KeyObject } from "node:crypto";
import { lintStatus, lintTruststore, MAX_BUNDLE_BYTES } from "../../../lib/truststore-lint/lint";
import { x509 } from "../../../lib/x509/peculiar-x509";
import { signatureParams } from "../../pki/crypto/algorithms";
import { signingKey, spki } from "../../pki/crypto/keys";
import { median, report, timed, runBenchmark } from "./measure";
import { peakResidentKb } from "./peak-memory";

const ROOTS = 10;
const ISSUING_PER_ROOT = 99;
const RUNS = 5;
const TARGET_MS = 1000;
const HOSTILE_MEGABYTES = [0.9, MAX_BUNDLE_BYTES / 1024 / 1024];
const DAY = 24 * 60 * 60 * 1000;

async function certificate(
  name: string,
  publicKey: KeyObject,
  issuer: { name: string; key: KeyObject },
  pathLength?: number,
) {
  const now = Date.now();
  const generated = await x509.X509CertificateGenerator.create({
    subject: `CN=${name}`,
    issuer: `CN=${issuer.name}`,
    notBefore: new Date(now - DAY),
    notAfter: new Date(now + 365 * DAY),
    publicKey: spki(publicKey),
    signingKey: await signingKey(issuer.key, "SHA-256"),
    signingAlgorithm: signatureParams(issuer.key, "SHA-256"),
    extensions: [
      new x509.BasicConstraintsExtension(true, pathLength, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
    ],
  });
  return `${generated.toString("pem")}\n`;
}

async function bundleOfThousand(): Promise<string> {
  const issuing: string[] = [];
  const roots: string[] = [];
  for (let r = 0; r < ROOTS; r++) {
    const root = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const rootName = `Bench Root ${r}`;
    roots.push(await certificate(rootName, root.publicKey, { name: rootName, key: root.privateKey }, 1));
    for (let i = 0; i < ISSUING_PER_ROOT; i++) {
      const keys = generateKeyPairSync("ec", { namedCurve: "P-256" });
      issuing.push(
        await certificate(`Bench Issuing ${r}-${i}`, keys.publicKey, { name: rootName, key: root.privateKey }, 0),
      );
    }
  }
  return [...issuing, ...roots].join("");
}

async function main(): Promise<void> {
  const { result: bundle, ms: buildMs } = await timed(bundleOfThousand);
  const runs: { ms: number; status: number; certificates: number }[] = [];
  for (let i = 0; i < RUNS; i++) {
    const { result, ms } = await timed(() => lintTruststore(bundle));
    runs.push({ ms, status: lintStatus(result), certificates: result.certificates.length });
  }
  const times = runs.map((run) => run.ms);
  const best = Math.min(...times);
  const middle = median(times);
  report("truststore lint benchmark", [
    [
      "bundle",
      `${runs[0].certificates} certificates, ${(bundle.length / 1024).toFixed(0)} KiB (built in ${(buildMs / 1000).toFixed(1)} s)`,
    ],
    ["lint status", runs[0].status === 0 ? "clean" : `status ${runs[0].status} (expected clean)`],
    [
      `lint time, ${RUNS} runs`,
      `median ${middle.toFixed(0)} ms, best ${best.toFixed(0)} ms, first ${times[0].toFixed(0)} ms`,
    ],
    ["target", `< ${TARGET_MS} ms: ${middle < TARGET_MS ? "met" : "MISSED"}`],
    ...(await hostileRows()),
  ]);
}

/** Unterminated BEGIN lines, as many as fit in the size: the input that made the old scan quadratic. */
async function hostileRows(): Promise<[string, string][]> {
  const rows: [string, string][] = [];
  for (const megabytes of HOSTILE_MEGABYTES) {
    const line = "-----BEGIN CERTIFICATE-----\n";
    const content = line.repeat(Math.round((megabytes * 1024 * 1024) / line.length));
    const { result, ms } = await timed(() => lintTruststore(content));
    rows.push([
      `unterminated BEGIN lines, ${megabytes} MB`,
      `${ms.toFixed(0)} ms, ${result.errors} error(s), ${result.findings.length} finding(s) shown`,
    ]);
  }
  // The largest input the CLI accepts was linted last: the process's peak is the linter's worst case.
  rows.push([
    "peak memory of this process",
    `${(peakResidentKb() / 1024).toFixed(0)} MB (a file over ${MAX_BUNDLE_BYTES / 1024 / 1024} MiB is refused unread)`,
  ]);
  return rows;
}

runBenchmark("bench:lint", "time linting a 1,000-certificate bundle (target < 1 s)", main);
