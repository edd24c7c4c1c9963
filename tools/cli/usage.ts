// Usage text generated from the declarations: a synopsis line per command, then every option with its meaning.
import type { CommandDeclaration, OptionDeclarations, ToolDeclaration } from "./declaration";
import { ENV_OPTION, HELP_OPTION } from "./declaration";

const COLUMN = 34;

function optionSynopsis(name: string, option: OptionDeclarations[string]): string {
  return option.type === "string" ? `--${name} ${option.value ?? "VALUE"}` : `--${name}`;
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
    return `  ${flag.padEnd(COLUMN - 2)} ${option.description}`;
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
