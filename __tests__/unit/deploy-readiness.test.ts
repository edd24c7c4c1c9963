// The deploy-readiness rules (AWS's own rules beyond the provider schema) hold on every variant a team deploys:
// the shipped environments, the HTTP example, REST with the account's logging role owned here or provided
// outside, deletion protection off, and a dual-stack domain. The runtime rule stands on an injected clock.
import type { Config } from "../../lib/config/schema";
import { LAMBDA_RUNTIME } from "../../lib/bundling/runtime";
import { runPolicies, runRule } from "../../policies/engine";
import { LAMBDA_RUNTIME_SCHEDULE } from "../../policies/lambda-runtime-schedule";
import { DEPLOY_READINESS_RULES } from "../../policies/registry";
import { lambdaRuntimeRule } from "../../policies/rules/lambda-runtime-on-schedule";
import { provider6Rule } from "../../policies/rules/provider-6-before-runtime-block";
import { exampleConfig, useApiType } from "../helpers/config";
import { environmentConfig, SHIPPED_ENVIRONMENTS } from "../helpers/environments";
import { synthStacks } from "../helpers/synth";

const DEPLOY_READINESS = DEPLOY_READINESS_RULES.map((rule) => rule.id);

const VARIANTS: [string, Config][] = [
  ...SHIPPED_ENVIRONMENTS.map((environment): [string, Config] => [
    `shipped ${environment}`,
    environmentConfig(environment),
  ]),
  ["REST, account logging role provided outside", exampleConfig((d) => useApiType(d, "rest"))],
  [
    "REST, account logging role owned by the stack",
    exampleConfig((d) => {
      useApiType(d, "rest");
      d.api.manageAccountLoggingRole = true;
    }),
  ],
  ["deletion protection off", exampleConfig((d) => (d.pki.deletionProtection = false))],
  ["dual-stack domain", exampleConfig((d) => (d.domain.ipAddressType = "dualstack"))],
];

describe.each(VARIANTS)("%s", (_name, config) => {
  const app = synthStacks(config);
  const results = runPolicies(DEPLOY_READINESS_RULES, app).results;

  test("every deploy-readiness rule holds, with no failing finding", () => {
    expect(results.map((result) => result.rule.id)).toEqual(DEPLOY_READINESS);
    const failing = results.flatMap((result) => result.findings.filter((finding) => !finding.passed));
    expect(failing).toEqual([]);
  });

  test("the rules that apply to it found something to check", () => {
    const checked = results.filter((result) => result.findings.length > 0).map((result) => result.rule.id);
    expect(checked).toEqual(
      expect.arrayContaining([
        "lambda-runtime-on-schedule",
        "versioned-object-guarded",
        "crl-bucket-destroyable",
        "acm-pca-bucket-policy-scoped",
        "s3-object-tags-fit",
      ]),
    );
    if (config.pki.mode === "acm-pca" && config.pki.clients.length > 0) {
      expect(checked).toContain("acm-private-certificate-issuable");
    }
    if (config.api.type === "rest") expect(checked).toContain("rest-access-logging-role");
    if (config.api.manageAccountLoggingRole) expect(checked).toContain("api-gateway-account-reset-on-delete");
    if (config.domain.ipAddressType === "dualstack") expect(checked).toContain("aaaa-alias-dual-stack");
  });
});

describe("lambda-runtime-on-schedule on an injected clock", () => {
  const app = (runtime: string) => ({
    api: { resource: { aws_lambda_function: { echo: { runtime } } } },
  });
  const statusOn = (date: string, runtime = LAMBDA_RUNTIME) =>
    runRule(
      lambdaRuntimeRule(() => new Date(`${date}T12:00:00Z`)),
      app(runtime),
    );
  const dates = LAMBDA_RUNTIME_SCHEDULE.runtimes[LAMBDA_RUNTIME];

  test("the project's runtime is on the schedule", () => {
    expect(dates).toBeDefined();
  });

  test("passes more than 90 days before deprecation", () => {
    expect(statusOn("2026-12-02").status).toBe("pass");
  });

  test("warns within 90 days of deprecation, naming both dates", () => {
    const result = statusOn("2027-02-15");
    expect(result.status).toBe("warn");
    expect(result.findings[0]).toMatchObject({ passed: true, warning: true });
    expect(result.findings[0].message).toBe(
      `runtime ${LAMBDA_RUNTIME} is deprecated on ${dates.deprecation} and blocked for create on ${dates.blockCreate}: move before then`,
    );
  });

  test("fails from the day AWS blocks creating functions on it, not the day before", () => {
    expect(statusOn("2027-05-31").status).toBe("warn");
    const blocked = statusOn(dates.blockCreate);
    expect(blocked.status).toBe("fail");
    expect(blocked.findings[0].message).toMatch(/AWS blocks creating functions on it since 2027-06-01/);
  });

  test("a runtime missing from the schedule fails closed", () => {
    const result = statusOn("2026-12-02", "nodejs99.x");
    expect(result.status).toBe("fail");
    expect(result.findings[0].message).toMatch(/not in the schedule/);
  });
});

describe("provider-6-before-runtime-block on an injected clock", () => {
  const app = (version: string) => ({
    api: {
      terraform: { required_providers: { aws: { source: "aws", version } } },
      resource: { aws_lambda_function: { echo: { runtime: "nodejs22.x" } } },
    },
  });
  const statusOn = (date: string, version = "5.100.0") =>
    runRule(
      provider6Rule(() => new Date(`${date}T00:00:00Z`)),
      app(version),
    );

  test("passes on 5.x more than 90 days before nodejs22.x's create block (2027-06-01)", () => {
    expect(statusOn("2027-03-02").status).toBe("pass");
  });

  test("warns from 90 days before the block, naming the provider version to move to", () => {
    const result = statusOn("2027-03-03");
    expect(result.status).toBe("warn");
    expect(result.findings[0].message).toBe(
      "hashicorp/aws 5.100.0 accepts nothing newer than nodejs22.x, which AWS blocks for create on 2027-06-01: move to hashicorp/aws >= 6.19.0 and nodejs24.x before then",
    );
  });

  test("fails from the block on, and says nothing once the project is on hashicorp/aws 6.x", () => {
    expect(statusOn("2027-06-01").status).toBe("fail");
    expect(statusOn("2027-06-01", "6.25.0").findings).toEqual([]);
  });
});
