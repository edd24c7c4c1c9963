// Choosing the configuration document, and what main.ts does when it is invalid.
import Ajv2020 from "ajv/dist/2020";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { loadConfig, locateConfig } from "../../lib/config/load";
import { CONFIG_DOCS_FILE } from "../../tools/config-docs";
import { configDocs, configJsonSchema, SCHEMA_FILE } from "../../tools/config-schema";
import { AUTHORIZER_DOCS_FILE, authorizerDocs } from "../../tools/authorizer-settings-docs";
import { exampleDocument } from "../helpers/config";
import { runTool } from "../helpers/processes";

function writeTemporary(name: string, contents: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "mtls-config-")), name);
  fs.writeFileSync(file, contents);
  return file;
}

describe("choosing the configuration", () => {
  test("defaults to the shipped example environment", () => {
    expect(locateConfig({})).toMatchObject({ displayName: "config/example.json", expectedEnvironment: "example" });
    expect(loadConfig({}).environment).toBe("example");
  });

  test("MTLS_ENV picks config/<env>.json and says which environments exist when it is missing", () => {
    expect(() => loadConfig({ MTLS_ENV: "nosuchenv" })).toThrow(
      /config\/nosuchenv\.json:\n {2}- the file cannot be read: create it, or name another environment in MTLS_ENV \(files in config\/: .*example/,
    );
  });

  test("MTLS_ENV must be a plain name, not a path", () => {
    expect(() => loadConfig({ MTLS_ENV: "../secrets" })).toThrow(
      /MTLS_ENV: must name a file config\/<environment>\.json/,
    );
  });

  test("MTLS_CONFIG picks any file, whatever its name", () => {
    const document = exampleDocument();
    document.environment = "staging";
    const file = writeTemporary("anything.json", JSON.stringify(document));
    expect(loadConfig({ MTLS_CONFIG: file, MTLS_ENV: "ignored" }).environment).toBe("staging");
  });

  test("a document nested deeper than any setting is one line naming where, not a stack overflow", () => {
    const document = exampleDocument();
    const deep = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;
    const file = writeTemporary("deep.json", JSON.stringify(document).replace('"tags":{', `"tags":{"team":${deep},`));
    expect(() => loadConfig({ MTLS_CONFIG: file })).toThrow(
      /deep\.json:\n {2}- tags\.team: nested more than 32 levels deep \(line 1\); no setting nests so deep, so check the document\nNothing was synthesized\.$/,
    );
  });

  test("a key given twice in one object is reported with both lines (JSON.parse would keep the last silently)", () => {
    const text = JSON.stringify(exampleDocument(), null, 2).replace(
      '"environment": "example",',
      '"environment": "example",\n  "\\u0065nvironment": "prod",',
    );
    expect(() => loadConfig({ MTLS_CONFIG: writeTemporary("twice.json", text) })).toThrow(
      /twice\.json:\n {2}- environment: given twice in the same object \(lines 3 and 4\); JSON keeps only the last, so remove one/,
    );
  });

  test("a document that is not JSON is reported as such, with the line and column", () => {
    const file = writeTemporary("broken.json", "{ not json");
    expect(() => loadConfig({ MTLS_CONFIG: file })).toThrow(
      /broken\.json:\n {2}- not valid JSON at line 1, column 3: /,
    );
    const missingComma = writeTemporary(
      "comma.json",
      '{\n  "environment": "example",\n  "region": "eu-west-1"\n  "domain": {}\n}\n',
    );
    expect(() => loadConfig({ MTLS_CONFIG: missingComma })).toThrow(
      /comma\.json:\n {2}- not valid JSON at line 4, column 3: comma expected: fix the document/,
    );
  });
});

describe("main.ts with invalid configuration", () => {
  test("exits non-zero with the field, the value and the rule, and writes no stack", () => {
    const document = exampleDocument();
    document.domain.hostedZoneId = "zone-1";
    const file = writeTemporary("bad.json", JSON.stringify(document));
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "mtls-out-"));
    const run = runTool("main.ts", [], { MTLS_CONFIG: file, CDKTF_OUTDIR: outdir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("domain.hostedZoneId: must be a Route 53 hosted zone id");
    expect(run.stderr).toContain('(got "zone-1")');
    expect(run.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
    expect(fs.readdirSync(outdir)).toEqual([]);
  });
});

describe("config/schema.json", () => {
  test("is generated from the validation schema (run npm run config:schema after changing it)", () => {
    expect(fs.readFileSync(SCHEMA_FILE, "utf8")).toBe(configJsonSchema());
  });

  // What editors do with it: Ajv, a standard validator, in strict mode (an unknown keyword, format or type mix-up is
  // an error, a doubtful one a logged warning, collected here) under the draft the schema names (2020-12).
  const warnings: unknown[] = [];
  const ajv = new Ajv2020({
    strict: true,
    allErrors: true,
    logger: { log: () => {}, warn: (...args) => warnings.push(args), error: (...args) => warnings.push(args) },
  });
  const schema = JSON.parse(fs.readFileSync(SCHEMA_FILE, "utf8"));
  const shipped = fs
    .readdirSync(path.dirname(SCHEMA_FILE))
    .filter((name) => name.endsWith(".json") && name !== path.basename(SCHEMA_FILE));

  test("is a valid JSON Schema under the draft it names (2020-12 meta-schema), with no warning in strict mode", () => {
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect({ valid: ajv.validateSchema(schema), errors: ajv.errors ?? null }).toEqual({ valid: true, errors: null });
    ajv.compile(schema);
    expect(warnings).toEqual([]);
    // The control: a keyword no draft has (a typo of "pattern") is refused.
    expect(() => new Ajv2020({ strict: true }).compile({ ...schema, $id: "control", patern: "^x$" })).toThrow(
      /unknown keyword: "patern"/,
    );
  });

  test("every shipped configuration in config/ validates against it, and a bad one does not", () => {
    const validate = ajv.compile(schema);
    expect(shipped.length).toBeGreaterThanOrEqual(4);
    const verdicts = shipped.map((name) => {
      const document = JSON.parse(fs.readFileSync(path.join(path.dirname(SCHEMA_FILE), name), "utf8"));
      return { name, valid: validate(document), errors: validate.errors ?? null };
    });
    expect(verdicts).toEqual(shipped.map((name) => ({ name, valid: true, errors: null })));
    expect(validate({ ...exampleDocument(), environment: "Not An Environment" })).toBe(false);
    expect(validate.errors?.map((error) => error.instancePath)).toEqual(["/environment"]);
  });
});

describe("docs/authorizer.md", () => {
  test("its settings table is generated from the authorizer's settings codec (npm run config:schema)", () => {
    const current = fs.readFileSync(AUTHORIZER_DOCS_FILE, "utf8");
    expect(current).toBe(authorizerDocs(current));
    expect(current).toMatch(/\| `api.authorizer.crlRefreshSeconds` +\| `MTLS_CRL_REFRESH_SECONDS` +\|/);
  });
});

describe("docs/config.md", () => {
  test("is generated from the validation schema and its descriptions (run npm run config:schema after changing it)", () => {
    expect(fs.readFileSync(CONFIG_DOCS_FILE, "utf8")).toBe(configDocs());
  });

  test("describes every field: each line of the reference ends in its description", () => {
    const fields = configDocs()
      .split("\n")
      .filter((line) => line.startsWith("- `"));
    expect(fields.length).toBeGreaterThan(60);
    expect(fields.filter((line) => !/\): \S/.test(line))).toEqual([]);
  });

  test("lists every field with the rule a bad value breaks, e.g. the authorizer's cache TTL and its default", () => {
    expect(configDocs()).toContain(
      "- `api.authorizer.resultCacheTtlSeconds` (whole number, 0 to 3600; default `300`): Seconds API Gateway caches",
    );
  });
});
