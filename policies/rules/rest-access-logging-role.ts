import { ACCOUNT_LOGGING_ROLE_OUTSIDE, ACCOUNT_LOGGING_ROLE_TAG } from "../../lib/account-logging-role";
import { block, eachResource, resourcesOf } from "../terraform-json";
import type { PolicyRule } from "../types";

export const restAccessLoggingRole: PolicyRule = {
  id: "rest-access-logging-role",
  title:
    "Every REST stage with access logging waits for the account's API Gateway CloudWatch Logs role, or declares it provided outside",
  reads: ["aws_api_gateway_stage.{access_log_settings,depends_on,tags}", "aws_api_gateway_account.cloudwatch_role_arn"],
  fix: "Set api.manageAccountLoggingRole: true to create the role and the account setting in this stack (the stage depends on it), or false when the account already has one (the stage then carries the mtls:account-logging-role tag).",
  equivalents: {},
  source: "https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html",
  check: (app) => {
    const accounts = resourcesOf(app, "aws_api_gateway_account").filter((account) => account.body.cloudwatch_role_arn);
    const stages = resourcesOf(app, "aws_api_gateway_stage").filter((stage) => block(stage.body.access_log_settings));
    return eachResource(
      stages,
      (stage) => {
        const waits = accounts.some(
          (account) => account.stack === stage.stack && (stage.body.depends_on ?? []).includes(account.address),
        );
        const declared = stage.body.tags?.[ACCOUNT_LOGGING_ROLE_TAG] === ACCOUNT_LOGGING_ROLE_OUTSIDE;
        return waits || declared
          ? undefined
          : "the stage logs access, which API Gateway refuses (CloudWatch Logs role ARN must be set in account settings) unless the account has a CloudWatch Logs role; it neither depends on an aws_api_gateway_account of its stack nor declares the role provided outside";
      },
      (stage) =>
        (stage.body.depends_on ?? []).some((dependency: string) => dependency.startsWith("aws_api_gateway_account."))
          ? "waits for the account's CloudWatch Logs role setting in its stack"
          : "declares the account's CloudWatch Logs role provided outside this stack",
    );
  },
};
