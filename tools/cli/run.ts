// The one place a tool's command line is parsed and its errors are caught: options a command did not declare
// are refused, a user error is printed as its message alone (never a stack trace), and every tool exits by
// the same convention (lib/user-error.ts EXIT).
import { parseArgs, type ParseArgsConfig } from "node:util";
import { quietKnownWarnings } from "../../lib/known-warnings";
import { EXIT, UsageError, UserError } from "../../lib/user-error";
import {
  HELP_OPTION,
  type CommandDeclaration,
  type CommandInput,
  type OptionDeclarations,
  type ToolDeclaration,
} from "./declaration";
import { convertOptions } from "./options";
import { synopsis, toolUsage } from "./usage";

export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

export const PROCESS_IO: Io = { out: (text) => console.log(text), err: (text) => console.error(text) };

type ParseOptions = NonNullable<ParseArgsConfig["options"]>;

function parseOptions(options: OptionDeclarations): ParseOptions {
  return Object.fromEntries(
    Object.entries(options).map(([name, option]) => [
      name,
      {
        type: option.type === "boolean" ? ("boolean" as const) : ("string" as const),
        ...(option.short ? { short: option.short } : {}),
      },
    ]),
  );
}

/** node:util's parse errors, in one line: "unknown option --x", "option --days needs a value". */
function parseErrorMessage(error: NodeJS.ErrnoException): string {
  const flag = /'(-[^' ]+)/.exec(error.message)?.[1];
  if (error.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") return `unknown option ${flag}`;
  if (error.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    if (/argument missing/.test(error.message)) return `option ${flag} needs a value`;
    if (/ambiguous/.test(error.message)) {
      return `option ${flag} is followed by a word starting with a dash: give a value that starts with one as ${flag}=-VALUE`;
    }
    return `option ${flag} takes no value`;
  }
  return error.message.split(". ")[0];
}

function isParseError(error: unknown): error is NodeJS.ErrnoException {
  return Boolean((error as NodeJS.ErrnoException)?.code?.startsWith("ERR_PARSE_ARGS"));
}

/** The sub-command named on the command line: the first argument that is not an option or an option's value. */
function pickCommand(tool: ToolDeclaration, argv: string[]): { command?: CommandDeclaration; rest: string[] } {
  if (tool.commands.length === 1 && !tool.commands[0].name) return { command: tool.commands[0], rest: argv };
  const every = Object.assign({}, tool.sharedOptions, HELP_OPTION, ...tool.commands.map((entry) => entry.options));
  const { tokens } = parseArgs({ args: argv, options: parseOptions(every), strict: false, tokens: true });
  const first = tokens.find((token) => token.kind === "positional");
  if (!first) return { rest: argv };
  const command = tool.commands.find((candidate) => candidate.name === first.value);
  if (!command) {
    const names = tool.commands.map((candidate) => candidate.name).join(", ");
    throw new UsageError(`unknown command ${JSON.stringify(first.value)} (commands: ${names})`);
  }
  return { command, rest: argv.filter((_, index) => index !== first.index) };
}

function checkPositionals(command: CommandDeclaration, positionals: string[]): void {
  const declared = command.positionals ?? [];
  const required = declared.filter((name) => name.startsWith("<")).length;
  const repeats = declared.some((name) => name.endsWith("..."));
  if (positionals.length < required) {
    throw new UsageError(`missing ${declared.slice(positionals.length).find((name) => name.startsWith("<"))}`);
  }
  if (!repeats && positionals.length > declared.length) {
    throw new UsageError(`unexpected argument ${JSON.stringify(positionals[declared.length])}`);
  }
}

function dispatch(
  tool: ToolDeclaration,
  argv: string[],
  io: Io,
  picked: { command?: CommandDeclaration },
): number | Promise<number> {
  const { command, rest } = pickCommand(tool, argv);
  picked.command = command;
  const options = { ...command?.options, ...tool.sharedOptions, ...HELP_OPTION };
  const { values, positionals } = parseArgs({ args: rest, options: parseOptions(options), allowPositionals: true });
  if (values.help) {
    io.out(toolUsage(tool));
    return EXIT.ok;
  }
  if (!command) throw new UsageError("missing command");
  checkPositionals(command, positionals);
  const typed = convertOptions(options, values) as CommandInput<OptionDeclarations>["values"];
  return command.run({ values: typed, positionals });
}

function reportError(tool: ToolDeclaration, command: CommandDeclaration | undefined, error: unknown, io: Io): number {
  const name = command?.name ? `${tool.script} ${command.name}` : tool.script;
  const usage = command ? synopsis(tool, command) : `npm run ${tool.script} -- <command>`;
  const help = `usage: ${usage} (npm run ${tool.script} -- --help explains each option)`;
  if (isParseError(error)) {
    io.err(`${name}: ${parseErrorMessage(error)}; ${help}`);
    return EXIT.usage;
  }
  if (error instanceof UsageError) {
    io.err(`${name}: ${error.message}; ${help}`);
    return EXIT.usage;
  }
  if (error instanceof UserError) {
    io.err(`${name}: ${error.message}`);
    return error.exitCode;
  }
  const trace = error instanceof Error ? (error.stack ?? error.message) : String(error);
  io.err(`${name}: could not finish, an unexpected error (a bug: please report it with this trace)\n${trace}`);
  return EXIT.couldNotCheck;
}

/**
 * Runs the tool with these arguments and gives its exit code (synchronously when the command's run is); never
 * throws.
 */
export function runCommandLine(tool: ToolDeclaration, argv: string[], io: Io = PROCESS_IO): number | Promise<number> {
  const picked: { command?: CommandDeclaration } = {};
  try {
    const result = dispatch(tool, argv, io, picked);
    return typeof result === "number" ? result : result.catch((error) => reportError(tool, picked.command, error, io));
  } catch (error) {
    return reportError(tool, picked.command, error, io);
  }
}

/**
 * Options npm kept for itself: `npm run review --json` (no `--` before it) makes npm take --json as its own
 * setting, pass it on as npm_config_json and start the tool without it. Only for the tool npm started as its
 * script: a tool started by another script (npm test) inherits that script's settings.
 */
export function optionsNpmKept(tool: ToolDeclaration, env: NodeJS.ProcessEnv = process.env): string[] {
  if (env.npm_lifecycle_event !== tool.script) return [];
  const declared = Object.keys(
    Object.assign({}, tool.sharedOptions, HELP_OPTION, ...tool.commands.map((entry) => entry.options)),
  );
  return declared
    .filter((name) => env[`npm_config_${name.replace(/-/g, "_")}`] !== undefined)
    .map((name) => `--${name}`);
}

function npmKeptMessage(tool: ToolDeclaration, kept: string[]): string {
  return `${tool.script}: npm took ${kept.join(" ")} as its own option, so the tool never saw it: put -- between the script and the tool's options (npm run ${tool.script} -- ${kept.join(" ")} ...)`;
}

/** The entry point of a tool's cli.ts: runs it on the process's arguments and sets the exit code. */
export function main(tool: ToolDeclaration, argv = process.argv.slice(2)): void {
  quietKnownWarnings();
  const kept = optionsNpmKept(tool);
  if (kept.length > 0) {
    PROCESS_IO.err(npmKeptMessage(tool, kept));
    process.exitCode = EXIT.usage;
    return;
  }
  void Promise.resolve(runCommandLine(tool, argv)).then((code) => {
    process.exitCode = code;
  });
}
