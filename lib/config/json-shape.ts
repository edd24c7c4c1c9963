// Reads a configuration document's shape before it is validated: nesting deeper than any setting needs is one
// line (a deep enough document overflowed the validator's stack), and a key given twice in one object, which
// JSON.parse silently resolves to the last, is reported with both lines. Scanning tokens (jsonc-parser's
// scanner, which decodes escapes, so "\u0061" and "a" are the same key) needs no recursion at any depth.
import { createScanner } from "jsonc-parser";

/** No setting is nested half as deep; anything deeper is a mistake or an attack. */
export const MAX_CONFIG_DEPTH = 32;

// jsonc-parser's SyntaxKind is a const enum, which isolated modules cannot read: the values it documents.
const OPEN_BRACE = 1;
const CLOSE_BRACE = 2;
const OPEN_BRACKET = 3;
const CLOSE_BRACKET = 4;
const COMMA = 5;
const COLON = 6;
const STRING = 10;

interface Frame {
  readonly path: string;
  /** Key -> 1-based line, for objects. */
  readonly keys?: Map<string, number>;
  index: number;
  expectingKey: boolean;
  current?: string;
}

function childPath(frame: Frame | undefined): string {
  if (!frame) return "";
  if (frame.keys) return frame.path ? `${frame.path}.${frame.current}` : (frame.current ?? "");
  return `${frame.path}[${frame.index}]`;
}

/** Problems of shape, as "<field>: <problem>" lines; empty when the document is fine (or not JSON at all). */
export function jsonShapeProblems(text: string): string[] {
  const scanner = createScanner(text, true);
  const frames: Frame[] = [];
  const problems: string[] = [];
  for (let token = scanner.scan(); token !== 17; token = scanner.scan()) {
    const top = frames[frames.length - 1];
    const line = scanner.getTokenStartLine() + 1;
    if (token === OPEN_BRACE || token === OPEN_BRACKET) {
      const path = childPath(top);
      if (frames.length >= MAX_CONFIG_DEPTH) {
        // The setting the nesting starts under names it well enough; the full path would be 32 indexes long.
        const where = frames.length > 2 ? frames[2].path : path;
        return [
          `${where || "(document)"}: nested more than ${MAX_CONFIG_DEPTH} levels deep (line ${line}); no setting nests so deep, so check the document`,
        ];
      }
      frames.push(
        token === OPEN_BRACE
          ? { path, keys: new Map(), index: 0, expectingKey: true }
          : { path, index: 0, expectingKey: false },
      );
    } else if (token === CLOSE_BRACE || token === CLOSE_BRACKET) {
      frames.pop();
    } else if (token === COMMA && top) {
      top.index += 1;
      top.expectingKey = top.keys !== undefined;
    } else if (token === STRING && top?.keys && top.expectingKey) {
      const key = scanner.getTokenValue();
      const first = top.keys.get(key);
      if (first !== undefined) {
        problems.push(
          `${top.path ? `${top.path}.` : ""}${key}: given twice in the same object (lines ${first} and ${line}); JSON keeps only the last, so remove one`,
        );
      } else top.keys.set(key, line);
      top.current = key;
      top.expectingKey = false;
    } else if (token === COLON && top) {
      top.expectingKey = false;
    }
  }
  return problems;
}
