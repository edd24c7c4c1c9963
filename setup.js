// Runs before every test file: keep it cheap. cdktf's jest matchers are installed only by the files that use them
// (import "./helpers/cdktf-matchers"), since loading cdktf costs each file about half a second.

// The pinned AWS SDK clients run on Node 20 and warn, once per test file, that releases after January 2027 will
// need Node 22. The README says so once; the test log does not need it 20 times.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
