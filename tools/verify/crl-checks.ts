// Self-managed mode: the CRLs the authorizer reads, as published in the CRL bucket. Each must be valid for days
// yet (re-signed on schedule), and no newer than the PKI folder's record: a published number above it means the
// folder was restored from an older backup (lib/pki-folder/deployed-crl.ts says what to do).
import { GetObjectCommand } from "@aws-sdk/client-s3";
import { crlBucketName } from "../../lib/config/names";
import type { SelfManagedPkiConfig } from "../../lib/config/pki-schema";
import type { Config } from "../../lib/config/schema";
import { checkNextUpdate, compareWithFolder, crlObjectKey, readDeployedCrl } from "../../lib/pki-folder/deployed-crl";
import { pkiLayoutFor } from "../../lib/pki-folder/layout";
import { bundledIssuingCas, readManifest, type Manifest } from "../../lib/pki-folder/manifest";
import type { VerifyClients } from "./clients";
import { isMissingObject } from "./missing-object";
import { problem, warning, type CheckResult } from "./result";

const CHECK = "published CRL";

export async function checkPublishedCrls(
  clients: Pick<VerifyClients, "s3">,
  config: Config & { pki: SelfManagedPkiConfig },
  now: Date,
): Promise<CheckResult[]> {
  const layout = pkiLayoutFor(config);
  let manifest: Manifest;
  try {
    manifest = readManifest(layout);
  } catch {
    return [
      warning(
        CHECK,
        `the PKI folder ${layout.displayRoot} is not here: the published CRLs were not checked (run verify where the folder is)`,
      ),
    ];
  }
  const bucket = crlBucketName(config);
  const results: CheckResult[] = [];
  for (const ca of bundledIssuingCas(manifest)) {
    const key = crlObjectKey(ca.name);
    const where = `s3://${bucket}/${key}`;
    let der: Uint8Array;
    try {
      const object = await clients.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      der = (await object.Body?.transformToByteArray()) ?? new Uint8Array();
    } catch (error) {
      if (!isMissingObject(error)) throw error;
      results.push(
        problem(CHECK, `${where} does not exist: the authorizer denies ${ca.name}'s clients; apply the pki stack`),
      );
      continue;
    }
    let published;
    try {
      published = readDeployedCrl(der);
    } catch (error) {
      results.push(
        problem(
          CHECK,
          `${where} is not a DER CRL (${(error as Error).message}): run \`npm run pki -- crl\` and apply the pki stack`,
        ),
      );
      continue;
    }
    for (const finding of [
      compareWithFolder(published, manifest, ca, where),
      checkNextUpdate(published, ca.name, where, now),
    ]) {
      results.push({ check: CHECK, ...finding });
    }
  }
  return results;
}
