// A rule checked resource by resource, in the checkov manner: the resource types it declares drive the loop, so a
// rule cannot check a type it did not declare, and what it reads is documented from the same declaration.
import { dataSourcesOf, resourcesOf, type ResourceRef } from "./terraform-json";
import type { RuleReads } from "./reads";
import type { Finding, PolicyRule, SynthesizedApp } from "./types";

/** `aws_s3_bucket` for a resource, `data.aws_iam_policy_document` for a data source. */
type BlockType = `${string}_${string}`;

/** The Terraform type of a declared block: a data source's declaration carries the `data.` prefix. */
type TerraformType<T extends string> = T extends `data.${infer Type}` ? Type : T;

export type Checked<T extends string> = ResourceRef & { readonly type: TerraformType<T> };

/** A passing resource that needs action soon: shown with a warning, never failing. */
export interface Warning {
  readonly warning: string;
}

/** A rule's description as PolicyRule has it (id, title, fix, ...; any field added there passes through), but
 * what it reads declared as the types it checks plus what else it looks at. */
export interface ResourceRuleSpec<T extends BlockType> extends Omit<PolicyRule, "reads" | "check"> {
  /** The block types checked one by one, in this order, each with the attributes the rule reads on it. */
  readonly resourceTypes: { readonly [Type in T]: readonly string[] };
  /** Other blocks the rule reads while checking one (what a bucket's policy says, the stack's outputs). */
  readonly alsoReads?: RuleReads;
  /** Only these resources are checked (an AAAA alias, a domain with mutual TLS); the others are not findings. */
  appliesTo?(resource: Checked<T>, app: SynthesizedApp): boolean;
  /** What is wrong with the resource, in a sentence, or nothing when it passes. */
  check(resource: Checked<T>, app: SynthesizedApp): string | undefined;
  passMessage(resource: Checked<T>, app: SynthesizedApp): string | Warning;
}

function blocksOf<T extends BlockType>(app: SynthesizedApp, declared: T): Checked<T>[] {
  const dataType = /^data\.(.+)$/.exec(declared)?.[1];
  return (dataType ? dataSourcesOf(app, dataType) : resourcesOf(app, declared)) as Checked<T>[];
}

function findingFor(resource: ResourceRef, problem: string | undefined, pass: () => string | Warning): Finding {
  const at = { stack: resource.stack, resource: resource.address };
  if (problem !== undefined) return { ...at, passed: false, message: problem };
  const passed = pass();
  return typeof passed === "string"
    ? { ...at, passed: true, message: passed }
    : { ...at, passed: true, warning: true, message: passed.warning };
}

export function resourceRule<T extends BlockType>(spec: ResourceRuleSpec<T>): PolicyRule {
  const { resourceTypes, alsoReads, appliesTo, check, passMessage, ...described } = spec;
  const types = Object.keys(resourceTypes) as T[];
  return {
    ...described,
    reads: { ...resourceTypes, ...alsoReads },
    check: (app) =>
      types
        .flatMap((type) => blocksOf(app, type))
        .filter((resource) => appliesTo?.(resource, app) ?? true)
        .map((resource) => findingFor(resource, check(resource, app), () => passMessage(resource, app))),
  };
}
