// tools/run-bundled.cjs, the launcher of every npm tool script, in a scratch project of its own (a copy of the
// launcher beside cdktf.json, esbuild linked from the real node_modules): a bundle is made once and reused, made again when a
// file it was made from changes, and a source that does not compile is one line naming it, exit 3.
import * as fs from "node:fs";
import * as path from "node:path";
import { PROJECT_ROOT } from "../../lib/project-root";
import { testFolder } from "../helpers/pki";
import { RUN_BUNDLED, spawnAsync, type Run } from "../helpers/processes";

function scratchProject(): string {
  const root = testFolder("run-bundled");
  fs.writeFileSync(path.join(root, "cdktf.json"), "{}");
  fs.mkdirSync(path.join(root, "tools"));
  fs.copyFileSync(path.join(PROJECT_ROOT, RUN_BUNDLED), path.join(root, RUN_BUNDLED));
  for (const name of ["esbuild", "@esbuild"]) {
    fs.mkdirSync(path.join(root, "node_modules"), { recursive: true });
    fs.symlinkSync(path.join(PROJECT_ROOT, "node_modules", name), path.join(root, "node_modules", name), "dir");
  }
  fs.writeFileSync(path.join(root, "tools", "greeting.ts"), 'export const greeting: string = "hello";\n');
  fs.writeFileSync(
    path.join(root, "tools", "tool.ts"),
    [
      'import { greeting } from "./greeting";',
      "if (require.main === module) {",
      '  console.log(`${greeting} ${process.argv.slice(2).join(" ")}`);',
      "  process.exitCode = 1;",
      "}",
      "",
    ].join("\n"),
  );
  return root;
}

function launch(root: string, ...args: string[]): Promise<Run> {
  return spawnAsync(process.execPath, [RUN_BUNDLED, "tools/tool.ts", ...args], { cwd: root });
}

const cache = (root: string) => path.join(root, "node_modules", ".cache", "apigw-mtls-bundles");

function bundles(root: string): string[] {
  return fs.readdirSync(cache(root)).filter((file) => file.endsWith(".cjs"));
}

describe("node tools/run-bundled.cjs <entry.ts>", () => {
  let root: string;
  beforeEach(() => (root = scratchProject()));

  test("runs the entry as the main module, with its arguments and its exit code", async () => {
    const run = await launch(root, "a", "b");
    expect(run).toMatchObject({ status: 1, stdout: "hello a b\n", stderr: "" });
  });

  test("makes the bundle once, and again only when a file it was made from changes", async () => {
    await launch(root);
    const first = bundles(root);
    expect(first).toEqual([expect.stringMatching(/^tools~tool\.[0-9a-f]{16}\.cjs$/)]);
    const made = fs.statSync(path.join(cache(root), first[0])).mtimeMs;
    await launch(root);
    expect(bundles(root)).toEqual(first);
    expect(fs.statSync(path.join(cache(root), first[0])).mtimeMs).toBe(made);

    fs.writeFileSync(path.join(root, "tools", "greeting.ts"), 'export const greeting: string = "changed";\n');
    expect((await launch(root, "x")).stdout).toBe("changed x\n");
    const second = bundles(root);
    expect(second).toHaveLength(1);
    expect(second).not.toEqual(first);
  });

  test("a change to the launcher or to tsconfig.json (how bundles are made) makes the bundle again", async () => {
    await launch(root);
    const first = bundles(root);
    fs.appendFileSync(path.join(root, RUN_BUNDLED), "// another build option\n");
    await launch(root);
    expect(bundles(root)).toHaveLength(1);
    expect(bundles(root)).not.toEqual(first);
    const second = bundles(root);
    fs.writeFileSync(path.join(root, "tsconfig.json"), '{ "compilerOptions": { "target": "ES2022" } }');
    await launch(root);
    expect(bundles(root)).not.toEqual(second);
  });

  test("with --enable-source-maps, an error names the TypeScript file and line", async () => {
    fs.writeFileSync(
      path.join(root, "tools", "greeting.ts"),
      'export const greeting: string = "hello";\nthrow new Error("at line 2");\n',
    );
    const run = await spawnAsync(process.execPath, ["--enable-source-maps", RUN_BUNDLED, "tools/tool.ts"], {
      cwd: root,
    });
    expect(run.stderr).toContain(`${path.join(root, "tools", "greeting.ts")}:2:7`);
  });

  test("launches racing on a stale bundle each run the current code", async () => {
    fs.writeFileSync(path.join(root, "tools", "greeting.ts"), 'export const greeting: string = "raced";\n');
    const runs = await Promise.all([launch(root, "1"), launch(root, "2"), launch(root, "3")]);
    expect(runs.map((run) => run.stdout)).toEqual(["raced 1\n", "raced 2\n", "raced 3\n"]);
  });

  test("a source that does not compile: one line naming the file and line, exit 3", async () => {
    fs.writeFileSync(path.join(root, "tools", "greeting.ts"), "export const greeting: string = ;\n");
    const run = await launch(root);
    expect(run.status).toBe(3);
    expect(run.stderr).toMatch(/^tools\/tool\.ts: could not be bundled: tools\/greeting\.ts:1: Unexpected ";"\n$/);
  });

  test("two checkouts sharing node_modules (a link) share its bundles, and each runs for its own project", async () => {
    const other = scratchProject();
    fs.rmSync(path.join(other, "node_modules"), { recursive: true });
    fs.symlinkSync(path.join(root, "node_modules"), path.join(other, "node_modules"), "dir");
    for (const project of [root, other]) {
      fs.copyFileSync(
        path.join(PROJECT_ROOT, "lib", "project-root.ts"),
        path.join(project, "tools", "project-root.ts"),
      );
      fs.writeFileSync(
        path.join(project, "tools", "where.ts"),
        'import { PROJECT_ROOT } from "./project-root";\nconsole.log(PROJECT_ROOT);\n',
      );
    }
    const where = (project: string) => spawnAsync(process.execPath, [RUN_BUNDLED, "tools/where.ts"], { cwd: project });
    expect((await where(root)).stdout).toBe(`${root}\n`);
    expect((await where(other)).stdout).toBe(`${other}\n`);
    expect(bundles(root)).toEqual([expect.stringMatching(/^tools~where\./)]);
  });

  test("no entry, or not a TypeScript file: usage, exit 2", async () => {
    const run = await spawnAsync(process.execPath, [RUN_BUNDLED, "tools/tool.js"], { cwd: root });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^usage: node tools\/run-bundled\.cjs <entry\.ts>/);
  });
});

test("no project source finds files from its own folder (__dirname): a bundle runs from another folder", () => {
  const sources = ["lib", "tools", "stacks", "policies", "functions"].flatMap((folder) =>
    fs
      .readdirSync(path.join(PROJECT_ROOT, folder), { recursive: true, encoding: "utf8" })
      .filter((file) => file.endsWith(".ts"))
      .map((file) => path.join(folder, file)),
  );
  const using = sources.filter((file) =>
    /\b__(dirname|filename)\b/.test(fs.readFileSync(path.join(PROJECT_ROOT, file), "utf8")),
  );
  expect(using).toEqual(["lib/project-root.ts"]);
});

describe("the folder a tool works from", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- plain CommonJS, so that it runs uncompiled
  const { userDirectory } = require(path.join(PROJECT_ROOT, RUN_BUNDLED)) as {
    userDirectory: (entry: string, env: NodeJS.ProcessEnv) => string | undefined;
  };
  const entry = "tools/pki/cli.ts";

  test("the user's (INIT_CWD) when npm started this very tool as its script", () => {
    const env = { INIT_CWD: "/home/me/repo/docs", npm_lifecycle_script: `node tools/run-bundled.cjs ${entry}` };
    expect(userDirectory(entry, env)).toBe("/home/me/repo/docs");
  });

  test("its own when another script started it (npm test's tools), or npm did not", () => {
    expect(userDirectory(entry, { INIT_CWD: "/home/me/repo/docs", npm_lifecycle_script: "jest" })).toBeUndefined();
    const other = { INIT_CWD: "/x", npm_lifecycle_script: "node tools/run-bundled.cjs tools/review/cli.ts" };
    expect(userDirectory(entry, other)).toBeUndefined();
    expect(userDirectory(entry, {})).toBeUndefined();
  });
});
