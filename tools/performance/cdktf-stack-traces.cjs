// cdktf records a full stack trace (no depth limit) for every lazy token it creates, only to say where a token
// was made if it cannot be resolved. Under jest each trace is mapped through the source maps of every frame
// (jest's source-map-support), which cost a fifth of the unit and synth layers' CPU (docs/benchmarks.md). The
// tests do not read those traces; the synthesized JSON is the same without them. The module is tiny and loads
// nothing else, so this does not load cdktf into files that do not use it. A cdktf without that module (a fork
// that moved it) just runs slower. Required by __tests__/setup.js, before every test file.
try {
  require("cdktf/lib/tokens/private/stack-trace").captureStackTrace = () => [];
} catch {
  // Nothing to skip.
}
