// Builds one construct in a fresh stack and returns its synthesized Terraform JSON, parsed, for narrow checks.
import { LambdaFunction } from "@cdktf/provider-aws/lib/lambda-function";
import { Testing } from "cdktf";
import type { Construct } from "constructs";
import type { MtlsApiProps } from "../../lib/constructs/api-common";
import { ReadableStack } from "../../lib/logical-ids";
import type { StackJson } from "./synth";

/** Synthesizes only what `build` adds to an empty stack that names elements as the project's stacks do. */
export function synthConstruct(build: (scope: Construct) => void): StackJson {
  return JSON.parse(synthConstructText(build));
}

/** The same, as Terraform JSON text, for cdktf's jest matchers. */
export function synthConstructText(build: (scope: Construct) => void): string {
  const stack = new ReadableStack(Testing.app(), "test");
  build(stack);
  return Testing.synth(stack);
}

/** A bare function resource: API constructs only need its ARNs and name, not a bundle. */
export function stubFunction(scope: Construct, id: string): LambdaFunction {
  return new LambdaFunction(scope, id, {
    functionName: id,
    role: "arn:aws:iam::123456789012:role/test",
    runtime: "nodejs22.x",
    handler: "index.handler",
    filename: "function.zip",
  });
}

/** What either API construct takes, with the two functions built in `scope` as logical names backend and authorizer. */
export function apiProps(scope: Construct, resultCacheTtlSeconds = 300): MtlsApiProps {
  return {
    name: "demo",
    stageName: "live",
    backend: stubFunction(scope, "backend"),
    authorizer: { function: stubFunction(scope, "authorizer"), resultCacheTtlSeconds },
    logRetentionDays: 90,
  };
}
