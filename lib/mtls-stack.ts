// Base of the four stacks: one AWS provider, one backend, and outputs and upstream reads checked against
// the contract at compile time.
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformOutput, TerraformRemoteState, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import type { Config } from "./config/schema";
import { CONTRACT, type OutputName, type StackName } from "./contract";
import { configureBackend, remoteStateReader } from "./state/backend";

/** Typed access to an upstream stack's outputs, through an explicit terraform_remote_state data source. */
export class UpstreamOutputs<S extends StackName> {
  constructor(private readonly state: TerraformRemoteState) {}

  string(name: OutputName<S>): string {
    return this.state.getString(name);
  }

  /** A map output, e.g. client certificate ARNs by name. */
  map(name: OutputName<S>) {
    return this.state.get(name);
  }
}

export abstract class MtlsStack<S extends StackName> extends TerraformStack {
  protected constructor(
    scope: Construct,
    readonly stackName: S,
    protected readonly config: Config,
  ) {
    super(scope, stackName);
    configureBackend(this, config, stackName);
    new AwsProvider(this, "aws", {
      region: config.region,
      defaultTags: [{ tags: { ...config.tags, "mtls:environment": config.environment, "mtls:stack": stackName } }],
    });
  }

  protected output(name: OutputName<S>, value: unknown): TerraformOutput {
    const descriptions: Record<string, string> = CONTRACT[this.stackName];
    // Outputs share the stack's namespace with constructs; the construct id is prefixed, the name is not.
    const output = new TerraformOutput(this, `output_${name}`, { value, description: descriptions[name] });
    output.overrideLogicalId(name);
    return output;
  }

  protected upstream<U extends StackName>(stack: U): UpstreamOutputs<U> {
    return new UpstreamOutputs<U>(remoteStateReader(this, this.config, stack));
  }
}
