// The CRLs last deployed, as the pki stack's local Terraform state records them (the aws_s3_object's
// content_base64): what `pki status` can see of what was published without AWS credentials.
import * as fs from "node:fs";
import { crlObjectKey } from "../../lib/pki-folder/deployed-crl";

interface StateDocument {
  readonly resources?: {
    readonly type?: string;
    readonly instances?: { readonly attributes?: { readonly key?: string; readonly content_base64?: string } }[];
  }[];
}

/** The DER CRL of this CA in the state file; undefined when there is no state, or no such object in it. */
export function deployedCrlDer(stateFile: string, ca: string): Buffer | undefined {
  let state: StateDocument;
  try {
    state = JSON.parse(fs.readFileSync(stateFile, "utf8")) as StateDocument;
  } catch {
    return undefined;
  }
  const key = crlObjectKey(ca);
  for (const resource of state.resources ?? []) {
    if (resource.type !== "aws_s3_object") continue;
    const attributes = resource.instances?.map((instance) => instance.attributes).find((found) => found?.key === key);
    if (attributes?.content_base64) return Buffer.from(attributes.content_base64, "base64");
  }
  return undefined;
}
