// Base of the four stacks: one AWS provider, one backend, and outputs and upstream reads checked against
// the contract at compile time.
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformOutput, TerraformRemoteState, Token } from "cdktf";
import type { Construct } from "constructs";
import type { Config } from "./config/schema";
import {
  outputDescription,
  upstreamOf,
  type MapOutputName,
  type OutputName,
  type StackName,
  type StringOutputName,
  type UpstreamOf,
} from "./contract";
import { ReadableStack } from "./logical-ids";
import { configureBackend, remoteStateReader } from "./state/backend";

/**
 * Typed access to an upstream stack's outputs, through an explicit terraform_remote_state data source: string()
 * takes only the contract's string outputs, map() only its map outputs.
 */
export class UpstreamOutputs<S extends StackName> {
  constructor(private readonly state: TerraformRemoteState) {}

  string(name: StringOutputName<S>): string {
    return this.state.getString(name);
  }

  /** A map output, e.g. the issuing CAs' CRL object keys by CA name. */
  map(name: MapOutputName<S>): Record<string, string> {
    return Token.asStringMap(this.state.get(name));
  }
}

export abstract class MtlsStack<S extends StackName> extends ReadableStack {
  protected constructor(
    scope: Construct,
    readonly stackName: S,
    protected readonly config: Config,
  ) {
    super(scope, stackName);
    configureBackend(this, config, stackName);
    new AwsProvider(this, "aws", {
      region: config.region,
      allowedAccountIds: [config.accountId],
      defaultTags: [{ tags: { ...config.tags, "mtls:environment": config.environment, "mtls:stack": stackName } }],
    });
  }

  protected output(name: OutputName<S>, value: unknown): TerraformOutput {
    // Outputs share the stack's namespace with constructs; the construct id is prefixed, the name is not.
    const output = new TerraformOutput(this, `output_${name}`, {
      value,
      description: outputDescription(this.stackName, name),
    });
    output.overrideLogicalId(name);
    return output;
  }

  /** The outputs of the stack before this one, the only stack it may read (none for pki). */
  protected upstream(): UpstreamOutputs<UpstreamOf<S>> {
    const stack = upstreamOf(this.stackName);
    if (stack === undefined) throw new Error(`The ${this.stackName} stack is first in STACK_ORDER and reads no stack.`);
    return new UpstreamOutputs(remoteStateReader(this, this.config, stack));
  }
}
