// The Node.js line the Lambda functions run on, in one place: the Lambda runtime id and the esbuild target both
// follow it. Provider 5.100 (@cdktf/provider-aws 20.x) accepts nothing newer than nodejs22.x; docs/decisions.md
// says by when and how the project moves to provider 6.x for nodejs24.x.
export const NODE_MAJOR = 22;

/** The Lambda runtime identifier, e.g. nodejs22.x. */
export const LAMBDA_RUNTIME = `nodejs${NODE_MAJOR}.x`;

/** esbuild's target for the bundled handlers: the runtime's own Node.js, so nothing is down-levelled needlessly. */
export const ESBUILD_TARGET = `node${NODE_MAJOR}`;
