// Every workaround the emulator layer takes for what moto (5.2.1) does not do like AWS, in one table: the loopback
// proxy's patches (emulator-proxy.ts), the provider settings of the emulator override (emulator-override.ts), the
// plan drift the second plan tolerates and the seeding the harness does. docs/testing.md renders this table.
// What a workaround stands in for is never proven by this layer: each row says what stays unproven.

export type GapKind =
  /** The proxy in front of moto answers or rewrites a response. */
  | "patched response"
  /** A setting of the emulator override the synthesized stacks do not carry. */
  | "provider setting"
  /** A change the second plan shows only because moto reads a value back wrong. */
  | "plan drift"
  /** Something the harness does to the emulator before the stacks are applied. */
  | "seed"
  /** One of moto's own settings (an environment variable of moto_server). */
  | "moto setting"
  /** Something AWS does that moto does not do at all; the layer checks what leads up to it instead. */
  | "not emulated";

export interface MotoGap {
  readonly kind: GapKind;
  /** What moto does, where AWS does something else. */
  readonly gap: string;
  /** What the harness does about it. */
  readonly workaround: string;
  /** What this layer therefore does not prove. */
  readonly unproven: string;
  /**
   * Plan drift: the resource type, the planned actions (["update"], or ["delete", "create"] for a replacement) and
   * the attributes that differ (for a replacement: that force it) which the second plan tolerates.
   */
  readonly drift?: {
    readonly resourceType: string;
    readonly actions: readonly string[];
    readonly attributes: readonly string[];
  };
}

export const MOTO_GAPS = {
  "acmpca-permission": {
    kind: "patched response",
    gap: "ACM PCA CreatePermission, ListPermissions and DeletePermission are not implemented (HTTP 500)",
    workaround: "the proxy keeps the CA's permissions itself and answers the three calls",
    unproven: "that ACM may renew the client certificates (aws_acmpca_permission for acm.amazonaws.com)",
  },
  "s3-secure-transport": {
    kind: "patched response",
    gap: "bucket policies ignore the aws:SecureTransport condition, so the TLS-only Deny refuses every object call",
    workaround:
      "the proxy sends moto each bucket policy without its aws:SecureTransport Deny statements and answers GetBucketPolicy with the policy as put",
    unproven: "that the buckets refuse plain-HTTP requests",
  },
  "s3-lifecycle-newer-noncurrent": {
    kind: "patched response",
    gap: "GetBucketLifecycleConfiguration drops NewerNoncurrentVersions (the provider waits 3 min for it, then fails)",
    workaround: "the proxy answers GetBucketLifecycleConfiguration with the configuration last put to the bucket",
    unproven: "that S3 keeps the newest noncurrent truststore versions for rollback",
  },
  "http-domain-status": {
    kind: "patched response",
    gap: "the HTTP API domain comes back without status, target domain or hosted zone (the provider waits for AVAILABLE forever)",
    workaround:
      "the proxy adds domainNameStatus AVAILABLE, a regional target domain and the region's API Gateway hosted zone to each domain configuration",
    unproven: "the regional target name and hosted zone AWS assigns, which the dns stack's alias record points at",
  },
  "route53-change-wait": {
    kind: "patched response",
    gap: "moto applies a record change at once (INSYNC), yet the provider sleeps a random 10 to 29 s (waitChangeInsync's Delay) before its first GetChange",
    workaround:
      "the proxy drops ChangeInfo from the answer to every ChangeResourceRecordSets, which the provider then does not wait on",
    unproven: "that Terraform waits for a record change to reach every Route 53 name server",
  },
  "hosted-zone-id": {
    kind: "seed",
    gap: "hosted zone ids are 22 random letters and digits; AWS's start with Z, which the configuration requires",
    workaround: "the harness creates the zone again until moto gives it an id starting with Z, deleting the others",
    unproven: "nothing about the stacks",
  },
  "acm-validation-wait": {
    kind: "moto setting",
    gap: "a DNS-validated ACM certificate stays PENDING_VALIDATION for 60 s, then turns ISSUED whatever DNS holds",
    workaround: "moto_server runs with MOTO_ACM_VALIDATION_WAIT=0: certificates are ISSUED at once",
    unproven: "that the validation records the api stack writes validate the server certificate",
  },
  "acmpca-crl": {
    kind: "not emulated",
    gap: "ACM PCA writes no CRL to the bucket its revocation configuration names",
    workaround:
      "in acm-pca mode the layer checks that the issuing CA's CRL configuration names the bucket the authorizer reads and that its key is crl/<CA id>.crl, and expects npm run verify's one problem: no CRL at that key; the CRL object itself only in self-managed mode",
    unproven: "that ACM PCA can write to the CRL bucket under its bucket policy",
  },
  "provider-retries": {
    kind: "provider setting",
    gap: "an unimplemented call answers HTTP 500, which the provider retries for about ten minutes by default",
    workaround: "the emulator override sets the provider's max_retries to 2, so a gap fails within seconds",
    unproven: "how the stacks fare with AWS's throttling",
  },
  "acmpca-usage-mode": {
    kind: "plan drift",
    gap: "every CA reads back in SHORT_LIVED_CERTIFICATE usage mode, whatever was created",
    workaround: "the second plan tolerates an update of usage_mode on aws_acmpca_certificate_authority",
    unproven: "that the CAs are general-purpose",
    drift: { resourceType: "aws_acmpca_certificate_authority", actions: ["update"], attributes: ["usage_mode"] },
  },
  "lambda-logging-config": {
    kind: "plan drift",
    gap: "GetFunction returns no LoggingConfig",
    workaround: "the second plan tolerates an update of logging_config on aws_lambda_function",
    unproven: "the functions' JSON log format",
    drift: { resourceType: "aws_lambda_function", actions: ["update"], attributes: ["logging_config"] },
  },
} as const satisfies Record<string, MotoGap>;

export type MotoGapId = keyof typeof MOTO_GAPS;
