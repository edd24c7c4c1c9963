// Real Terraform on every synthesized stack, HTTP and REST, and the self-managed pki and truststore stacks: init
// against the local provider mirror, validate, and terraform test, which applies the stack offline with a mocked
// AWS provider and upstream outputs fed from fixtures (terraform-tests/). All of them validate in one Terraform
// process and mock-apply in another. The same stacks synthesized as HCL (synth --hcl) validate in that one process too,
// beside their JSON. Without a Terraform CLI or mirror the layer is skipped with the reason;
// MTLS_REQUIRE_ALL_LAYERS=1 (set by .ci/run) turns that skip into a failure.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { ApiType, Config } from "../../lib/config/schema";
import { STACK_ORDER, type StackName } from "../../lib/contract";
import { synthConfigHcl } from "../../tools/environments/synth";
import { runTerraform, terraformAvailability } from "../../tools/terraform/cli";
import { mockApplyStacks, type MockApplyCase, type MockApplyRun } from "../helpers/terraform/offline-stack";
import { validateStacks, type StackToValidate } from "../helpers/terraform/validate-stacks";
import { issue } from "../../tools/pki/commands/issue";
import { revoke } from "../../tools/pki/commands/revoke";
import { API_TYPES, configFor, exampleConfig, routedConfig, useApiType } from "../helpers/config";
import { createTestPki, selfManagedConfig } from "../helpers/pki";
import { synthToDirectory } from "../helpers/synth";
import { expectMockApplied, terraformLayerRuns } from "../helpers/terraform-layer";

/** Each warning title and how often Terraform gave it ("(and 3 more similar warnings elsewhere)" counts 4). */
function warningCounts(output: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const block of output.split(/^(?=Warning: )/m).slice(1)) {
    const title = /^Warning: (.+)$/m.exec(block)![1];
    const more = /\(and (\d+|one) more similar warnings? elsewhere\)/.exec(block)?.[1];
    counts[title] = (counts[title] ?? 0) + 1 + (more === "one" ? 1 : Number(more ?? 0));
  }
  return counts;
}

function stackJson(outdir: string, stack: StackName): string {
  return fs.readFileSync(path.join(outdir, "stacks", stack, "cdk.tf.json"), "utf8");
}

/** pki, truststore and dns synthesize identically in both modes; those run once, api runs per mode. */
function uniqueStacks(outdirs: Record<ApiType, string>): { stack: StackName; apiType: ApiType; outdir: string }[] {
  return STACK_ORDER.flatMap((stack) =>
    API_TYPES.filter(
      (apiType, index) => index === 0 || stackJson(outdirs[apiType], stack) !== stackJson(outdirs[API_TYPES[0]], stack),
    ).map((apiType) => ({ stack, apiType, outdir: outdirs[apiType] })),
  );
}

const availability = terraformAvailability();
if (terraformLayerRuns("real Terraform layer", availability)) {
  const env = availability.env;
  const outdirs = Object.fromEntries(
    API_TYPES.map((apiType) => [apiType, synthToDirectory(configFor(apiType))]),
  ) as Record<ApiType, string>;
  // A REST api stack that creates the account's API Gateway CloudWatch Logs role and owns the setting
  // (api.manageAccountLoggingRole: true): an IAM role, its policy attachment and aws_api_gateway_account, which
  // the stage waits for. It validates and mock-applies beside the others, under the REST assertions.
  const OWNING_ROLE = "rest_owning_logging_role_api";
  const owningRoleConfig = exampleConfig((document) => {
    useApiType(document, "rest");
    document.api.manageAccountLoggingRole = true;
  });
  const owningRole = path.join(synthToDirectory(owningRoleConfig), "stacks", "api");
  // The api stack with its own backends (an existing Lambda function, an HTTP URL, a VPC link, the echo function)
  // and two clients with different access, for each API type, under the same assertions as the example's.
  const routed = Object.fromEntries(
    API_TYPES.map((apiType) => [apiType, path.join(synthToDirectory(routedConfig(apiType)), "stacks", "api")]),
  ) as Record<ApiType, string>;
  // The self-managed stacks, from a PKI made by the PKI tool's commands (a revoked client, so the CRL lists one).
  // A promise rather than beforeAll: jest starts concurrent tests before beforeAll hooks run.
  const SELF_MANAGED_STACKS = ["pki", "truststore"] as const;
  // The HCL of each variant (npm run synth -- --hcl), in one folder removed after the file.
  const hclRoot = fs.mkdtempSync(path.join(os.tmpdir(), "mtls-hcl-"));
  afterAll(() => fs.rmSync(hclRoot, { recursive: true, force: true }));
  const hclOf = async (variant: string, config: Config) =>
    (await synthConfigHcl(config, hclRoot, { outdir: path.join(hclRoot, variant) })).outdir;
  // Every stack under test, once: validated together, then mock-applied together with the control cases.
  const selfManagedConfigOnce = (async () => {
    const context = await createTestPki();
    await issue(context, { name: "partner-a" });
    await revoke(context, { certificate: "partner-a" });
    return selfManagedConfig(context.layout.root);
  })();
  const stacks: Promise<MockApplyCase[]> = (async () => {
    const selfManaged = synthToDirectory(await selfManagedConfigOnce);
    return [
      ...uniqueStacks(outdirs).map(({ stack, apiType, outdir }) => ({
        name: `${apiType}_${stack}`,
        directory: path.join(outdir, "stacks", stack),
        stack,
        apiType,
      })),
      { name: OWNING_ROLE, directory: owningRole, stack: "api", apiType: "rest" },
      ...API_TYPES.map((apiType) => ({
        name: `routed_${apiType}_api`,
        directory: routed[apiType],
        stack: "api" as const,
        apiType,
      })),
      ...SELF_MANAGED_STACKS.map((stack) => ({
        name: `self_managed_${stack}`,
        directory: path.join(selfManaged, "stacks", stack),
        stack,
        apiType: "http" as const,
        pkiMode: "self-managed" as const,
      })),
    ];
  })();

  // The same stacks as HCL, hcl_<name>: every JSON module above has an HCL twin but the REST api stack, whose every
  // construct the REST api stack that owns the logging role also has (one HCL synth fewer: each costs about a CPU
  // second, most of it reading the HCL back).
  const hclStacks: Promise<StackToValidate[]> = (async () => {
    const hclOutdirs = {
      http: await hclOf("http", configFor("http")),
      owning: await hclOf("owning", owningRoleConfig),
      selfManaged: await hclOf("self_managed", await selfManagedConfigOnce),
      // The routed stacks' request parameter maps have keys HCL must quote ("overwrite:header.x-mtls-client").
      routed_http: await hclOf("routed_http", routedConfig("http")),
      routed_rest: await hclOf("routed_rest", routedConfig("rest")),
    };
    const variantOf = (name: string, selfManaged: boolean): keyof typeof hclOutdirs =>
      selfManaged
        ? "selfManaged"
        : name === OWNING_ROLE
          ? "owning"
          : name.startsWith("routed_")
            ? (name.slice(0, -4) as "routed_http")
            : "http";
    return (await stacks)
      .filter(({ name }) => name !== "rest_api")
      .map(({ name, stack, pkiMode }) => {
        const variant = variantOf(name, pkiMode !== undefined);
        return { name: `hcl_${name}`, directory: path.join(hclOutdirs[variant], "stacks", stack), hcl: true };
      });
  })();

  describe("real Terraform", () => {
    test("pki, truststore and dns synthesize the same in both API modes, api differs", () => {
      expect(uniqueStacks(outdirs).map(({ stack, apiType }) => `${stack}:${apiType}`)).toEqual([
        "pki:http",
        "truststore:http",
        "api:http",
        "api:rest",
        "dns:http",
      ]);
    });

    test("every stack, HTTP and REST (one that creates the account's logging role too), and the self-managed ones, as JSON and as HCL, inits against the mirror (installing the provider from it) and validates", async () => {
      const hcl = await hclStacks;
      expect(hcl.map(({ name }) => name)).toEqual(
        (await stacks).map(({ name }) => `hcl_${name}`).filter((name) => name !== "hcl_rest_api"),
      );
      const { init, validate } = await validateStacks([...(await stacks), ...hcl], env, { installProvider: true });
      expect(init.output).toMatch(/Installing hashicorp\/aws v5\.100\.0/);
      expect({ init: init.code, output: init.code ? init.output : "" }).toEqual({ init: 0, output: "" });
      expect(validate?.output).toMatch(/Success! The configuration is valid/);
      // Expected warnings only, as many for the HCL as for its JSON twin: every module (a stack used as a child module)
      // ignores its backend block, and provider 5.x deprecates aws_api_gateway_account.reset_on_delete, which the
      // stack owning the logging role sets (6.0 drops it and always resets the setting on destroy: docs/decisions.md).
      // cdktf's own HCL added "Quoted references are deprecated" and was refused outright for its condition blocks.
      const modules = (await stacks).length + hcl.length;
      expect(hcl).toHaveLength(9);
      expect(warningCounts(validate!.output)).toEqual({
        "Backend configuration ignored": modules,
        "Attribute Deprecated": 2,
      });
      expect(validate!.output).toMatch(/with module\.(hcl_)?rest_owning_logging_role_api\.aws_api_gateway_account\./);
      expect(validate!.output).toMatch(/The "reset_on_delete" attribute will be removed in a future version/);
      expect(validate?.code).toBe(0);
    }, 300000);

    test("the HCL of every stack is laid out as terraform fmt lays it out", async () => {
      const directories = (await hclStacks).map((stack) => stack.directory);
      expect(directories).toHaveLength(9);
      const check = await runTerraform(["fmt", "-check", "-recursive"], hclRoot, env);
      expect({ code: check.code, output: check.output }).toEqual({ code: 0, output: "" });
    });

    // Every stack and the control cases mock-apply in one terraform test process, a test file each.
    const stale = "http_api_unpinned_truststore";
    // The truststore version guard, each half taken out: the run that expects its failure must then fail.
    const withoutPostcondition = "http_truststore_without_postcondition";
    const withoutPrecondition = "http_api_without_precondition";
    // S3's literal "null" version id taken out of the object's postcondition: the "null" run must then fail.
    const withoutNullGuard = "http_truststore_without_null_guard";
    const controlCases = 4;
    let merged: Promise<MockApplyRun> | undefined;
    const mockApplied = () =>
      (merged ??= stacks.then((every) =>
        mockApplyStacks(
          [
            ...every,
            {
              name: stale,
              directory: path.join(outdirs.http, "stacks", "api"),
              stack: "api" as const,
              apiType: "http" as const,
              edit: (json: Record<string, any>) => {
                json.resource.aws_apigatewayv2_domain_name.custom_domain.mutual_tls_authentication.truststore_version =
                  "stale-version";
              },
            },
            {
              name: withoutPostcondition,
              directory: path.join(outdirs.http, "stacks", "truststore"),
              stack: "truststore" as const,
              apiType: "http" as const,
              edit: (json: Record<string, any>) => delete json.resource.aws_s3_object.truststore_bundle.lifecycle,
            },
            {
              name: withoutNullGuard,
              directory: path.join(outdirs.http, "stacks", "truststore"),
              stack: "truststore" as const,
              apiType: "http" as const,
              edit: (json: Record<string, any>) => {
                const guard = json.resource.aws_s3_object.truststore_bundle.lifecycle.postcondition[0];
                guard.condition = guard.condition.replace(' && self.version_id != "null"', "");
              },
            },
            {
              name: withoutPrecondition,
              directory: path.join(outdirs.http, "stacks", "api"),
              stack: "api" as const,
              apiType: "http" as const,
              edit: (json: Record<string, any>) =>
                delete json.resource.aws_apigatewayv2_domain_name.custom_domain.lifecycle,
            },
          ],
          env,
        ),
      ));

    test.each(uniqueStacks(outdirs))(
      "$stack stack ($apiType) mock-applies under terraform test",
      async ({ stack, apiType }) => {
        const outcome = expectMockApplied(await mockApplied(), `${apiType}_${stack}`);
        if (stack === "pki") {
          expect(outcome.liftedPreventDestroy).toEqual([
            "aws_acmpca_certificate_authority.issuing_ca",
            "aws_acmpca_certificate_authority.root_ca",
          ]);
        }
      },
    );

    test("the REST api stack that creates the account's logging role mock-applies under terraform test", async () => {
      expect(JSON.parse(fs.readFileSync(path.join(owningRole, "cdk.tf.json"), "utf8")).resource).toHaveProperty(
        "aws_api_gateway_account",
      );
      expectMockApplied(await mockApplied(), OWNING_ROLE);
    });

    test.each(API_TYPES)(
      "the %s api stack with routes to four kinds of backends and per-client access mock-applies",
      async (apiType) => {
        expectMockApplied(await mockApplied(), `routed_${apiType}_api`);
      },
    );

    test.each(SELF_MANAGED_STACKS)("%s stack (self-managed) mock-applies under terraform test", async (stack) => {
      expectMockApplied(await mockApplied(), `self_managed_${stack}`);
    });

    test("the mock-apply assertions catch a truststore version that is not pinned to the truststore stack", async () => {
      const { run, outcomes } = await mockApplied();
      expect(outcomes[stale].verdict).toBe("fail");
      expect(outcomes[stale].output).toContain(
        "The truststore version must be pinned to the truststore stack's output.",
      );
      // The control cases are the run's only failures, one run each: every run of every other file passed.
      // A failed run skips the runs after it in its file, so those count as skipped, never as passed.
      const count = (verdict: string) =>
        run.output.match(new RegExp(`^ {2}run "\\w+"\\.\\.\\. ${verdict}$`, "gm"))?.length ?? 0;
      const skipped = count("skip") ? `, ${count("skip")} skipped` : "";
      expect(run.output).toMatch(
        new RegExp(`^Failure! ${count("pass")} passed, ${controlCases} failed${skipped}\\.$`, "m"),
      );
      expect(run.code).toBe(1);
    });

    test("the truststore version guard: without the object's postcondition, the empty-version run fails", async () => {
      const { outcomes } = await mockApplied();
      expect(outcomes[withoutPostcondition].verdict).toBe("fail");
      expect(outcomes[withoutPostcondition].output).toMatch(
        /run "an_empty_version_id_fails_the_truststore_apply"\.\.\. fail/,
      );
    });

    test('the truststore version guard: S3\'s "null" version id fails the apply, a plain re-apply fails again, -replace recovers', async () => {
      const { outcomes } = await mockApplied();
      for (const run of [
        "a_null_version_id_fails_the_truststore_apply",
        "a_plain_reapply_after_it_fails_again",
        "apply_replace_of_the_bundle_recovers",
      ]) {
        expect(outcomes.http_truststore.output).toMatch(new RegExp(`run "${run}"\\.\\.\\. pass`));
      }
      expect(outcomes[withoutNullGuard].verdict).toBe("fail");
      expect(outcomes[withoutNullGuard].output).toMatch(
        /run "a_null_version_id_fails_the_truststore_apply"\.\.\. fail/,
      );
    });

    test("the truststore version guard: without the domain's precondition, the empty-version plan run fails", async () => {
      const { outcomes } = await mockApplied();
      expect(outcomes[withoutPrecondition].verdict).toBe("fail");
      expect(outcomes[withoutPrecondition].output).toMatch(
        /run "an_empty_truststore_version_fails_the_api_plan"\.\.\. fail/,
      );
    });
  });
}
