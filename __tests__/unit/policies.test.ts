// The policy rules: each is registered, documented, passes its passing fixture and fails its failing one; the
// engine fails closed on a rule that throws; suppressions are explicit, per resource, with a reason.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runPolicies, runRule } from "../../policies/engine";
import { DEPLOY_READINESS_RULES, RULES } from "../../policies/registry";
import { noLiteralSecrets } from "../../policies/rules/no-literal-secrets";
import { routesAuthorized } from "../../policies/rules/routes-authorized";
import { loadSuppressions, SuppressionError, type Suppression } from "../../policies/suppression";
import { resourcesOf } from "../../policies/terraform-json";
import { describeReads, EVERY_BLOCK } from "../../policies/reads";
import { resourceRule } from "../../policies/resource-rule";
import type { PolicyRule, SynthesizedApp } from "../../policies/types";
import { API_TYPES, configFor } from "../helpers/config";
import { documentedRows, POLICY_DOCS_FILE, policyRows } from "../../tools/policy-docs";
import { blocksRead } from "../helpers/recorded-reads";
import { synthStacks } from "../helpers/synth";

const RULES_DIR = path.join(__dirname, "..", "..", "policies", "rules");

function fixture(rule: PolicyRule, kind: "pass" | "fail"): SynthesizedApp {
  return JSON.parse(fs.readFileSync(path.join(RULES_DIR, `${rule.id}.${kind}.json`), "utf8"));
}

describe("policy rules", () => {
  test("every rule file is registered under its own id, once", () => {
    const files = fs
      .readdirSync(RULES_DIR)
      .filter((file) => file.endsWith(".ts"))
      .map((file) => file.slice(0, -3));
    expect(RULES.map((rule) => rule.id).sort()).toEqual(files.sort());
  });

  test.each(RULES)("$id documents what it reads, how to fix it, and its matching checks elsewhere", (rule) => {
    expect(rule.title.length).toBeGreaterThan(20);
    expect(describeReads(rule.reads).length).toBeGreaterThan(0);
    expect(rule.fix.length).toBeGreaterThan(20);
    expect(Object.entries(rule.equivalents).filter(([, ids]) => ids.length === 0)).toEqual([]);
  });

  test.each(RULES.filter((rule) => !(EVERY_BLOCK in rule.reads)))(
    "$id declares exactly the blocks it reads over its fixtures, and each failing finding is on one of them",
    (rule) => {
      const read = new Set([...blocksRead(rule, fixture(rule, "pass")), ...blocksRead(rule, fixture(rule, "fail"))]);
      expect(Object.keys(rule.reads).sort()).toEqual([...read].sort());
      const failed = runRule(rule, fixture(rule, "fail")).findings.filter((finding) => !finding.passed);
      expect(failed.length).toBeGreaterThan(0);
      for (const finding of failed) expect(read).toContain(finding.resource.split(".").slice(0, -1).join("."));
    },
  );

  test("docs/policies.md lists every rule as the rules declare it, what each reads included (npm run policies:docs)", () => {
    expect(documentedRows(fs.readFileSync(POLICY_DOCS_FILE, "utf8"))).toEqual(policyRows());
  });

  test("a resource rule checks the declared types only, in declared order, data sources included", () => {
    const rule = resourceRule({
      id: "declared-types",
      title: "Checks the declared types and nothing else",
      resourceTypes: { aws_s3_object: ["key"], "data.aws_iam_policy_document": [] },
      fix: "Nothing to fix: a rule built for this test.",
      equivalents: {},
      check: (resource) => (resource.body.key === "bad" ? `${resource.type} is bad` : undefined),
      passMessage: (resource) => (resource.type === "aws_s3_object" ? { warning: "fine for now" } : "fine"),
    });
    const app: SynthesizedApp = {
      a: {
        data: { aws_iam_policy_document: { policy: {} } },
        resource: { aws_s3_bucket: { bucket: { key: "bad" } }, aws_s3_object: { object: { key: "bad" } } },
      },
      b: { resource: { aws_s3_object: { other: { key: "good" } } } },
    };
    expect(rule.reads).toEqual({ aws_s3_object: ["key"], "data.aws_iam_policy_document": [] });
    expect(runRule(rule, app).findings).toEqual([
      { stack: "a", resource: "aws_s3_object.object", passed: false, message: "aws_s3_object is bad" },
      { stack: "b", resource: "aws_s3_object.other", passed: true, warning: true, message: "fine for now" },
      { stack: "a", resource: "data.aws_iam_policy_document.policy", passed: true, message: "fine" },
    ]);
  });

  test("a rule checking everything reads every block of every stack", () => {
    const app = fixture(noLiteralSecrets, "fail");
    const types = Object.values(app).flatMap((json) => [
      ...Object.keys(json.resource ?? {}),
      ...Object.keys(json.data ?? {}).map((type) => `data.${type}`),
    ]);
    expect([...blocksRead(noLiteralSecrets, app)]).toEqual(expect.arrayContaining(types));
  });

  test.each(RULES)("$id passes its passing fixture", (rule) => {
    const result = runRule(rule, fixture(rule, "pass"));
    expect(result.findings.filter((finding) => !finding.passed)).toEqual([]);
    // "warn" is a pass that needs action soon (lambda-runtime-on-schedule, within 90 days of a deprecation).
    expect(["pass", "warn"]).toContain(result.status);
  });

  test.each(RULES)("$id fails its failing fixture, naming a resource of the fixture", (rule) => {
    const app = fixture(rule, "fail");
    const result = runRule(rule, app);
    expect(result.status).toBe("fail");
    const text = JSON.stringify(app);
    const failing = result.findings.filter((candidate) => !candidate.passed);
    expect(failing.length).toBeGreaterThan(0);
    for (const finding of failing) {
      expect(finding.message.length).toBeGreaterThan(10);
      const name = finding.resource.split(/[.[]/).filter(Boolean).at(-1)!;
      expect(text).toContain(name);
    }
  });

  test.each(DEPLOY_READINESS_RULES)("$id names the AWS document it encodes", (rule) => {
    expect(rule.source).toMatch(/^https:\/\/(docs\.aws\.amazon\.com|repost\.aws)\//);
  });

  test("no-literal-secrets finds PEM private keys and AWS access key ids wherever they are", () => {
    const pemHeader = ["-----BEGIN", "EC", "PRIVATE", "KEY-----"].join(" ");
    const accessKeyId = ["AKIA", "FIXTURE0", "00000000"].join("");
    const app = {
      truststore: { output: { leaked: { value: `${pemHeader}\nAAAA\n` } } },
      api: { resource: { aws_lambda_function: { echo: { environment: { variables: { KEY: accessKeyId } } } } } },
    };
    expect(runRule(noLiteralSecrets, app).findings.filter((finding) => !finding.passed)).toEqual([
      { stack: "truststore", resource: "output.leaked.value", passed: false, message: "holds a PEM private key" },
      {
        stack: "api",
        resource: "resource.aws_lambda_function.echo.environment.variables.KEY",
        passed: false,
        message: "holds an AWS access key id",
      },
    ]);
  });
});

describe("the policy engine", () => {
  const throwing: PolicyRule = {
    ...routesAuthorized,
    id: "throws",
    check: () => {
      throw new TypeError("Cannot read properties of undefined (reading 'route_key')");
    },
  };

  test("a rule that throws counts as failing, with what it said", () => {
    const results = runPolicies([throwing], {});
    expect(results.results[0]).toMatchObject({
      status: "error",
      error: "Cannot read properties of undefined (reading 'route_key')",
    });
    expect(results.failed).toBe(true);
  });

  test("a rule with nothing to check is not a failure", () => {
    expect(runPolicies([routesAuthorized], { dns: {} })).toMatchObject({
      failed: false,
      results: [{ status: "not-applicable" }],
    });
  });

  const failing = fixture(routesAuthorized, "fail");
  const waiver = (resource: string): Suppression => ({
    rule: "routes-authorized",
    stack: "api",
    resource,
    reason: "Public health-check route, documented in the runbook; it returns no data.",
  });

  test("a suppression waives exactly the named resource, and keeps its reason", () => {
    const results = runPolicies([routesAuthorized], failing, [waiver("aws_apigatewayv2_route.http_api_default_route")]);
    const findings = results.results[0].findings.filter((finding) => !finding.passed);
    expect(findings.map((finding) => [finding.resource, finding.suppressedBecause])).toEqual([
      ["aws_apigatewayv2_route.http_api_default_route", waiver("").reason],
      ["aws_apigatewayv2_route.http_api_custom_without_authorizer", undefined],
      ["aws_api_gateway_method.rest_api_root_method", undefined],
    ]);
    expect(results.failed).toBe(true);
  });

  test("suppressing every failing finding passes the rule; a suppression that matches nothing is reported", () => {
    const addresses = resourcesOf(failing, "aws_apigatewayv2_route", "aws_api_gateway_method").map(
      (route) => route.address,
    );
    const results = runPolicies([routesAuthorized], failing, [
      ...addresses.map(waiver),
      waiver("aws_apigatewayv2_route.gone"),
    ]);
    expect(results.failed).toBe(false);
    expect(results.unusedSuppressions).toEqual([waiver("aws_apigatewayv2_route.gone")]);
  });

  function suppressionsFile(suppressions: unknown[]): string {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "mtls-suppressions-")), "suppressions.json");
    fs.writeFileSync(file, JSON.stringify({ suppressions }));
    return file;
  }

  test("a suppressions file that is not JSON names the file, line and column", () => {
    const file = suppressionsFile([]);
    fs.writeFileSync(file, '{ "suppressions": [ }');
    expect(() => loadSuppressions(RULES, file)).toThrow(
      new RegExp(
        `^${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} is not valid JSON at line 1, column 21: value expected`,
      ),
    );
  });

  test("a suppression must name a known rule and give a reason", () => {
    expect(() => loadSuppressions(RULES, suppressionsFile([{ ...waiver("x"), rule: "no-such-rule" }]))).toThrow(
      /unknown rule "no-such-rule"/,
    );
    expect(() => loadSuppressions(RULES, suppressionsFile([{ ...waiver("x"), reason: "ok" }]))).toThrow(
      SuppressionError,
    );
    expect(() => loadSuppressions(RULES, suppressionsFile([{ ...waiver("x"), reason: "ok" }]))).toThrow(
      /suppressions\.0\.reason: must explain in a sentence/,
    );
  });

  test("the shipped suppressions are valid", () => {
    expect(loadSuppressions(RULES).map((entry) => entry.rule)).toEqual(["stage-backend-client-certificate"]);
  });
});

describe.each(API_TYPES)("the synthesized %s app", (apiType) => {
  const app = synthStacks(configFor(apiType));
  const results = runPolicies(RULES, app, loadSuppressions(RULES));
  test("passes every rule, the authorizer rule included: the Lambda authorizer is attached to every route", () => {
    expect(resourcesOf(app, "aws_apigatewayv2_authorizer", "aws_api_gateway_authorizer")).toHaveLength(1);
    const statuses = results.results.map((result) => result.status);
    expect(statuses).toHaveLength(RULES.length);
    expect(statuses.every((status) => ["pass", "warn", "not-applicable"].includes(status))).toBe(true);
    expect(results.results.find((result) => result.rule.id === "routes-authorized")?.status).toBe("pass");
  });

  test("waives the backend client certificate rule only on the REST stage, with its reason", () => {
    const waived = results.results.flatMap((result) => result.findings.filter((finding) => finding.suppressedBecause));
    expect(waived.map((finding) => finding.resource)).toEqual(
      apiType === "rest" ? ["aws_api_gateway_stage.rest_api_stage"] : [],
    );
  });
});
