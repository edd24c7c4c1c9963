// Every policy rule the review runs, in report order. A test checks that each file in rules/ is listed here and
// has its passing and failing fixtures.
import { aaaaAliasDualStack } from "./rules/aaaa-alias-dual-stack";
import { acmPrivateCertificateIssuable } from "./rules/acm-private-certificate-issuable";
import { acmPcaBucketPolicyScoped } from "./rules/acm-pca-bucket-policy-scoped";
import { apiGatewayAccountResetOnDelete } from "./rules/api-gateway-account-reset-on-delete";
import { crlBucketDestroyable } from "./rules/crl-bucket-destroyable";
import { customDomainMutualTls } from "./rules/custom-domain-mutual-tls";
import { defaultEndpointDisabled } from "./rules/default-endpoint-disabled";
import { integrationTlsToPublicBackends } from "./rules/integration-tls-to-public-backends";
import { lambdaPermissionSourceArn } from "./rules/lambda-permission-source-arn";
import { lambdaRuntimeOnSchedule } from "./rules/lambda-runtime-on-schedule";
import { logGroupRetention } from "./rules/log-group-retention";
import { mtlsDomainTls12Regional } from "./rules/mtls-domain-tls12-regional";
import { provider6BeforeRuntimeBlock } from "./rules/provider-6-before-runtime-block";
import { noLiteralSecrets } from "./rules/no-literal-secrets";
import { remoteStateMatchesBackend } from "./rules/remote-state-matches-backend";
import { restAccessLoggingRole } from "./rules/rest-access-logging-role";
import { routesAuthorized } from "./rules/routes-authorized";
import { s3BucketEncrypted } from "./rules/s3-bucket-encrypted";
import { s3ObjectTagsFit } from "./rules/s3-object-tags-fit";
import { s3PublicAccessBlocked } from "./rules/s3-public-access-blocked";
import { s3TlsOnlyPolicy } from "./rules/s3-tls-only-policy";
import { stageAccessLoggingClientCert } from "./rules/stage-access-logging-client-cert";
import { stageBackendClientCertificate } from "./rules/stage-backend-client-certificate";
import { truststoreBucketVersioned } from "./rules/truststore-bucket-versioned";
import { truststoreVersionPinned } from "./rules/truststore-version-pinned";
import { versionedObjectGuarded } from "./rules/versioned-object-guarded";
import { vpcLinkSecurityGroups } from "./rules/vpc-link-security-groups";
import type { PolicyRule } from "./types";

/** Deploy readiness: AWS's own rules beyond the provider schema, each from the AWS document in its source. */
export const DEPLOY_READINESS_RULES: readonly PolicyRule[] = [
  lambdaRuntimeOnSchedule,
  restAccessLoggingRole,
  apiGatewayAccountResetOnDelete,
  aaaaAliasDualStack,
  versionedObjectGuarded,
  crlBucketDestroyable,
  acmPcaBucketPolicyScoped,
  provider6BeforeRuntimeBlock,
  acmPrivateCertificateIssuable,
  s3ObjectTagsFit,
];

export const RULES: readonly PolicyRule[] = [
  defaultEndpointDisabled,
  customDomainMutualTls,
  mtlsDomainTls12Regional,
  truststoreVersionPinned,
  truststoreBucketVersioned,
  s3BucketEncrypted,
  s3PublicAccessBlocked,
  s3TlsOnlyPolicy,
  stageAccessLoggingClientCert,
  routesAuthorized,
  lambdaPermissionSourceArn,
  logGroupRetention,
  noLiteralSecrets,
  remoteStateMatchesBackend,
  stageBackendClientCertificate,
  integrationTlsToPublicBackends,
  vpcLinkSecurityGroups,
  ...DEPLOY_READINESS_RULES,
];
