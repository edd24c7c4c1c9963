// Every MTLS_* environment variable is declared once, in lib/environment-variables.ts: a name written anywhere in
// the sources, the CI files or the docs must be there, each declared variable is read where the table says, and
// docs/environment-variables.md carries the table as the module writes it.
import * as fs from "node:fs";
import * as path from "node:path";
import { ENVIRONMENT_VARIABLES, environmentVariablesTable } from "../../lib/environment-variables";
import { PROJECT_ROOT } from "../../lib/project-root";

const SOURCE_FOLDERS = [
  "lib",
  "stacks",
  "tools",
  "functions",
  "policies",
  "__tests__",
  ".github",
  ".ci",
  "terraform-tests",
];
const SOURCE_FILE = /(\.(ts|js|cjs|mjs|yml|yaml|sh|hcl)|^run)$/;
const DOC_FOLDERS = ["docs"];

function filesUnder(folder: string, pattern: RegExp): string[] {
  return fs
    .readdirSync(path.join(PROJECT_ROOT, folder), { recursive: true, encoding: "utf8" })
    .filter((file) => pattern.test(path.basename(file)) && !file.split(path.sep).includes("node_modules"))
    .map((file) => path.join(folder, file));
}

const SOURCES = [
  "main.ts",
  "jest.config.js",
  ...SOURCE_FOLDERS.flatMap((folder) => filesUnder(folder, SOURCE_FILE)),
].filter(
  // The table itself, and this test's example of an undeclared name.
  (file) =>
    ![
      path.join("lib", "environment-variables.ts"),
      path.join("__tests__", "unit", "environment-variables.test.ts"),
    ].includes(file),
);
const DOCS = ["README.md", "help", ...DOC_FOLDERS.flatMap((folder) => filesUnder(folder, /\.md$/))];
const DECLARED = new Set(ENVIRONMENT_VARIABLES.map(({ name }) => name));
const read = (file: string) => fs.readFileSync(path.join(PROJECT_ROOT, file), "utf8");

/** MTLS_* names in a text, less the code constants that happen to share the prefix (const MTLS_REST = ...). */
function variablesIn(text: string): string[] {
  const constants = new Set([...text.matchAll(/\bconst (MTLS_[A-Z0-9_]+)\b/g)].map((m) => m[1]));
  return [...text.matchAll(/\bMTLS_[A-Z0-9_]+\b/g)].map((m) => m[0]).filter((name) => !constants.has(name));
}

function undeclared(files: string[]): string[] {
  return files.flatMap((file) =>
    [...new Set(variablesIn(read(file)))].filter((name) => !DECLARED.has(name)).map((name) => `${file}: ${name}`),
  );
}

/** A Markdown table as Prettier may pad it: cells trimmed, separator rows as ---. */
const normalized = (table: string) =>
  table
    .split("\n")
    .map((line) =>
      line
        .replace(/-{3,}/g, "---")
        .replace(/ *\| */g, " | ")
        .trim(),
    )
    .join("\n");

describe("the MTLS_* environment variables", () => {
  test("are declared once each, with who reads them and what they mean", () => {
    expect(ENVIRONMENT_VARIABLES.length).toBeGreaterThanOrEqual(20);
    expect(DECLARED.size).toBe(ENVIRONMENT_VARIABLES.length);
    for (const variable of ENVIRONMENT_VARIABLES) expect(variable.meaning.length).toBeGreaterThan(10);
  });

  test("every name the sources and CI files write is declared", () => {
    expect(SOURCES.length).toBeGreaterThan(100);
    expect(undeclared(SOURCES)).toEqual([]);
  });

  test("every name the docs write is declared", () => {
    expect(DOCS.length).toBeGreaterThan(10);
    expect(undeclared(DOCS)).toEqual([]);
  });

  test("each is read by the file the table names", () => {
    expect(
      ENVIRONMENT_VARIABLES.filter(
        ({ name, readBy }) => !fs.existsSync(path.join(PROJECT_ROOT, readBy)) || !read(readBy).includes(name),
      ).map(({ name, readBy }) => `${name}: ${readBy}`),
    ).toEqual([]);
  });

  test("docs/environment-variables.md carries the table as lib/environment-variables.ts writes it", () => {
    const document = read("docs/environment-variables.md");
    const table = document.slice(document.search(/^\| Variable /m)).trimEnd();
    expect(normalized(table)).toBe(normalized(environmentVariablesTable()));
  });

  test("a name no table declares is refused, a code constant sharing the prefix is not", () => {
    expect(variablesIn('const MTLS_REST = "x"; process.env.MTLS_NEW_THING; MTLS_REST')).toEqual(["MTLS_NEW_THING"]);
  });
});
