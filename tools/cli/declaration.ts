// What a command declares: its positional arguments, its options and what it does. Parsing, usage text and
// the `help` check all read these declarations, so an option, its type, bounds, default and conflicts exist in
// exactly one place (tools/cli/options.ts turns the command line into the typed values `run` receives).

interface OptionBase {
  readonly short?: string;
  readonly description: string;
  /** Options that cannot be given with this one: giving both is a usage error naming the two. */
  readonly conflicts?: readonly string[];
  /** Options this one needs beside it: giving it alone is a usage error naming what is missing. */
  readonly requires?: readonly string[];
}

/** A flag: `true` when given, `false` otherwise. */
export interface BooleanOption extends OptionBase {
  readonly type: "boolean";
}

export interface StringOption extends OptionBase {
  readonly type: "string";
  /** The value's name in usage text, e.g. NAME or URL. @default "VALUE" */
  readonly value?: string;
  readonly default?: string;
}

/** A whole number within [min, max] (both inclusive when set). */
export interface IntegerOption extends OptionBase {
  readonly type: "integer";
  /** @default "N" */
  readonly value?: string;
  readonly min?: number;
  readonly max?: number;
  /** What the number counts, as messages say it: "days", "seconds". */
  readonly unit?: string;
  readonly default?: number;
}

/**
 * A file or folder, resolved against the folder the command was typed in (the launcher starts a tool there,
 * tools/run-bundled.cjs): `run` receives the absolute path.
 */
export interface PathOption extends OptionBase {
  readonly type: "path";
  readonly kind: "file" | "folder";
  /** @default "FILE" or "DIR" */
  readonly value?: string;
  /** Checked before `run`: the path is there (something to read), or its folder is (somewhere to write). */
  readonly check?: "exists" | "parent-exists";
  /** Resolved as a given path is. */
  readonly default?: string;
}

/** One of a fixed list of words; `run` receives their union type. */
export interface EnumOption<V extends string = string> extends OptionBase {
  readonly type: "enum";
  readonly values: readonly V[];
  /** @default "VALUE" */
  readonly value?: string;
  readonly default?: NoInfer<V>;
}

export type OptionDeclaration = BooleanOption | StringOption | IntegerOption | PathOption | EnumOption;

export type OptionDeclarations = Readonly<Record<string, OptionDeclaration>>;

type OptionValue<D> = D extends BooleanOption
  ? boolean
  : D extends IntegerOption
    ? number
    : D extends EnumOption<infer V>
      ? V
      : string;

/** What `run` receives: converted and checked; unset only where the option has no default (a flag is false). */
export type OptionValues<O extends OptionDeclarations> = {
  readonly [K in keyof O]: O[K] extends BooleanOption
    ? boolean
    : O[K] extends { readonly default: unknown }
      ? OptionValue<O[K]>
      : OptionValue<O[K]> | undefined;
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
  /** Resolves with the exit code (tools/cli exit codes). */
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
export function command<const O extends OptionDeclarations>(declaration: CommandDeclaration<O>): CommandDeclaration {
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
