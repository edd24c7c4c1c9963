// npm run bench:authorizer: the authorizer's costs with a CRL of 100,000 revoked serial numbers, on real
// material generated here (an RSA-2048 root and issuing CA, as the example config's ACM Private CA, and
// ECDSA client certificates). Prints, against the targets:
//   - CRL parse + signature check + index time (first run, as a cold function sees it, and the median);
//   - warm decision latency p50/p99 over 100,000 decisions (certificates the function has seen before);
//   - first-sight decision latency (a certificate the function has not seen: parse and verify it);
//   - module init time of the esbuild bundle (a fresh node process requiring it, as Lambda's init does);
//   - bundle size.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createCrl, createPki, issueClientCertificate } from "../../__tests__/helpers/test-pki";
import { randomSerialNumber } from "../pki/crypto/sign";
import { createAuthorizer, type HttpApiAuthorizerEvent } from "../../functions/authorizer/authorizer";
import { readCrl } from "../../functions/authorizer/crl";
import { readIssuingCa } from "../../functions/authorizer/issuing-ca";
import { LAMBDA_VARIABLES } from "../../functions/authorizer/settings";
import { bundleCode } from "../../lib/functions/bundle";
import { runBenchmark } from "./measure";
import { temporaryFolder } from "../../lib/temporary-folder";

const REVOKED = 100_000;
const DECISIONS = 100_000;
const CLIENTS = Number(process.env.MTLS_BENCH_CLIENTS ?? 200);
const PARSE_RUNS = 5;
const INIT_RUNS = 7;
const TARGETS = { parseMs: 1000, p99Ms: 0.2, initMs: 50, bundleKb: 300 };

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))];
}

function median(values: number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    0.5,
  );
}

function timed<T>(work: () => T): [T, number] {
  const started = performance.now();
  const result = work();
  return [result, performance.now() - started];
}

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

function httpEvent(clientCertPem: string): HttpApiAuthorizerEvent {
  return { version: "2.0", requestContext: { requestId: "bench", authentication: { clientCert: { clientCertPem } } } };
}

async function main(): Promise<number | void> {
  const code = bundleCode("authorizer");
  const bundle = {
    bytes: code.byteLength,
    file: path.join(temporaryFolder("mtls-authorizer-"), "index.js"),
  };
  fs.writeFileSync(bundle.file, code);

  console.log(`Generating material: RSA-2048 CAs, ${CLIENTS} client certificates, a CRL of ${REVOKED} serials...`);
  const { issuing } = await createPki("rsa");
  const clients = await Promise.all(Array.from({ length: CLIENTS }, () => issueClientCertificate(issuing)));
  const revokedClients = clients.filter((_, index) => index % 10 === 0);
  const serials = [...revokedClients.map((client) => client.serialNumber)];
  while (serials.length < REVOKED) serials.push(randomSerialNumber());
  const [crl, buildMs] = timed(() => createCrl(issuing, { revokedSerials: serials }));
  console.log(
    `  CRL: ${(crl.byteLength / 1e6).toFixed(1)} MB DER, built in ${(buildMs / 1000).toFixed(1)} s (not measured)`,
  );

  const ca = readIssuingCa("bench", issuing.pem);
  const parseMs = Array.from({ length: PARSE_RUNS }, () => timed(() => readCrl(crl, ca))[1]);
  const indexed = readCrl(crl, ca).revokedSerials.size;

  const authorizer = createAuthorizer({
    issuers: [
      {
        name: "bench",
        pem: issuing.pem,
        crlSource: { description: "memory", fetch: async () => ({ status: "fetched", body: crl, etag: '"bench"' }) },
      },
    ],
    log: (entry) => void JSON.stringify(entry), // serialized as in production, then dropped
  });
  const events = clients.map((client) => httpEvent(client.pem));
  await authorizer.authorize(events[0]); // loads the CRL
  const firstSight: number[] = [];
  for (const event of events.slice(1)) {
    const started = performance.now();
    await authorizer.authorize(event);
    firstSight.push(performance.now() - started);
  }
  const warm: number[] = [];
  let allowed = 0;
  for (let i = 0; i < DECISIONS; i++) {
    const started = performance.now();
    const result = await authorizer.authorize(events[i % events.length]);
    warm.push(performance.now() - started);
    if (result.isAuthorized) allowed++;
  }
  warm.sort((a, b) => a - b);
  firstSight.sort((a, b) => a - b);
  const expectedAllowed = DECISIONS - countRevoked(DECISIONS, events.length);
  if (allowed !== expectedAllowed) throw new Error(`expected ${expectedAllowed} allows, got ${allowed}`);

  const bundleFile = bundle.file;
  moduleInitMs(bundleFile, issuing.pem); // warm-up: the OS file cache
  const initMs = median(Array.from({ length: INIT_RUNS }, () => moduleInitMs(bundleFile, issuing.pem)));

  const figures = {
    parse: median(parseMs),
    p50: percentile(warm, 0.5),
    p99: percentile(warm, 0.99),
    init: initMs,
    bundleKb: bundle.bytes / 1024,
  };
  const verdict = (value: number, target: number) => (value < target ? "meets" : "MISSES");
  console.log(`Authorizer benchmark (${REVOKED} revoked serials, ${indexed} indexed)`);
  console.log(
    `  CRL parse + verify + index  median ${figures.parse.toFixed(0)} ms over ${PARSE_RUNS} runs, first run ${parseMs[0].toFixed(0)} ms  (target < ${TARGETS.parseMs} ms: ${verdict(figures.parse, TARGETS.parseMs)})`,
  );
  console.log(
    `  warm decision               p50 ${figures.p50.toFixed(4)} ms, p99 ${figures.p99.toFixed(4)} ms, max ${warm.at(-1)!.toFixed(2)} ms over ${DECISIONS} decisions (${CLIENTS} certificates, ${allowed} allowed)  (target p99 < ${TARGETS.p99Ms} ms: ${verdict(figures.p99, TARGETS.p99Ms)})`,
  );
  console.log(
    `  first-sight decision        p50 ${percentile(firstSight, 0.5).toFixed(3)} ms, p99 ${percentile(firstSight, 0.99).toFixed(3)} ms (certificate parsed and verified; no target)`,
  );
  console.log(
    `  module init                 median ${figures.init.toFixed(1)} ms over ${INIT_RUNS} fresh processes  (target < ${TARGETS.initMs} ms: ${verdict(figures.init, TARGETS.initMs)})`,
  );
  console.log(
    `  bundle                      ${figures.bundleKb.toFixed(1)} KB (${bundle.bytes} bytes, @aws-sdk/* external)  (target < ${TARGETS.bundleKb} KB: ${verdict(figures.bundleKb, TARGETS.bundleKb)})`,
  );
  console.log(`  machine                     ${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(2)}`);
  const met =
    figures.parse < TARGETS.parseMs &&
    figures.p99 < TARGETS.p99Ms &&
    figures.init < TARGETS.initMs &&
    figures.bundleKb < TARGETS.bundleKb;
  console.log(met ? "  targets met" : "  TARGETS MISSED");
  return met ? 0 : 1;
}

/** Every tenth certificate is revoked; decisions cycle through the certificates in order. */
function countRevoked(decisions: number, clients: number): number {
  let revoked = 0;
  for (let i = 0; i < decisions; i++) if ((i % clients) % 10 === 0) revoked++;
  return revoked;
}

runBenchmark(
  "bench:authorizer",
  "authorizer costs with a 100,000-entry CRL: parse, decision p50/p99, init, bundle",
  main,
);
