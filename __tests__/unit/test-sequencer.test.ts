// The order of a run without jest's timings (a clean clone, CI): the heaviest layers' files first, by size within
// a layer; once jest has timings, its own longest-first order.
import * as fs from "node:fs";
import { temporaryFolder } from "../../lib/temporary-folder";

/* eslint-disable @typescript-eslint/no-require-imports -- the jest configuration and the sequencer are plain CommonJS */
const Sequencer = require("../../tools/performance/test-sequencer.cjs");
const { NPM_TEST_LAYERS } = require("../../jest.projects.js") as { NPM_TEST_LAYERS: string[] };
/* eslint-enable @typescript-eslint/no-require-imports */

interface SequencedTest {
  path: string;
  duration?: number;
  context: { config: Record<string, unknown>; hasteFS: { getSize: (file: string) => number } };
}

function testsOf(files: Record<string, { layer: string; size: number }>, cacheDirectory: string): SequencedTest[] {
  const contexts = new Map<string, SequencedTest["context"]>();
  const contextOf = (layer: string) => {
    if (!contexts.has(layer)) {
      contexts.set(layer, {
        config: { displayName: { name: layer }, cache: true, cacheDirectory, id: layer.replace(/ /g, "-"), haste: {} },
        hasteFS: { getSize: (file) => files[file].size },
      });
    }
    return contexts.get(layer)!;
  };
  return Object.entries(files).map(([file, { layer }]) => ({ path: file, context: contextOf(layer) }));
}

const FILES = {
  "unit/big.test.ts": { layer: "unit", size: 90_000 },
  "unit/small.test.ts": { layer: "unit", size: 1_000 },
  "type-check/typecheck.test.ts": { layer: "type-check", size: 500 },
  "docs/docs.test.ts": { layer: "docs", size: 8_000 },
  "terraform/plan.test.ts": { layer: "terraform", size: 20_000 },
  "terraform/mirror.test.ts": { layer: "terraform", size: 2_000 },
};

test("names every layer npm test runs", () => {
  expect([...Sequencer.HEAVIEST_FILES_FIRST].sort()).toEqual([...NPM_TEST_LAYERS].sort());
});

test("without timings: the heaviest layers' files first, the larger first within a layer (not by size alone)", () => {
  const order = new Sequencer()
    .sort(testsOf(FILES, temporaryFolder("mtls-sequencer-")))
    .map((t: SequencedTest) => t.path);
  expect(order).toEqual([
    "docs/docs.test.ts",
    "type-check/typecheck.test.ts",
    "terraform/plan.test.ts",
    "terraform/mirror.test.ts",
    "unit/big.test.ts",
    "unit/small.test.ts",
  ]);
});

test("with jest's timings from an earlier run: jest's own order, longest first", () => {
  const cacheDirectory = temporaryFolder("mtls-sequencer-");
  const tests = testsOf(FILES, cacheDirectory);
  const seconds: Record<string, number> = { "unit/small.test.ts": 30, "docs/docs.test.ts": 1 };
  new Sequencer().cacheResults(tests, {
    testResults: tests.map((test) => ({
      testFilePath: test.path,
      numFailingTests: 0,
      perfStats: { runtime: (seconds[test.path] ?? 2) * 1000 },
    })),
  });
  expect(fs.readdirSync(cacheDirectory).filter((name) => name.startsWith("perf-cache-"))).toHaveLength(4);
  const order = new Sequencer().sort(testsOf(FILES, cacheDirectory)).map((t: SequencedTest) => t.path);
  expect(order[0]).toBe("unit/small.test.ts");
  expect(order.at(-1)).toBe("docs/docs.test.ts");
});
