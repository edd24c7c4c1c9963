import { eachResource, resourcesOf } from "../terraform-json";
import type { PolicyRule } from "../types";

export const apiGatewayAccountResetOnDelete: PolicyRule = {
  id: "api-gateway-account-reset-on-delete",
  title: "The account-and-region API Gateway setting (one per account and region) is reset when its stack is destroyed",
  reads: ["aws_api_gateway_account.reset_on_delete"],
  fix: "Set reset_on_delete = true on aws_api_gateway_account (RestMtlsApi does when api.manageAccountLoggingRole is true).",
  equivalents: {},
  source: "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigateway-account.html",
  check: (app) =>
    eachResource(
      resourcesOf(app, "aws_api_gateway_account"),
      (account) =>
        account.body.reset_on_delete === true
          ? undefined
          : "reset_on_delete is not true: a destroy leaves the account's API Gateway settings pointing at the deleted role, and every REST stage with logging in this account and region then fails to deploy",
      () => "reset when its stack is destroyed",
    ),
};
