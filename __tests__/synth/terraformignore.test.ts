// .terraformignore decides what HCP Terraform uploads for a CLI-driven run whose working directory is
// cdktf.out/stacks/<stack>: the checkout root, minus what the file's .gitignore-style rules leave out. The rules
// are applied here with the `ignore` library (gitignore semantics) to the real paths of such an upload: the
// tracked files, the synthesized output of an environment that runs on HCP Terraform, and what a working checkout
// also holds (dependencies, local state, the PKI tool's keys, Terraform's working files, other environments).
import ignore from "ignore";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { STACK_ORDER } from "../../lib/contract";
import { PROJECT_ROOT } from "../../lib/project-root";
import { environmentConfig } from "../helpers/environments";
import { synthToDirectory } from "../helpers/synth";

function filesUnder(root: string): string[] {
  return fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"));
}

const rules = ignore().add(fs.readFileSync(path.join(PROJECT_ROOT, ".terraformignore"), "utf8"));
const uploaded = (file: string) => !rules.ignores(file);

const trackedFiles = execFileSync("git", ["ls-files"], { cwd: PROJECT_ROOT, encoding: "utf8" })
  .split("\n")
  .filter(Boolean);
const synthesized = filesUnder(synthToDirectory(environmentConfig("prod"))).map((file) => `cdktf.out/${file}`);

const MUST_STAY_OUT = [
  "node_modules/cdktf/package.json",
  "state/example/pki.tfstate",
  "state/example/pki.tfstate.backup",
  "pki/self-managed/private/root-ca.key.pem",
  "pki/self-managed/private/clients/partner-a.key.pem",
  "pki/self-managed/truststore.pem",
  "coverage/lcov.info",
  "cdktf.out.dev/stacks/pki/cdk.tf.json",
  ...STACK_ORDER.flatMap((stack) => [
    `cdktf.out/stacks/${stack}/.terraform/terraform.tfstate`,
    `cdktf.out/stacks/${stack}/.terraform/providers/registry.terraform.io/hashicorp/aws/5.100.0/linux_amd64/terraform-provider-aws`,
    `cdktf.out/stacks/${stack}/terraform.tfstate`,
  ]),
  ".git/HEAD",
];

describe(".terraformignore", () => {
  test.each(STACK_ORDER)("keeps the %s stack's Terraform JSON and assets in its upload", (stack) => {
    const stackFiles = synthesized.filter((file) => file.startsWith(`cdktf.out/stacks/${stack}/`));
    expect(stackFiles).toContain(`cdktf.out/stacks/${stack}/cdk.tf.json`);
    expect(stackFiles.filter((file) => !uploaded(file))).toEqual([]);
  });

  test("keeps the api stack's Lambda bundles in (the assets a plan on HCP Terraform reads)", () => {
    const assets = synthesized.filter((file) => /^cdktf\.out\/stacks\/api\/assets\/.+\/function\.zip$/.test(file));
    expect(assets.length).toBe(2);
    expect(assets.filter(uploaded)).toEqual(assets);
  });

  test("leaves dependencies, state, keys, Terraform's working files and other environments' output out", () => {
    expect(MUST_STAY_OUT.filter(uploaded)).toEqual([]);
  });

  test("uploads every tracked file of the checkout (the source a run may need)", () => {
    expect(trackedFiles.filter((file) => !uploaded(file))).toEqual([]);
  });

  test("an unanchored root folder pattern would drop the stack of the same name: the reason for the anchors", () => {
    const unanchored = ignore().add("pki/");
    expect(unanchored.ignores("cdktf.out/stacks/pki/cdk.tf.json")).toBe(true);
    expect(uploaded("cdktf.out/stacks/pki/cdk.tf.json")).toBe(true);
  });
});
