import { resourceRule } from "../resource-rule";

/** An execute-api ARN that names one API: a reference to an API's execution_arn, or a literal with a real id. */
function namesOneApi(sourceArn: string): boolean {
  if (/\$\{aws_(apigatewayv2_api|api_gateway_rest_api)\.[\w-]+\.execution_arn\}/.test(sourceArn)) return true;
  return /^arn:aws[a-z-]*:execute-api:[a-z0-9-]+:\d{12}:[a-z0-9]{10}\//.test(sourceArn);
}

export const lambdaPermissionSourceArn = resourceRule({
  id: "lambda-permission-source-arn",
  title: "Every Lambda permission granted to an AWS service is scoped by source ARN (for API Gateway: this API)",
  resourceTypes: { aws_lambda_permission: ["principal", "source_arn"] },
  fix: "Set source_arn to the API's execution ARN and stage (allowInvoke in lib/constructs/api-common.ts does).",
  equivalents: { checkov: ["CKV_AWS_364"], trivy: ["AVD-AWS-0067"] },
  appliesTo: (permission) => String(permission.body.principal ?? "").endsWith(".amazonaws.com"),
  check: (permission) => {
    const sourceArn = permission.body.source_arn;
    if (typeof sourceArn !== "string" || sourceArn === "") {
      return `${permission.body.principal} may invoke the function from any resource, in any account: no source_arn`;
    }
    if (permission.body.principal === "apigateway.amazonaws.com" && !namesOneApi(sourceArn)) {
      return `source_arn ${sourceArn} does not name one API: any API Gateway API could invoke the function`;
    }
    return undefined;
  },
  passMessage: (permission) => `scoped to ${permission.body.source_arn}`,
});
