import { resourceRule } from "../resource-rule";

export const stageBackendClientCertificate = resourceRule({
  id: "stage-backend-client-certificate",
  title:
    "Every REST stage presents a client certificate to its HTTP backend, so the backend can tell API Gateway's requests apart",
  resourceTypes: { aws_api_gateway_stage: ["client_certificate_id"] },
  fix: "Set client_certificate_id to an aws_api_gateway_client_certificate, or suppress with the reason when the backend is not an HTTP endpoint.",
  equivalents: { checkov: ["CKV2_AWS_51"], kics: ["0b4869fc-a842-4597-aa00-1294df425440"] },
  check: (stage) => (stage.body.client_certificate_id ? undefined : "has no client_certificate_id"),
  passMessage: () => "backend client certificate set",
});
