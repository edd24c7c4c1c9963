import { ACMClient } from "@aws-sdk/client-acm";
// client-acm-pca stays at 3.523.0 (the newest the registry offers, with its own copy of the SDK core) because
// only ACM Private CA says whether a CA is still ACTIVE: a DISABLED or FAILED CA stops publishing CRLs, and the
// authorizer then denies every client. CA expiry alone would not need it (the truststore bundle carries it).
import { ACMPCAClient } from "@aws-sdk/client-acm-pca";
import { APIGatewayClient } from "@aws-sdk/client-api-gateway";
import { ApiGatewayV2Client } from "@aws-sdk/client-apigatewayv2";
import { S3Client } from "@aws-sdk/client-s3";

/** The AWS API clients the post-deploy check reads with (read-only calls only). */
export interface VerifyClients {
  readonly apigatewayv2: ApiGatewayV2Client;
  readonly apigateway: APIGatewayClient;
  readonly s3: S3Client;
  readonly acm: ACMClient;
  readonly acmPca: ACMPCAClient;
}

export function createClients(region: string): VerifyClients {
  return {
    apigatewayv2: new ApiGatewayV2Client({ region }),
    apigateway: new APIGatewayClient({ region }),
    s3: new S3Client({ region }),
    acm: new ACMClient({ region }),
    acmPca: new ACMPCAClient({ region }),
  };
}
