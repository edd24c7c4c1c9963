// The shape of the catalog of AWS's rules (catalog.ts): for every argument the stacks set, what AWS requires of it,
// where AWS says so, and where this project holds it, or why nothing needs to.

/** Where a rule is held before (or right after) apply. A test checks that each one names something that exists. */
export type Enforcement =
  /** A configuration field (a path as docs/config.md names it): invalid values fail before any synth. */
  | { readonly config: string }
  /** A review policy rule id (policies/rules/<id>.ts), run on every synthesized environment. */
  | { readonly review: string }
  /** A Terraform condition in the synthesized JSON, at the address given. */
  | { readonly terraform: string }
  /** A check of npm run verify, after deploy (tools/verify/<file>). */
  | { readonly verify: string }
  /** A constant or derivation in the code (the file), so no configuration can break it. */
  | { readonly code: string };

interface RuleText {
  /** What AWS requires: valid values, lengths, counts, cross-argument and cross-resource rules, singletons. */
  readonly rule: string;
  /** The AWS page that says so, when it is not the resource's own. */
  readonly source?: string;
}

export type ArgumentRule = RuleText &
  (
    | { readonly enforced: readonly [Enforcement, ...Enforcement[]]; readonly notApplicable?: never }
    | { readonly notApplicable: string; readonly enforced?: never }
  );

export interface ResourceRules {
  /** The AWS API reference (or user guide) page of the resource. */
  readonly source: string;
  /** Rules of the resource as a whole: singletons, ordering, eventual consistency, quotas. */
  readonly resourceRules?: readonly (RuleText & {
    readonly enforced?: readonly Enforcement[];
    readonly note?: string;
  })[];
  /** By argument path (nested blocks joined with dots), as lib/aws-rules/arguments.ts names them. */
  readonly arguments: Readonly<Record<string, ArgumentRule>>;
}

/** By catalog prefix: a resource type, data.<type> or provider.aws. */
export type AwsRulesCatalog = Readonly<Record<string, ResourceRules>>;
