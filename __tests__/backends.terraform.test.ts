// Real Terraform on every environment and backend combination: each synthesized stack inits against the local
// provider mirror (the local backend for real, s3 and cloud with -backend=false) and validates, backend block
// included (tools/terraform/validate-stack.ts). Skipped with the reason without Terraform or the mirror;
// MTLS_REQUIRE_ALL_LAYERS=1 makes that a failure.
import * as fs from "node:fs";
import * as path from "node:path";
import { STACK_ORDER } from "../lib/contract";
import { terraformAvailability } from "../tools/terraform/cli";
import { withPluginCache } from "../tools/terraform/plugin-cache";
import { validateStack } from "../tools/terraform/validate-stack";
import { COMBINATIONS, environmentConfig } from "./helpers/environments";
import { synthToDirectory } from "./helpers/synth";
import { terraformLayerRuns } from "./helpers/terraform-layer";

const availability = terraformAvailability();

/** Two terraform processes at a time: each loads the ~700 MB provider, and the machine is shared. */
function limited(concurrency: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running >= concurrency) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await task();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}

if (terraformLayerRuns("real Terraform backend layer", availability)) {
  const env = withPluginCache(availability.env);
  const slot = limited(2);
  const cases = COMBINATIONS.flatMap(({ environment, backend }) => {
    const outdir = synthToDirectory(environmentConfig(environment, backend));
    return STACK_ORDER.map((stack) => ({ environment, backend, stack, directory: path.join(outdir, "stacks", stack) }));
  });

  test.concurrent.each(cases)(
    "$environment / $backend / $stack: terraform init and validate, backend block included",
    async ({ backend, directory }) => {
      const result = await slot(() => validateStack(directory, env));
      expect(result.backend).toBe(backend);
      expect(result.backendInitialized).toBe(backend === "local");
      expect({ init: result.init.code, output: result.init.code ? result.init.output : "" }).toEqual({
        init: 0,
        output: "",
      });
      expect(result.validate?.output).toMatch(/Success! The configuration is valid/);
      // The only warning allowed: Terraform 1.11 deprecates the optional DynamoDB lock table in favour of use_lockfile.
      const warnings = [...(result.validate?.output ?? "").matchAll(/Warning: (.*)\n[\s\S]*?\n\n(.*)/g)].map(
        (match) => match[2],
      );
      expect(warnings.every((warning) => warning.includes('"dynamodb_table" is deprecated'))).toBe(true);
      expect(result.validate?.code).toBe(0);
    },
    300000,
  );

  test.concurrent(
    "a backend block Terraform rejects fails the validation",
    async () => {
      const outdir = synthToDirectory(environmentConfig("dev", "s3"));
      const file = path.join(outdir, "stacks", "pki", "cdk.tf.json");
      const json = JSON.parse(fs.readFileSync(file, "utf8"));
      json.terraform.backend.s3.use_lock_file = true;
      fs.writeFileSync(file, JSON.stringify(json, null, 2));
      const result = await slot(() => validateStack(path.dirname(file), env));
      expect(result.validate?.code).toBe(1);
      expect(result.validate?.output).toMatch(/not valid for backend "s3": unexpected attribute\s+"use_lock_file"/);
    },
    300000,
  );
}
