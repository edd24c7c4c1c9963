/* global afterAll, expect */
// Runs before every test file: keep it cheap. cdktf's jest matchers are installed only by the files that use them
// (import "./helpers/cdktf-matchers"), since loading cdktf costs each file about half a second.
const fs = require("node:fs");

// The pinned AWS SDK clients run on Node 20 and warn, once per test file, that releases after January 2027 will
// need Node 22. The README says so once; the test log does not need it 20 times.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

// cdktf records a full stack trace (no depth limit) for every lazy token it creates, only to say where a token
// was made if it cannot be resolved. Under jest each trace is mapped through the source maps of every frame
// (jest's source-map-support), which cost a fifth of the unit and synth layers' CPU (51.7 -> 39.8 s, measured
// with --runInBand). The tests do not read those traces; the synthesized JSON is the same without them. The
// module is tiny and loads nothing else, so this does not load cdktf into files that do not use it. A cdktf
// without that module (a fork that moved it) just runs slower.
try {
  require("cdktf/lib/tokens/private/stack-trace").captureStackTrace = () => [];
} catch {
  // Nothing to skip.
}

// cdktf's repeated Terraform version check is asked once per file where the tests synthesize
// (helpers/cdktf-version-check.ts): loading its module here would cost every file, most of which never synthesize.

// npm run bench:tests sets MTLS_TEST_CPU_LOG to learn what each file costs: the worker's CPU time and that of the
// processes it started and waited for (Terraform, curl, openssl, tools), from /proc (Linux only).
const cpuLog = process.env.MTLS_TEST_CPU_LOG;
if (cpuLog && fs.existsSync("/proc/self/stat")) {
  const cpuSeconds = () => {
    const stat = fs.readFileSync("/proc/self/stat", "utf8");
    const [utime, stime, cutime, cstime] = stat
      .slice(stat.lastIndexOf(")") + 2)
      .split(" ")
      .slice(11, 15)
      .map(Number);
    return (utime + stime + cutime + cstime) / 100;
  };
  // From here, before the test file loads: its top-level synths count too.
  const started = cpuSeconds();
  afterAll(() => {
    const file = expect.getState().testPath;
    fs.appendFileSync(cpuLog, `${JSON.stringify({ file, cpu: cpuSeconds() - started })}\n`);
  });
}
