// The test layers are jest projects (__tests__/layers.json, read by jest.config.js): every test file belongs to exactly one, so a new file that no
// layer names, or that two name, fails here instead of silently not running or running twice.
import * as fs from "node:fs";
import * as path from "node:path";
import { PROJECT_ROOT } from "../lib/project-root";

import LAYERS from "./layers.json";

const projects = Object.entries(LAYERS).map(([displayName, testRegex]) => ({ displayName, testRegex }));

function testFiles(folder: string): string[] {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(folder, entry.name);
    if (entry.isDirectory()) return testFiles(file);
    return entry.name.endsWith(".test.ts") ? [file] : [];
  });
}

test("every test file is in exactly one layer", () => {
  const files = testFiles(path.join(PROJECT_ROOT, "__tests__"));
  const layersOf = files.map((file) => ({
    file: path.relative(PROJECT_ROOT, file),
    layers: projects.filter((project) => new RegExp(project.testRegex).test(file)).map((p) => p.displayName),
  }));
  expect(layersOf.filter(({ layers }) => layers.length !== 1)).toEqual([]);
  expect(files.length).toBeGreaterThan(50);
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
  const npmTest = require("../jest.config.js") as { projects: { displayName: string }[] };
  const emulator = require("../jest.emulator.config.js") as { projects: { displayName: string }[] };
  /* eslint-enable @typescript-eslint/no-require-imports */
  const names = (config: { projects: { displayName: string }[] }) => config.projects.map((p) => p.displayName);
  expect(names(npmTest)).toEqual(projects.map((project) => project.displayName).filter((name) => name !== "emulator"));
  expect(names(emulator)).toEqual(["emulator"]);
  const scripts = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8")).scripts;
  expect(scripts["test:emulator"]).toBe("jest -c jest.emulator.config.js");
  const ci = fs.readFileSync(path.join(PROJECT_ROOT, ".ci", "run"), "utf8");
  expect(ci.indexOf("npm run test:emulator")).toBeGreaterThan(ci.indexOf("npm test"));
});
