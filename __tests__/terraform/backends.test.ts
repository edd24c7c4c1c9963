// Real Terraform on every environment and backend combination. All stacks of all combinations init against the
// local provider mirror and validate in one Terraform process, backend blocks included
// (__tests__/helpers/terraform/validate-stacks.ts): each environment's resources once, and every backend's block and
// remote-state readers, after checking that nothing else changes with the backend. The local backend is also
// initialized for real in each stack's own folder. Skipped with the reason without Terraform or the mirror;
// MTLS_REQUIRE_ALL_LAYERS=1 makes that a failure.
import * as fs from "node:fs";
import * as path from "node:path";
import { STACK_ORDER } from "../../lib/contract";
import { runTerraform, terraformAvailability } from "../../tools/terraform/cli";
import { withSharedProvider } from "../../tools/performance/shared-provider";
import { validateStacks, validationWarnings, withoutStateWiring } from "../helpers/terraform/validate-stacks";
import { COMBINATIONS, environmentConfig } from "../helpers/environments";
import { synthToDirectory } from "../helpers/synth";
import { terraformLayerRuns } from "../helpers/terraform-layer";

const availability = terraformAvailability();

if (terraformLayerRuns("real Terraform backend layer", availability)) {
  const env = availability.env;
  const outdirs = COMBINATIONS.map((combination) => ({
    ...combination,
    outdir: synthToDirectory(environmentConfig(combination.environment, combination.backend)),
  }));
  // Resources are validated once per environment (its first backend); with the other backends, only what the
  // backend changes: the backend block and the remote-state readers (the next test proves nothing else changes).
  const stacks = outdirs.flatMap(({ environment, backend, outdir }, index) =>
    STACK_ORDER.map((stack) => ({
      name: `${environment}_${backend}_${stack}`,
      directory: path.join(outdir, "stacks", stack),
      environment,
      stack,
      backend,
      stateWiringOnly: outdirs.findIndex((first) => first.environment === environment) !== index,
    })),
  );

  test("within an environment, the backend changes nothing but the backend block and the remote-state readers", () => {
    const json = (directory: string) => JSON.parse(fs.readFileSync(path.join(directory, "cdk.tf.json"), "utf8"));
    const others = stacks.filter((candidate) => candidate.stateWiringOnly);
    expect(others).toHaveLength(20);
    for (const stack of others) {
      const first = stacks.find(
        (candidate) =>
          !candidate.stateWiringOnly && candidate.environment === stack.environment && candidate.stack === stack.stack,
      )!;
      expect({ stack: stack.name, json: withoutStateWiring(json(stack.directory)) }).toEqual({
        stack: stack.name,
        json: withoutStateWiring(json(first.directory)),
      });
    }
  });

  test(`every stack of every environment and backend (${stacks.length} stacks) inits and validates, backend blocks included`, async () => {
    const result = await validateStacks(stacks, env);
    expect({ init: result.init.code, output: result.init.code ? result.init.output : "" }).toEqual({
      init: 0,
      output: "",
    });
    expect(result.backends).toEqual(Object.fromEntries(stacks.map((stack) => [stack.name, stack.backend])));
    expect(result.validate?.output).toMatch(/Success! The configuration is valid/);
    // Expected warnings only: child modules ignore their backend block (the probe checks it instead), and
    // Terraform 1.11 deprecates the optional DynamoDB lock table in favour of use_lockfile.
    expect(new Set(validationWarnings(result.validate!.output))).toEqual(
      new Set(["Backend configuration ignored", "Deprecated Parameter"]),
    );
    expect(result.validate!.output).not.toMatch(/The parameter "(?!dynamodb_table)\w+" is deprecated/);
    expect(result.validate?.code).toBe(0);
  }, 600000);

  test("the local backend initializes for real in each stack's own folder", async () => {
    const local = stacks.filter((stack) => stack.backend === "local");
    expect(local).toHaveLength(8);
    for (const stack of local) {
      // The backend is under test here, not the mirror: attached to the shared provider, init installs nothing.
      const init = await runTerraform(["init", "-input=false"], stack.directory, withSharedProvider(env));
      expect({ stack: stack.name, code: init.code }).toEqual({ stack: stack.name, code: 0 });
      expect(init.output).toContain('Successfully configured the backend "local"!');
    }
  }, 600000);

  test("a backend block Terraform rejects fails the validation, naming the stack", async () => {
    const outdir = synthToDirectory(environmentConfig("dev", "s3"));
    const file = path.join(outdir, "stacks", "pki", "cdk.tf.json");
    const json = JSON.parse(fs.readFileSync(file, "utf8"));
    json.terraform.backend.s3.use_lock_file = true;
    fs.writeFileSync(file, JSON.stringify(json, null, 2));
    // Only the state wiring: the backend probe is what catches the block, and without resources the validation needs
    // no AWS provider schema.
    const result = await validateStacks(
      [{ name: "dev_s3_pki", directory: path.dirname(file), stateWiringOnly: true }],
      env,
    );
    expect(result.validate?.code).toBe(1);
    expect(result.validate?.output).toMatch(/on dev_s3_pki\/backend_probe\.tf\.json/);
    expect(result.validate?.output).toMatch(/not valid for backend "s3": unexpected attribute\s+"use_lock_file"/);
  }, 300000);
}
