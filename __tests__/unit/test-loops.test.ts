// A test that loops over a collection and asserts inside the loop passes when the collection is empty. This guard
// reads every test file and finds `for (... of X)` and `X.forEach(...)` loops with an expect inside whose test
// asserts nothing about X's size first (expect(X.length), expect(X).toHaveLength, expect(X.size) ...) and
// does not count its assertions (expect.assertions, expect.hasAssertions). A literal list is never empty. A loop over
// Object.values(X), Object.entries(X), Object.keys(X) or X.entries() is guarded by an assertion on X's size.
import * as fs from "node:fs";
import * as path from "node:path";
import ts from "typescript";
import { PROJECT_ROOT } from "../../lib/project-root";

const TESTS = path.join(PROJECT_ROOT, "__tests__");

function testFiles(): string[] {
  return fs
    .readdirSync(TESTS, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".test.ts") && !file.split(path.sep).includes("fixtures"))
    .map((file) => path.join(TESTS, file));
}

const containsExpect = (node: ts.Node): boolean =>
  (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === "expect") ||
  ts.forEachChild(node, containsExpect) === true;

function enclosingFunction(node: ts.Node): ts.Node | undefined {
  for (let parent = node.parent; parent; parent = parent.parent) {
    if (ts.isArrowFunction(parent) || ts.isFunctionExpression(parent) || ts.isFunctionDeclaration(parent)) {
      return parent;
    }
  }
  return undefined;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Is the collection's size asserted in the test before the loop, or are the test's assertions counted? */
/** `[a, b]`, `[a, b] as const`: a list written out is never empty. */
function nonEmptyLiteral(expression: ts.Expression | undefined): boolean {
  while (expression && (ts.isAsExpression(expression) || ts.isParenthesizedExpression(expression))) {
    expression = expression.expression;
  }
  return Boolean(expression && ts.isArrayLiteralExpression(expression) && expression.elements.length > 0);
}

/** The collection is a name this file declares as a list written out (const regions = ["eu-west-1", ...]). */
function declaredAsLiteral(collection: ts.Expression, source: ts.SourceFile): boolean {
  if (!ts.isIdentifier(collection)) return false;
  const find = (node: ts.Node): boolean =>
    (ts.isVariableDeclaration(node) &&
      ts.isIdentifier(node.name) &&
      node.name.text === collection.text &&
      nonEmptyLiteral(node.initializer)) ||
    ts.forEachChild(node, find) === true;
  return find(source);
}

function guarded(collection: ts.Expression, loop: ts.Node, source: ts.SourceFile): boolean {
  if (nonEmptyLiteral(collection) || declaredAsLiteral(collection, source)) return true;
  const scope = enclosingFunction(loop);
  const before = source.text.slice(scope ? scope.getStart(source) : 0, loop.getStart(source));
  const whole = scope ? scope.getText(source) : source.text;
  if (/expect\.(assertions|hasAssertions)\(/.test(whole)) return true;
  return [collection, ...viewedCollection(collection)].some((candidate) => sizeAsserted(candidate, source, before));
}

/** X in Object.values(X), Object.entries(X), Object.keys(X), X.entries(), X.values(), X.keys(). */
function viewedCollection(collection: ts.Expression): ts.Expression[] {
  if (!ts.isCallExpression(collection) || !ts.isPropertyAccessExpression(collection.expression)) return [];
  const { expression: owner, name } = collection.expression;
  if (!/^(entries|values|keys)$/.test(name.text)) return [];
  if (ts.isIdentifier(owner) && owner.text === "Object") return collection.arguments.slice(0, 1);
  return collection.arguments.length === 0 ? [owner] : [];
}

function sizeAsserted(collection: ts.Expression, source: ts.SourceFile, before: string): boolean {
  const name = escape(collection.getText(source).replace(/\s+/g, " "));
  // expect(X.length), expect(X).toHaveLength(n), expect(Object.keys(X).sort()).toEqual([...]), expect(X.size) ...
  const size = new RegExp(
    `expect\\(\\s*(Object\\.(keys|values|entries)\\()?${name}\\)?(\\.sort\\(\\))?\\s*(\\.length|\\.size|\\)\\s*\\.(not\\.)?(toHaveLength|toEqual|toStrictEqual|toHaveProperty))`,
  );
  return size.test(before);
}

export interface UnguardedLoop {
  readonly file: string;
  readonly line: number;
  readonly collection: string;
}

export function unguardedLoops(file: string, text = fs.readFileSync(file, "utf8")): UnguardedLoop[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const found: UnguardedLoop[] = [];
  const visit = (node: ts.Node) => {
    let collection: ts.Expression | undefined;
    let body: ts.Node | undefined;
    if (ts.isForOfStatement(node)) [collection, body] = [node.expression, node.statement];
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      node.expression.name.text === "forEach"
    ) {
      [collection, body] = [node.expression.expression, node.arguments[0]];
    }
    if (collection && body && containsExpect(body) && !guarded(collection, node, source)) {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
      found.push({ file: path.relative(PROJECT_ROOT, file), line: line + 1, collection: collection.getText(source) });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe("loops in tests assert their collection's size", () => {
  test("the guard finds an unguarded loop and accepts a guarded one", () => {
    const loops = (body: string) => unguardedLoops("example.test.ts", `test("x", () => {${body}});`);
    expect(loops("const rows = read(); for (const row of rows) expect(row).toBe(1);")).toHaveLength(1);
    expect(loops("rows().forEach((row) => expect(row).toBe(1));")).toHaveLength(1);
    expect(
      loops("const rows = read(); expect(rows.length).toBe(2); for (const row of rows) expect(row).toBe(1);"),
    ).toEqual([]);
    expect(
      loops("const rows = read(); expect(rows).toHaveLength(2); for (const row of rows) expect(row).toBe(1);"),
    ).toEqual([]);
    expect(loops("expect.hasAssertions(); for (const row of read()) expect(row).toBe(1);")).toEqual([]);
    expect(loops("for (const row of [1, 2]) expect(row).toBeGreaterThan(0);")).toEqual([]);
    expect(loops("const rows = [1, 2] as const; for (const row of rows) expect(row).toBeGreaterThan(0);")).toEqual([]);
    expect(loops("const rows = [] as number[]; for (const row of rows) expect(row).toBeGreaterThan(0);")).toHaveLength(
      1,
    );
    expect(loops("for (const row of read()) total += row;")).toEqual([]);
    expect(loops("for (const [i, row] of rows.entries()) expect(row).toBe(i);")).toHaveLength(1);
    expect(loops("expect(rows.length).toBe(2); for (const [i, row] of rows.entries()) expect(row).toBe(i);")).toEqual(
      [],
    );
    expect(loops("for (const row of Object.values(table)) expect(row).toBe(1);")).toHaveLength(1);
    expect(
      loops("expect(Object.keys(table).length).toBe(2); for (const row of Object.values(table)) expect(row).toBe(1);"),
    ).toEqual([]);
    expect(
      loops("expect(Object.keys(table)).toEqual(['a']); for (const row of Object.values(table)) expect(row).toBe(1);"),
    ).toEqual([]);
    expect(
      loops("expect(other.length).toBe(2); for (const row of Object.values(table)) expect(row).toBe(1);"),
    ).toHaveLength(1);
  });

  test("no test file has an unguarded loop", () => {
    const files = testFiles();
    expect(files.length).toBeGreaterThan(50);
    const loops = files.flatMap((file) => unguardedLoops(file));
    expect(loops.map(({ file, line, collection }) => `${file}:${line} ${collection}`)).toEqual([]);
  });
});
