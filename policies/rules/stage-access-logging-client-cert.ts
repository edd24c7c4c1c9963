import { resourceRule } from "../resource-rule";
import { block } from "../terraform-json";

/** The client-certificate context variables an access-log line needs to say who called. */
export const CLIENT_CERT_LOG_FIELDS = [
  "$context.identity.clientCert.subjectDN",
  "$context.identity.clientCert.issuerDN",
  "$context.identity.clientCert.serialNumber",
  "$context.identity.clientCert.validity.notBefore",
  "$context.identity.clientCert.validity.notAfter",
] as const;

export function missingClientCertFields(format: unknown): string[] {
  const text = typeof format === "string" ? format : "";
  return CLIENT_CERT_LOG_FIELDS.filter((field) => !text.includes(field));
}

export const stageAccessLoggingClientCert = resourceRule({
  id: "stage-access-logging-client-cert",
  title: "Every stage writes access logs that include the client certificate's subject, issuer, serial and validity",
  resourceTypes: {
    aws_apigatewayv2_stage: ["access_log_settings.destination_arn", "access_log_settings.format"],
    aws_api_gateway_stage: ["access_log_settings.destination_arn", "access_log_settings.format"],
  },
  fix: "Give the stage access_log_settings with a log group and ACCESS_LOG_FORMAT (lib/access-log-format.ts).",
  equivalents: {
    checkov: ["CKV_AWS_76"],
    trivy: ["AVD-AWS-0001"],
    kics: ["1b6799eb-4a7a-4b04-9001-8cceb9999326"],
    cdkNag: ["AwsSolutions-APIG1"],
  },
  severity: "warning",
  check: (stage) => {
    const settings = block(stage.body.access_log_settings);
    if (!settings?.destination_arn) return "has no access_log_settings with a destination: requests are not logged";
    const missing = missingClientCertFields(settings.format);
    return missing.length > 0 ? `access-log format lacks ${missing.join(", ")}` : undefined;
  },
  passMessage: () => "access logs with client-certificate fields",
});
