import { ApiGatewayBasePathMapping } from "@cdktf/provider-aws/lib/api-gateway-base-path-mapping";
import { ApiGatewayDomainName } from "@cdktf/provider-aws/lib/api-gateway-domain-name";
import { Apigatewayv2ApiMapping } from "@cdktf/provider-aws/lib/apigatewayv2-api-mapping";
import { Apigatewayv2DomainName } from "@cdktf/provider-aws/lib/apigatewayv2-domain-name";
import { Fn, Token, type TerraformResourceLifecycle } from "cdktf";
import { Construct } from "constructs";
import type { ApiType } from "../config/schema";
import type { MtlsApi } from "./api-common";

/** Mutual TLS domains accept this policy only (not the 2025 TLS 1.3 enhanced policies). */
export const MTLS_SECURITY_POLICY = "TLS_1_2";

export interface TruststoreReference {
  /** s3:// URI of the bundle. */
  readonly uri: string;
  /** S3 object version of the bundle: pins the domain to it, so a new bundle is a visible change here. */
  readonly version: string;
}

export interface MtlsCustomDomainProps {
  readonly apiType: ApiType;
  readonly domainName: string;
  readonly certificateArn: string;
  /** Required by API Gateway when the server certificate is imported or private. @default none */
  readonly ownershipVerificationCertificateArn?: string;
  readonly truststore: TruststoreReference;
  /** @default TLS_1_2 */
  readonly securityPolicy?: typeof MTLS_SECURITY_POLICY;
  /** dualstack serves IPv6 clients too (and only then does an AAAA alias resolve). @default ipv4 */
  readonly ipAddressType?: IpAddressType;
}

export type IpAddressType = "ipv4" | "dualstack";

/**
 * A regional custom domain that only accepts clients presenting a certificate from the truststore. It
 * cannot be built without a pinned truststore version or with a policy other than TLS_1_2.
 */
export class MtlsCustomDomain extends Construct {
  readonly regionalDomainName: string;
  readonly regionalHostedZoneId: string;
  private readonly apiType: ApiType;
  private readonly domainName: string;

  constructor(
    scope: Construct,
    readonly id: string,
    props: MtlsCustomDomainProps,
  ) {
    super(scope, id);
    assertPinned(props.truststore);
    const securityPolicy = props.securityPolicy ?? MTLS_SECURITY_POLICY;
    if (securityPolicy !== MTLS_SECURITY_POLICY) {
      throw new Error(
        `MtlsCustomDomain "${id}": securityPolicy "${String(securityPolicy)}" is not allowed: API Gateway accepts mutual TLS only with ${MTLS_SECURITY_POLICY}.`,
      );
    }
    const mutualTlsAuthentication = {
      truststoreUri: props.truststore.uri,
      truststoreVersion: props.truststore.version,
    };
    this.apiType = props.apiType;
    const lifecycle = truststoreVersionGuard(props.truststore.version);
    const ipAddressType = props.ipAddressType ?? "ipv4";

    if (props.apiType === "http") {
      const domain = new Apigatewayv2DomainName(this, "Resource", {
        domainName: props.domainName,
        domainNameConfiguration: {
          certificateArn: props.certificateArn,
          endpointType: "REGIONAL",
          ipAddressType,
          securityPolicy,
          ownershipVerificationCertificateArn: props.ownershipVerificationCertificateArn,
        },
        mutualTlsAuthentication,
        lifecycle,
      });
      this.domainName = domain.domainName;
      this.regionalDomainName = domain.domainNameConfiguration.targetDomainName;
      this.regionalHostedZoneId = domain.domainNameConfiguration.hostedZoneId;
    } else {
      const domain = new ApiGatewayDomainName(this, "Resource", {
        domainName: props.domainName,
        regionalCertificateArn: props.certificateArn,
        endpointConfiguration: { types: ["REGIONAL"], ipAddressType },
        securityPolicy,
        ownershipVerificationCertificateArn: props.ownershipVerificationCertificateArn,
        mutualTlsAuthentication,
        lifecycle,
      });
      this.domainName = domain.domainName;
      this.regionalDomainName = domain.regionalDomainName;
      this.regionalHostedZoneId = domain.regionalZoneId;
    }
  }

  /** Serves the API's stage at the root of the domain. */
  mapApi({ apiId, stageName }: MtlsApi): void {
    if (this.apiType === "http") {
      new Apigatewayv2ApiMapping(this, "api_mapping", { apiId, domainName: this.domainName, stage: stageName });
    } else {
      new ApiGatewayBasePathMapping(this, "base_path_mapping", { apiId, domainName: this.domainName, stageName });
    }
  }
}

/**
 * The version arrives at plan time (from the truststore stack's state): an empty one would leave API Gateway
 * without a pinned truststore, so the plan stops before the domain changes.
 */
function truststoreVersionGuard(version: string): TerraformResourceLifecycle | undefined {
  if (!Token.isUnresolved(version)) return undefined;
  return {
    precondition: [
      {
        // S3 reports the version id "null" for an object written while versioning was off: nothing to pin either.
        condition: `\${!contains(["", "null"], ${Fn.trimspace(version)})}`,
        errorMessage:
          "The truststore stack's truststore_version output is empty or S3's \"null\", so the custom domain would not be pinned to a truststore version. Apply the truststore stack until its bundle has an S3 version id (its error names the -replace command), then plan the api stack again.",
      },
    ],
  };
}

function assertPinned(truststore: TruststoreReference): void {
  const pinned = Token.isUnresolved(truststore.version) || truststore.version.trim() !== "";
  if (!pinned) {
    throw new Error(
      "MtlsCustomDomain: truststore.version is empty. Pass the truststore stack's truststore_version output: without a pinned version API Gateway keeps serving the bundle it read last.",
    );
  }
}
