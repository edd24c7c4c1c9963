// A JSON document a user edits (a configuration, the suppressions), read so that a syntax error says where it is:
// "line 42, column 7: comma expected", where JSON.parse says "at position 1178". jsonc-parser finds the place.
import { parse, printParseErrorCode, type ParseError } from "jsonc-parser";

/** Where a JSON text first breaks, as "line L, column C: <what>"; undefined when the text is valid JSON. */
export function jsonSyntaxError(text: string): string | undefined {
  const errors: ParseError[] = [];
  parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (!first) return undefined;
  const before = text.slice(0, first.offset).split("\n");
  const what = printParseErrorCode(first.error)
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase();
  return `line ${before.length}, column ${before[before.length - 1].length + 1}: ${what}`;
}

/** JSON.parse whose error names the line and column (`describe` turns that into the message to throw). */
export function parseJsonText(text: string, describe: (where: string) => Error): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw describe(jsonSyntaxError(text) ?? (error as Error).message);
  }
}
