// The certificate authority in self-managed mode: the CA lives in files the PKI tool (`npm run pki`) wrote.
// Only public material enters Terraform: the CA certificates become outputs, and each issuing CA's CRL (DER)
// is uploaded to a private bucket, where the authorizer reads it. No key file is ever opened here.
import { S3Object } from "@cdktf/provider-aws/lib/s3-object";
import { Construct } from "constructs";
import { LAMBDA_VARIABLES, ISSUING_CAS_MAX_BYTES } from "../../../functions/authorizer/settings";
import type { SelfManagedPkiConfig } from "../../config/pki-schema";
import { PrivateBucket } from "../private-bucket";
import { pemBundleText } from "../../pem-bundle";
import type { PkiAuthorityOutputs } from "./authority-outputs";
import { crlObjectKey } from "../../pki-folder/deployed-crl";
import { pkiLayoutFor } from "../../pki-folder/layout";
import { PkiError } from "../../pki-folder/errors";
import { readPublicPki, type CaCertificate } from "../../pki-folder/public-files";
import { checkGrantsIssued, type PkiNameGrant } from "../../routes/issued-names";

export interface SelfManagedAuthorityProps {
  readonly pki: SelfManagedPkiConfig;
  readonly environment: string;
  readonly crlBucketName: string;
  /** Bytes of the authorizer's environment the api stack's access rules take (api.routes). @default 0 */
  readonly accessRulesBytes?: number;
  /** Names api.routes grants that no configured client has: each must be a client the PKI tool issued. */
  readonly grantedPkiNames?: readonly PkiNameGrant[];
}

/**
 * The issuing CAs by name, as the api stack hands them to the authorizer in one environment variable. Checked
 * here, where the certificates are known at synth time, rather than failing later at deploy time in Lambda.
 */
function issuingCasForAuthorizer(cas: readonly CaCertificate[], accessRulesBytes: number): Record<string, string> {
  const pems = Object.fromEntries(cas.map((ca) => [ca.name, pemBundleText([ca.pem])]));
  const bytes = Buffer.byteLength(JSON.stringify(pems));
  const budget = ISSUING_CAS_MAX_BYTES - accessRulesBytes;
  if (bytes > budget) {
    const access = accessRulesBytes
      ? ` and the ${accessRulesBytes} bytes of the access rules (api.routes, api.clients)`
      : "";
    throw new PkiError(
      `The issuing CAs in the bundle (${Object.keys(pems).join(", ")}) take ${bytes} bytes in the authorizer's ${LAMBDA_VARIABLES.issuingCas} variable, over the ${budget} bytes Lambda's 4 KB environment leaves for it after the other settings${access}: retire the old CA once its clients have moved (npm run pki -- retire <ca>), or give the new CA an ECDSA key (pki.keyAlgorithm EC_prime256v1 before "npm run pki -- rotate issuing")`,
    );
  }
  return pems;
}

export class SelfManagedAuthority extends Construct {
  readonly outputs: PkiAuthorityOutputs;

  constructor(scope: Construct, id: string, props: SelfManagedAuthorityProps) {
    super(scope, id);
    const layout = pkiLayoutFor({ environment: props.environment, pki: props.pki });
    const pki = readPublicPki(layout);
    checkGrantsIssued(props.grantedPkiNames ?? [], pki.manifest, layout);
    const crlBucket = new PrivateBucket(this, "crl_bucket", { bucketName: props.crlBucketName });
    const crlObjects = pki.crls.map((crl) => ({
      ca: crl.ca,
      object: new S3Object(this, `crl_${crl.ca.replace(/-/g, "_")}`, {
        bucket: crlBucket.bucket.id,
        key: crlObjectKey(crl.ca),
        contentBase64: crl.der.toString("base64"),
        contentType: "application/pkix-crl",
        dependsOn: crlBucket.ready,
      }),
    }));
    // Read through the objects, so that a stack reading these keys also waits for the uploads.
    const keys = Object.fromEntries(crlObjects.map(({ ca, object }) => [ca, object.key]));
    const issuing = pki.activeIssuingCa.pem;
    const root = pki.activeRootCa.pem;
    this.outputs = {
      root_ca_certificate_pem: pemBundleText([root]),
      issuing_ca_certificate_pem: pemBundleText([issuing]),
      issuing_ca_certificates_pem: issuingCasForAuthorizer(pki.issuingCas, props.accessRulesBytes ?? 0),
      ca_chain_pem: pemBundleText([issuing, root]),
      crl_bucket_name: crlBucket.bucket.bucket,
      crl_object_key: keys[pki.activeIssuingCa.name],
      crl_object_keys: keys,
      client_certificate_arns: {},
    };
  }
}
