// Every policy rule the review runs, in report order. A test checks that each file in rules/ is listed here and
// has its passing and failing fixtures.
import { customDomainMutualTls } from "./rules/custom-domain-mutual-tls";
import { defaultEndpointDisabled } from "./rules/default-endpoint-disabled";
import { lambdaPermissionSourceArn } from "./rules/lambda-permission-source-arn";
import { logGroupRetention } from "./rules/log-group-retention";
import { mtlsDomainTls12Regional } from "./rules/mtls-domain-tls12-regional";
import { noLiteralSecrets } from "./rules/no-literal-secrets";
import { remoteStateMatchesBackend } from "./rules/remote-state-matches-backend";
import { routesAuthorized } from "./rules/routes-authorized";
import { s3BucketEncrypted } from "./rules/s3-bucket-encrypted";
import { s3PublicAccessBlocked } from "./rules/s3-public-access-blocked";
import { s3TlsOnlyPolicy } from "./rules/s3-tls-only-policy";
import { stageAccessLoggingClientCert } from "./rules/stage-access-logging-client-cert";
import { stageBackendClientCertificate } from "./rules/stage-backend-client-certificate";
import { truststoreBucketVersioned } from "./rules/truststore-bucket-versioned";
import { truststoreVersionPinned } from "./rules/truststore-version-pinned";
import type { PolicyRule } from "./types";

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
];
