// Two warnings a user of this project can do nothing about, made quiet or short; every other warning is printed
// as Node prints it.
// - cdktf 0.21 (archived) calls util.isArray, which Node 22 and later deprecate (DEP0044) on every synth: dropped,
//   but only when cdktf's own code is the caller.
// - The AWS SDK's NodeVersionSupportWarning is seven lines on Node 20: said once, in one line.

const CDKTF_CODE = /[\\/]node_modules[\\/]cdktf[\\/]/;
/** The deprecation cdktf's util.isArray calls raise on Node 22 and later. */
export const CDKTF_DEPRECATION = "DEP0044";
const SDK_NODE_NOTICE = /^NodeVersionSupportWarning: .*?will require node >=(\d+)/s;
const SDK_NOTICE_LINK = /https:\/\/\S+/;

type EmitWarning = typeof process.emitWarning;

function warningCode(warning: string | Error, rest: unknown[]): string | undefined {
  if (warning instanceof Error) return (warning as NodeJS.ErrnoException).code;
  const [typeOrOptions, code] = rest;
  if (typeOrOptions && typeof typeOrOptions === "object") return (typeOrOptions as { code?: string }).code;
  return typeof code === "string" ? code : undefined;
}

let installed = false;
let noticeShown = false;

/** Wraps process.emitWarning once per process; `write` prints the short notice (stderr). */
export function quietKnownWarnings(write: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): void {
  if (installed) return;
  installed = true;
  const emit: EmitWarning = process.emitWarning.bind(process);
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const text = typeof warning === "string" ? warning : warning.message;
    if (warningCode(warning, rest) === CDKTF_DEPRECATION && CDKTF_CODE.test(new Error().stack ?? "")) return;
    const notice = SDK_NODE_NOTICE.exec(text);
    if (notice) {
      // Each copy of the SDK's core warns once (client-acm-pca carries its own): the user hears it once.
      if (noticeShown) return;
      noticeShown = true;
      const link = SDK_NOTICE_LINK.exec(text)?.[0] ?? "";
      write(
        `note: AWS SDK releases after January 2027 need Node ${notice[1]} or later (this is ${process.version}) ${link}`.trimEnd(),
      );
      return;
    }
    (emit as (...args: unknown[]) => void)(warning, ...rest);
  }) as EmitWarning;
}

/**
 * NODE_OPTIONS that silence cdktf's deprecation in processes where the filter above cannot reach: jest's workers
 * run test code with a copy of `process`, so Node's own warning path never sees the wrapper. Less narrow (any
 * caller's DEP0044), so only for the test run; unchanged where this Node lacks --disable-warning (before 20.11).
 */
export function nodeOptionsQuietingCdktf(current: string | undefined): string | undefined {
  if (!process.allowedNodeEnvironmentFlags.has("--disable-warning")) return current;
  return [current, `--disable-warning=${CDKTF_DEPRECATION}`].filter(Boolean).join(" ");
}
