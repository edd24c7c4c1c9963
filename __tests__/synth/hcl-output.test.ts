// synth --hcl's conversion (tools/environments/hcl-repair.ts, hcl-output.ts) on cdktf's own HCL: what cdktf writes
// is read back wrong or refused, what the repair makes of it reads back as the Terraform JSON, and a string the
// conversion cannot carry is refused in one line naming the attribute. Terraform's own verdict on every stack's HCL
// is in the real-Terraform layer (terraform.test.ts).
import { App, TerraformOutput, TerraformStack } from "cdktf";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DnsStack } from "../../stacks/dns-stack";
import { TruststoreStack } from "../../stacks/truststore-stack";
import { checkHclMatchesJson, finishHcl, terraformFmt } from "../../tools/environments/hcl-output";
import { escapeNewlinesInQuotedStrings, repairCdktfHcl } from "../../tools/environments/hcl-repair";
import { exampleConfig } from "../helpers/config";
import { environmentConfig } from "../helpers/environments";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "mtls-hcl-output-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** cdktf's HCL as it writes it, and each stack's Terraform JSON. */
function cdktfHcl(build: (app: App) => Record<string, TerraformStack>, name: string) {
  const outdir = path.join(scratch, name);
  process.env.SYNTH_HCL_OUTPUT = "true";
  try {
    const app = new App({ outdir, hclOutput: true });
    const stacks = build(app);
    app.synth();
    const json = Object.fromEntries(
      Object.entries(stacks).map(([stack, built]) => [stack, JSON.parse(JSON.stringify(built.toTerraform()))]),
    );
    const hcl = (stack: string) => fs.readFileSync(path.join(outdir, "stacks", stack, "cdk.tf"), "utf8");
    return { outdir, json, hcl };
  } finally {
    delete process.env.SYNTH_HCL_OUTPUT;
  }
}

// One stack each: cdktf's HCL of a stack does not depend on the others.
const example = cdktfHcl((app) => ({ truststore: new TruststoreStack(app, exampleConfig()) }), "example");

describe("synth --hcl's conversion", () => {
  test("cdktf's own HCL of the truststore stack reads back with one newline more in the bundle than the JSON has", async () => {
    await expect(checkHclMatchesJson("truststore", example.hcl("truststore"), example.json.truststore)).rejects.toThrow(
      /^--hcl: the truststore stack's resource\.aws_s3_object\.truststore_bundle\.content does not convert/,
    );
  });

  test("the repair writes conditions as blocks and depends_on as references, and reads back as the JSON", async () => {
    const raw = example.hcl("truststore");
    expect(raw).toMatch(/^\s*postcondition = \[$/m);
    expect(raw).toMatch(/^"aws_s3_bucket_versioning\.truststore_bucket_versioning",$/m);
    const repaired = repairCdktfHcl(escapeNewlinesInQuotedStrings(raw), "truststore", example.json.truststore);
    expect(repaired).toMatch(/^postcondition \{$/m);
    expect(repaired).not.toMatch(/postcondition = /);
    expect(repaired).toMatch(/^aws_s3_bucket_versioning\.truststore_bucket_versioning,$/m);
    await checkHclMatchesJson("truststore", repaired, example.json.truststore);
  });

  test("an HCP Terraform workspace: cdktf's cloud block drops its project, the repair writes it from the JSON", async () => {
    const cloud = cdktfHcl((app) => ({ dns: new DnsStack(app, environmentConfig("prod", "cloud")) }), "cloud");
    await expect(checkHclMatchesJson("dns", cloud.hcl("dns"), cloud.json.dns)).rejects.toThrow(
      /^--hcl: the dns stack's terraform\.cloud\.workspaces\.project does not convert .* the Terraform JSON has "apigw-mtls"\)/,
    );
    const repaired = repairCdktfHcl(escapeNewlinesInQuotedStrings(cloud.hcl("dns")), "dns", cloud.json.dns);
    expect(repaired).toMatch(/^workspaces \{\nname = "apigw-mtls-prod-dns"\nproject = "apigw-mtls"\n\}$/m);
    await checkHclMatchesJson("dns", repaired, cloud.json.dns);
  });

  test("a multi-line string cdktf writes between quotes becomes one quoted line with \\n escapes", () => {
    const hcl = 'value = {\nca = "-----BEGIN-----\nAAAA\n-----END-----\n"\nx = "${f("a\\nb")}"\n}\n';
    expect(escapeNewlinesInQuotedStrings(hcl)).toBe(
      'value = {\nca = "-----BEGIN-----\\nAAAA\\n-----END-----\\n"\nx = "${f("a\\nb")}"\n}\n',
    );
    const heredoc = "content = <<EOF\n${a}\nb\nEOF\n";
    expect(escapeNewlinesInQuotedStrings(heredoc)).toBe(heredoc);
  });

  test("a string the conversion cannot carry (JSON text, which cdktf writes as an HCL object) is refused in one line naming it", async () => {
    const odd = cdktfHcl((app) => {
      const stack = new TerraformStack(app, "odd");
      new TerraformOutput(stack, "policy", { value: '{"Version":"2012-10-17"}' });
      return { odd: stack };
    }, "odd");
    const message = await finishHcl(odd.outdir, odd.json).then(
      () => "converted",
      (error: Error) => error.message,
    );
    expect(message).toBe(
      "--hcl: the odd stack's output.policy.value does not convert to HCL reliably (cdktf's HCL reads back " +
        '{"Version":"2012-10-17"}, the Terraform JSON has "{\\"Version\\":\\"2012-10-17\\"}"); use the Terraform JSON (drop --hcl)',
    );
  });

  test("without terraform on PATH, --hcl cannot lay the HCL out: one line, exit 3", () => {
    let refusal: unknown;
    try {
      terraformFmt(scratch, { PATH: path.join(scratch, "no-such-bin") });
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toMatchObject({
      exitCode: 3,
      message: expect.stringMatching(
        /^--hcl formats the HCL with terraform fmt, and no terraform is on PATH .*drop --hcl/,
      ),
    });
  });
});
