import type { core } from "zod";
import { UserError } from "../user-error";

/** An invalid configuration document: every tool prints the problems, one per line, and exits 2. */
export class ConfigError extends UserError {
  constructor(
    readonly source: string,
    readonly problems: readonly string[],
  ) {
    super(
      [
        `Invalid configuration in ${source}:`,
        ...problems.map((problem) => `  - ${problem}`),
        "Nothing was synthesized.",
      ].join("\n"),
    );
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
      (key) =>
        `${fieldPath([...issue.path, key])}: is not a known setting; check its spelling against config/schema.json`,
    );
  }
  // zod's own wording starts "Invalid input"; a schema's custom message is already a rule.
  const customMessage = !issue.message.startsWith("Invalid input");
  if (issue.code === "invalid_type" && issue.input === undefined) {
    return [`${field}: is required (${customMessage ? issue.message : `expected ${issue.expected}`})`];
  }
  if (issue.code === "invalid_type" && !customMessage) {
    return [`${field}: must be of type ${issue.expected} (got ${describeValue(issue.input)})`];
  }
  const got = "input" in issue && issue.input !== undefined ? ` (got ${describeValue(issue.input)})` : "";
  return [`${field}: ${issue.message}${got}`];
}
