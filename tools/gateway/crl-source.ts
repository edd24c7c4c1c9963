// A CRL source backed by a file: the proving ground's stand-in for the CRL object in S3 that the Lambda
// authorizer reads. The entity tag is the SHA-256 of the bytes, so an unchanged file is "not modified".
import { createHash } from "node:crypto";
import * as fs from "node:fs/promises";

export type CrlFetchResult =
  { readonly modified: false } | { readonly modified: true; readonly crl: Uint8Array; readonly etag: string };

export interface CrlSource {
  fetch(previousEtag?: string): Promise<CrlFetchResult>;
}

export function fileCrlSource(file: string): CrlSource {
  return {
    async fetch(previousEtag) {
      const crl = await fs.readFile(file);
      const etag = `"${createHash("sha256").update(crl).digest("hex")}"`;
      return etag === previousEtag ? { modified: false } : { modified: true, crl, etag };
    },
  };
}
