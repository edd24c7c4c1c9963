// Choosing the configuration document, and what main.ts does when it is invalid.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { loadConfig, locateConfig } from "../lib/config/load";
import { CONFIG_DOCS_FILE } from "../tools/config-docs";
import { configDocs, configJsonSchema, SCHEMA_FILE } from "../tools/config-schema";
import { exampleDocument } from "./helpers/config";
import { runTool } from "./helpers/processes";

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
