import type { App } from "cdktf";
import type { Config } from "./config/schema";
import type { StackName } from "./contract";
import { ApiStack } from "../stacks/api-stack";
import { DnsStack } from "../stacks/dns-stack";
import { PkiStack } from "../stacks/pki-stack";
import { TruststoreStack } from "../stacks/truststore-stack";
import type { MtlsStack } from "./mtls-stack";

export type Stacks = { [S in StackName]: MtlsStack<S> };

/**
 * Builds the four stacks for one environment. They share nothing but remote-state outputs; the declared
 * dependencies make `cdktf deploy '*'` run them in order.
 */
export function buildStacks(app: App, config: Config): Stacks {
  const pki = new PkiStack(app, config);
  const truststore = new TruststoreStack(app, config);
  const api = new ApiStack(app, config);
  const dns = new DnsStack(app, config);
  truststore.addDependency(pki);
  api.addDependency(truststore);
  dns.addDependency(api);
  return { pki, truststore, api, dns };
}
