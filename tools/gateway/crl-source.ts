// A CRL source backed by a file: the proving ground's stand-in for the CRL object in S3 that the Lambda
// authorizer reads. The entity tag is the SHA-256 of the bytes, so an unchanged file is "not modified".
import { createHash } from "node:crypto";
import * as fs from "node:fs/promises";
import type { CrlSource } from "../../functions/authorizer/authorizer";

export function fileCrlSource(file: string): CrlSource {
  return {
    description: `file ${file}`,
    async fetch(previousEtag) {
      const body = await fs.readFile(file);
      const etag = `"${createHash("sha256").update(body).digest("hex")}"`;
      return etag === previousEtag ? { status: "not-modified" } : { status: "fetched", body, etag };
    },
  };
}
