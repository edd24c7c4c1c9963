// Reads the deployed custom domain, from either API Gateway API, into one shape.
import { GetBasePathMappingsCommand, GetDomainNameCommand, GetRestApiCommand } from "@aws-sdk/client-api-gateway";
import {
  GetApiCommand,
  GetApiMappingsCommand,
  GetDomainNameCommand as GetHttpDomainNameCommand,
} from "@aws-sdk/client-apigatewayv2";
import type { ApiType } from "../../lib/config/schema";
import type { VerifyClients } from "./clients";

export interface MappedApi {
  readonly apiId: string;
  readonly stage: string;
  readonly executeApiDisabled: boolean;
}

export interface DeployedDomain {
  readonly status: string;
  readonly statusMessage?: string;
  readonly securityPolicy?: string;
  readonly certificateArn?: string;
  readonly ownershipVerificationCertificateArn?: string;
  readonly truststoreUri?: string;
  readonly truststoreVersion?: string;
  readonly truststoreWarnings: readonly string[];
  readonly apis: readonly MappedApi[];
}

async function readHttpDomain(clients: VerifyClients, domainName: string): Promise<DeployedDomain> {
  const domain = await clients.apigatewayv2.send(new GetHttpDomainNameCommand({ DomainName: domainName }));
  const configuration = domain.DomainNameConfigurations?.[0] ?? {};
  const mappings = await clients.apigatewayv2.send(new GetApiMappingsCommand({ DomainName: domainName }));
  const apis = await Promise.all(
    (mappings.Items ?? []).map(async (mapping) => {
      const api = await clients.apigatewayv2.send(new GetApiCommand({ ApiId: mapping.ApiId }));
      return {
        apiId: mapping.ApiId!,
        stage: mapping.Stage ?? "",
        executeApiDisabled: api.DisableExecuteApiEndpoint === true,
      };
    }),
  );
  return {
    status: configuration.DomainNameStatus ?? "UNKNOWN",
    statusMessage: configuration.DomainNameStatusMessage,
    securityPolicy: configuration.SecurityPolicy,
    certificateArn: configuration.CertificateArn,
    ownershipVerificationCertificateArn: configuration.OwnershipVerificationCertificateArn,
    truststoreUri: domain.MutualTlsAuthentication?.TruststoreUri,
    truststoreVersion: domain.MutualTlsAuthentication?.TruststoreVersion,
    truststoreWarnings: domain.MutualTlsAuthentication?.TruststoreWarnings ?? [],
    apis,
  };
}

async function readRestDomain(clients: VerifyClients, domainName: string): Promise<DeployedDomain> {
  const domain = await clients.apigateway.send(new GetDomainNameCommand({ domainName }));
  const mappings = await clients.apigateway.send(new GetBasePathMappingsCommand({ domainName }));
  const apis = await Promise.all(
    (mappings.items ?? []).map(async (mapping) => {
      const api = await clients.apigateway.send(new GetRestApiCommand({ restApiId: mapping.restApiId }));
      return {
        apiId: mapping.restApiId!,
        stage: mapping.stage ?? "",
        executeApiDisabled: api.disableExecuteApiEndpoint === true,
      };
    }),
  );
  return {
    status: domain.domainNameStatus ?? "UNKNOWN",
    statusMessage: domain.domainNameStatusMessage,
    securityPolicy: domain.securityPolicy,
    certificateArn: domain.regionalCertificateArn,
    ownershipVerificationCertificateArn: domain.ownershipVerificationCertificateArn,
    truststoreUri: domain.mutualTlsAuthentication?.truststoreUri,
    truststoreVersion: domain.mutualTlsAuthentication?.truststoreVersion,
    truststoreWarnings: domain.mutualTlsAuthentication?.truststoreWarnings ?? [],
    apis,
  };
}

export function readDeployedDomain(
  clients: VerifyClients,
  apiType: ApiType,
  domainName: string,
): Promise<DeployedDomain> {
  return apiType === "http" ? readHttpDomain(clients, domainName) : readRestDomain(clients, domainName);
}
