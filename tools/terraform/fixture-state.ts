// Terraform state files (format version 4) holding only an upstream stack's outputs, from the contract-typed
// fixtures: what a downstream stack's terraform_remote_state reads when Terraform plans offline.
import type { StackName } from "../../lib/contract";
import { UPSTREAM_FIXTURES } from "./upstream-fixtures";

function outputType(value: unknown): unknown {
  return typeof value === "string" ? "string" : ["map", "string"];
}

export function fixtureState(stack: StackName): string {
  const outputs = Object.fromEntries(
    Object.entries(UPSTREAM_FIXTURES[stack]).map(([name, value]) => [name, { value, type: outputType(value) }]),
  );
  const state = {
    version: 4,
    terraform_version: "1.11.0",
    serial: 1,
    lineage: `fixture-${stack}`,
    outputs,
    resources: [],
    check_results: null,
  };
  return `${JSON.stringify(state, null, 2)}\n`;
}
