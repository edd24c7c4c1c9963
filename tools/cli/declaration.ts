// What a command declares: its positional arguments, its options and what it does. Parsing, usage text and
// the `help` check all read these declarations, so an option exists in exactly one place.

export interface OptionDeclaration {
  readonly type: "string" | "boolean";
  readonly short?: string;
  /** The value's name in usage text, e.g. N or FILE (string options). */
  readonly value?: string;
  readonly description: string;
}

export type OptionDeclarations = Readonly<Record<string, OptionDeclaration>>;

export type OptionValues<O extends OptionDeclarations> = {
  readonly [K in keyof O]: O[K]["type"] extends "boolean" ? boolean | undefined : string | undefined;
};

export interface CommandInput<O extends OptionDeclarations> {
  readonly values: OptionValues<O>;
  /** The positional arguments after the command's name. */
  readonly positionals: readonly string[];
}

export interface CommandDeclaration<O extends OptionDeclarations = OptionDeclarations> {
  /** The sub-command's name (pki issue); absent for a tool that does one thing. */
  readonly name?: string;
  /** Positional arguments as usage shows them: "<name>" is required, "[<name>]" optional, "<file>..." repeats. */
  readonly positionals?: readonly string[];
  readonly summary: string;
  readonly options: O;
  /** Resolves with the exit code (tools/cli/exit codes). */
  readonly run: (input: CommandInput<O>) => Promise<number> | number;
}

export interface ToolDeclaration {
  /** The npm script: `npm run <script> -- ...`. */
  readonly script: string;
  readonly summary: string;
  readonly commands: readonly CommandDeclaration[];
  /** Options every command of the tool accepts (pki: --dir, --passphrase-file). */
  readonly sharedOptions?: OptionDeclarations;
  /** Lines printed at the end of the usage: what the exit codes mean for this tool, where input comes from. */
  readonly notes?: readonly string[];
}

/**
 * Declares a command: `run` sees its values typed from its options. The result is the untyped declaration a tool
 * lists (a typed return would let the list's type drive the inference and erase the option types).
 */
export function command<O extends OptionDeclarations>(declaration: CommandDeclaration<O>): CommandDeclaration {
  return declaration as unknown as CommandDeclaration;
}

/** Accepted by every command that works on one environment. */
export const ENV_OPTION = {
  env: {
    type: "string",
    value: "ENV",
    description: "the environment, config/<ENV>.json (wins over MTLS_CONFIG and MTLS_ENV)",
  },
} as const satisfies OptionDeclarations;

export const HELP_OPTION = {
  help: { type: "boolean", short: "h", description: "print this usage and exit" },
} as const satisfies OptionDeclarations;
