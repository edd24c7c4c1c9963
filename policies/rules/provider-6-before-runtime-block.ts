import {
  DAY_MS,
  DEPRECATION_WARNING_DAYS,
  LAMBDA_RUNTIME_SCHEDULE,
  PROVIDER_RUNTIME_CEILING,
  utc,
} from "../lambda-runtime-schedule";
import { resourceRule } from "../resource-rule";
import type { PolicyRule, SynthesizedApp } from "../types";

function providerVersion(app: SynthesizedApp, stack: string): string | undefined {
  return app[stack]?.terraform?.required_providers?.aws?.version;
}

/** The first number of a version or runtime: 5 of "5.100.0", 22 of "nodejs22.x". */
const majorOf = (version: string) => Number(/^\D*(\d+)/.exec(version)?.[1]);

/** The rule with its clock passed in, so tests can stand on any date of the schedule. */
export function provider6Rule(now: () => Date): PolicyRule {
  const ceiling = PROVIDER_RUNTIME_CEILING[5];
  const blocked = LAMBDA_RUNTIME_SCHEDULE.runtimes[ceiling.runtime].blockCreate;
  const next = PROVIDER_RUNTIME_CEILING[6];
  return resourceRule({
    id: "provider-6-before-runtime-block",
    title: `While on hashicorp/aws 5.x, warns ${DEPRECATION_WARNING_DAYS} days before AWS blocks creating functions on ${ceiling.runtime}, the newest runtime 5.x accepts (${blocked})`,
    resourceTypes: { aws_lambda_function: ["runtime"] },
    alsoReads: { terraform: ["required_providers.aws.version"] },
    fix: `Move to hashicorp/aws >= ${next.since} (CDK Terrain's @cdktn/provider-aws; @cdktf/provider-aws ends at 21.22.1 on AWS 6.25) and ${next.runtime} before ${blocked}: the path is dated in docs/decisions.md.`,
    equivalents: {},
    source: LAMBDA_RUNTIME_SCHEDULE.source,
    severity: "warning",
    appliesTo: (fn, app) => {
      const version = providerVersion(app, fn.stack);
      return version !== undefined && majorOf(version) < 6;
    },
    check: (fn, app) =>
      majorOf(String(fn.body.runtime)) > majorOf(ceiling.runtime)
        ? `runtime ${fn.body.runtime} needs hashicorp/aws >= ${next.since}; this stack pins ${providerVersion(app, fn.stack)}, which accepts nothing newer than ${ceiling.runtime}`
        : now().getTime() >= utc(blocked)
          ? `hashicorp/aws ${providerVersion(app, fn.stack)} accepts nothing newer than ${ceiling.runtime}, and AWS blocks creating functions on it since ${blocked}: a first apply of this stack fails until the project is on hashicorp/aws >= ${next.since}`
          : undefined,
    passMessage: (fn, app) =>
      now().getTime() >= utc(blocked) - DEPRECATION_WARNING_DAYS * DAY_MS
        ? {
            warning: `hashicorp/aws ${providerVersion(app, fn.stack)} accepts nothing newer than ${ceiling.runtime}, which AWS blocks for create on ${blocked}: move to hashicorp/aws >= ${next.since} and ${next.runtime} before then`,
          }
        : `hashicorp/aws ${providerVersion(app, fn.stack)} can create ${ceiling.runtime} functions until ${blocked}`,
  });
}

export const provider6BeforeRuntimeBlock = provider6Rule(() => new Date());
