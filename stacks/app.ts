import type { App, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import type { Config } from "../lib/config/schema";
import { STACK_ORDER, upstreamOf, type StackName } from "../lib/contract";
import type { MtlsStack } from "../lib/mtls-stack";
import { ApiStack } from "./api-stack";
import { DnsStack } from "./dns-stack";
import { PkiStack } from "./pki-stack";
import { TruststoreStack } from "./truststore-stack";

export type Stacks = { [S in StackName]: MtlsStack<S> };

const STACK_CLASSES: { [S in StackName]: new (scope: Construct, config: Config) => MtlsStack<S> } = {
  pki: PkiStack,
  truststore: TruststoreStack,
  api: ApiStack,
  dns: DnsStack,
};

/**
 * Builds the four stacks for one environment. They share nothing but remote-state outputs; each depends on the
 * stack it reads (lib/contract.ts), so `cdktf deploy '*'` runs them in order.
 */
export function buildStacks(app: App, config: Config): Stacks {
  const stacks: Partial<Record<StackName, TerraformStack>> = {};
  for (const name of STACK_ORDER) {
    const stack = new STACK_CLASSES[name](app, config);
    const upstream = upstreamOf(name);
    if (upstream) stack.addDependency(stacks[upstream]!);
    stacks[name] = stack;
  }
  return stacks as Stacks;
}
