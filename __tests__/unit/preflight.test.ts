// Before Terraform runs, plan and deploy print the fixed monthly cost of what the environment would create, and
// deploy refuses an environment that still carries the shipped placeholder domain or hosted zone.
import type { Config } from "../../lib/config/schema";
import { estimateMonthlyCost, PRICES } from "../../tools/environments/cost-estimate";
import { preflight } from "../../tools/environments/preflight";
import { exampleConfig } from "../helpers/config";
import { environmentConfig, SHIPPED_ENVIRONMENTS } from "../helpers/environments";
import { synthStacks } from "../helpers/synth";

function stacksOf(config: Config) {
  return Object.entries(synthStacks(config)).map(([name, json]) => ({ name, json }));
}

const ownDomain = (document: Record<string, any>) => {
  document.domain = { name: "api.partners.acme-bank.co.uk", hostedZoneId: "Z1D633PJN98FT9" };
  document.accountId = "270185342511";
};

describe("deploy refuses the shipped placeholders before any apply", () => {
  test.each(SHIPPED_ENVIRONMENTS)(
    "config/%s.json is refused, naming each placeholder field and value",
    (environment) => {
      const config = environmentConfig(environment);
      const { refusal } = preflight("deploy", environment, config, stacksOf(config));
      expect(refusal).toMatch(new RegExp(`^deploy refused for ${environment}: .*Nothing was applied\\.`));
      expect(refusal).toContain(`config/${environment}.json: domain.name "${config.domain.name}" is a placeholder`);
      expect(refusal).toContain(`domain.hostedZoneId "${config.domain.hostedZoneId}" is the shipped placeholder`);
      expect(refusal).toContain(`accountId "${config.accountId}" is a placeholder`);
    },
  );

  test("a placeholder zone alone is enough to refuse", () => {
    const config = exampleConfig((document) => {
      ownDomain(document);
      document.domain.hostedZoneId = "Z0123456789EXAMPLE0AB";
    });
    const { refusal } = preflight("deploy", "example", config, stacksOf(config));
    expect(refusal?.split("\n")).toHaveLength(2);
    expect(refusal).toContain('domain.hostedZoneId "Z0123456789EXAMPLE0AB"');
  });

  test("a placeholder account alone is enough to refuse", () => {
    const config = exampleConfig((document) => {
      ownDomain(document);
      document.accountId = "123456789012";
    });
    const { refusal } = preflight("deploy", "example", config, stacksOf(config));
    expect(refusal?.split("\n")).toHaveLength(2);
    expect(refusal).toContain('accountId "123456789012" is a placeholder');
  });

  test("a real domain and zone deploy; plan never refuses", () => {
    const own = exampleConfig(ownDomain);
    expect(preflight("deploy", "example", own, stacksOf(own)).refusal).toBeUndefined();
    const shipped = environmentConfig("example");
    expect(preflight("plan", "example", shipped, stacksOf(shipped)).refusal).toBeUndefined();
  });
});

describe("the monthly cost printed before plan and deploy", () => {
  test("the shipped example: two general-purpose CAs, USD 800 a month, and two private certificates", () => {
    const config = environmentConfig("example");
    const { notice } = preflight("plan", "example", config, stacksOf(config));
    expect(notice).toContain("  pki: 2 × ACM Private CA, general-purpose mode: USD 800.00 a month");
    expect(notice).toContain("  total: USD 800.00 a month");
    expect(notice).toContain("plus USD 0.75 once per exported private certificate (2 declared)");
    expect(notice).toContain(PRICES.source);
  });

  test("a short-lived issuing CA costs less: one general-purpose root and one short-lived CA", () => {
    const config = exampleConfig((document) => {
      document.pki.usageMode = "SHORT_LIVED_CERTIFICATE";
      document.pki.clients = [];
    });
    const estimate = estimateMonthlyCost(synthStacks(config));
    expect(estimate.lines.map((line) => [line.what, line.count, line.monthlyUsd])).toEqual([
      ["ACM Private CA, general-purpose mode", 1, 400],
      ["ACM Private CA, short-lived certificate mode", 1, 50],
    ]);
    expect(estimate.monthlyUsd).toBe(450);
    expect(estimate.privateCertificates).toBe(0);
  });
});
