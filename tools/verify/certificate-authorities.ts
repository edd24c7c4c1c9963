// The one file that imports @aws-sdk/client-acm-pca. The registry's newest release of it (3.523.0) is on an older
// line than the other SDK clients and declares older smithy types, so neither aws-sdk-client-mock's types nor the
// other clients' types fit it; everything else reads ACM Private CA through the small interface below.
// Only ACM Private CA says whether a CA is still ACTIVE: a DISABLED or FAILED CA stops publishing CRLs, and the
// authorizer then denies every client.
import {
  ACMPCAClient,
  paginateListCertificateAuthorities,
  paginateListTags,
  type ACMPCAClientConfig,
} from "@aws-sdk/client-acm-pca";

/** What the post-deploy check reads of an ACM Private CA. */
export interface PrivateCa {
  readonly arn: string;
  readonly type: string;
  readonly status: string;
  readonly commonName?: string;
  readonly notAfter?: Date;
  /** The CRL bucket when the CA publishes CRLs, undefined when CRLs are off. */
  readonly crlBucket?: string;
}

/** The ACM Private CA calls the post-deploy check makes (read-only). */
export interface CertificateAuthorities {
  /** Every CA this account owns, all pages, deleted ones left out. */
  list(): Promise<PrivateCa[]>;
  /** A CA's tags, all pages, as key -> value. */
  tags(arn: string): Promise<Record<string, string>>;
}

export function acmPcaAuthorities(client: ACMPCAClient): CertificateAuthorities {
  return {
    async list() {
      const found: PrivateCa[] = [];
      for await (const page of paginateListCertificateAuthorities({ client }, { ResourceOwner: "SELF" })) {
        for (const authority of page.CertificateAuthorities ?? []) {
          if (authority.Status === "DELETED") continue;
          const crl = authority.RevocationConfiguration?.CrlConfiguration;
          found.push({
            arn: authority.Arn!,
            type: authority.Type ?? "",
            status: authority.Status ?? "",
            commonName: authority.CertificateAuthorityConfiguration?.Subject?.CommonName,
            notAfter: authority.NotAfter,
            crlBucket: crl?.Enabled ? crl.S3BucketName : undefined,
          });
        }
      }
      return found;
    },
    async tags(arn) {
      const tags: Record<string, string> = {};
      for await (const page of paginateListTags({ client }, { CertificateAuthorityArn: arn })) {
        for (const tag of page.Tags ?? []) tags[tag.Key!] = tag.Value ?? "";
      }
      return tags;
    },
  };
}

/** `{ region }` in use; tests add a loopback endpoint and fixed credentials. */
export function createCertificateAuthorities(config: ACMPCAClientConfig): CertificateAuthorities {
  return acmPcaAuthorities(new ACMPCAClient(config));
}
