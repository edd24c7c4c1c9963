// From the strings node:util parseArgs gives to the values a command's `run` receives: each option converted and
// checked as its declaration says (integer bounds, enum values, paths resolved and checked), defaults applied,
// conflicts and requirements enforced. A bad value is a UsageError naming the option, the value and the rule.
import * as fs from "node:fs";
import * as path from "node:path";
import { UsageError } from "../../lib/user-error";
import type { IntegerOption, OptionDeclaration, OptionDeclarations, PathOption } from "./declaration";

type Raw = Record<string, string | boolean | (string | boolean)[] | undefined>;
type Value = string | number | boolean | undefined;

/** The rule an integer option keeps, as messages and usage say it: "a whole number of days, at least 1". */
export function integerRule(option: IntegerOption): string {
  const noun = option.unit ? `a whole number of ${option.unit}` : "a whole number";
  if (option.min !== undefined && option.max !== undefined) return `${noun} from ${option.min} to ${option.max}`;
  if (option.min !== undefined) return `${noun}, at least ${option.min}`;
  if (option.max !== undefined) return `${noun}, at most ${option.max}`;
  return noun;
}

function integer(name: string, text: string, option: IntegerOption): number {
  const number = /^[+-]?\d+$/.test(text.trim()) ? Number(text) : NaN;
  const inRange =
    Number.isSafeInteger(number) &&
    (option.min === undefined || number >= option.min) &&
    (option.max === undefined || number <= option.max);
  if (!inRange) throw new UsageError(`--${name} ${JSON.stringify(text)}: must be ${integerRule(option)}`);
  return number;
}

function kindOf(file: string): "file" | "folder" | undefined {
  try {
    return fs.statSync(file).isDirectory() ? "folder" : "file";
  } catch {
    return undefined;
  }
}

function resolvedPath(name: string, text: string, option: PathOption): string {
  if (text === "") throw new UsageError(`--${name} "": must name a ${option.kind}`);
  const resolved = path.resolve(text);
  const where = resolved === text ? "" : ` (${resolved})`;
  if (option.check === "exists") {
    const found = kindOf(resolved);
    if (found === undefined) {
      throw new UsageError(`--${name} ${JSON.stringify(text)}: no such ${option.kind}${where}; check the path`);
    }
    if (found !== option.kind) {
      throw new UsageError(`--${name} ${JSON.stringify(text)}: is a ${found}${where}, not a ${option.kind}`);
    }
  }
  if (option.check === "parent-exists" && kindOf(path.dirname(resolved)) !== "folder") {
    throw new UsageError(
      `--${name} ${JSON.stringify(text)}: the folder ${path.dirname(resolved)} does not exist; create it first`,
    );
  }
  return resolved;
}

function converted(name: string, option: OptionDeclaration, given: string | boolean | undefined): Value {
  if (option.type === "boolean") return given === true;
  const text = typeof given === "string" ? given : undefined;
  switch (option.type) {
    case "string":
      return text ?? option.default;
    case "integer":
      return text === undefined ? option.default : integer(name, text, option);
    case "path":
      if (text === undefined) return option.default === undefined ? undefined : path.resolve(option.default);
      return resolvedPath(name, text, option);
    case "enum":
      if (text === undefined) return option.default;
      if (!option.values.includes(text)) {
        throw new UsageError(`--${name} ${JSON.stringify(text)}: must be one of ${option.values.join(", ")}`);
      }
      return text;
  }
}

/** A path as messages show it: relative to where the command was typed when inside that folder, else absolute. */
export function shownPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : file;
}

/** The options that cannot go with this one: those it names, and those that name it. */
export function conflictsOf(name: string, options: OptionDeclarations): string[] {
  return Object.keys(options).filter(
    (other) => options[name]?.conflicts?.includes(other) || options[other]?.conflicts?.includes(name),
  );
}

function checkCombinations(options: OptionDeclarations, given: readonly string[]): void {
  const meaning = (name: string) => `--${name}: ${options[name].description}`;
  for (const name of given) {
    const conflict = conflictsOf(name, options).find((other) => given.includes(other));
    if (conflict) {
      throw new UsageError(
        `--${name} and --${conflict} cannot be given together: pick one (${meaning(name)}; ${meaning(conflict)})`,
      );
    }
    const missing = options[name].requires?.find((other) => !given.includes(other));
    if (missing) {
      throw new UsageError(`--${name} needs --${missing}: add --${missing} or drop --${name} (${meaning(name)})`);
    }
  }
}

/**
 * The typed values of the declared options from parseArgs' strings (a repeated option: its last value). Throws a
 * UsageError on the first conflict or missing requirement, then on the first bad value.
 */
export function convertOptions(options: OptionDeclarations, raw: Raw): Record<string, Value> {
  const last = (value: Raw[string]) => (Array.isArray(value) ? value[value.length - 1] : value);
  checkCombinations(
    options,
    Object.keys(options).filter((name) => raw[name] !== undefined),
  );
  return Object.fromEntries(
    Object.entries(options).map(([name, option]) => [name, converted(name, option, last(raw[name]))]),
  );
}

/** Declaration mistakes the compiler cannot see: a conflict or requirement naming an undeclared option, a default
 * outside its own rule. */
export function declarationProblems(options: OptionDeclarations): string[] {
  return Object.entries(options).flatMap(([name, option]) => {
    const undeclared = [...(option.conflicts ?? []), ...(option.requires ?? [])]
      .filter((other) => !(other in options))
      .map((other) => `--${name} names --${other}, which is not declared beside it`);
    const fallback = option.type === "integer" || option.type === "enum" ? option.default : undefined;
    if (fallback === undefined) return undeclared;
    try {
      converted(name, option, String(fallback));
      return undeclared;
    } catch (error) {
      return [...undeclared, `the default of ${(error as Error).message}`];
    }
  });
}
