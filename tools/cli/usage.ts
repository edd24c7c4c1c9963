// Usage text generated from the declarations: a synopsis line per command, then every option with its meaning,
// its type and bounds or allowed values, its default and the options it cannot go with or needs.
import type { CommandDeclaration, OptionDeclaration, OptionDeclarations, ToolDeclaration } from "./declaration";
import { ENV_OPTION, HELP_OPTION } from "./declaration";
import { conflictsOf, integerRule } from "./options";

const COLUMN = 34;

/** The value's name in usage: declared, else by type (N, FILE, DIR, VALUE). */
function valueName(option: Exclude<OptionDeclaration, { type: "boolean" }>): string {
  if (option.value) return option.value;
  if (option.type === "integer") return "N";
  if (option.type === "path") return option.kind === "folder" ? "DIR" : "FILE";
  return "VALUE";
}

function optionSynopsis(name: string, option: OptionDeclaration): string {
  return option.type === "boolean" ? `--${name}` : `--${name} ${valueName(option)}`;
}

/** What the declaration says beyond the description: "a whole number, at least 1; default 30; not with --x". */
export function optionRules(
  option: OptionDeclaration,
  conflicts: readonly string[] = option.conflicts ?? [],
): string[] {
  const rules: string[] = [];
  if (option.type === "integer") rules.push(integerRule(option));
  if (option.type === "enum") rules.push(`one of ${option.values.join(", ")}`);
  if (option.type === "path") {
    const where = { exists: " that must exist", "parent-exists": " in a folder that exists" };
    rules.push(`a ${option.kind}${option.check ? where[option.check] : ""}`);
  }
  if (option.type !== "boolean" && option.default !== undefined) rules.push(`default ${option.default}`);
  if (conflicts.length) rules.push(`not with ${conflicts.map((name) => `--${name}`).join(", ")}`);
  if (option.requires?.length) rules.push(`needs ${option.requires.map((name) => `--${name}`).join(", ")}`);
  return rules;
}

function optionText(option: OptionDeclaration, conflicts: readonly string[]): string {
  const rules = optionRules(option, conflicts);
  return rules.length > 0 ? `${option.description} (${rules.join("; ")})` : option.description;
}

/**
 * The command's own arguments and options: `issue <name> [--csr FILE] [--days N] [--replace]`. --env is left out:
 * every tool chooses the environment the same way, and `help` says so once.
 */
export function commandArguments(command: CommandDeclaration): string {
  const options = Object.entries(command.options)
    .filter(([name]) => !(name in ENV_OPTION))
    .map(([name, option]) => `[${optionSynopsis(name, option)}]`);
  return [command.name, ...(command.positionals ?? []), ...options].filter(Boolean).join(" ");
}

/** The line `help` shows for the command: `npm run pki -- issue <name> [--csr FILE] [--days N] [--replace]`. */
export function synopsis(tool: ToolDeclaration, command: CommandDeclaration): string {
  const rest = commandArguments(command);
  return rest ? `npm run ${tool.script} -- ${rest}` : `npm run ${tool.script}`;
}

function optionLines(options: OptionDeclarations): string[] {
  return Object.entries(options).map(([name, option]) => {
    const flag = `${option.short ? `-${option.short}, ` : ""}${optionSynopsis(name, option)}`;
    return `  ${flag.padEnd(COLUMN - 2)} ${optionText(option, conflictsOf(name, options))}`;
  });
}

export function toolUsage(tool: ToolDeclaration): string {
  const single = tool.commands.length === 1 && !tool.commands[0].name;
  const lines = single
    ? [`usage: ${synopsis(tool, tool.commands[0])}`, `  ${tool.summary}`]
    : [
        `usage: npm run ${tool.script} -- <command> [options]   ${tool.summary}`,
        ...tool.commands.flatMap((command) => {
          const head = `  ${commandArguments(command)}`;
          return head.length < COLUMN
            ? [`${head.padEnd(COLUMN)} ${command.summary}`]
            : [head, `${"".padEnd(COLUMN)} ${command.summary}`];
        }),
      ];
  const options = single ? tool.commands[0].options : {};
  const shared = { ...options, ...tool.sharedOptions, ...HELP_OPTION };
  lines.push(single ? "options:" : "options for every command:", ...optionLines(shared));
  if (!single) {
    for (const command of tool.commands.filter((candidate) => Object.keys(candidate.options).length > 0)) {
      lines.push(`options of ${command.name}:`, ...optionLines(command.options));
    }
  }
  lines.push(...(tool.notes ?? []));
  return lines.join("\n");
}
