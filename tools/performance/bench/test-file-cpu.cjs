/* global afterAll, expect */
// npm run bench:tests sets MTLS_TEST_CPU_LOG to learn what each test file costs: the jest worker's CPU time and
// that of the processes it started and waited for (Terraform, curl, openssl, tools), from /proc (Linux only).
// Required by __tests__/setup.js, before every test file.
const fs = require("node:fs");

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
