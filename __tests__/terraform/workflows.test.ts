// The GitHub workflows as GitHub runs them: every job's run: steps in bash -eo pipefail, in a clean copy of the
// repository (no pki/, no cdktf.out*, nothing generated), so a workflow that would fail on a clean checkout
// fails here first. Steps that need GitHub or the network are skipped and named (workflow-rehearsal.ts).
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import ignore from "ignore";
import { parse } from "yaml";
import { readManifest } from "../../lib/pki-folder/manifest";
import { x509 } from "../../lib/x509/peculiar-x509";
import { PROJECT_ROOT } from "../../lib/project-root";
import { findProviderMirror, AWS_PROVIDER_VERSION } from "../../tools/terraform/provider-mirror";
import { terraformAvailability } from "../../tools/terraform/cli";
import { issue } from "../../tools/pki/commands/issue";
import { revoke } from "../../tools/pki/commands/revoke";
import { createTestPki, DAY } from "../helpers/pki";
import { terraformLayerRuns } from "../helpers/terraform-layer";
import {
  rehearseJob,
  skipReason,
  type Rehearsal,
  type StepOutcome,
  type Workflow,
  type WorkflowJob,
} from "../helpers/workflow-rehearsal";

const FOLDER = path.join(PROJECT_ROOT, ".github", "workflows");
const WORKFLOWS: [string, Workflow][] = fs
  .readdirSync(FOLDER)
  .filter((file) => /\.ya?ml$/.test(file))
  .map((file) => [file, parse(fs.readFileSync(path.join(FOLDER, file), "utf8")) as Workflow]);
const workflow = (file: string) => WORKFLOWS.find(([name]) => name === file)![1];
const JOBS = WORKFLOWS.flatMap(([file, flow]) =>
  Object.entries(flow.jobs).map(([id, job]) => [`${file} ${id}`, job] as const),
);

/** Failures first, with what they printed; skipped steps with their reasons (they are part of the report). */
function expectAllPassed(rehearsal: Rehearsal): void {
  const failed = rehearsal.outcomes.filter((outcome) => outcome.outcome === "ran" && outcome.code !== 0);
  expect(failed).toEqual([]);
  const skipped = rehearsal.outcomes.filter((outcome) => outcome.outcome === "skipped");
  console.log(skipped.map((outcome) => `skipped: ${outcome.step}: ${outcome.reason}`).join("\n"));
}

function ran(rehearsal: Rehearsal, pattern: RegExp): StepOutcome {
  const outcome = rehearsal.outcomes.find((candidate) => pattern.test(candidate.step));
  expect(outcome).toMatchObject({ outcome: "ran", code: 0 });
  return outcome!;
}

describe("every workflow job", () => {
  test.each(JOBS)("%s runs its steps with bash -eo pipefail (defaults: run: shell: bash)", (_, job) => {
    expect(job.defaults?.run?.shell).toBe("bash");
    expect(job.steps.filter((step) => step.run && step.shell && step.shell !== "bash")).toEqual([]);
  });

  test.each(JOBS.filter(([, job]) => job.steps.some((step) => /\bnpm\b/.test(step.run ?? ""))))(
    "%s runs on Node 22, and the tests on 20, 22 and 24",
    (name, job) => {
      const versions = job.steps
        .filter((step) => step.uses?.startsWith("actions/setup-node"))
        .map((step) => String(step.with?.["node-version"]));
      expect(versions.length).toBe(1);
      if (versions[0] === "${{ matrix.node }}") {
        expect(job.strategy?.matrix?.node).toEqual([20, 22, 24]);
      } else {
        expect({ name, version: versions[0] }).toEqual({ name, version: "22" });
      }
    },
  );

  const reportingSteps = (job: WorkflowJob) =>
    job.steps.filter(
      (step) => /upload-artifact|upload-sarif/.test(step.uses ?? "") || /\bgh pr\b/.test(step.run ?? ""),
    );
  test.each(JOBS.filter(([, job]) => reportingSteps(job).length > 0))(
    "%s uploads and comments even when an earlier step failed",
    (_, job) => {
      const reporting = reportingSteps(job);
      expect(reporting.length).toBeGreaterThan(0);
      for (const step of reporting)
        expect({ step: step.name ?? step.uses, if: String(step.if) }).toEqual({
          step: step.name ?? step.uses,
          if: expect.stringMatching(/!cancelled\(\)|always\(\)/),
        });
    },
  );

  test.each(WORKFLOWS)("%s asks only for the permissions its steps use", (_, flow) => {
    expect(flow.permissions).toEqual({ contents: "read" });
    expect(Object.keys(flow.jobs).length).toBeGreaterThan(0);
    for (const job of Object.values(flow.jobs)) {
      const needs: Record<string, string> = { contents: "read" };
      if (job.steps.some((step) => /\bgh pr\b/.test(step.run ?? ""))) needs["pull-requests"] = "write";
      if (job.steps.some((step) => step.uses?.startsWith("github/codeql-action/upload-sarif")))
        needs["security-events"] = "write";
      if (job.steps.some((step) => step.uses?.startsWith("aws-actions/configure-aws-credentials")))
        needs["id-token"] = "write";
      expect(job.permissions ?? { contents: "read" }).toEqual(needs);
    }
  });
});

describe("a pipe cannot hide a failure", () => {
  // A tool that fails at once (a missing file: exit 2) keeps this cheap; any failing command would do.
  const step = { run: "npm run --silent truststore:lint -- no-such-bundle.pem | tee out.txt" };
  test("under shell: bash the failing command fails the step; under GitHub's default it would not", () => {
    const flow: Workflow = { jobs: {} };
    const bash = rehearseJob(flow, { defaults: { run: { shell: "bash" } }, steps: [step] }, {});
    const plain = rehearseJob(flow, { steps: [step] }, {});
    expect(bash.outcomes[0]).toMatchObject({ outcome: "ran", code: 2 });
    expect(bash.outcomes[0].output).toMatch(/no-such-bundle\.pem/);
    expect(plain.outcomes[0]).toMatchObject({ outcome: "ran", code: 0 });
  });
});

describe("what the workflows write", () => {
  test("every uploaded artifact is ignored by git and by prettier, so format:check passes after a run", () => {
    const uploaded = WORKFLOWS.flatMap(([, flow]) =>
      Object.values(flow.jobs).flatMap((job) =>
        job.steps
          .filter((step) => step.uses?.startsWith("actions/upload-artifact"))
          .flatMap((step) =>
            String(step.with?.path)
              .split("\n")
              .map((line) => line.trim())
              .filter(Boolean),
          ),
      ),
    );
    expect(uploaded).toEqual(expect.arrayContaining(["review.md", "sarif/", "plan-offline.txt", "plan.txt"]));
    for (const file of [".gitignore", ".prettierignore"]) {
      const rules = ignore().add(fs.readFileSync(path.join(PROJECT_ROOT, file), "utf8"));
      for (const output of uploaded) {
        const probe = output.endsWith("/") ? `${output}example.sarif` : output;
        expect({ file, output, ignored: rules.ignores(probe) }).toEqual({ file, output, ignored: true });
      }
    }
  });
});

describe("the HCP Terraform plan on a fork", () => {
  const flow = workflow("terraform-cloud-plan.yml");

  test("plans only where TF_API_TOKEN is set, or when run on demand", () => {
    expect(flow.jobs.plan.needs).toBe("token");
    expect(flow.jobs.plan.if).toBe(
      "${{ needs.token.outputs.present == 'true' || github.event_name == 'workflow_dispatch' }}",
    );
  });

  test("the token job says present=false without the secret, and why the plan is skipped", () => {
    const rehearsal = rehearseJob(flow, flow.jobs.token, {});
    expectAllPassed(rehearsal);
    expect(ran(rehearsal, /TF_API_TOKEN/).output).toMatch(/No TF_API_TOKEN secret here/);
  });
});

describe("rehearsed in a clean copy", () => {
  test("pull-request.yml review: a throwaway PKI for self-managed, every environment reviewed, SARIF written", () => {
    const rehearsal = rehearseJob(workflow("pull-request.yml"), workflow("pull-request.yml").jobs.review, {});
    expectAllPassed(rehearsal);
    expect(ran(rehearsal, /^Throwaway PKI/).output).toMatch(/Created the PKI in pki\/self-managed/);
    ran(rehearsal, /^Synthesize and review/);
    const review = fs.readFileSync(path.join(rehearsal.copy, "review.md"), "utf8");
    for (const environment of ["dev", "example", "prod", "self-managed"]) {
      expect(review).toContain(`cdktf.out.${environment}`);
      const sarif = JSON.parse(fs.readFileSync(path.join(rehearsal.copy, "sarif", `${environment}.sarif`), "utf8"));
      expect(sarif.version).toBe("2.1.0");
    }
    expect(rehearsal.outcomes.find((outcome) => /^Fail when/.test(outcome.step))?.outcome).toBe("condition false");
    expect(rehearsal.outcomes.find((outcome) => /^Post the review/.test(outcome.step))?.outcome).toBe(
      "condition false",
    );
  });

  test("terraform-cloud-plan.yml: synthesizes the workspaces' working directories (HCP runs are skipped)", () => {
    const flow = workflow("terraform-cloud-plan.yml");
    const rehearsal = rehearseJob(flow, flow.jobs.plan, { stack: "api" });
    expectAllPassed(rehearsal);
    ran(rehearsal, /^npm run --silent synth$/);
    expect(fs.existsSync(path.join(rehearsal.copy, "cdktf.out", "stacks", "api", "cdk.tf.json"))).toBe(true);
    expect(rehearsal.outcomes.filter((outcome) => outcome.reason?.includes("HCP Terraform")).length).toBe(2);
  });

  test("crl-refresh.yml: restores a PKI whose CRL is due, re-signs it, synthesizes, and passes the published-CRL guard", async () => {
    const flow = workflow("crl-refresh.yml");
    const aged = await createTestPki({ now: () => new Date(Date.now() - 4 * DAY) });
    const archive = spawnSync("tar", ["-cz", "-C", aged.layout.root, "."]);
    expect(archive.status).toBe(0);
    // Before the pki stack's first apply, `terraform state pull` prints nothing: the guard reads an empty file.
    const statePull = /^terraform -chdir=\S+ state pull > "\$RUNNER_TEMP\/pki\.tfstate"$/;
    expect(flow.jobs.refresh.steps.filter((step) => statePull.test(step.run?.trim() ?? ""))).toHaveLength(1);
    const job = {
      ...flow.jobs.refresh,
      env: { ...flow.jobs.refresh.env, PKI_ARCHIVE: archive.stdout.toString("base64") },
      steps: flow.jobs.refresh.steps.map((step) =>
        statePull.test(step.run?.trim() ?? "") ? { ...step, run: ': > "$RUNNER_TEMP/pki.tfstate"' } : step,
      ),
    };
    const needsAws = "needs AWS credentials and the environment's s3 or cloud backend";
    const skip = (run: string) =>
      /^terraform -chdir=\S+ (init|apply)\b/.test(run.trim()) ? needsAws : skipReason(run);
    const rehearsal = rehearseJob(flow, job, {}, { skip });
    try {
      expectAllPassed(rehearsal);
      expect(ran(rehearsal, /^Re-sign the CRLs/).output).toMatch(
        /^CRL \d+ of issuing-1: 0 revoked certificate\(s\), next update .*\nRe-signed 1 CRL\(s\)/m,
      );
      ran(rehearsal, /^npm run --silent synth$/);
      ran(rehearsal, /^Refuse a PKI folder older/);
      expect(rehearsal.outcomes.filter((outcome) => outcome.reason === needsAws)).toHaveLength(4);
      const signed = new x509.X509Crl(
        fs.readFileSync(path.join(rehearsal.copy, "pki", "self-managed", "crl", "issuing-1.crl")),
      );
      expect(Date.now() - signed.thisUpdate.getTime()).toBeLessThan(10 * 60_000);
      expect(fs.readFileSync(path.join(rehearsal.copy, "crl.txt"), "utf8")).toMatch(/^Re-signed 1 CRL\(s\)/m);
    } finally {
      fs.rmSync(rehearsal.copy, { recursive: true, force: true });
      fs.rmSync(path.dirname(aged.layout.root), { recursive: true, force: true });
    }
  });

  test("crl-refresh.yml: a PKI archive older than the published CRL stops the job before anything is applied", async () => {
    const flow = workflow("crl-refresh.yml");
    const pki = await createTestPki();
    await issue(pki, { name: "revoked-after-the-backup" });
    const backup = spawnSync("tar", ["-cz", "-C", pki.layout.root, "."]);
    expect(backup.status).toBe(0);
    await revoke(pki, { certificate: "revoked-after-the-backup" });
    const published = fs.readFileSync(pki.layout.crlDer("issuing-1")).toString("base64");
    const object = { key: "crl/issuing-1.crl", content_base64: published };
    const state = { version: 4, resources: [{ type: "aws_s3_object", instances: [{ attributes: object }] }] };
    const steps = flow.jobs.refresh.steps;
    const named = (pattern: RegExp) => steps.filter((step) => pattern.test(step.name ?? step.run ?? ""));
    expect(named(/^(Restore the PKI folder|Refuse a PKI folder older)/)).toHaveLength(2);
    const job: WorkflowJob = {
      ...flow.jobs.refresh,
      env: { ...flow.jobs.refresh.env, PKI_ARCHIVE: backup.stdout.toString("base64"), STATE: JSON.stringify(state) },
      steps: [
        ...named(/^Restore the PKI folder/),
        { name: "stand-in for terraform state pull", run: 'printf "%s" "$STATE" > "$RUNNER_TEMP/pki.tfstate"' },
        ...named(/^Refuse a PKI folder older/),
        ...named(/ apply /),
      ],
    };
    const rehearsal = rehearseJob(flow, job, {}, { skip: () => undefined });
    try {
      const guard = rehearsal.outcomes.find((outcome) => /^Refuse a PKI folder older/.test(outcome.step))!;
      expect(guard).toMatchObject({ outcome: "ran", code: 1 });
      const serial = readManifest(pki.layout).certificates[0].serialNumber.replace(/^0+/, "");
      expect(guard.output).toMatch(
        new RegExp(
          `::error::the pki stack's state \\(.*pki\\.tfstate\\) holds CRL number \\d+ of issuing-1, above the PKI folder's \\d+: .*the folder does not: ${serial}`,
        ),
      );
      const applies = rehearsal.outcomes.filter((outcome) => / apply /.test(outcome.step));
      expect(applies.map((outcome) => outcome.outcome)).toEqual(["condition false", "condition false"]);
    } finally {
      fs.rmSync(rehearsal.copy, { recursive: true, force: true });
      fs.rmSync(path.dirname(pki.layout.root), { recursive: true, force: true });
    }
  });

  const availability = terraformAvailability();
  if (terraformLayerRuns("rehearsal of the test job (real terraform plan)", availability)) {
    test("pull-request.yml test (Node 22): the provider mirror step and plan:offline | tee", () => {
      const mirror = findProviderMirror();
      const unpacked =
        mirror.found &&
        fs.existsSync(
          path.join(mirror.mirror, "registry.terraform.io/hashicorp/aws", AWS_PROVIDER_VERSION, "linux_amd64"),
        );
      const skip = (run: string) =>
        skipReason(run) ??
        (!unpacked && /releases\.hashicorp\.com/.test(run)
          ? "downloads the provider: the local mirror is packed"
          : undefined);
      const job: WorkflowJob = workflow("pull-request.yml").jobs.test;
      const rehearsal = rehearseJob(
        workflow("pull-request.yml"),
        job,
        { node: 22 },
        { providerMirror: mirror.found ? mirror.mirror : undefined, skip },
      );
      expectAllPassed(rehearsal);
      ran(rehearsal, /^Real terraform plan/);
      const planned = fs.readFileSync(path.join(rehearsal.copy, "plan-offline.txt"), "utf8");
      expect(planned).toMatch(/^\| dns \| Plan: \d+ to add/m);
      expect(rehearsal.outcomes.find((outcome) => outcome.step === "npm test")).toMatchObject({
        outcome: "skipped",
        reason: "the suite itself",
      });
    });
  }
});
