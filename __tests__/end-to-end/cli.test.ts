// The command-line frame every tool shares (tools/cli): declared options only, usage generated from the
// declarations and matched by `help`, one line for a mistake with the exit-code convention (0 ok, 1 findings,
// 2 usage or input, 3 could not check), one way to choose the environment.
import * as fs from "node:fs";
import * as path from "node:path";
import { PROJECT_ROOT } from "../../lib/project-root";
import { PkiError } from "../../lib/pki-folder/errors";
import { CannotCheckError, EXIT, UsageError } from "../../lib/user-error";
import { command, type ToolDeclaration } from "../../tools/cli/declaration";
import { chooseEnvironment } from "../../tools/cli/environment";
import { declarationProblems } from "../../tools/cli/options";
import { withReference } from "../../tools/cli/reference";
import { runCommandLine } from "../../tools/cli/run";
import { synopsis, toolUsage } from "../../tools/cli/usage";
import { PKI } from "../../tools/pki/cli";
import { selfManagedDocument, testFolder } from "../helpers/pki";
import { runToolAsync, type Run } from "../helpers/processes";
import { scriptTools } from "../helpers/script-tools";
import { bundledScripts } from "../../tools/cli/scripts";

const QUIET = { out: () => {}, err: () => {} };
/** Every tool package.json starts, from its entry point's declaration (helpers/script-tools.ts). */
const TOOLS: ToolDeclaration[] = scriptTools(QUIET);
const STACK_TRACE = /\n\s+at /;

function capture(tool: ToolDeclaration, args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io = { out: (text: string) => out.push(text), err: (text: string) => err.push(text) };
  return Promise.resolve(runCommandLine(tool, args, io)).then((code) => ({ code, out: out.join("\n"), err }));
}

/** One line on stderr, no stack trace. */
function expectOneLine(run: Run, pattern: RegExp): void {
  expect(run.stderr).not.toMatch(STACK_TRACE);
  expect(run.stderr.trimEnd().split("\n")).toEqual([expect.stringMatching(pattern)]);
}

describe("help", () => {
  const help = fs.readFileSync(path.join(PROJECT_ROOT, "help"), "utf8");
  const lines = help.split("\n").map((line) => line.trim());

  test.each(TOOLS.flatMap((tool) => tool.commands.map((entry) => [synopsis(tool, entry), tool] as const)))(
    "shows %s as the tool declares it",
    (line) => {
      expect(lines.some((candidate) => candidate === line || candidate.startsWith(`${line} `))).toBe(true);
    },
  );

  test("the tools are every framed npm script of package.json, the benchmarks aside", () => {
    const scripts = TOOLS.map((tool) => tool.script);
    expect(scripts.length).toBeGreaterThanOrEqual(12);
    expect(scripts).toEqual(expect.arrayContaining(["synth", "plan", "review", "verify", "pki", "gateway"]));
  });

  test("names every npm script package.json declares, and no other", () => {
    const { scripts } = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8"));
    const declared = Object.keys(scripts);
    const named = [...help.matchAll(/npm (?:run )?([\w:-]+)/g)]
      .map((match) => match[1])
      .filter((name) => name !== "ci");
    expect(bundledScripts().length).toBeGreaterThan(15);
    expect(declared.filter((script) => !named.includes(script))).toEqual([]);
    expect([...new Set(named.filter((script) => !declared.includes(script) && script !== "run"))]).toEqual([]);
  });

  test("lists each command as it is typed (npm run, npx), never a bare cdktf", () => {
    const commands = lines.filter((line) => /^(npm|npx|cdktf) /.test(line));
    expect(commands.length).toBeGreaterThan(20);
    expect(commands.filter((line) => line.startsWith("cdktf "))).toEqual([]);
  });

  test("names no option a tool does not declare", () => {
    const named = TOOLS.flatMap((tool) => {
      const declared = new Set(
        [tool.sharedOptions, ...tool.commands.map((entry) => entry.options)].flatMap((options) =>
          Object.keys(options ?? {}),
        ),
      );
      return lines
        .filter((line) => line.startsWith(`npm run ${tool.script} `) || line === `npm run ${tool.script}`)
        .flatMap((line) => [...line.matchAll(/\[--([a-z0-9-]+)/g)].map(([, flag]) => ({ line, flag, declared })));
    });
    expect(named.length).toBeGreaterThan(15);
    expect(
      named.filter(({ flag, declared }) => !declared.has(flag)).map(({ line, flag }) => `${flag} in ${line}`),
    ).toEqual([]);
  });

  test("--help prints the usage generated from the declaration and exits 0", async () => {
    const { code, out } = await capture(PKI, ["--help"]);
    expect(code).toBe(EXIT.ok);
    expect(out).toBe(toolUsage(PKI));
    expect(out).toContain("  issue <name> [--csr FILE] [--days N] [--replace]");
    expect(out).toMatch(/^ {2}--passphrase-file FILE +CA key passphrase/m);
  });
});

describe("the docs", () => {
  /** The exit codes a text names: "0 done, 1 ...", "**2** bad arguments". */
  const codes = (text: string) =>
    [...new Set([...text.matchAll(/(?:^|[\s:;,(*])([0-3])\**\s/g)].map((m) => m[1]))].sort();

  test("name the exit codes a tool declares (its --help), under the tool's own heading", () => {
    const documents = ["README.md", ...fs.readdirSync(path.join(PROJECT_ROOT, "docs")).map((name) => `docs/${name}`)];
    const stated = documents.flatMap((document) => {
      let script: string | undefined;
      return fs
        .readFileSync(path.join(PROJECT_ROOT, document), "utf8")
        .split(/\n\s*\n/)
        .flatMap((paragraph) => {
          if (paragraph.startsWith("#")) script = /`npm run ([\w:]+)`/.exec(paragraph)?.[1] ?? script;
          if (!/^exit status\b/i.test(paragraph) || !script) return [];
          return [{ document, script, text: paragraph.replace(/^[^:]*:/, "").split(/\.\s/)[0] }];
        });
    });
    expect(stated.length).toBeGreaterThanOrEqual(2);
    for (const { document, script, text } of stated) {
      const note = TOOLS.find((tool) => tool.script === script)?.notes?.find((line) => line.startsWith("exit status:"));
      expect({ document, script, codes: codes(text) }).toEqual({ document, script, codes: codes(note ?? "") });
    }
  });
});

describe("typed options", () => {
  test("every tool's declarations hold together: conflicts and requirements name declared options, defaults keep their rule", () => {
    const declared = TOOLS.flatMap((tool) =>
      [tool.sharedOptions ?? {}, ...tool.commands.map((entry) => entry.options)].map((options) => ({
        script: tool.script,
        options,
      })),
    );
    const typed = declared
      .flatMap(({ options }) => Object.values(options))
      .filter((option) => option.type !== "string");
    expect(typed.filter((option) => option.type === "integer").length).toBeGreaterThanOrEqual(6);
    expect(
      declared.flatMap(({ script, options }) => declarationProblems(options).map((problem) => `${script}: ${problem}`)),
    ).toEqual([]);
  });

  test("a default the docs state for an option is the one it declares", () => {
    const declared = new Map<string, Set<string>>();
    for (const tool of TOOLS) {
      for (const options of [tool.sharedOptions ?? {}, ...tool.commands.map((entry) => entry.options)]) {
        for (const [name, option] of Object.entries(options)) {
          if (option.type === "boolean" || option.default === undefined) continue;
          declared.set(name, (declared.get(name) ?? new Set()).add(String(option.default)));
        }
      }
    }
    const documents = [
      "README.md",
      "help",
      ...fs.readdirSync(path.join(PROJECT_ROOT, "docs")).map((name) => `docs/${name}`),
    ];
    const stated = documents.flatMap((document) =>
      [
        ...fs
          .readFileSync(path.join(PROJECT_ROOT, document), "utf8")
          .matchAll(/`--([a-z0-9-]+)(?: [A-Z]+)?`[^.|`]{0,40}\(default:? `?([^`);,]+)/g),
      ]
        .filter(([, name]) => declared.has(name))
        .map(([, name, value]) => ({ document, name, value: value.trim() })),
    );
    expect(stated.length).toBeGreaterThanOrEqual(1);
    expect(stated.filter(({ name, value }) => !declared.get(name)!.has(value))).toEqual([]);
  });

  test("docs/cli.md's options reference is every tool's usage as generated (npm run cli:docs after a change)", () => {
    const document = fs.readFileSync(path.join(PROJECT_ROOT, "docs", "cli.md"), "utf8");
    const usages = TOOLS.map((tool) => ({ script: tool.script, usage: toolUsage(tool) }));
    expect(usages.length).toBeGreaterThanOrEqual(12);
    expect(document).toBe(withReference(document, usages));
  });
});

describe("the frame", () => {
  const echo: ToolDeclaration = {
    script: "echo",
    summary: "test tool",
    commands: [
      command({
        positionals: ["<word>", "[<more>]"],
        summary: "echo",
        options: {
          loud: { type: "boolean", description: "shout" },
          times: { type: "string", value: "N", description: "n" },
        },
        run: ({ values, positionals }) => {
          if (positionals[0] === "pki") throw new PkiError("the CA is missing: run pki init");
          if (positionals[0] === "aws") throw new CannotCheckError("no credentials: set AWS_PROFILE");
          if (positionals[0] === "bug") throw new TypeError("undefined is not a function");
          return values.loud && values.times === "2" ? EXIT.findings : EXIT.ok;
        },
      }),
    ],
  };

  test.each([
    [["hello", "--loud", "--times", "2"], EXIT.findings, []],
    [
      ["hello", "--bogus"],
      EXIT.usage,
      [
        "echo: unknown option --bogus; usage: npm run echo -- <word> [<more>] [--loud] [--times N] (npm run echo -- --help explains each option)",
      ],
    ],
    [["hello", "--times"], EXIT.usage, [expect.stringMatching(/^echo: option --times needs a value; usage: /)]],
    [["hello", "--loud=yes"], EXIT.usage, [expect.stringMatching(/^echo: option --loud takes no value; usage: /)]],
    [[], EXIT.usage, [expect.stringMatching(/^echo: missing <word>; usage: /)]],
    [["a", "b", "c"], EXIT.usage, [expect.stringMatching(/^echo: unexpected argument "c"; usage: /)]],
    [["pki"], EXIT.usage, ["echo: the CA is missing: run pki init"]],
    [["aws"], EXIT.couldNotCheck, ["echo: no credentials: set AWS_PROFILE"]],
  ])("%j: exit %d, %j", async (args, code, err) => {
    const result = await capture(echo, args);
    expect({ code: result.code, err: result.err }).toEqual({ code, err });
  });

  test("an unexpected error is a bug: it says so, keeps its trace and exits 3", async () => {
    const { code, err } = await capture(echo, ["bug"]);
    expect(code).toBe(EXIT.couldNotCheck);
    expect(err[0]).toMatch(
      /^echo: could not finish, an unexpected error \(a bug: please report it with this trace\)\nTypeError: undefined is not a function\n\s+at /,
    );
  });

  test("a sub-command is found after the shared options, and an unknown one is refused with the list", async () => {
    const unknown = await capture(PKI, ["--dir", "somewhere", "frob"]);
    expect(unknown.code).toBe(EXIT.usage);
    expect(unknown.err[0]).toMatch(
      /^pki: unknown command "frob" \(commands: init, issue, server, revoke, crl, bundle, status, rotate, export, retire\)/,
    );
    const option = await capture(PKI, ["--dir", "somewhere", "status", "--force"]);
    expect(option.err[0]).toMatch(
      /^pki status: unknown option --force; usage: npm run pki -- status \[--warn-days N\] \[--json\]/,
    );
  });

  test.each(TOOLS)("$script refuses an unknown option in one line with exit 2", async (tool) => {
    const args = tool.commands.length > 1 ? [tool.commands[0].name!, "--no-such-option"] : ["--no-such-option"];
    const { code, err } = await capture(tool, args);
    expect({ code, err }).toEqual({
      code: EXIT.usage,
      err: [expect.stringMatching(/: unknown option --no-such-option; usage: npm run /)],
    });
  });
});

describe("choosing the environment", () => {
  test("--env (or the positional <env>) wins over MTLS_CONFIG, which wins over MTLS_ENV; the example is the default", () => {
    const env = { MTLS_CONFIG: "/tmp/team.json", MTLS_ENV: "dev" };
    expect(chooseEnvironment("prod", undefined, env)).toEqual({
      name: "prod",
      configEnv: { MTLS_CONFIG: "", MTLS_ENV: "prod" },
      source: "--env",
    });
    expect(chooseEnvironment(undefined, "prod", env)).toMatchObject({ name: "prod", source: "the <env> argument" });
    expect(chooseEnvironment(undefined, undefined, env)).toEqual({ configEnv: env });
    expect(chooseEnvironment(undefined, undefined, { MTLS_ENV: "dev" })).toMatchObject({
      name: "dev",
      source: "MTLS_ENV",
    });
    expect(chooseEnvironment(undefined, undefined, {}).name).toBe("example");
  });

  test("the environment given twice, differently, is a usage error", () => {
    expect(() => chooseEnvironment("prod", "dev", {})).toThrow(UsageError);
    expect(chooseEnvironment("dev", "dev", {}).name).toBe("dev");
  });
});

describe("the tools as users run them (real processes)", () => {
  const folder = testFolder("cli-frame");
  const noPki = path.join(folder, "no-pki.json");
  beforeAll(() => {
    const document = selfManagedDocument();
    document.pki.directory = path.join(folder, "pki-never-created");
    fs.writeFileSync(noPki, JSON.stringify(document));
  });

  test("a missing PKI: synth, synth:env, plan and plan:offline say to run pki init, exit 2, no trace", async () => {
    const env = { MTLS_CONFIG: noPki, MTLS_ENV: "" };
    const runs = await Promise.all([
      runToolAsync("tools/environments/synth-cli.ts", ["synth", "--outdir", path.join(folder, "out")], env),
      runToolAsync("tools/environments/synth-cli.ts", ["synth:env"], env),
      runToolAsync("tools/environments/run.ts", ["plan"], env),
      runToolAsync("tools/terraform/plan-offline.ts", [], env),
    ]);
    expect(runs).toHaveLength(4);
    for (const run of runs) {
      expect(run.status).toBe(EXIT.usage);
      expectOneLine(
        run,
        /^(synth|synth:env|plan|plan:offline): .*pki\.json does not exist: create the CA with `npm run pki -- init`/,
      );
    }
    expect(fs.existsSync(path.join(folder, "out"))).toBe(false);
  });

  test("a missing file: one line naming it, exit 2", async () => {
    const missing = path.join(folder, "missing.pem");
    const [lint, csr, config] = await Promise.all([
      runToolAsync("tools/truststore-lint/cli.ts", [missing]),
      runToolAsync("tools/pki/cli.ts", ["issue", "a", "--csr", missing], { MTLS_CONFIG: noPki }),
      runToolAsync("tools/environments/synth-cli.ts", ["synth:env"], { MTLS_CONFIG: missing }),
    ]);
    expectOneLine(lint, /^truststore:lint: cannot read .*missing\.pem \(ENOENT\): check the path/);
    expectOneLine(csr, /^pki issue: cannot read the CSR .*missing\.pem: check the path given to --csr$/);
    expect(config.stderr).toMatch(/missing\.pem:\n {2}- the file cannot be read: check the path in MTLS_CONFIG/);
    expect(config.stderr).not.toMatch(STACK_TRACE);
    expect([lint.status, csr.status, config.status]).toEqual([EXIT.usage, EXIT.usage, EXIT.usage]);
  });

  test("an unknown option, through the real entry points and a benchmark", async () => {
    const runs = await Promise.all([
      runToolAsync("tools/environments/run.ts", ["destroy", "--force"]),
      runToolAsync("tools/performance/bench/lint.ts", ["--fast"]),
    ]);
    expect(runs).toHaveLength(2);
    for (const run of runs) expect(run.status).toBe(EXIT.usage);
    expectOneLine(runs[0], /^destroy: unknown option --force; usage: npm run destroy -- \[<env>\] \[--auto-approve\]/);
    expectOneLine(runs[1], /^bench:lint: unknown option --fast; usage: npm run bench:lint /);
  });

  test("a bad integer, enum or path, and a conflict, through the real entry points: one line, exit 2", async () => {
    const runs = await Promise.all([
      runToolAsync("tools/truststore-lint/cli.ts", ["bundle.pem", "--expiry-warning-days", "soon"]),
      runToolAsync("tools/pki/cli.ts", ["revoke", "someone", "--reason", "boredom"], { MTLS_CONFIG: noPki }),
      runToolAsync("tools/pki/cli.ts", ["status", "--deployed-state", path.join(folder, "no-state.json")]),
      runToolAsync("tools/review/cli.ts", ["--all", "--json"]),
    ]);
    expect(runs.map((run) => run.status)).toEqual([EXIT.usage, EXIT.usage, EXIT.usage, EXIT.usage]);
    expectOneLine(
      runs[0],
      /^truststore:lint: --expiry-warning-days "soon": must be a whole number of days, at least 0; usage: /,
    );
    expectOneLine(
      runs[1],
      /^pki revoke: --reason "boredom": must be one of unspecified, keyCompromise, cACompromise, affiliationChanged, superseded, cessationOfOperation, privilegeWithdrawn; usage: /,
    );
    expectOneLine(runs[2], /^pki status: --deployed-state ".*no-state\.json": no such file; check the path; usage: /);
    expectOneLine(
      runs[3],
      /^review: --json and --all cannot be given together: pick one \(--json: .*; --all: .*\); usage: /,
    );
  });

  test("every npm script of a tool runs a file whose entry point is the frame", () => {
    const scripts: Record<string, string> = JSON.parse(
      fs.readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8"),
    ).scripts;
    const tools = ["synth", "synth:env", "plan", "deploy", "destroy", "plan:offline", "review", "verify", "pki"];
    tools.push("config:environments");
    for (const name of [
      ...tools,
      "truststore:lint",
      "gateway",
      ...Object.keys(scripts).filter((key) => key.startsWith("bench")),
    ]) {
      const file = /^node tools\/run-bundled\.cjs (\S+)/.exec(scripts[name])?.[1];
      const source = fs.readFileSync(path.join(PROJECT_ROOT, file!), "utf8");
      expect({ name, frame: /\b(main|runBenchmark)\(/.test(source) }).toEqual({ name, frame: true });
    }
  });
});
