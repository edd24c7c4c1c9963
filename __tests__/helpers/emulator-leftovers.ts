// What a destroy could leave in the emulator, by Terraform resource type: every type the applied stacks declare
// has a row (the emulator layer holds the synthesized stacks to it), either a listing of what is left of that
// type, or the type whose deletion takes it along (or that it is no AWS object at all), with the reason.
import { ACMClient, ListCertificatesCommand } from "@aws-sdk/client-acm";
import { ACMPCAClient, ListCertificateAuthoritiesCommand, ListPermissionsCommand } from "@aws-sdk/client-acm-pca";
import { ApiGatewayV2Client, GetApisCommand, GetDomainNamesCommand } from "@aws-sdk/client-apigatewayv2";
import { CloudWatchLogsClient, DescribeLogGroupsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { IAMClient, ListRolesCommand } from "@aws-sdk/client-iam";
import { LambdaClient, ListFunctionsCommand } from "@aws-sdk/client-lambda";
import { ListResourceRecordSetsCommand, Route53Client } from "@aws-sdk/client-route-53";
import { ListBucketsCommand, S3Client } from "@aws-sdk/client-s3";
import type { Emulator } from "./emulator";

/** What is left of one resource type, one line each (none after a clean destroy). */
type Listing = (emulator: Emulator, seeded: Seeded) => Promise<string[]>;

/** What the harness put in the emulator before any stack: never a leftover. */
export interface Seeded {
  readonly stateBucket: string;
  readonly zoneName: string;
}

export type LeftoverCheck =
  | { readonly lists: Listing }
  | { readonly goesWith: string; readonly because: string }
  | { readonly noAwsObject: string };

const certificateAuthorities = async (emulator: Emulator) =>
  (await emulator.client(ACMPCAClient).send(new ListCertificateAuthoritiesCommand({}))).CertificateAuthorities ?? [];

const S3_BUCKET_PART = {
  goesWith: "aws_s3_bucket",
  because: "a bucket's configuration goes with it, and S3 deletes no bucket that still holds an object or version",
} as const;

export const LEFTOVER_CHECKS: Record<string, LeftoverCheck> = {
  aws_s3_bucket: {
    lists: async (emulator, seeded) =>
      ((await emulator.client(S3Client).send(new ListBucketsCommand({}))).Buckets ?? [])
        .filter((bucket) => bucket.Name !== seeded.stateBucket)
        .map((bucket) => `S3 bucket ${bucket.Name}`),
  },
  aws_s3_bucket_versioning: S3_BUCKET_PART,
  aws_s3_bucket_policy: S3_BUCKET_PART,
  aws_s3_bucket_lifecycle_configuration: S3_BUCKET_PART,
  aws_s3_bucket_server_side_encryption_configuration: S3_BUCKET_PART,
  aws_s3_bucket_public_access_block: S3_BUCKET_PART,
  aws_s3_bucket_ownership_controls: S3_BUCKET_PART,
  aws_s3_object: S3_BUCKET_PART,
  aws_acmpca_certificate_authority: {
    lists: async (emulator) =>
      (await certificateAuthorities(emulator))
        .filter((ca) => ca.Status !== "DELETED")
        .map((ca) => `certificate authority ${ca.Arn} (${ca.Status})`),
  },
  aws_acmpca_certificate_authority_certificate: {
    goesWith: "aws_acmpca_certificate_authority",
    because: "a CA's own certificate is part of the CA",
  },
  aws_acmpca_certificate: {
    goesWith: "aws_acmpca_certificate_authority",
    because: "ACM Private CA keeps no issued certificate apart from its CA (the provider's delete only revokes it)",
  },
  aws_acmpca_permission: {
    // Answered by the proxy (moto-gaps.ts, acmpca-permission), which keeps them per CA, deleted CAs included.
    lists: async (emulator) =>
      (
        await Promise.all(
          (await certificateAuthorities(emulator)).map(async (ca) => {
            const listed = await emulator
              .client(ACMPCAClient)
              .send(new ListPermissionsCommand({ CertificateAuthorityArn: ca.Arn }));
            return (listed.Permissions ?? []).map((permission) => `CA permission ${permission.Principal} on ${ca.Arn}`);
          }),
        )
      ).flat(),
  },
  aws_acm_certificate: {
    lists: async (emulator) =>
      ((await emulator.client(ACMClient).send(new ListCertificatesCommand({}))).CertificateSummaryList ?? []).map(
        (certificate) => `ACM certificate ${certificate.DomainName}`,
      ),
  },
  aws_acm_certificate_validation: {
    noAwsObject: "it waits for the certificate's validation and creates nothing in AWS",
  },
  aws_route53_record: {
    lists: async (emulator, seeded) =>
      (
        (
          await emulator
            .client(Route53Client)
            .send(new ListResourceRecordSetsCommand({ HostedZoneId: emulator.hostedZoneId }))
        ).ResourceRecordSets ?? []
      )
        // The zone's own NS and SOA records, which Route 53 made with it.
        .filter((record) => !(record.Name === `${seeded.zoneName}.` && ["NS", "SOA"].includes(record.Type!)))
        .map((record) => `Route 53 record ${record.Type} ${record.Name}`),
  },
  aws_iam_role: {
    lists: async (emulator) =>
      ((await emulator.client(IAMClient).send(new ListRolesCommand({}))).Roles ?? []).map(
        (role) => `IAM role ${role.RoleName}`,
      ),
  },
  aws_iam_role_policy: {
    goesWith: "aws_iam_role",
    because: "IAM deletes no role that still has an inline policy (DeleteConflict)",
  },
  aws_cloudwatch_log_group: {
    lists: async (emulator) =>
      ((await emulator.client(CloudWatchLogsClient).send(new DescribeLogGroupsCommand({}))).logGroups ?? []).map(
        (group) => `log group ${group.logGroupName}`,
      ),
  },
  aws_lambda_function: {
    lists: async (emulator) =>
      ((await emulator.client(LambdaClient).send(new ListFunctionsCommand({}))).Functions ?? []).map(
        (fn) => `Lambda function ${fn.FunctionName}`,
      ),
  },
  aws_lambda_permission: {
    goesWith: "aws_lambda_function",
    because: "a permission is a statement of its function's resource policy",
  },
  aws_apigatewayv2_api: {
    lists: async (emulator) =>
      ((await emulator.client(ApiGatewayV2Client).send(new GetApisCommand({}))).Items ?? []).map(
        (api) => `HTTP API ${api.Name}`,
      ),
  },
  aws_apigatewayv2_authorizer: { goesWith: "aws_apigatewayv2_api", because: "an authorizer is part of its API" },
  aws_apigatewayv2_integration: { goesWith: "aws_apigatewayv2_api", because: "an integration is part of its API" },
  aws_apigatewayv2_route: { goesWith: "aws_apigatewayv2_api", because: "a route is part of its API" },
  aws_apigatewayv2_stage: { goesWith: "aws_apigatewayv2_api", because: "a stage is part of its API" },
  aws_apigatewayv2_domain_name: {
    lists: async (emulator) =>
      ((await emulator.client(ApiGatewayV2Client).send(new GetDomainNamesCommand({}))).Items ?? []).map(
        (domain) => `API Gateway domain ${domain.DomainName}`,
      ),
  },
  aws_apigatewayv2_api_mapping: {
    goesWith: "aws_apigatewayv2_domain_name",
    because: "an API mapping is part of its domain",
  },
};

/** The resource types a set of synthesized stacks (their Terraform JSON) declares, data sources left out. */
export function resourceTypesOf(stacks: readonly Record<string, any>[]): string[] {
  return [...new Set(stacks.flatMap((stack) => Object.keys(stack.resource ?? {})))].sort();
}

/** What each listing of the table finds in the emulator, by resource type. */
export async function leftovers(emulator: Emulator, seeded: Seeded): Promise<Record<string, string[]>> {
  const listings = Object.entries(LEFTOVER_CHECKS).flatMap(([type, check]) =>
    "lists" in check ? [[type, check.lists] as const] : [],
  );
  return Object.fromEntries(
    await Promise.all(listings.map(async ([type, list]) => [type, await list(emulator, seeded)] as const)),
  );
}
