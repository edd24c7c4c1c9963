// The catalog of AWS's rules (lib/aws-rules/catalog.ts) covers every argument of every variant the stacks
// synthesize: an argument without an entry fails here, and so does an entry naming a config field, policy rule or
// file that does not exist. docs/aws-rules.md is generated from it.
import * as fs from "node:fs";
import * as path from "node:path";
import { awsArguments, splitArgumentKey } from "../../lib/aws-rules/arguments";
import { AWS_RULES } from "../../lib/aws-rules/catalog";
import type { Enforcement } from "../../lib/aws-rules/types";
import type { Config } from "../../lib/config/schema";
import { PROJECT_ROOT } from "../../lib/project-root";
import { RULES } from "../../policies/registry";
import { AWS_RULES_DOCS_FILE, awsRulesMarkdown } from "../../tools/aws-rules-docs";
import { configDocs } from "../../tools/config-schema";
import { API_TYPES, exampleConfig, routedConfig, useApiType } from "../helpers/config";
import { environmentConfig, SHIPPED_ENVIRONMENTS } from "../helpers/environments";
import { createTestPki, selfManagedConfig } from "../helpers/pki";
import { synthStacks, type SynthesizedStacks } from "../helpers/synth";

const CERTIFICATE = "arn:aws:acm:eu-west-1:123456789012:certificate/12345678-1234-1234-1234-123456789012";
const OWNERSHIP_CERTIFICATE = "arn:aws:acm:eu-west-1:123456789012:certificate/12345678-1234-1234-1234-123456789013";

const SERVER_CERTIFICATES = {
  existing: { source: "existing", certificateArn: CERTIFICATE },
  imported: {
    source: "imported",
    certificateArn: CERTIFICATE,
    ownershipVerificationCertificateArn: OWNERSHIP_CERTIFICATE,
  },
  private: {
    source: "private",
    certificateArn: CERTIFICATE,
    ownershipVerificationCertificateArn: OWNERSHIP_CERTIFICATE,
  },
};

/** Every variant the other synth tests synthesize: shipped environments, both API types with each option. */
const VARIANTS: [string, () => Config][] = [
  ...SHIPPED_ENVIRONMENTS.map((environment): [string, () => Config] => [
    `shipped ${environment}`,
    () => environmentConfig(environment),
  ]),
  ...API_TYPES.flatMap((apiType): [string, () => Config][] => [
    [`${apiType}, routes to every backend type (echo, Lambda, HTTP, VPC link)`, () => routedConfig(apiType)],
    [
      `${apiType}, dual-stack`,
      () => exampleConfig((d) => (useApiType(d, apiType), (d.domain.ipAddressType = "dualstack"))),
    ],
    ...Object.entries(SERVER_CERTIFICATES).map(([source, certificate]): [string, () => Config] => [
      `${apiType}, ${source} server certificate`,
      () => exampleConfig((d) => (useApiType(d, apiType), (d.api.serverCertificate = certificate))),
    ]),
  ]),
  [
    "rest, owning the account's logging role",
    () => exampleConfig((d) => (useApiType(d, "rest"), (d.api.manageAccountLoggingRole = true))),
  ],
  [
    "short-lived CAs, no clients",
    () => exampleConfig((d) => Object.assign(d.pki, { usageMode: "SHORT_LIVED_CERTIFICATE", clients: [] })),
  ],
];

/** Catalog entries no variant sets: optional configuration a team may add (a CA subject's OU, state, locality). */
const OPTIONAL_ENTRIES = [
  "aws_acmpca_certificate_authority.certificate_authority_configuration.subject.locality",
  "aws_acmpca_certificate_authority.certificate_authority_configuration.subject.organizational_unit",
  "aws_acmpca_certificate_authority.certificate_authority_configuration.subject.state",
];

/** How many distinct AWS arguments the variants set: a new argument (or a lost one) shows here first. */
const ARGUMENTS_SEEN = 205;

const catalogKeys = Object.entries(AWS_RULES).flatMap(([prefix, resource]) =>
  Object.keys(resource.arguments).map((argument) => `${prefix}.${argument}`),
);

let synthesized: [string, SynthesizedStacks][];
let pkiRoot: string;
beforeAll(async () => {
  const context = await createTestPki();
  pkiRoot = path.dirname(context.layout.root);
  synthesized = [
    ...VARIANTS.map(([name, config]): [string, SynthesizedStacks] => [name, synthStacks(config())]),
    ["self-managed PKI", synthStacks(selfManagedConfig(context.layout.root))],
  ];
}, 120_000);
afterAll(() => fs.rmSync(pkiRoot, { recursive: true, force: true }));

const seenArguments = () => {
  const keys = new Set<string>();
  for (const [, stacks] of synthesized) {
    for (const json of Object.values(stacks)) awsArguments(json).forEach((key) => keys.add(key));
  }
  return [...keys].sort();
};

describe("the catalog of AWS's rules", () => {
  test("every argument every variant synthesizes has an entry, and the count of them is known", () => {
    expect(synthesized).toHaveLength(VARIANTS.length + 1);
    const seen = seenArguments();
    expect(seen.filter((key) => !catalogKeys.includes(key))).toEqual([]);
    expect(seen).toHaveLength(ARGUMENTS_SEEN);
  });

  test("every entry is for an argument some variant sets, or a known optional one", () => {
    const seen = new Set(seenArguments());
    expect(catalogKeys.filter((key) => !seen.has(key)).sort()).toEqual(OPTIONAL_ENTRIES);
    expect(catalogKeys.length).toBeGreaterThan(0);
    for (const key of catalogKeys) expect(AWS_RULES[splitArgumentKey(key).prefix]).toBeDefined();
  });

  const enforcements: Enforcement[] = Object.values(AWS_RULES).flatMap((resource) => [
    ...Object.values(resource.arguments).flatMap((rule) => rule.enforced ?? []),
    ...(resource.resourceRules ?? []).flatMap((rule) => rule.enforced ?? []),
  ]);

  test("each entry holds the rule somewhere or says why not, with an AWS source", () => {
    const rules = Object.values(AWS_RULES).flatMap((resource) => Object.values(resource.arguments));
    expect(rules.length).toBe(catalogKeys.length);
    for (const rule of rules) {
      expect(rule.rule).not.toBe("");
      expect(Boolean(rule.enforced?.length) !== Boolean(rule.notApplicable)).toBe(true);
    }
    expect(Object.values(AWS_RULES).length).toBeGreaterThan(0);
    for (const resource of Object.values(AWS_RULES)) expect(resource.source).toMatch(/^https:\/\//);
  });

  test("what holds each rule exists: the config field, the review rule, the file, the Terraform condition", () => {
    expect(enforcements.length).toBeGreaterThan(100);
    const documented = configDocs();
    const ruleIds = new Set(RULES.map((rule) => rule.id));
    const conditioned = new Set(
      synthesized.flatMap(([, stacks]) =>
        Object.values(stacks).flatMap((json) =>
          Object.entries<Record<string, any>>(json.resource ?? {}).flatMap(([type, resources]) =>
            Object.entries(resources)
              .filter(([, body]) => body.lifecycle?.precondition || body.lifecycle?.postcondition)
              .flatMap(([name]) => [type, `${type}.${name}`]),
          ),
        ),
      ),
    );
    const missing = enforcements.filter((enforcement) => {
      if ("config" in enforcement) return !documented.includes(`\`${enforcement.config}\``);
      if ("review" in enforcement) return !ruleIds.has(enforcement.review);
      if ("terraform" in enforcement) return !conditioned.has(enforcement.terraform.split(" ")[0]);
      const file = "verify" in enforcement ? enforcement.verify : enforcement.code;
      return !fs.existsSync(path.join(PROJECT_ROOT, file));
    });
    expect(missing).toEqual([]);
  });

  test("docs/aws-rules.md is generated from it (run npm run aws-rules:docs after changing it)", () => {
    expect(fs.readFileSync(AWS_RULES_DOCS_FILE, "utf8")).toBe(awsRulesMarkdown());
  });
});
