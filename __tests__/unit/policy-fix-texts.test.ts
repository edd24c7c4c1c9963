// A rule's `fix` is advice a user acts on: every name it cites must still exist. Config fields against the
// config's JSON schema, files against the checkout, constructs and constants against the project's exports,
// npm scripts against package.json and options against the tools' declarations.
import * as fs from "node:fs";
import * as path from "node:path";
import { CONTRACT } from "../../lib/contract";
import { PROJECT_ROOT } from "../../lib/project-root";
import { DEPLOY_READINESS_RULES, RULES } from "../../policies/registry";
import { bundledScripts } from "../../tools/cli/scripts";
import { scriptTools } from "../helpers/script-tools";

const FIXES = [...RULES, ...DEPLOY_READINESS_RULES].map((rule) => ({ id: rule.id, fix: rule.fix }));
const SCHEMA = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "config", "schema.json"), "utf8"));
const SOURCE_FOLDERS = ["lib", "stacks", "functions"];

function sourceFiles(folder: string): string[] {
  return fs
    .readdirSync(path.join(PROJECT_ROOT, folder), { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".ts"))
    .map((file) => path.join(PROJECT_ROOT, folder, file));
}
const SOURCES = SOURCE_FOLDERS.flatMap(sourceFiles).map((file) => fs.readFileSync(file, "utf8"));

/** Does the schema accept this path (api.routes[].backend.url, api.vpcLinks.<name>.securityGroupIds)? */
function schemaHas(node: any, segments: string[]): boolean {
  if (!node) return false;
  if (node.$ref) return schemaHas(resolve(node.$ref), segments);
  if (segments.length === 0) return true;
  const alternatives = [...(node.oneOf ?? []), ...(node.anyOf ?? []), ...(node.allOf ?? [])];
  if (alternatives.some((alternative: any) => schemaHas(alternative, segments))) return true;
  const [first, ...rest] = segments;
  if (first === "[]") return schemaHas(node.items, rest);
  if (/^<\w+>$/.test(first)) return schemaHas(node.additionalProperties, rest);
  return schemaHas(node.properties?.[first], rest);
}

function resolve(ref: string): any {
  return ref
    .replace(/^#\//, "")
    .split("/")
    .reduce((node, key) => node?.[key], SCHEMA);
}

/** `pki.clients[].keyAlgorithm` as segments: pki, clients, [], keyAlgorithm. */
const segmentsOf = (field: string) => field.replace(/\[\]/g, ".[]").split(".");

const configFields = (fix: string) =>
  [...fix.matchAll(/\b((?:api|pki|domain|truststore|backend)(?:\.(?:[a-zA-Z]+|<\w+>)(?:\[\])?)+)/g)].map((m) => m[1]);
const files = (fix: string) =>
  [...fix.matchAll(/\b((?:lib|docs|stacks|tools|functions)\/[\w./-]+\.(?:ts|md))/g)].map((m) => m[1]);
/** Names in the project's own spelling: PrivateBucket, MtlsCustomDomain, LAMBDA_RUNTIME, ACCESS_LOG_FORMAT. */
const projectNames = (fix: string) =>
  [...fix.matchAll(/\b([A-Z][a-z]+(?:[A-Z][a-z0-9]*)+|[A-Z]{2,}(?:_[A-Z]{2,})+)\b/g)].map((m) => m[1]);
/** `allowInvoke in lib/constructs/api-common.ts`, `this.upstream("truststore")`. */
const functionsCited = (fix: string) => [
  ...[...fix.matchAll(/\b([a-z]+[A-Z]\w*) in ((?:lib|stacks)\/[\w./-]+\.ts)/g)].map((m) => ({
    name: m[1],
    file: m[2],
  })),
  ...[...fix.matchAll(/this\.(\w+)\(/g)].map((m) => ({ name: m[1], file: undefined })),
];
/** `the truststore stack's truststore_version output`, `.string("truststore_version")`. */
const outputs = (fix: string) =>
  [...fix.matchAll(/\b(\w+) output\b|\.(?:string|map)\("(\w+)"\)/g)].map((m) => m[1] ?? m[2]);
const OUTPUTS = new Set(Object.values(CONTRACT).flatMap((stack) => Object.keys(stack)));
const scripts = (fix: string) => [...fix.matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1]);
const options = (fix: string) => [...fix.matchAll(/(?:^|\s)--([a-z][a-z0-9-]*)/g)].map((m) => m[1]);

const exported = (name: string) =>
  SOURCES.some((source) =>
    new RegExp(`export (?:abstract )?(?:class|const|function|interface|type) ${name}\\b`).test(source),
  );
/** A value the project writes: "DenyRequestsWithoutTls", "aws:SourceAccount", "RSA_2048". */
const quoted = (name: string) => SOURCES.some((source) => new RegExp(`["':]${name}["']`).test(source));

describe("every name a policy rule's fix cites exists", () => {
  test("the rules have fix texts, and they cite names this guard checks", () => {
    expect(FIXES.length).toBeGreaterThanOrEqual(25);
    const cited = FIXES.flatMap(({ fix }) => [...configFields(fix), ...files(fix), ...projectNames(fix)]);
    expect(cited.length).toBeGreaterThanOrEqual(30);
  });

  test("config fields are in the config's schema", () => {
    const missing = FIXES.flatMap(({ id, fix }) =>
      configFields(fix)
        .filter((field) => !schemaHas(SCHEMA, segmentsOf(field)))
        .map((field) => `${id}: ${field}`),
    );
    expect(missing).toEqual([]);
  });

  test("files exist", () => {
    const missing = FIXES.flatMap(({ id, fix }) =>
      files(fix)
        .filter((file) => !fs.existsSync(path.join(PROJECT_ROOT, file)))
        .map((file) => `${id}: ${file}`),
    );
    expect(missing).toEqual([]);
  });

  test("constructs and constants are exported by the project, or are values it writes (a Sid, an algorithm)", () => {
    const missing = FIXES.flatMap(({ id, fix }) =>
      projectNames(fix)
        .filter((name) => !exported(name) && !quoted(name))
        .map((name) => `${id}: ${name}`),
    );
    expect(missing).toEqual([]);
  });

  test("functions exist where the fix says (or anywhere in the sources when it names no file)", () => {
    const missing = FIXES.flatMap(({ id, fix }) =>
      functionsCited(fix)
        .filter(({ name, file }) => {
          const texts = file ? [fs.readFileSync(path.join(PROJECT_ROOT, file), "utf8")] : SOURCES;
          return !texts.some((text) => new RegExp(`\\b${name}\\s*(?:\\(|=|<)`).test(text));
        })
        .map(({ name, file }) => `${id}: ${name}${file ? ` in ${file}` : ""}`),
    );
    expect(missing).toEqual([]);
  });

  test("stack outputs are in the stacks' contract (lib/contract.ts)", () => {
    expect(FIXES.flatMap(({ fix }) => outputs(fix)).length).toBeGreaterThanOrEqual(2);
    const missing = FIXES.flatMap(({ id, fix }) =>
      outputs(fix)
        .filter((output) => !OUTPUTS.has(output))
        .map((output) => `${id}: ${output}`),
    );
    expect(missing).toEqual([]);
  });

  test("npm scripts are in package.json and options are declared by a tool", () => {
    const declaredScripts = new Set(bundledScripts().map(({ script }) => script));
    const { scripts: all } = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8"));
    for (const script of Object.keys(all)) declaredScripts.add(script);
    // Loading every tool costs seconds: only when a fix cites an option.
    const cited = FIXES.some(({ fix }) => options(fix).length > 0);
    const declaredOptions = new Set(
      (cited ? scriptTools({ out: () => {}, err: () => {} }) : []).flatMap((tool) =>
        [tool.sharedOptions, ...tool.commands.map((entry) => entry.options)].flatMap((o) => Object.keys(o ?? {})),
      ),
    );
    const missing = FIXES.flatMap(({ id, fix }) => [
      ...scripts(fix)
        .filter((script) => !declaredScripts.has(script))
        .map((script) => `${id}: npm run ${script}`),
      ...options(fix)
        .filter((option) => !declaredOptions.has(option))
        .map((option) => `${id}: --${option}`),
    ]);
    expect(missing).toEqual([]);
  });

  test("the guard refuses a fix that cites what does not exist", () => {
    const stale =
      "Use LegacyBucket (lib/constructs/legacy.ts) with the truststore_etag output, set api.legacyTtl and pki.clients[].nope, run npm run legacy -- --old";
    expect(configFields(stale).filter((field) => !schemaHas(SCHEMA, segmentsOf(field)))).toEqual([
      "api.legacyTtl",
      "pki.clients[].nope",
    ]);
    expect(files(stale).filter((file) => !fs.existsSync(path.join(PROJECT_ROOT, file)))).toEqual([
      "lib/constructs/legacy.ts",
    ]);
    expect(projectNames(stale).filter((name) => !exported(name) && !quoted(name))).toEqual(["LegacyBucket"]);
    expect(outputs(stale).filter((output) => !OUTPUTS.has(output))).toEqual(["truststore_etag"]);
    expect(scripts(stale)).toEqual(["legacy"]);
    expect(options(stale)).toEqual(["old"]);
  });
});
