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
import { canonicalSerial, integerOfSerial } from "../../lib/x509/serial";

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
  /** Hex; "-" before a negative serial, which RFC 5280 forbids and some CAs issued anyway. @default random */
  readonly serialNumber?: string;
  /** @default one day ago */
  readonly notBefore?: Date;
  /** @default in 30 days */
  readonly notAfter?: Date;
  /** DNS subject alternative names. @default none */
  readonly dnsNames?: readonly string[];
  /** The whole subject, e.g. "CN=partner-d" as the PKI tool writes it. @default C=GB, O=Example Partner, CN=<commonName> */
  readonly subject?: string;
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
  const negative = serialNumber.startsWith("-");
  const generated = await X509CertificateGenerator.create({
    serialNumber: negative ? "01" : serialNumber,
    subject: options.subject ?? `C=GB, O=Example Partner, CN=${options.commonName ?? "partner-a.clients.example.com"}`,
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
  const certificate = negative ? withSerialOctets(generated, ca, integerOf(serialNumber)) : generated;
  return { pem: certificate.toString("pem"), serialNumber, certificate };
}

/** The INTEGER contents for a hex serial ("-" before a negative one): two's complement, shortest form. */
function integerOf(serial: string): ArrayBuffer {
  return new Uint8Array(integerOfSerial(canonicalSerial(serial))!).buffer;
}

/** The certificate re-signed by `ca` with these serialNumber octets (the generator writes positive serials only). */
function withSerialOctets(certificate: X509Certificate, ca: TestCa, serial: ArrayBuffer): X509Certificate {
  const parsed = AsnConvert.parse(certificate.rawData, asn1X509.Certificate);
  parsed.tbsCertificate.serialNumber = serial;
  const tbs = Buffer.from(AsnConvert.serialize(parsed.tbsCertificate));
  parsed.signatureValue = new Uint8Array(sign("sha256", tbs, KeyObject.from(ca.keys.privateKey))).buffer;
  return new X509Certificate(AsnConvert.serialize(parsed));
}

export interface TestExtension {
  readonly oid: string;
  readonly critical: boolean;
  /** The extnValue's contents (DER). */
  readonly value: Uint8Array;
}

/** deltaCRLIndicator naming base CRL 1: a delta CRL lists only the revocations since that base CRL. */
export const DELTA_CRL_INDICATOR = (critical: boolean): TestExtension => ({
  oid: "2.5.29.27",
  critical,
  value: Uint8Array.from([2, 1, 1]),
});

/**
 * issuingDistributionPoint naming one partition's URI, as ACM Private CA's partitioned CRLs carry (marked
 * critical by ACM Private CA; RFC 5280 asks for critical, a careless CA may not).
 */
export const ISSUING_DISTRIBUTION_POINT = (
  critical: boolean,
  uri = "http://crl.example.com/crl/1.crl",
): TestExtension => {
  const name = Buffer.from(uri);
  // IssuingDistributionPoint { distributionPoint [0] { fullName [0] { uniformResourceIdentifier [6] uri } } }
  const general = Buffer.concat([Buffer.from([0x86, name.length]), name]);
  const fullName = Buffer.concat([Buffer.from([0xa0, general.length]), general]);
  const point = Buffer.concat([Buffer.from([0xa0, fullName.length]), fullName]);
  return { oid: "2.5.29.28", critical, value: Buffer.concat([Buffer.from([0x30, point.length]), point]) };
};

export interface CrlOptions {
  /** Hex serial numbers; "-" before a negative one. @default none */
  readonly revokedSerials?: readonly string[];
  /** Extensions each revoked entry carries (e.g. a critical certificateIssuer). @default none */
  readonly entryExtensions?: readonly TestExtension[];
  /** @default one hour ago */
  readonly thisUpdate?: Date;
  /** @default in 7 days */
  readonly nextUpdate?: Date;
  /** Sign with this CA's key instead of the issuer's (a forged CRL). */
  readonly signedBy?: TestCa;
  /** CRL extensions besides the CRL number (a delta CRL indicator, a partition's distribution point). */
  readonly extensions?: readonly TestExtension[];
  /** @default "der" */
  readonly encoding?: "der" | "pem";
  /** The CRL number extension (RFC 5280 5.2.3). @default none */
  readonly crlNumber?: number;
}

function asExtensions(extensions: readonly TestExtension[]): asn1X509.Extension[] {
  return extensions.map(
    ({ oid, critical, value }) => new asn1X509.Extension({ extnID: oid, critical, extnValue: new OctetString(value) }),
  );
}

function crlExtensions(options: CrlOptions): asn1X509.Extensions | undefined {
  const extensions = [
    ...asExtensions(options.extensions ?? []),
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
  const entryExtensions = options.entryExtensions?.length
    ? new asn1X509.Extensions(asExtensions(options.entryExtensions))
    : undefined;
  const revoked = (options.revokedSerials ?? []).map(
    (serial) =>
      new asn1X509.RevokedCertificate({
        userCertificate: integerOf(serial),
        revocationDate: new asn1X509.Time(thisUpdate),
        crlEntryExtensions: entryExtensions,
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
