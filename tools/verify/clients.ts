import { ACMClient } from "@aws-sdk/client-acm";
import { APIGatewayClient } from "@aws-sdk/client-api-gateway";
import { ApiGatewayV2Client } from "@aws-sdk/client-apigatewayv2";
import { S3Client } from "@aws-sdk/client-s3";
import { createCertificateAuthorities, type CertificateAuthorities } from "./certificate-authorities";

/** The AWS API clients the post-deploy check reads with (read-only calls only). */
export interface VerifyClients {
  readonly apigatewayv2: ApiGatewayV2Client;
  readonly apigateway: APIGatewayClient;
  readonly s3: S3Client;
  readonly acm: ACMClient;
  readonly acmPca: CertificateAuthorities;
}

export function createClients(region: string): VerifyClients {
  return {
    apigatewayv2: new ApiGatewayV2Client({ region }),
    apigateway: new APIGatewayClient({ region }),
    s3: new S3Client({ region }),
    acm: new ACMClient({ region }),
    acmPca: createCertificateAuthorities({ region }),
  };
}
