import { DAY_MS, DEPRECATION_WARNING_DAYS, LAMBDA_RUNTIME_SCHEDULE, utc } from "../lambda-runtime-schedule";
import { resourceRule } from "../resource-rule";
import type { PolicyRule } from "../types";

/** The rule with its clock passed in, so tests can stand on any date of the schedule. */
export function lambdaRuntimeRule(now: () => Date): PolicyRule {
  const { source, checked, runtimes } = LAMBDA_RUNTIME_SCHEDULE;
  return resourceRule({
    id: "lambda-runtime-on-schedule",
    title:
      "Every Lambda function's runtime can still be created on AWS's published schedule (warns 90 days before deprecation)",
    resourceTypes: { aws_lambda_function: ["runtime"] },
    fix: `Move to a runtime AWS still supports (LAMBDA_RUNTIME in lib/bundling/runtime.ts; nodejs24.x needs hashicorp/aws 6.x, docs/decisions.md); dates from ${source}, checked ${checked}.`,
    equivalents: { checkov: ["CKV_AWS_363"], tflint: ["aws_lambda_function_deprecated_runtime"] },
    source,
    check: (fn) => {
      const runtime = String(fn.body.runtime);
      const dates = runtimes[runtime];
      if (!dates) {
        return `runtime ${runtime} is not in the schedule (policies/lambda-runtime-schedule.ts), so its support cannot be shown: add its dates from ${source}`;
      }
      return now().getTime() >= utc(dates.blockCreate)
        ? `runtime ${runtime}: AWS blocks creating functions on it since ${dates.blockCreate} (updates from ${dates.blockUpdate}), so an apply that creates this function fails`
        : undefined;
    },
    passMessage: (fn) => {
      const runtime = String(fn.body.runtime);
      const dates = runtimes[runtime];
      return now().getTime() >= utc(dates.deprecation) - DEPRECATION_WARNING_DAYS * DAY_MS
        ? {
            warning: `runtime ${runtime} is deprecated on ${dates.deprecation} and blocked for create on ${dates.blockCreate}: move before then`,
          }
        : `runtime ${runtime}, supported until ${dates.deprecation}`;
    },
  });
}

export const lambdaRuntimeOnSchedule = lambdaRuntimeRule(() => new Date());
