// Typed options (tools/cli/declaration.ts, tools/cli/options.ts): each type converts and checks its value before
// `run`, a default is applied once, a conflict or a missing requirement is refused; a mistake is one line naming
// the option, the value and the rule, exit 2, and `run` never starts. In process, through the frame
// (runCommandLine); cli.test.ts runs real tools for the same refusals and holds docs/cli.md to the declarations.
import * as fs from "node:fs";
import * as path from "node:path";
import { temporaryFolder } from "../../lib/temporary-folder";
import { EXIT } from "../../lib/user-error";
import { command, type ToolDeclaration } from "../../tools/cli/declaration";
import { declarationProblems } from "../../tools/cli/options";
import { runCommandLine } from "../../tools/cli/run";
import { toolUsage } from "../../tools/cli/usage";

const runs: Record<string, unknown>[] = [];

const TYPED: ToolDeclaration = {
  script: "typed",
  summary: "test tool",
  commands: [
    command({
      summary: "records the values it receives",
      options: {
        days: { type: "integer", min: 1, max: 90, unit: "days", default: 30, description: "validity" },
        retries: { type: "integer", min: 0, description: "tries after the first" },
        level: { type: "enum", values: ["low", "high"], default: "low", description: "how much" },
        input: { type: "path", kind: "file", check: "exists", description: "read this" },
        report: { type: "path", kind: "file", check: "parent-exists", description: "write here" },
        archive: { type: "path", kind: "folder", requires: ["report"], description: "keep copies" },
        name: { type: "string", default: "anon", description: "who" },
        quiet: { type: "boolean", conflicts: ["verbose"], description: "say less" },
        verbose: { type: "boolean", description: "say more" },
      },
      run: ({ values }) => {
        // The compiler holds these: a number, the enum's words, a path string, a flag that is never undefined.
        const days: number = values.days;
        const retries: number | undefined = values.retries;
        const level: "low" | "high" = values.level;
        const input: string | undefined = values.input;
        const name: string = values.name;
        const quiet: boolean = values.quiet;
        runs.push({ days, retries, level, input, archive: values.archive, name, quiet });
        return EXIT.ok;
      },
    }),
  ],
};

async function capture(args: string[]) {
  const err: string[] = [];
  const io = { out: () => {}, err: (text: string) => err.push(text) };
  const before = runs.length;
  const code = await Promise.resolve(runCommandLine(TYPED, args, io));
  return { code, err, ran: runs.length > before, values: runs[runs.length - 1] };
}

const folder = temporaryFolder("mtls-cli-options-");
const file = path.join(folder, "input.txt");
fs.writeFileSync(file, "x");

describe("each type converts and checks its value", () => {
  test("absent options get their declared default, a flag is false, an option without default is unset", async () => {
    const { code, values } = await capture([]);
    expect(code).toBe(EXIT.ok);
    expect(values).toEqual({
      days: 30,
      retries: undefined,
      level: "low",
      input: undefined,
      archive: undefined,
      name: "anon",
      quiet: false,
    });
  });

  test("given options arrive converted: a number, an enum word, a path resolved from the working folder", async () => {
    const relative = path.relative(process.cwd(), file);
    expect(path.isAbsolute(relative)).toBe(false);
    const { code, values } = await capture(["--days", "90", "--retries", "0", "--level", "high", "--input", relative]);
    expect(code).toBe(EXIT.ok);
    expect(values).toMatchObject({ days: 90, retries: 0, level: "high", input: file });
  });

  const missing = path.join(folder, "missing.txt");
  const usage = "; usage: npm run typed -- [--days N] [--retries N] [--level VALUE] [--input FILE]";
  test.each([
    ["an integer that is a word", ["--days", "two"], `--days "two": must be a whole number of days from 1 to 90`],
    ["an integer with a fraction", ["--days", "1.5"], `--days "1.5": must be a whole number of days from 1 to 90`],
    ["an integer in exponent form", ["--days", "1e1"], `--days "1e1": must be a whole number of days from 1 to 90`],
    ["an integer under its minimum", ["--days", "0"], `--days "0": must be a whole number of days from 1 to 90`],
    ["an integer over its maximum", ["--days", "91"], `--days "91": must be a whole number of days from 1 to 90`],
    [
      "an integer under its minimum, joined with =",
      ["--retries=-1"],
      `--retries "-1": must be a whole number, at least 0`,
    ],
    [
      "a value starting with a dash, not joined",
      ["--retries", "-1"],
      "option --retries is followed by a word starting with a dash: give a value that starts with one as --retries=-VALUE",
    ],
    ["a word outside the enum", ["--level", "medium"], `--level "medium": must be one of low, high`],
    ["a path that does not exist", ["--input", missing], `--input "${missing}": no such file; check the path`],
    ["a folder where a file must exist", ["--input", folder], `--input "${folder}": is a folder, not a file`],
    [
      "a file to write in a folder that does not exist",
      ["--report", path.join(missing, "r.txt")],
      `--report "${path.join(missing, "r.txt")}": the folder ${missing} does not exist; create it first`,
    ],
    [
      "two options that conflict",
      ["--quiet", "--verbose"],
      "--quiet and --verbose cannot be given together: pick one (--quiet: say less; --verbose: say more)",
    ],
    [
      "the same two the other way round",
      ["--verbose", "--quiet"],
      "--quiet and --verbose cannot be given together: pick one (--quiet: say less; --verbose: say more)",
    ],
    [
      "an option without the one it requires",
      ["--archive", folder],
      "--archive needs --report: add --report or drop --archive (--archive: keep copies)",
    ],
  ])(
    "%s is refused in one line naming the option, the value and the rule; exit 2, run never starts",
    async (_label, args, message) => {
      const { code, err, ran } = await capture(args);
      expect({ code, ran, err }).toEqual({ code: EXIT.usage, ran: false, err: [expect.any(String)] });
      expect(err[0].startsWith(`typed: ${message}${usage}`)).toBe(true);
      expect(err[0]).toMatch(/\(npm run typed -- --help explains each option\)$/);
    },
  );

  test("a conflict is refused before a bad value is looked at", async () => {
    const { err } = await capture(["--quiet", "--verbose", "--days", "0"]);
    expect(err[0]).toMatch(/^typed: --quiet and --verbose cannot be given together/);
  });
});

describe("usage and declarations", () => {
  test("usage shows each option's type, bounds or words, default, conflicts and requirements", () => {
    const lines = toolUsage(TYPED).split("\n");
    const line = (flag: string) =>
      lines
        .find((candidate) => candidate.startsWith(`  ${flag} `))
        ?.trim()
        .replace(/ {2,}/, " ");
    expect([
      line("--days N"),
      line("--retries N"),
      line("--level VALUE"),
      line("--input FILE"),
      line("--report FILE"),
      line("--archive DIR"),
      line("--name VALUE"),
      line("--quiet"),
      line("--verbose"),
    ]).toEqual([
      "--days N validity (a whole number of days from 1 to 90; default 30)",
      "--retries N tries after the first (a whole number, at least 0)",
      "--level VALUE how much (one of low, high; default low)",
      "--input FILE read this (a file that must exist)",
      "--report FILE write here (a file in a folder that exists)",
      "--archive DIR keep copies (a folder; needs --report)",
      "--name VALUE who (default anon)",
      "--quiet say less (not with --verbose)",
      "--verbose say more (not with --quiet)",
    ]);
  });

  test("a conflict naming an undeclared option, or a default outside its own rule, is a declaration problem", () => {
    expect(
      declarationProblems({
        a: { type: "boolean", description: "a", conflicts: ["b"] },
        n: { type: "integer", min: 1, default: 0, description: "n" },
      }),
    ).toEqual([
      "--a names --b, which is not declared beside it",
      'the default of --n "0": must be a whole number, at least 1',
    ]);
  });
});
