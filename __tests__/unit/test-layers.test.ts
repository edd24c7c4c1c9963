// The test layers are jest projects (__tests__/layers.json, read by jest.projects.js): each layer is a folder of
// __tests__ and runs the test files under it. A test file outside every layer folder would silently not run, so
// this holds every test file to exactly one layer, and every layer to at least one file.
import * as fs from "node:fs";
import * as path from "node:path";
import { PROJECT_ROOT } from "../../lib/project-root";

import LAYERS from "../layers.json";

const TESTS = path.join(PROJECT_ROOT, "__tests__");
const projects = Object.entries(LAYERS).map(([displayName, folder]) => ({ displayName, folder }));

function testFiles(folder: string): string[] {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : testFiles(file);
    return entry.name.endsWith(".test.ts") ? [file] : [];
  });
}

const layersOf = (file: string) =>
  projects.filter(({ folder }) => file.startsWith(path.join(TESTS, folder) + path.sep)).map((p) => p.displayName);

test("every test file is in exactly one layer's folder", () => {
  const files = testFiles(TESTS);
  expect(files.length).toBeGreaterThan(50);
  const outside = files.filter((file) => layersOf(file).length !== 1).map((file) => path.relative(PROJECT_ROOT, file));
  expect(outside).toEqual([]);
});

test("every layer's folder holds test files, and no two layers share a folder", () => {
  expect(projects.length).toBeGreaterThan(5);
  const files = testFiles(TESTS);
  const empty = projects.filter(({ displayName }) => !files.some((file) => layersOf(file).includes(displayName)));
  expect(empty).toEqual([]);
  expect(new Set(projects.map(({ folder }) => folder)).size).toBe(projects.length);
});

test("a test file outside every layer's folder would be refused", () => {
  expect(layersOf(path.join(TESTS, "stray.test.ts"))).toEqual([]);
  expect(layersOf(path.join(TESTS, "helpers", "stray.test.ts"))).toEqual([]);
  expect(layersOf(path.join(TESTS, "unit", "authorizer", "access.test.ts"))).toEqual(["unit"]);
});

test("npm run test:quick selects layers that exist, and leaves out real Terraform and the doc tests", () => {
  const quick: string = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8")).scripts[
    "test:quick"
  ];
  // The words after --selectProjects, as the shell splits them.
  const words = quick.split("--selectProjects")[1] ?? "";
  const selected = [...words.matchAll(/"([^"]+)"|(\S+)/g)].map(([, quoted, bare]) => quoted ?? bare);
  expect(new Set(selected)).toEqual(new Set(["unit", "synth", "end to end"]));
  expect(projects.map((project) => project.displayName)).toEqual(
    expect.arrayContaining([...selected, "terraform", "docs"]),
  );
});

test("npm test leaves out the emulator layer, which npm run test:emulator runs and .ci/run runs after npm test", () => {
  /* eslint-disable @typescript-eslint/no-require-imports -- the jest configurations are plain CommonJS */
  const npmTest = require("../../jest.config.js") as { projects: { displayName: string }[] };
  const emulator = require("../../jest.emulator.config.js") as { projects: { displayName: string }[] };
  /* eslint-enable @typescript-eslint/no-require-imports */
  const names = (config: { projects: { displayName: string }[] }) => config.projects.map((p) => p.displayName);
  expect(names(npmTest)).toEqual(projects.map((project) => project.displayName).filter((name) => name !== "emulator"));
  expect(names(emulator)).toEqual(["emulator"]);
  const scripts = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8")).scripts;
  expect(scripts["test:emulator"]).toBe("jest -c jest.emulator.config.js");
  const ci = fs.readFileSync(path.join(PROJECT_ROOT, ".ci", "run"), "utf8");
  expect(ci.indexOf("npm run test:emulator")).toBeGreaterThan(ci.indexOf("npm test"));
});
