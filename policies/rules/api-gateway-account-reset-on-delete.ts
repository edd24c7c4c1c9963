import { resourceRule } from "../resource-rule";

export const apiGatewayAccountResetOnDelete = resourceRule({
  id: "api-gateway-account-reset-on-delete",
  title: "The account-and-region API Gateway setting (one per account and region) is reset when its stack is destroyed",
  resourceTypes: { aws_api_gateway_account: ["reset_on_delete"] },
  fix: "Set reset_on_delete = true on aws_api_gateway_account (RestMtlsApi does when api.manageAccountLoggingRole is true).",
  equivalents: {},
  source: "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigateway-account.html",
  check: (account) =>
    account.body.reset_on_delete === true
      ? undefined
      : "reset_on_delete is not true: a destroy leaves the account's API Gateway settings pointing at the deleted role, and every REST stage with logging in this account and region then fails to deploy",
  passMessage: () => "reset when its stack is destroyed",
});
