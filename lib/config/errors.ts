import type { core } from "zod";

export class ConfigError extends Error {
  constructor(
    readonly source: string,
    readonly problems: readonly string[],
  ) {
    super(
      [`Invalid configuration in ${source}:`, ...problems.map((problem) => `  - ${problem}`), "Nothing was synthesized."].join(
        "\n",
      ),
    );
    this.name = "ConfigError";
  }
}

const MAX_VALUE_LENGTH = 80;

function describeValue(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH - 1)}…` : text;
}

function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => {
    if (typeof key === "number") return `${text}[${key}]`;
    return text ? `${text}.${String(key)}` : String(key);
  }, "");
}

/** Turns one schema issue into "<field>: <rule> (got <value>)" lines. */
export function describeIssue(issue: core.$ZodIssue): string[] {
  const field = fieldPath(issue.path) || "(document)";
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map(
      (key) => `${fieldPath([...issue.path, key])}: is not a known setting; check its spelling against config/schema.json`,
    );
  }
  if (issue.code === "invalid_type" && issue.input === undefined) {
    const why = issue.message.startsWith("Invalid input") ? `expected ${issue.expected}` : issue.message;
    return [`${field}: is required (${why})`];
  }
  if (issue.code === "invalid_type") {
    // zod reports a failed .int() as an invalid type; a rule's own message says it better.
    const rule = issue.message.startsWith("Invalid input") ? `must be of type ${issue.expected}` : issue.message;
    return [`${field}: ${rule} (got ${describeValue(issue.input)})`];
  }
  const got = "input" in issue && issue.input !== undefined ? ` (got ${describeValue(issue.input)})` : "";
  return [`${field}: ${issue.message}${got}`];
}
