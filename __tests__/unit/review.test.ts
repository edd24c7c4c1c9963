// npm run review over real synthesized output (example, dev with S3, prod with HCP Terraform) and over each
// rule's failing fixture written out as an output folder: the Markdown a reviewer reads, the JSON, the exit code.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { PROJECT_ROOT } from "../../lib/project-root";
import { RULES } from "../../policies/registry";
import type { SynthesizedApp } from "../../policies/types";
import { review } from "../../tools/review/cli";
import { parseConfig } from "../../lib/config/load";
import { API_TYPES, routedConfig, routedDocument } from "../helpers/config";
import { ruleName } from "../../tools/review/sarif";
import { validateSarif } from "../helpers/sarif-multitool";
import { exampleConfig, useApiType } from "../helpers/config";
import { environmentConfig } from "../helpers/environments";
import { synthToDirectory } from "../helpers/synth";

function runReview(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = review(args, { out: (text) => out.push(text), err: (text) => err.push(text) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

/** Writes an app as cdktf writes an output folder: manifest.json and stacks/<stack>/cdk.tf.json. */
function outputFolder(app: SynthesizedApp): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "mtls-review-"));
  const stacks = Object.fromEntries(
    Object.entries(app).map(([name, json]) => {
      fs.mkdirSync(path.join(outdir, "stacks", name), { recursive: true });
      fs.writeFileSync(path.join(outdir, "stacks", name, "cdk.tf.json"), JSON.stringify(json));
      return [
        name,
        {
          name,
          workingDirectory: `stacks/${name}`,
          synthesizedStackPath: `stacks/${name}/cdk.tf.json`,
          dependencies: [],
        },
      ];
    }),
  );
  fs.writeFileSync(path.join(outdir, "manifest.json"), JSON.stringify({ stacks }));
  return outdir;
}

/** The synthesized output with an authorizer on every route, as the authorizer branch will synthesize it. */
function withAuthorizedRoutes(outdir: string): string {
  const file = path.join(outdir, "stacks", "api", "cdk.tf.json");
  const json = JSON.parse(fs.readFileSync(file, "utf8"));
  for (const route of Object.values<any>(json.resource.aws_apigatewayv2_route ?? {})) {
    Object.assign(route, {
      authorization_type: "CUSTOM",
      authorizer_id: "${aws_apigatewayv2_authorizer.http_api_authorizer.id}",
    });
  }
  fs.writeFileSync(file, JSON.stringify(json));
  return outdir;
}

function row(markdown: string, firstCell: string): string[] {
  const line = markdown.split("\n").find((candidate) => candidate.startsWith(`| ${firstCell} |`));
  if (!line) throw new Error(`no table row starting with ${firstCell}`);
  return line.slice(2, -2).split(" | ");
}

describe("review of the synthesized example", () => {
  const outdir = synthToDirectory(environmentConfig("example"));
  const { out: markdown } = runReview(["--dir", outdir]);

  test("shows the mTLS posture of the domain in one row", () => {
    expect(markdown).toContain(
      "| domain | API | security policy | truststore URI from | truststore version from | default endpoint | authorizer on every route | access-log client-cert fields | state backend |",
    );
    expect(row(markdown, "`api.example.com`")).toEqual([
      "`api.example.com`",
      "HTTP",
      "✅ TLS_1_2, REGIONAL",
      "output truststore_uri of stack truststore",
      "output truststore_version of stack truststore (local file state/example/truststore.tfstate)",
      "✅ disabled",
      expect.stringMatching(/^(✅ 1 of 1|❌ open: \$default \(aws_apigatewayv2_route\.http_api_default_route\))$/),
      "✅ subjectDN, issuerDN, serialNumber, validity",
      "local file state/example/api.tfstate",
    ]);
  });

  test("lists each stack's resources by type and its state", () => {
    expect(row(markdown, "`truststore`")).toEqual([
      "`truststore`",
      "pki",
      "local file state/example/truststore.tfstate",
      "8",
    ]);
    expect(markdown).toContain("| `aws_s3_bucket_versioning` | 1 |");
  });

  test("lists the outputs each stack exports and the stack that reads them", () => {
    expect(row(markdown, "`truststore` | `truststore_version`")).toEqual([
      "`truststore`",
      "`truststore_version`",
      "api",
      "S3 object version of the bundle; the api stack pins its custom domain to it.",
    ]);
    expect(row(markdown, "`api` | `regional_domain_name`")[2]).toBe("dns");
    expect(row(markdown, "`dns` | `url`")[2]).toBe("-");
  });

  test("lists every rule with its status and its matching checks elsewhere", () => {
    expect(RULES.length).toBeGreaterThan(0);
    for (const rule of RULES) expect(markdown).toContain(`| \`${rule.id}\` |`);
    expect(row(markdown, "`mtls-domain-tls12-regional`")).toEqual([
      "`mtls-domain-tls12-regional`",
      "✅ pass",
      "Every mutual TLS custom domain is REGIONAL with security policy TLS_1_2",
      "Checkov CKV_AWS_206; Trivy AVD-AWS-0005; KICS 4e1cc5d3-2811-4fb2-861c-ee9b3cb7f90b",
    ]);
  });

  test("passes with exit code 0 once every route has an authorizer", () => {
    const result = runReview(["--dir", withAuthorizedRoutes(synthToDirectory(environmentConfig("example")))]);
    expect(result.out).toContain(`✅ **All ${RULES.length} policy rules pass.**`);
    expect(result.code).toBe(0);
  });

  test("--json gives the same review as data", () => {
    const { out, code } = runReview(["--dir", outdir, "--json"]);
    const report = JSON.parse(out);
    expect(report.posture[0]).toMatchObject({
      domainName: "api.example.com",
      apiType: "http",
      securityPolicy: "TLS_1_2",
    });
    expect(report.policies.results.map((result: { id: string }) => result.id)).toEqual(RULES.map((rule) => rule.id));
    expect(code).toBe(report.policies.failed ? 1 : 0);
  });
});

describe("review of an API with its own backends", () => {
  test.each(API_TYPES)(
    "%s: a Lambda function, an https URL and a VPC link with its security groups pass every rule",
    (apiType) => {
      const result = runReview(["--dir", synthToDirectory(routedConfig(apiType))]);
      expect(result.out).toContain(`✅ **All ${RULES.length} policy rules pass.**`);
      expect(result.code).toBe(0);
    },
  );

  test("a plain-http integration to a public URL is a finding", () => {
    const document = routedDocument("http");
    document.api.routes[2].backend.url = "http://inventory.example.com/{proxy}";
    const result = runReview(["--dir", synthToDirectory(parseConfig(document as never, "test document"))]);
    expect(row(result.out, "`integration-tls-to-public-backends`")[1]).toBe("❌ fail");
    expect(result.out).toContain('sends requests to "http://inventory.example.com/{proxy}" in clear text');
    expect(result.code).toBe(1);
  });
});

describe("review of other backends", () => {
  test("dev: S3 state with its lock file", () => {
    const { out } = runReview(["--dir", synthToDirectory(environmentConfig("dev"))]);
    expect(row(out, "`api.dev.example.com`").at(-1)).toBe(
      "s3://acme-terraform-state-dev/apigw-mtls/dev/api.tfstate (eu-west-1, encrypted, S3 lock file)",
    );
  });

  test("prod: HCP Terraform workspaces", () => {
    const { out } = runReview(["--dir", synthToDirectory(environmentConfig("prod"))]);
    expect(row(out, "`api.example.com`")[4]).toBe(
      "output truststore_version of stack truststore (HCP Terraform app.terraform.io/acme-platform, workspace apigw-mtls-prod-truststore)",
    );
  });
});

describe("review of each rule's failing fixture", () => {
  test.each(RULES)("$id: exit code 1, the rule marked failing, the finding and the fix listed", (rule) => {
    const app = JSON.parse(
      fs.readFileSync(path.join(__dirname, "..", "..", "policies", "rules", `${rule.id}.fail.json`), "utf8"),
    );
    const { code, out } = runReview(["--dir", outputFolder(app)]);
    expect(code).toBe(1);
    expect(row(out, `\`${rule.id}\``)[1]).toBe("❌ fail");
    expect(out).toContain(`- ❌ **${rule.id}**`);
    expect(out).toContain(`Fix: ${rule.fix}`);
  });
});

test("nothing to review: exit code 2 and what to do", () => {
  const { code, err } = runReview(["--dir", path.join(os.tmpdir(), "mtls-no-such-output")]);
  expect(code).toBe(2);
  expect(err).toMatch(/holds no manifest\.json: synthesize first/);
});

describe("review --sarif, for GitHub code scanning", () => {
  const app = JSON.parse(
    fs.readFileSync(path.join(__dirname, "..", "..", "policies", "rules", "routes-authorized.fail.json"), "utf8"),
  );
  const outdir = outputFolder(app);
  for (const stack of Object.keys(app)) {
    const file = path.join(outdir, "stacks", stack, "cdk.tf.json");
    fs.writeFileSync(file, JSON.stringify(app[stack], null, 2)); // indented, as cdktf writes it
  }
  const { code, out } = runReview(["--dir", outdir, "--sarif"]);
  const sarif = JSON.parse(out);
  const run = sarif.runs[0];

  test("is a SARIF 2.1.0 log with one tool run; exit 1 as the rule fails", () => {
    expect(code).toBe(1);
    expect(sarif).toMatchObject({ $schema: "https://json.schemastore.org/sarif-2.1.0.json", version: "2.1.0" });
    expect(sarif.runs).toHaveLength(1);
    expect(run.tool.driver.name).toBe("apigw-mtls-review");
  });

  test("declares every rule with its severity (level and GitHub's security-severity score)", () => {
    expect(run.tool.driver.rules.map((rule: { id: string }) => rule.id)).toEqual(RULES.map((rule) => rule.id));
    for (const [index, rule] of RULES.entries()) {
      const declared = run.tool.driver.rules[index];
      const level = rule.severity ?? "error";
      expect(declared).toMatchObject({
        id: rule.id,
        shortDescription: { text: rule.title },
        help: { text: `Fix: ${rule.fix}` },
        defaultConfiguration: { level },
        properties: { "security-severity": level === "error" ? "8.0" : "5.0" },
      });
    }
    expect(
      run.tool.driver.rules.find((rule: { id: string }) => rule.id === "log-group-retention").defaultConfiguration
        .level,
    ).toBe("warning");
  });

  test("each failing finding is a result at its resource's line in the stack's JSON", () => {
    expect(run.results.length).toBeGreaterThan(0);
    for (const result of run.results) {
      expect(run.tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
      expect(["error", "warning"]).toContain(result.level);
      expect(result.message.text.length).toBeGreaterThan(0);
      const location = result.locations[0].physicalLocation;
      // Outside the project an absolute file: URI; inside it, relative to the repository (as GitHub wants).
      expect(location.artifactLocation.uri).toMatch(new RegExp(`^file://${outdir}/stacks/\\w+/cdk\\.tf\\.json$`));
      expect(location.region.startLine).toBeGreaterThan(1);
      const line = fs.readFileSync(new URL(location.artifactLocation.uri), "utf8").split("\n")[
        location.region.startLine - 1
      ];
      const [, name] = result.locations[0].logicalLocations[0].fullyQualifiedName.split("/")[1].split(".");
      expect(line).toContain(`"${name}"`);
    }
    expect(run.results.map((result: { ruleId: string }) => result.ruleId)).toContain("routes-authorized");
  });

  test("Microsoft's SARIF multitool validates a clean review and one with findings without a warning, and warns on a rule named by its id", () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), "mtls-sarif-validate-"));
    // The clean review as a local run writes it (links to this checkout), the one with findings as GitHub Actions
    // does (links to the repository at the commit).
    const clean = runReview(["--dir", synthToDirectory(environmentConfig("example")), "--sarif"]);
    const github = {
      GITHUB_SERVER_URL: "https://github.com",
      GITHUB_REPOSITORY: "owner/repo",
      GITHUB_SHA: "a".repeat(40),
    };
    Object.assign(process.env, github);
    try {
      const findings = runReview(["--dir", outdir, "--sarif"]);
      expect([clean.code, findings.code]).toEqual([0, 1]);
      const findingsLog = JSON.parse(findings.out);
      expect(findingsLog.runs[0].results.length).toBeGreaterThan(0);
      const driver = findingsLog.runs[0].tool.driver;
      expect(driver).toMatchObject({
        version: "0.1.0",
        informationUri: `https://github.com/owner/repo/blob/${"a".repeat(40)}/docs/policies.md`,
      });
      expect(driver.rules[0]).toMatchObject({
        id: "default-endpoint-disabled",
        name: "DefaultEndpointDisabled",
        helpUri: `${driver.informationUri}#default-endpoint-disabled`,
      });
      const local = JSON.parse(clean.out).runs[0].tool.driver;
      expect(local.informationUri).toBe(`${pathToFileURL(PROJECT_ROOT).href}/docs/policies.md`);
      // The control: the rules named by their ids, as the review wrote them before.
      const control = JSON.parse(clean.out);
      for (const rule of control.runs[0].tool.driver.rules) rule.name = rule.id;
      const files = { clean: clean.out, findings: findings.out, control: JSON.stringify(control, null, 2) };
      for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(folder, `${name}.sarif`), text);
      const verdicts = validateSarif(Object.keys(files).map((name) => path.join(folder, `${name}.sarif`)));
      expect(verdicts.clean).toEqual([]);
      expect(verdicts.findings).toEqual([]);
      expect(new Set(verdicts.control.map((verdict) => verdict.rule))).toEqual(new Set(["SARIF1001"]));
      expect(verdicts.control).toHaveLength(RULES.length);
    } finally {
      for (const name of Object.keys(github)) delete process.env[name];
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  test("a rule's friendly name is its id in Pascal case", () => {
    expect(ruleName("mtls-domain-tls12-regional")).toBe("MtlsDomainTls12Regional");
    expect(new Set(RULES.map((rule) => ruleName(rule.id))).size).toBe(RULES.length);
  });

  test("--json and --sarif together are refused in one line", () => {
    const both = runReview(["--dir", outdir, "--sarif", "--json"]);
    expect(both.code).toBe(2);
    expect(both.err).toMatch(
      /^review: --json and --sarif cannot be given together: pick one \(--json: print the review as JSON; --sarif: print the policy results as SARIF 2\.1\.0 .*\); usage: /,
    );
  });

  test("--sarif-file writes the same SARIF beside the printed review, so CI reviews an environment once", () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "mtls-sarif-")), "example.sarif");
    const both = runReview(["--dir", outdir, "--sarif-file", file]);
    expect(both.code).toBe(1);
    expect(both.out).toMatch(/^## /m);
    expect(JSON.parse(fs.readFileSync(file, "utf8"))).toEqual(sarif);
  });

  test("--sarif-file into a folder that does not exist, or with --sarif: one line, exit 2", () => {
    const missing = runReview(["--dir", outdir, "--sarif-file", path.join(outdir, "no-such-folder", "x.sarif")]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(
      /^review: --sarif-file ".*x\.sarif": the folder .*no-such-folder does not exist; create it first; usage: /,
    );
    const twice = runReview(["--dir", outdir, "--sarif", "--sarif-file", path.join(outdir, "x.sarif")]);
    expect(twice.code).toBe(2);
    expect(twice.err).toMatch(
      /^review: --sarif and --sarif-file cannot be given together: pick one \(--sarif: print .*; --sarif-file: also write the policy results as SARIF 2\.1\.0 to FILE, beside the printed review\); usage: /,
    );
  });
});

describe("review --all: every environment of a project in one run", () => {
  /** A project folder whose config/ lists `environments`, with the given output folders as cdktf.out.<env>/. */
  function project(outputs: Record<string, string | undefined>): string {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "mtls-review-all-"));
    fs.mkdirSync(path.join(root, "config"));
    for (const [environment, outdir] of Object.entries(outputs)) {
      fs.writeFileSync(path.join(root, "config", `${environment}.json`), "{}");
      if (outdir) fs.cpSync(outdir, path.join(root, `cdktf.out.${environment}`), { recursive: true });
    }
    return root;
  }
  const runAll = (args: string[], root: string) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = review(["--all", ...args], { out: (text) => out.push(text), err: (text) => err.push(text) }, root);
    return { code, out: out.join("\n"), err: err.join("\n") };
  };
  const example = synthToDirectory(environmentConfig("example"));

  test("one Markdown review per environment, in config/ order, each SARIF in --sarif-dir; exit 1 when one fails", () => {
    const failing = outputFolder(
      JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "policies", "rules", "routes-authorized.fail.json"), "utf8")),
    );
    const root = project({ beta: failing, alpha: example });
    const sarifDir = path.join(root, "sarif");
    const { code, out } = runAll(["--sarif-dir", sarifDir], root);
    expect(code).toBe(1);
    const reviewed = [...out.matchAll(/cdktf\.out\.(\w+)/g)].map((match) => match[1]);
    expect([...new Set(reviewed)]).toEqual(["alpha", "beta"]);
    for (const environment of ["alpha", "beta"]) {
      const sarif = JSON.parse(fs.readFileSync(path.join(sarifDir, `${environment}.sarif`), "utf8"));
      expect(sarif.version).toBe("2.1.0");
    }
    expect(runAll([], project({ alpha: example })).code).toBe(0);
  });

  test("two environments that both manage one account's and region's API Gateway logging role: exit 1, naming both", () => {
    const owning = synthToDirectory(
      exampleConfig((document) => {
        useApiType(document, "rest");
        document.api.manageAccountLoggingRole = true;
      }),
    );
    const { code, out } = runAll([], project({ alpha: owning, beta: owning }));
    expect(code).toBe(1);
    expect(out).toMatch(
      /^- api\.manageAccountLoggingRole: alpha and beta both manage the API Gateway CloudWatch Logs role of account 123456789012 in eu-west-1, a setting AWS keeps once per account and region .*set it true in one environment and false in the others$/m,
    );
    expect(runAll([], project({ alpha: owning, beta: example })).code).toBe(0);
  });

  test("an environment without output stops the whole review before anything is printed or written: exit 2", () => {
    const root = project({ alpha: example, beta: undefined });
    const { code, out, err } = runAll(["--sarif-dir", path.join(root, "sarif")], root);
    expect({ code, out }).toEqual({ code: 2, out: "" });
    expect(err).toMatch(/^review: .*cdktf\.out\.beta/);
    expect(fs.existsSync(path.join(root, "sarif"))).toBe(false);
  });

  test("--all with an option for one folder, or --sarif-dir without --all: one line, exit 2", () => {
    const root = project({ alpha: example });
    for (const args of [["--env", "alpha"], ["--json"], ["--sarif-file", "x.sarif"]]) {
      const refused = runAll(args, root);
      expect(refused.code).toBe(2);
      expect(refused.err).toMatch(
        /^review: --(env|json|sarif-file) and --all cannot be given together: pick one \(.*; --all: review cdktf\.out\.<env>\/ of every environment in config\/, as Markdown only\); usage: /,
      );
    }
    const alone = runReview(["--dir", example, "--sarif-dir", root]);
    expect(alone.code).toBe(2);
    expect(alone.err).toMatch(
      /^review: --sarif-dir needs --all: add --all or drop --sarif-dir \(--sarif-dir: also write each environment's SARIF to DIR\/<env>\.sarif \(for one folder: --sarif-file FILE\)\); usage: /,
    );
  });
});

test("HCL output is refused in one line: review reads Terraform JSON", () => {
  const outdir = outputFolder({ api: {} });
  const manifestFile = path.join(outdir, "manifest.json");
  fs.writeFileSync(manifestFile, fs.readFileSync(manifestFile, "utf8").replace("cdk.tf.json", "cdk.tf"));
  const { code, err } = runReview(["--dir", outdir]);
  expect(code).toBe(2);
  expect(err).toBe(
    `review: ${outdir} holds HCL (stacks/api/cdk.tf), and the tools read Terraform JSON: synthesize again without --hcl`,
  );
});
