// The measured half of npm run bench:authorizer, run by it in a fresh process with the function's memory
// (node --max-old-space-size=448 --expose-gc: a 512 MB Lambda leaves V8 about that much heap). It loads only the
// authorizer, as the function does, and prints one JSON line of figures for the CRL it is given:
//   node --max-old-space-size=448 --expose-gc tools/run-bundled.cjs tools/performance/bench/authorizer-load.ts \
//     <crl file> <issuing CA PEM file> <JSON file of client certificate PEMs>
import * as fs from "node:fs";
import { createAuthorizer, type HttpApiAuthorizerEvent } from "../../../functions/authorizer/authorizer";
import { readCrl } from "../../../functions/authorizer/crl";
import { readIssuingCa } from "../../../functions/authorizer/issuing-ca";
import { peakResidentKb } from "./peak-memory";

const PARSE_RUNS = 5;
const DECISIONS = 100_000;
const REFRESHES = 6;

export interface LoadFigures {
  readonly indexed: number;
  /** From the authorizer's creation to its first decision: fetch (from memory), parse, verify, index, decide. */
  readonly firstDecisionMs: number;
  readonly firstDecisionCpuMs: number;
  /** Decisions on a certificate not seen before (parsed and verified), the CRL loaded: p50 and p99. */
  readonly firstSightMs: { p50: number; p99: number };
  readonly parseMs: number[];
  /** CPU time (user + system) of each parse: on a shared machine, the figure the load average does not inflate. */
  readonly parseCpuMs: number[];
  readonly warmMs: { p50: number; p99: number; max: number };
  readonly allowed: number;
  /** Heap and external memory after a full collection, after each refresh that loaded the CRL again. */
  readonly afterRefreshMb: number[];
  readonly peakRssMb: number;
}

const gc = (globalThis as { gc?: () => void }).gc;

/** Heap and off-heap memory (typed arrays and buffers count as external) still reachable after full collections. */
async function retainedMb(): Promise<number> {
  for (let i = 0; i < 3; i++) {
    gc!();
    await pause();
  }
  const usage = process.memoryUsage();
  return (usage.heapUsed + usage.external) / 1048576;
}

function pause(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 5));
}

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))];
}

async function main(): Promise<void> {
  const [crlFile, caFile, clientsFile] = process.argv.slice(2);
  if (!crlFile || !caFile || !clientsFile || !gc) {
    console.error(
      "usage: node --expose-gc tools/run-bundled.cjs tools/performance/bench/authorizer-load.ts <crl> <ca pem> <clients json>",
    );
    process.exit(2);
  }
  const caPem = fs.readFileSync(caFile, "utf8");
  const clients = JSON.parse(fs.readFileSync(clientsFile, "utf8")) as string[];
  let now = Date.now();
  let version = 0;
  let loads = 0;
  const authorizer = createAuthorizer({
    issuers: [
      {
        name: "bench",
        pem: caPem,
        // Read from disk on each fetch, as S3 hands over a new buffer each time: nothing is shared between loads.
        crlSource: {
          description: crlFile,
          fetch: async () => ({ status: "fetched", body: fs.readFileSync(crlFile), etag: `"v${++version}"` }),
        },
      },
    ],
    clock: () => now,
    log: (entry) => {
      if (entry.event === "crl_loaded") loads++;
      else if (entry.event !== "decision") throw new Error(`unexpected CRL event: ${JSON.stringify(entry)}`);
    },
  });
  const events: HttpApiAuthorizerEvent[] = clients.map((clientCertPem) => ({
    version: "2.0",
    requestContext: { requestId: "bench", authentication: { clientCert: { clientCertPem } } },
  }));

  const cpu = process.cpuUsage();
  const started = performance.now();
  await authorizer.authorize(events[0]);
  const firstDecisionMs = performance.now() - started;
  const firstCpu = process.cpuUsage(cpu);
  if (loads !== 1) throw new Error("the first decision did not load the CRL");

  const warm: number[] = [];
  let allowed = 0;
  const firstSight: number[] = [];
  for (const event of events.slice(1)) {
    const start = performance.now();
    await authorizer.authorize(event);
    firstSight.push(performance.now() - start);
  }
  firstSight.sort((a, b) => a - b);
  for (let i = 0; i < DECISIONS; i++) {
    const start = performance.now();
    const result = await authorizer.authorize(events[i % events.length]);
    warm.push(performance.now() - start);
    if (result.isAuthorized) allowed++;
  }
  warm.sort((a, b) => a - b);

  // Refreshes: each a new ETag, so each fetched, parsed and indexed again while the previous CRL is held.
  const afterRefreshMb: number[] = [];
  for (let refresh = 0; refresh < REFRESHES; refresh++) {
    await pause(); // lets the last refresh settle, or the request below would find it still under way
    now += 301_000;
    const before: number = loads;
    await authorizer.authorize(events[0]);
    while (loads === before) await pause();
    afterRefreshMb.push(await retainedMb());
  }

  const ca = readIssuingCa("bench", caPem);
  const bytes = fs.readFileSync(crlFile);
  const parseMs: number[] = [];
  const parseCpuMs: number[] = [];
  let indexed = 0;
  for (let run = 0; run < PARSE_RUNS; run++) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    indexed = readCrl(bytes, ca).revokedSerials.size;
    parseMs.push(performance.now() - start);
    const used = process.cpuUsage(cpu);
    parseCpuMs.push((used.user + used.system) / 1000);
  }
  const figures: LoadFigures = {
    indexed,
    firstDecisionMs,
    firstDecisionCpuMs: (firstCpu.user + firstCpu.system) / 1000,
    firstSightMs: { p50: percentile(firstSight, 0.5), p99: percentile(firstSight, 0.99) },
    parseMs,
    parseCpuMs,
    warmMs: { p50: percentile(warm, 0.5), p99: percentile(warm, 0.99), max: warm.at(-1)! },
    allowed,
    afterRefreshMb,
    peakRssMb: peakResidentKb() / 1024,
  };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

main().catch((error: Error) => {
  console.error(`authorizer-load: ${error.message}`);
  process.exit(3);
});
