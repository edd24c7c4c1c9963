// The emulator layer's run: moto behind the mending proxy (tools/emulator), seeded with the state bucket and a
// hosted zone; each variant synthesized with an S3 backend in it, the emulator override written beside each stack,
// and the stacks applied, planned and destroyed with real Terraform on one provider process per variant.
import { ApiGatewayV2Client, GetAuthorizerCommand, GetRoutesCommand } from "@aws-sdk/client-apigatewayv2";
import { GetFunctionConfigurationCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { CreateHostedZoneCommand, DeleteHostedZoneCommand, Route53Client } from "@aws-sdk/client-route-53";
import { CreateBucketCommand, GetObjectCommand, PutBucketVersioningCommand, S3Client } from "@aws-sdk/client-s3";
import * as fs from "node:fs";
import * as path from "node:path";
import { createAuthorizer } from "../../functions/authorizer/authorizer";
import { s3CrlSource } from "../../functions/authorizer/s3-crl-source";
import { readSettings, type AuthorizerSettings } from "../../functions/authorizer/settings";
import { parseConfig } from "../../lib/config/load";
import type { Config } from "../../lib/config/schema";
import { STACK_ORDER, type StackName } from "../../lib/contract";
import {
  EMULATOR_ACCOUNT_ID,
  EMULATOR_OVERRIDE_FILE,
  writeEmulatorOverride,
} from "../../tools/emulator/emulator-override";
import { startEmulatorProxy, type EmulatorProxy } from "../../tools/emulator/emulator-proxy";
import { MOTO_GAPS, type MotoGap, type MotoGapId } from "../../tools/emulator/moto-gaps";
import { motoAvailability, startMoto } from "../../tools/emulator/moto-server";
import { synthConfig } from "../../tools/environments/synth";
import { readSynthOutput, type SynthesizedStack } from "../../tools/environments/synth-output";
import { runTerraform, terraformAvailability, type TerraformResult } from "../../tools/terraform/cli";
import { providerForConfiguredUses } from "../../tools/performance/shared-provider";

export const EMULATOR_REGION = "eu-west-1";
export const STATE_BUCKET = "apigw-mtls-emulator-state";
export const ZONE_NAME = "emu.example.com";

/** Whether the layer can run here: Terraform with the provider mirror, and moto_server; if not, why. */
export function emulatorLayerAvailability() {
  const terraform = terraformAvailability();
  const moto = motoAvailability();
  return !terraform.available ? terraform : !moto.available ? moto : terraform;
}

/** Static credentials for the SDK clients and tools that read the emulator (never the user's). */
export const EMULATOR_CREDENTIALS = { accessKeyId: "emulator", secretAccessKey: "emulator" };

export interface Emulator {
  /** The proxy's URL: what every client and the provider talk to. */
  readonly url: string;
  readonly proxy: EmulatorProxy;
  readonly hostedZoneId: string;
  /** An SDK client of the emulator. */
  client<T>(make: new (config: Record<string, unknown>) => T): T;
  /** The environment a tool reading the emulator runs with (AWS_ENDPOINT_URL and static credentials). */
  readonly toolEnv: NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

/** A hosted zone id as AWS makes them (moto-gaps.ts, hosted-zone-id): created again until moto's starts with Z. */
async function seedHostedZone(route53: Route53Client): Promise<string> {
  for (let attempt = 0; attempt < 500; attempt++) {
    const created = await route53.send(
      new CreateHostedZoneCommand({ Name: ZONE_NAME, CallerReference: `emulator-${attempt}` }),
    );
    const id = created.HostedZone!.Id!.replace("/hostedzone/", "");
    if (id.startsWith("Z")) return id;
    await route53.send(new DeleteHostedZoneCommand({ Id: id }));
  }
  throw new Error("moto gave no hosted zone id starting with Z in 500 attempts");
}

export async function startEmulator(stateFolder: string): Promise<Emulator> {
  const moto = await startMoto(stateFolder);
  // Every request and its status, beside moto's state (removed with the run's folder): a failure's full story.
  const requests = path.join(stateFolder, "requests.log");
  const started = Date.now();
  const proxy = await startEmulatorProxy(moto.url, (line) =>
    fs.appendFileSync(requests, `${((Date.now() - started) / 1000).toFixed(1).padStart(6)} ${line}\n`),
  ).catch(async (error) => {
    await moto.stop();
    throw error;
  });
  const url = proxy.url;
  const client = <T>(make: new (config: Record<string, unknown>) => T) =>
    new make({ region: EMULATOR_REGION, endpoint: url, forcePathStyle: true, credentials: EMULATOR_CREDENTIALS });
  const stop = async () => {
    await proxy.close();
    await moto.stop();
  };
  try {
    const s3 = client(S3Client);
    await s3.send(
      new CreateBucketCommand({
        Bucket: STATE_BUCKET,
        CreateBucketConfiguration: { LocationConstraint: EMULATOR_REGION },
      }),
    );
    await s3.send(
      new PutBucketVersioningCommand({ Bucket: STATE_BUCKET, VersioningConfiguration: { Status: "Enabled" } }),
    );
    const hostedZoneId = await seedHostedZone(client(Route53Client));
    const toolEnv = {
      AWS_ENDPOINT_URL: url,
      AWS_ACCESS_KEY_ID: EMULATOR_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: EMULATOR_CREDENTIALS.secretAccessKey,
      AWS_REGION: EMULATOR_REGION,
      AWS_PROFILE: "",
    };
    return { url, proxy, hostedZoneId, client, toolEnv, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

export interface Variant {
  readonly environment: string;
  /** The configuration document's file, for tools run with MTLS_CONFIG. */
  readonly configFile: string;
  readonly config: Config;
  /** Synthesized stacks in apply order, each with the emulator override beside it. */
  readonly stacks: SynthesizedStack[];
}

/**
 * Writes the variant's configuration (the shipped document with an S3 backend in the emulator and a domain in
 * the seeded zone) and synthesizes it into its own folder, with the emulator override beside each stack.
 */
export function prepareVariant(
  folder: string,
  emulator: Emulator,
  document: Record<string, any>,
  environment: string,
): Variant {
  document.environment = environment;
  document.tags = { ...document.tags, environment };
  document.accountId = EMULATOR_ACCOUNT_ID;
  document.backend = { type: "s3", bucket: STATE_BUCKET };
  document.domain = { name: `${environment}.${ZONE_NAME}`, hostedZoneId: emulator.hostedZoneId };
  delete document.$schema;
  const configFile = path.join(folder, `${environment}.json`);
  fs.writeFileSync(configFile, JSON.stringify(document, null, 2));
  const config = parseConfig(document, configFile);
  const outdir = path.join(folder, "cdktf.out");
  synthConfig(config, folder, { outdir });
  const stacks = readSynthOutput(outdir);
  for (const stack of stacks) writeEmulatorOverride(stack.directory, stack.json, emulator.url);
  return { environment, configFile, config, stacks };
}

export { EMULATOR_OVERRIDE_FILE };

export interface StackRun extends TerraformResult {
  readonly stack: StackName;
  readonly command: string;
  readonly seconds: number;
}

/** Runs Terraform in a variant's stacks on one provider process of its own, one command at a time. */
export function variantTerraform(variant: Variant, env: NodeJS.ProcessEnv) {
  // The api stack's Lambda packages are relative paths, which the attached provider reads from its own folder.
  const api = variant.stacks.find((stack) => stack.name === "api")!;
  const provider = providerForConfiguredUses(env, api.directory);
  const log: StackRun[] = [];
  const run = async (stack: SynthesizedStack, args: string[]): Promise<StackRun> => {
    const started = Date.now();
    const result = await runTerraform(args, stack.directory, await provider.env());
    // Kept beside the stack (the run's folder, removed with it) for a failure's full story.
    fs.appendFileSync(path.join(stack.directory, "terraform.log"), `$ terraform ${args.join(" ")}\n${result.output}\n`);
    const entry = {
      ...result,
      stack: stack.name as StackName,
      command: args[0],
      seconds: (Date.now() - started) / 1000,
    };
    log.push(entry);
    return entry;
  };
  return { environment: variant.environment, run, log, stop: () => provider.stop() };
}

export type VariantTerraform = ReturnType<typeof variantTerraform>;

/** A variant's Terraform time by command, each with its stacks': "emuself: apply 61.0 s (pki 9.1, ...); ...". */
export function terraformTimes(terraform: VariantTerraform): string {
  const commands = [...new Set(terraform.log.map((entry) => entry.command))];
  const byCommand = commands.map((command) => {
    const entries = terraform.log.filter((entry) => entry.command === command);
    const stacks = [...new Set(entries.map((entry) => entry.stack))].map((stack) => {
      const seconds = entries.filter((entry) => entry.stack === stack).reduce((sum, entry) => sum + entry.seconds, 0);
      return `${stack} ${seconds.toFixed(1)}`;
    });
    const total = entries.reduce((sum, entry) => sum + entry.seconds, 0);
    return `${command} ${total.toFixed(1)} s (${stacks.join(", ")})`;
  });
  return `${terraform.environment}: ${byCommand.join("; ")}`;
}

/** Fails with Terraform's output when a command failed. */
export function expectSucceeded(run: StackRun): StackRun {
  if (run.code !== 0) throw new Error(`terraform ${run.command} of ${run.stack} failed:\n${run.output.slice(-6000)}`);
  return run;
}

/** init and apply of each stack in order (pki, truststore, api, dns); the outputs of each, from its state in S3. */
export async function applyAll(
  variant: Variant,
  terraform: VariantTerraform,
  emulator: Emulator,
): Promise<Record<StackName, Record<string, any>>> {
  const outputs = {} as Record<StackName, Record<string, any>>;
  expect(variant.stacks.map((stack) => stack.name)).toEqual([...STACK_ORDER]);
  for (const stack of variant.stacks) {
    expectSucceeded(await terraform.run(stack, ["init", "-input=false"]));
    expectSucceeded(await terraform.run(stack, ["apply", "-input=false", "-auto-approve"]));
    outputs[stack.name as StackName] = await stateOutputs(emulator, stack);
  }
  return outputs;
}

/** A stack's outputs as its state object in the emulator's S3 holds them (where downstream stacks read them). */
export async function stateOutputs(emulator: Emulator, stack: SynthesizedStack): Promise<Record<string, any>> {
  const { bucket, key } = stack.json.terraform.backend.s3 as { bucket: string; key: string };
  const object = await emulator.client(S3Client).send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  const state = JSON.parse(await object.Body!.transformToString()) as { outputs: Record<string, { value: unknown }> };
  return Object.fromEntries(Object.entries(state.outputs).map(([name, output]) => [name, output.value]));
}

/** Synthesizes the variant again (after a change to its PKI folder) and writes the overrides anew. */
export function resynthesize(variant: Variant, emulator: Emulator): Variant {
  const folder = path.dirname(variant.configFile);
  synthConfig(variant.config, folder, { outdir: path.join(folder, "cdktf.out") });
  const stacks = readSynthOutput(path.join(folder, "cdktf.out"));
  for (const stack of stacks) writeEmulatorOverride(stack.directory, stack.json, emulator.url);
  return { ...variant, stacks };
}

export interface PlannedChange {
  readonly address: string;
  readonly type: string;
  readonly actions: readonly string[];
  /** Top-level attributes whose planned value differs from the current one. */
  readonly attributes: readonly string[];
}

interface ShownPlan {
  resource_changes?: {
    address: string;
    type: string;
    change: {
      actions: string[];
      before: Record<string, unknown> | null;
      after: Record<string, unknown> | null;
      replace_paths?: (string | number)[][];
    };
  }[];
}

/** A plan of the stack as applied: every resource change it would make (reads and no-ops left out). */
export async function planChanges(stack: SynthesizedStack, terraform: VariantTerraform): Promise<PlannedChange[]> {
  // -detailed-exitcode: 0 no change (nothing to show), 2 changes, 1 an error.
  const plan = await terraform.run(stack, ["plan", "-input=false", "-detailed-exitcode", "-out=second.tfplan"]);
  if (plan.code === 0) return [];
  if (plan.code !== 2) expectSucceeded(plan);
  const shown = expectSucceeded(await terraform.run(stack, ["show", "-json", "second.tfplan"]));
  const shownPlan = JSON.parse(shown.output.slice(shown.output.indexOf("{"))) as ShownPlan;
  return (shownPlan.resource_changes ?? [])
    .filter(({ change }) => !change.actions.every((action) => action === "no-op" || action === "read"))
    .map(({ address, type, change }) => ({
      address,
      type,
      actions: change.actions,
      // A replacement names what forces it; an update, every attribute whose value would change.
      attributes: change.replace_paths
        ? [...new Set(change.replace_paths.map((pathParts) => String(pathParts[0])))]
        : Object.keys({ ...change.before, ...change.after }).filter(
            (key) => JSON.stringify(change.before?.[key]) !== JSON.stringify(change.after?.[key]),
          ),
    }));
}

/** The row of moto-gaps.ts that explains a planned change, if one does. */
export function knownDrift(change: PlannedChange): MotoGapId | undefined {
  return (Object.entries(MOTO_GAPS) as [MotoGapId, MotoGap][]).find(
    ([, gap]) =>
      gap.drift?.resourceType === change.type &&
      gap.drift.actions.join() === change.actions.join() &&
      change.attributes.every((attribute) => gap.drift!.attributes.includes(attribute)),
  )?.[0];
}

/** destroy of each stack in reverse order (dns, api, truststore, pki). */
export async function destroyAll(variant: Variant, terraform: VariantTerraform): Promise<void> {
  for (const stack of [...variant.stacks].reverse()) {
    // -refresh=false: the state is the last apply's and nothing else changes the emulator; a refresh would read
    // every resource again (the lifecycle configuration until two reads agree) only to delete it.
    expectSucceeded(await terraform.run(stack, ["destroy", "-input=false", "-auto-approve", "-refresh=false"]));
  }
}

/**
 * The authorizer's settings as the api stack deployed them: found through the API (every route's authorizer, one
 * for all, then its Lambda function's environment). moto has no GetAuthorizers, so each route names its own.
 */
export async function authorizerSettings(emulator: Emulator, apiId: string): Promise<AuthorizerSettings> {
  const apigateway = emulator.client(ApiGatewayV2Client);
  const routes = await apigateway.send(new GetRoutesCommand({ ApiId: apiId }));
  const authorizerIds = new Set((routes.Items ?? []).map((route) => route.AuthorizerId));
  expect({ routes: (routes.Items ?? []).length > 0, authorizerIds: authorizerIds.size }).toEqual({
    routes: true,
    authorizerIds: 1,
  });
  const authorizer = await apigateway.send(
    new GetAuthorizerCommand({ ApiId: apiId, AuthorizerId: [...authorizerIds][0] }),
  );
  // arn:aws:apigateway:<region>:lambda:path/2015-03-31/functions/arn:aws:lambda:<region>:<account>:function:<name>/invocations
  const functionName = /:function:([^/:]+)\/invocations$/.exec(authorizer.AuthorizerUri ?? "")?.[1];
  expect(functionName).toMatch(/authorizer/);
  const deployed = await emulator
    .client(LambdaClient)
    .send(new GetFunctionConfigurationCommand({ FunctionName: functionName }));
  return readSettings(deployed.Environment?.Variables ?? {});
}

/**
 * The authorizer's own code, in this process, with the deployed function's settings, reading the CRLs from the
 * emulator's S3 (AWS_ENDPOINT_URL, as the SDK reads it): is a request with this client certificate allowed?
 */
export async function authorize(emulator: Emulator, apiId: string, clientCertPem: string): Promise<boolean> {
  const settings = await authorizerSettings(emulator, apiId);
  const saved = { ...process.env };
  Object.assign(process.env, emulator.toolEnv);
  try {
    const authorizer = createAuthorizer({
      issuers: settings.issuers.map(({ name, pem, crlKey }) => ({
        name,
        pem,
        crlSource: s3CrlSource(settings.crlBucket, crlKey, EMULATOR_REGION),
      })),
      log: () => {},
    });
    const event = {
      version: "2.0",
      routeArn: `arn:aws:execute-api:${EMULATOR_REGION}:123456789012:${apiId}/live/$default`,
      requestContext: { requestId: "emulator", authentication: { clientCert: { clientCertPem } } },
    };
    const result = await authorizer.authorize(event as never);
    return (result as { isAuthorized: boolean }).isAuthorized;
  } finally {
    for (const name of Object.keys(emulator.toolEnv)) {
      if (name in saved) process.env[name] = saved[name];
      else delete process.env[name];
    }
  }
}
