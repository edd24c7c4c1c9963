// The two warnings a user can do nothing about: cdktf's util.isArray deprecation (DEP0044, Node 22 and later) is
// dropped when cdktf is the caller and only then, and the AWS SDK's seven-line Node 20 notice becomes one line,
// once. Every other warning reaches Node as it was emitted.
import { App, TerraformOutput, TerraformStack } from "cdktf";
import { emitWarningIfUnsupportedVersion } from "@aws-sdk/core/client";
import { spawnSync } from "node:child_process";
import { nodeOptionsQuietingCdktf, quietKnownWarnings } from "../../lib/known-warnings";

// The module object cdktf calls through (require("util")), not an import's frozen namespace.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const nodeUtil: { isArray: (value: unknown) => boolean } = require("node:util");
const DEP0044 = "The `util.isArray` API is deprecated. Please use `Array.isArray()` instead.";

describe("known warnings", () => {
  const emitted = jest.spyOn(process, "emitWarning").mockImplementation(() => {});
  const notices: string[] = [];
  quietKnownWarnings((line) => notices.push(line));
  afterEach(() => emitted.mockClear());

  test("util.isArray's deprecation is dropped when cdktf calls it, as Node 22 and 24 emit it", () => {
    // Node 20 does not warn yet: util.isArray stands in for Node 22's, which emits DEP0044 on first use.
    const isArray = jest.spyOn(nodeUtil, "isArray").mockImplementation((value) => {
      process.emitWarning(DEP0044, "DeprecationWarning", "DEP0044");
      return Array.isArray(value);
    });
    try {
      const app = new App({ outdir: "unused" });
      const stack = new TerraformStack(app, "stack");
      new TerraformOutput(stack, "name", { value: { a: "x" } });
      expect(Object.keys((stack.toTerraform() as { output: object }).output)).toEqual(["name"]);
      expect(isArray).toHaveBeenCalled();
    } finally {
      isArray.mockRestore();
    }
    expect(emitted).not.toHaveBeenCalled();
  });

  test("the same deprecation from anyone else, and any other warning, reach Node untouched", () => {
    process.emitWarning(DEP0044, "DeprecationWarning", "DEP0044");
    process.emitWarning("something else", { code: "X1" });
    expect(emitted.mock.calls).toEqual([
      [DEP0044, "DeprecationWarning", "DEP0044"],
      ["something else", { code: "X1" }],
    ]);
  });

  test("the AWS SDK's Node version notice is one line, said once however often the SDK warns", () => {
    emitWarningIfUnsupportedVersion("v20.20.2");
    process.emitWarning(
      "NodeVersionSupportWarning: The AWS SDK for JavaScript (v3)\nversions published later\nwill require node >=22. You are running node v20.\n\nMore information can be found at: https://a.co/c895JFp",
    );
    expect(emitted).not.toHaveBeenCalled();
    expect(notices).toEqual([
      `note: AWS SDK releases after January 2027 need Node 22 or later (this is ${process.version}) https://a.co/c895JFp`,
    ]);
  });
});

describe("the test run's workers", () => {
  // jest's workers run test code with a copy of `process`, out of the filter's reach: they get Node's own flag.
  const deprecation = (nodeOptions: string | undefined) =>
    spawnSync(
      process.execPath,
      [
        "-e",
        `process.emitWarning("${DEP0044}", "DeprecationWarning", "DEP0044"); process.emitWarning("kept", { code: "X1" })`,
      ],
      { encoding: "utf8", env: { ...process.env, NODE_OPTIONS: nodeOptions ?? "" } },
    ).stderr;

  test("keep what NODE_OPTIONS held and drop DEP0044 alone, in a real Node process", () => {
    const options = nodeOptionsQuietingCdktf("--max-old-space-size=512");
    expect(options).toBe("--max-old-space-size=512 --disable-warning=DEP0044");
    expect(deprecation(undefined)).toContain("[DEP0044]");
    const quieted = deprecation(options);
    expect(quieted).not.toContain("DEP0044");
    expect(quieted).toContain("kept");
  });
});
