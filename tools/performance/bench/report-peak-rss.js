// Preloaded into the measured process: on exit, writes its peak resident set size (KB) to the file named
// by MTLS_BENCH_RSS_FILE.
const { peakResidentKb } = require("./peak-memory");

process.on("exit", () => {
  require("node:fs").writeFileSync(process.env.MTLS_BENCH_RSS_FILE, String(peakResidentKb()));
});
