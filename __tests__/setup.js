// Runs before every test file: keep it cheap. cdktf's jest matchers are installed only by the files that use them
// (import "../helpers/cdktf-matchers"), since loading cdktf costs each file about half a second.

// The pinned AWS SDK clients run on Node 20 and warn, once per test file, that releases after January 2027 will
// need Node 22. The README says so once; the test log does not need it 20 times.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

// The performance plumbing (tools/performance/, docs/benchmarks.md): cdktf's token stack traces skipped, and each
// file's CPU time logged when npm run bench:tests asks for it. cdktf's repeated Terraform version check is asked
// once per file where the tests synthesize (tools/performance/cdktf-version-check.ts): loading its module here
// would cost every file, most of which never synthesize.
require("../tools/performance/cdktf-stack-traces.cjs");
require("../tools/performance/bench/test-file-cpu.cjs");
