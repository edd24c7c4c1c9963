import { ACCOUNT_LOGGING_ROLE_OUTSIDE, ACCOUNT_LOGGING_ROLE_TAG } from "../../lib/account-logging-role";
import { resourceRule } from "../resource-rule";
import { block, resourcesOf } from "../terraform-json";

export const restAccessLoggingRole = resourceRule({
  id: "rest-access-logging-role",
  title:
    "Every REST stage with access logging waits for the account's API Gateway CloudWatch Logs role, or declares it provided outside",
  resourceTypes: { aws_api_gateway_stage: ["access_log_settings", "depends_on", "tags"] },
  alsoReads: { aws_api_gateway_account: ["cloudwatch_role_arn"] },
  fix: "Set api.manageAccountLoggingRole: true to create the role and the account setting in this stack (the stage depends on it), or false when the account already has one (the stage then carries the mtls:account-logging-role tag).",
  equivalents: {},
  source: "https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html",
  appliesTo: (stage) => block(stage.body.access_log_settings) !== undefined,
  check: (stage, app) => {
    const waits = resourcesOf(app, "aws_api_gateway_account").some(
      (account) =>
        account.body.cloudwatch_role_arn &&
        account.stack === stage.stack &&
        (stage.body.depends_on ?? []).includes(account.address),
    );
    const declared = stage.body.tags?.[ACCOUNT_LOGGING_ROLE_TAG] === ACCOUNT_LOGGING_ROLE_OUTSIDE;
    return waits || declared
      ? undefined
      : "the stage logs access, which API Gateway refuses (CloudWatch Logs role ARN must be set in account settings) unless the account has a CloudWatch Logs role; it neither depends on an aws_api_gateway_account of its stack nor declares the role provided outside";
  },
  passMessage: (stage) =>
    (stage.body.depends_on ?? []).some((dependency: string) => dependency.startsWith("aws_api_gateway_account."))
      ? "waits for the account's CloudWatch Logs role setting in its stack"
      : "declares the account's CloudWatch Logs role provided outside this stack",
});
