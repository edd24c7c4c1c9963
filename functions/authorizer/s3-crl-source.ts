// The CRL from S3, where ACM Private CA publishes it. Each fetch is a conditional GET on the ETag, so an
// unchanged CRL costs a 304 and no download. The SDK is loaded on first fetch, not when the module loads,
// which keeps the function's init short (the Node.js Lambda runtime ships the AWS SDK v3).
import type { S3Client } from "@aws-sdk/client-s3";
import { checkCrlSize, MAX_CRL_BYTES } from "./crl";
import type { CrlSource } from "./revocation";

/**
 * What the decision log says when the CRL object does not exist yet: a fresh ACM Private CA may not have written its
 * first CRL, and until it does every request is denied (verify checks for the object and says what to do).
 */
export const NO_CRL_YET = "no CRL published yet";

/** `maxBytes`: a larger object is refused before its body is read (it could not be held in the function). */
export function s3CrlSource(bucket: string, key: string, region?: string, maxBytes = MAX_CRL_BYTES): CrlSource {
  let client: Promise<{ s3: S3Client; sdk: typeof import("@aws-sdk/client-s3") }> | undefined;
  const connect = async () => {
    const sdk = await import("@aws-sdk/client-s3");
    return { s3: new sdk.S3Client(region ? { region } : {}), sdk };
  };
  return {
    description: `s3://${bucket}/${key}`,
    async fetch(previousEtag, signal) {
      client ??= connect();
      const { s3, sdk } = await client;
      try {
        const command = new sdk.GetObjectCommand({ Bucket: bucket, Key: key, IfNoneMatch: previousEtag });
        const object = await s3.send(command, { abortSignal: signal });
        if (!object.Body) throw new Error(`s3://${bucket}/${key} has no body`);
        if (object.ContentLength !== undefined) {
          try {
            checkCrlSize(object.ContentLength, true, maxBytes);
          } catch (error) {
            (object.Body as { destroy?: () => void }).destroy?.();
            throw error;
          }
        }
        return { status: "fetched", body: await object.Body.transformToByteArray(), etag: object.ETag };
      } catch (error) {
        if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 304) {
          return { status: "not-modified" };
        }
        if ((error as Error).name === "NoSuchKey") {
          throw new Error(
            `${NO_CRL_YET} at s3://${bucket}/${key}: the CA writes its first CRL after it is activated (npm run verify checks for it)`,
          );
        }
        throw new Error(`Cannot read s3://${bucket}/${key}: ${(error as Error).name}: ${(error as Error).message}`);
      }
    },
  };
}
