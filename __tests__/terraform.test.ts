// Real Terraform on every synthesized stack, HTTP and REST: init against the local provider mirror,
// validate, and terraform test, which applies the stack offline with a mocked AWS provider and upstream
// outputs fed from fixtures. Without a Terraform CLI or mirror the layer is skipped with the reason;
// MTLS_REQUIRE_ALL_LAYERS=1 (set by .ci/run) turns that skip into a failure.
import * as fs from "node:fs";
import * as path from "node:path";
import type { ApiType } from "../lib/config/schema";
import { STACK_ORDER, type StackName } from "../lib/contract";
import { runTerraform, terraformAvailability } from "../tools/terraform/cli";
import { prepareScratchStack } from "../tools/terraform/offline-stack";
import { API_TYPES, configFor } from "./helpers/config";
import { synthToDirectory } from "./helpers/synth";

const availability = terraformAvailability();
const required = process.env.MTLS_REQUIRE_ALL_LAYERS === "1";

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

async function initValidateTest(directory: string, env: NodeJS.ProcessEnv) {
  const init = await runTerraform(["init", "-input=false"], directory, env);
  const validate = init.code === 0 ? await runTerraform(["validate"], directory, env) : init;
  const test = validate.code === 0 ? await runTerraform(["test"], directory, env) : validate;
  return { init, validate, test };
}

if (!availability.available) {
  const reason = `real Terraform layer skipped: ${availability.reason}`;
  if (required) {
    test("real Terraform layer", () => {
      throw new Error(`${reason} (MTLS_REQUIRE_ALL_LAYERS=1 makes this a failure)`);
    });
  } else {
    console.warn(`SKIPPED ${reason}`);
    test.skip(reason, () => {});
  }
} else {
  const env = availability.env;
  const outdirs = Object.fromEntries(
    API_TYPES.map((apiType) => [apiType, synthToDirectory(configFor(apiType))]),
  ) as Record<ApiType, string>;

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

    test.concurrent.each(uniqueStacks(outdirs))(
      "$stack stack ($apiType) inits, validates and mock-applies",
      async ({ stack, apiType, outdir }) => {
        const scratch = prepareScratchStack(path.join(outdir, "stacks", stack), stack, apiType);
        const { init, validate, test } = await initValidateTest(scratch.directory, env);
        expect({ step: "init", code: init.code, output: init.code ? init.output : "" }).toEqual({
          step: "init",
          code: 0,
          output: "",
        });
        expect({ step: "validate", code: validate.code, output: validate.code ? validate.output : "" }).toEqual({
          step: "validate",
          code: 0,
          output: "",
        });
        expect(test.output).toMatch(/Success! \d+ passed, 0 failed\./);
        expect(test.code).toBe(0);
        if (stack === "pki") {
          expect(scratch.liftedPreventDestroy).toEqual([
            "aws_acmpca_certificate_authority.issuing_ca",
            "aws_acmpca_certificate_authority.root_ca",
          ]);
        }
      },
    );

    test.concurrent(
      "the mock-apply assertions catch a truststore version that is not pinned to the truststore stack",
      async () => {
        const scratch = prepareScratchStack(path.join(outdirs.http, "stacks", "api"), "api", "http");
        const jsonFile = path.join(scratch.directory, "cdk.tf.json");
        const json = JSON.parse(fs.readFileSync(jsonFile, "utf8"));
        json.resource.aws_apigatewayv2_domain_name.custom_domain.mutual_tls_authentication.truststore_version =
          "stale-version";
        fs.writeFileSync(jsonFile, JSON.stringify(json));
        const { test } = await initValidateTest(scratch.directory, env);
        expect(test.code).not.toBe(0);
        expect(test.output).toContain("The truststore version must be pinned to the truststore stack's output.");
      },
    );
  });
}
