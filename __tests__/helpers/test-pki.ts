// Real PKI material, generated in memory for each test run: CAs, client certificates and signed CRLs. Nothing
// is written to disk and no private key leaves the process.
import "reflect-metadata";
import { AsnConvert, OctetString } from "@peculiar/asn1-schema";
import * as asn1X509 from "@peculiar/asn1-x509";
import {
  AuthorityKeyIdentifierExtension,
  BasicConstraintsExtension,
  cryptoProvider,
  ExtendedKeyUsage,
  ExtendedKeyUsageExtension,
  KeyUsageFlags,
  KeyUsagesExtension,
  SubjectAlternativeNameExtension,
  SubjectKeyIdentifierExtension,
  X509Certificate,
  X509CertificateGenerator,
} from "@peculiar/x509";
import { KeyObject, sign, webcrypto } from "node:crypto";
import { randomSerialNumber } from "../../tools/pki/crypto/sign";

cryptoProvider.set(webcrypto as unknown as Parameters<typeof cryptoProvider.set>[0]);

type CryptoKeyPair = webcrypto.CryptoKeyPair;

export type KeyType = "ec" | "rsa";

const ALGORITHMS = {
  ec: { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" },
  rsa: { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" },
} as const;

// ecdsa-with-SHA256 (no parameters) and sha256WithRSAEncryption (NULL parameters).
const SIGNATURE_ALGORITHMS = {
  ec: new asn1X509.AlgorithmIdentifier({ algorithm: "1.2.840.10045.4.3.2" }),
  rsa: new asn1X509.AlgorithmIdentifier({
    algorithm: "1.2.840.113549.1.1.11",
    parameters: new Uint8Array([5, 0]).buffer,
  }),
};

const DAY = 86_400_000;

export interface TestCa {
  readonly certificate: X509Certificate;
  readonly pem: string;
  readonly keys: CryptoKeyPair;
  readonly keyType: KeyType;
}

async function generateKeys(keyType: KeyType): Promise<CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(ALGORITHMS[keyType], true, ["sign", "verify"])) as CryptoKeyPair;
}

/** A CA certificate: self-signed (a root) or signed by `issuer` (an issuing CA limited to path length 0). */
export async function createCa(
  commonName: string,
  options: { issuer?: TestCa; keyType?: KeyType } = {},
): Promise<TestCa> {
  const keyType = options.keyType ?? options.issuer?.keyType ?? "ec";
  const keys = await generateKeys(keyType);
  const issuer = options.issuer;
  const extensions = [
    new BasicConstraintsExtension(true, issuer ? 0 : 1, true),
    new KeyUsagesExtension(KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign | KeyUsageFlags.digitalSignature, true),
    await SubjectKeyIdentifierExtension.create(keys.publicKey),
    await AuthorityKeyIdentifierExtension.create((issuer?.keys ?? keys).publicKey),
  ];
  // Written most significant first, as @peculiar/x509 keeps the order given (OpenSSL and ACM PCA certificates read C, O, CN).
  const name = `C=GB, O=Example Test, CN=${commonName}`;
  const certificate = await X509CertificateGenerator.create({
    serialNumber: randomSerialNumber(),
    subject: name,
    issuer: issuer?.certificate.subject ?? name,
    notBefore: new Date(Date.now() - DAY),
    notAfter: new Date(Date.now() + 3650 * DAY),
    publicKey: keys.publicKey,
    signingKey: (issuer?.keys ?? keys).privateKey,
    signingAlgorithm: ALGORITHMS[issuer?.keyType ?? keyType],
    extensions,
  });
  return { certificate, pem: certificate.toString("pem"), keys, keyType };
}

export interface ClientCertificateOptions {
  readonly commonName?: string;
  /** Hex. @default random */
  readonly serialNumber?: string;
  /** @default one day ago */
  readonly notBefore?: Date;
  /** @default in 30 days */
  readonly notAfter?: Date;
  /** DNS subject alternative names. @default none */
  readonly dnsNames?: readonly string[];
}

export interface TestClientCertificate {
  readonly pem: string;
  /** Hex, as given to the generator. */
  readonly serialNumber: string;
  readonly certificate: X509Certificate;
}

/** A TLS client certificate issued by `ca`. */
export async function issueClientCertificate(
  ca: TestCa,
  options: ClientCertificateOptions = {},
): Promise<TestClientCertificate> {
  const keys = await generateKeys("ec");
  const serialNumber = options.serialNumber ?? randomSerialNumber();
  const certificate = await X509CertificateGenerator.create({
    serialNumber,
    subject: `C=GB, O=Example Partner, CN=${options.commonName ?? "partner-a.clients.example.com"}`,
    issuer: ca.certificate.subject,
    notBefore: options.notBefore ?? new Date(Date.now() - DAY),
    notAfter: options.notAfter ?? new Date(Date.now() + 30 * DAY),
    publicKey: keys.publicKey,
    signingKey: ca.keys.privateKey,
    signingAlgorithm: ALGORITHMS[ca.keyType],
    extensions: [
      new BasicConstraintsExtension(false, undefined, true),
      new KeyUsagesExtension(KeyUsageFlags.digitalSignature, true),
      new ExtendedKeyUsageExtension([ExtendedKeyUsage.clientAuth]),
      await AuthorityKeyIdentifierExtension.create(ca.keys.publicKey),
      ...(options.dnsNames?.length
        ? [new SubjectAlternativeNameExtension(options.dnsNames.map((value) => ({ type: "dns" as const, value })))]
        : []),
    ],
  });
  return { pem: certificate.toString("pem"), serialNumber, certificate };
}

export interface CrlOptions {
  /** Hex serial numbers. @default none */
  readonly revokedSerials?: readonly string[];
  /** @default one hour ago */
  readonly thisUpdate?: Date;
  /** @default in 7 days */
  readonly nextUpdate?: Date;
  /** Sign with this CA's key instead of the issuer's (a forged CRL). */
  readonly signedBy?: TestCa;
  /** Add a critical extension (as a delta CRL indicator would be). */
  readonly criticalExtension?: boolean;
  /** @default "der" */
  readonly encoding?: "der" | "pem";
  /** The CRL number extension (RFC 5280 5.2.3). @default none */
  readonly crlNumber?: number;
}

function crlExtensions(options: CrlOptions): asn1X509.Extensions | undefined {
  const extensions = [
    // deltaCRLIndicator (base CRL number 1): a delta CRL lists only recent revocations.
    ...(options.criticalExtension
      ? [new asn1X509.Extension({ extnID: "2.5.29.27", critical: true, extnValue: new OctetString([2, 1, 1]) })]
      : []),
    ...(options.crlNumber === undefined
      ? []
      : [
          new asn1X509.Extension({
            extnID: "2.5.29.20",
            critical: false,
            extnValue: new OctetString(AsnConvert.serialize(new asn1X509.CRLNumber(options.crlNumber))),
          }),
        ]),
  ];
  return extensions.length > 0 ? new asn1X509.Extensions(extensions) : undefined;
}

/** A CRL (DER) naming `issuer` as its issuer, signed with the issuer's key unless `signedBy` says otherwise. */
export function createCrl(issuer: TestCa, options: CrlOptions = {}): Uint8Array {
  const signer = options.signedBy ?? issuer;
  const thisUpdate = options.thisUpdate ?? new Date(Date.now() - 3_600_000);
  const issuerName = AsnConvert.parse(issuer.certificate.rawData, asn1X509.Certificate).tbsCertificate.subject;
  const revoked = (options.revokedSerials ?? []).map(
    (serial) =>
      new asn1X509.RevokedCertificate({
        userCertificate: new Uint8Array(Buffer.from(serial.length % 2 ? `0${serial}` : serial, "hex")).buffer,
        revocationDate: new asn1X509.Time(thisUpdate),
      }),
  );
  const tbs = new asn1X509.TBSCertList({
    version: asn1X509.Version.v2,
    signature: SIGNATURE_ALGORITHMS[signer.keyType],
    issuer: issuerName,
    thisUpdate: new asn1X509.Time(thisUpdate),
    nextUpdate: new asn1X509.Time(options.nextUpdate ?? new Date(Date.now() + 7 * DAY)),
    revokedCertificates: revoked.length > 0 ? revoked : undefined,
    crlExtensions: crlExtensions(options),
  });
  const tbsDer = Buffer.from(AsnConvert.serialize(tbs));
  const signature = sign("sha256", tbsDer, KeyObject.from(signer.keys.privateKey));
  const crl = new asn1X509.CertificateList({
    tbsCertList: tbs,
    signatureAlgorithm: SIGNATURE_ALGORITHMS[signer.keyType],
    signature: new Uint8Array(signature).buffer,
  });
  const der = new Uint8Array(AsnConvert.serialize(crl));
  if (options.encoding !== "pem") return der;
  const body = Buffer.from(der)
    .toString("base64")
    .replace(/(.{64})/g, "$1\n");
  return new Uint8Array(Buffer.from(`-----BEGIN X509 CRL-----\n${body}\n-----END X509 CRL-----\n`));
}

/** A root CA and the issuing CA it signed: the shape of the project's PKI. */
export async function createPki(keyType: KeyType = "ec"): Promise<{ root: TestCa; issuing: TestCa }> {
  const root = await createCa("Test Root CA", { keyType });
  const issuing = await createCa("Test Issuing CA 1", { issuer: root });
  return { root, issuing };
}
