// The one builder of test PKI material, generated in memory for each run: key pairs, certificates (the PKI tool's
// profiles, or exactly the flaw a test needs, which the tool refuses to issue) and signed CRLs. Keys, signing and
// profiles are the PKI tool's own (tools/pki/crypto). Nothing is written to disk and no private key leaves the process.
import { AsnConvert, OctetString } from "@peculiar/asn1-schema";
import * as asn1X509 from "@peculiar/asn1-x509";
import { createPublicKey, generateKeyPairSync, sign, type KeyObject, type webcrypto } from "node:crypto";
import { CRL_NUMBER_OID, encodeCrlNumber } from "../../lib/x509/crl-number";
import { x509 } from "../../lib/x509/peculiar-x509";
import { canonicalSerial, integerOfSerial } from "../../lib/x509/serial";
import { signatureParams, type HashName } from "../../tools/pki/crypto/algorithms";
import { generateKeys, signingKey, spki, type KeyPair } from "../../tools/pki/crypto/keys";
import { profileExtensions, type CertificateProfile } from "../../tools/pki/crypto/profiles";
import { randomSerialNumber } from "../../tools/pki/crypto/sign";

const DAY = 86_400_000;

/** The project's key types, and the weak or unsupported ones a check must refuse. */
export type TestKeyType = "P-256" | "P-384" | "P-521" | "RSA-1024" | "RSA-2048" | "Ed25519";

/** A new key pair (RSA and EC on libuv's thread pool, as the PKI tool makes its keys). */
export async function testKeys(type: TestKeyType): Promise<KeyPair> {
  if (type === "Ed25519") return generateKeyPairSync("ed25519");
  if (type === "RSA-1024" || type === "RSA-2048") {
    return generateKeys({ type: "rsa", modulusLength: Number(type.slice(4)) });
  }
  return generateKeys({ type: "ec", namedCurve: type });
}

export interface TestCertificate {
  readonly certificate: x509.X509Certificate;
  /** PEM ending in a newline, as in a file: bundles are these joined. */
  readonly pem: string;
  readonly privateKey: KeyObject;
  readonly key: TestKeyType;
  /** Hex, as given ("-" before a negative serial). */
  readonly serialNumber: string;
}

/**
 * The certificate's extensions: one of the PKI tool's profiles, or one it never issues: "ca", a CA without a path
 * length; "end-entity", neither a CA nor limited to an extended key usage.
 */
export type TestProfile = CertificateProfile | "ca" | "end-entity";

export interface CertificateOptions {
  /** The whole subject, most significant first ("C=GB, O=Example Test, CN=Test Root CA"). */
  readonly subject: string;
  /** The signer; self-signed when omitted. */
  readonly issuer?: TestCertificate;
  /** @default P-256 */
  readonly key?: TestKeyType;
  /** Reuse this certificate's key pair (to make two CAs that sign each other). @default a new key pair */
  readonly keyOf?: TestCertificate;
  /** The hash the issuer signs with. @default SHA-256 */
  readonly hash?: HashName;
  /** @default "ca" */
  readonly profile?: TestProfile;
  /** Hex; "-" before a negative serial, which RFC 5280 forbids and some CAs issued anyway. @default random */
  readonly serialNumber?: string;
  /** @default one day ago */
  readonly notBefore?: Date;
  /** @default in 365 days */
  readonly notAfter?: Date;
  /** DNS subject alternative names. @default none */
  readonly dnsNames?: readonly string[];
}

function extensionsOf(profile: TestProfile, publicKey: KeyObject): x509.Extension[] {
  switch (profile) {
    case "ca":
      return [
        new x509.BasicConstraintsExtension(true, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      ];
    case "end-entity":
      return [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      ];
    default:
      return profileExtensions(profile, publicKey);
  }
}

const webCryptoKeys = new WeakMap<KeyObject, Map<HashName, Promise<webcrypto.CryptoKey>>>();

/** The PKI tool's WebCrypto signing key for a private key, imported once per key and hash (a CA signs many times). */
function webCryptoKey(privateKey: KeyObject, hash: HashName): Promise<webcrypto.CryptoKey> {
  const byHash = webCryptoKeys.get(privateKey) ?? new Map<HashName, Promise<webcrypto.CryptoKey>>();
  webCryptoKeys.set(privateKey, byHash);
  if (!byHash.has(hash)) byHash.set(hash, signingKey(privateKey, hash));
  return byHash.get(hash)!;
}

/** The issuer's subject key identifier (hex), which names it in the authority key identifier of what it signs. */
function keyIdentifierOf(issuer: TestCertificate): string {
  return issuer.certificate.getExtension(x509.SubjectKeyIdentifierExtension)!.keyId;
}

/** A certificate signed by `issuer` (self-signed without one), with the subject key identifier, and the authority's when issued. */
export async function createCertificate(options: CertificateOptions): Promise<TestCertificate> {
  const key = options.keyOf?.key ?? options.key ?? "P-256";
  const keys = options.keyOf
    ? { privateKey: options.keyOf.privateKey, publicKey: createPublicKey(options.keyOf.privateKey) }
    : await testKeys(key);
  const issuerKey = options.issuer?.privateKey ?? keys.privateKey;
  const hash = options.hash ?? "SHA-256";
  const publicKey = spki(keys.publicKey);
  const serialNumber = options.serialNumber ?? randomSerialNumber();
  const negative = serialNumber.startsWith("-");
  const generated = await x509.X509CertificateGenerator.create({
    serialNumber: negative ? "01" : serialNumber,
    subject: options.subject,
    issuer: options.issuer?.certificate.subjectName ?? options.subject,
    notBefore: options.notBefore ?? new Date(Date.now() - DAY),
    notAfter: options.notAfter ?? new Date(Date.now() + 365 * DAY),
    publicKey,
    signingKey: await webCryptoKey(issuerKey, hash),
    signingAlgorithm: signatureParams(issuerKey, hash),
    extensions: [
      ...extensionsOf(options.profile ?? "ca", keys.publicKey),
      await x509.SubjectKeyIdentifierExtension.create(publicKey),
      ...(options.issuer ? [new x509.AuthorityKeyIdentifierExtension(keyIdentifierOf(options.issuer))] : []),
      ...(options.dnsNames?.length
        ? [new x509.SubjectAlternativeNameExtension(options.dnsNames.map((value) => ({ type: "dns" as const, value })))]
        : []),
    ],
  });
  const certificate = negative
    ? withSerialOctets(generated, { privateKey: issuerKey, hash }, integerOf(serialNumber))
    : generated;
  return { certificate, pem: `${certificate.toString("pem")}\n`, privateKey: keys.privateKey, key, serialNumber };
}

/** A CA in the project's PKI shape: a root (self-signed), or an issuing CA signed by `issuer` (its key type by default). */
export function createCa(
  commonName: string,
  options: { issuer?: TestCertificate; key?: TestKeyType } = {},
): Promise<TestCertificate> {
  return createCertificate({
    // Most significant first, as @peculiar/x509 keeps the order given (OpenSSL and ACM PCA certificates read C, O, CN).
    subject: `C=GB, O=Example Test, CN=${commonName}`,
    issuer: options.issuer,
    key: options.key ?? options.issuer?.key,
    profile: options.issuer ? "issuing-ca" : "root-ca",
    notAfter: new Date(Date.now() + 3650 * DAY),
  });
}

export interface ClientCertificateOptions extends Partial<
  Pick<CertificateOptions, "subject" | "serialNumber" | "notBefore" | "notAfter" | "dnsNames">
> {
  /** The subject's common name, when no `subject` is given. @default partner-a.clients.example.com */
  readonly commonName?: string;
}

/**
 * A TLS client certificate (EC P-256) issued by `ca`, valid for 30 days unless told otherwise; its subject
 * C=GB, O=Example Partner, CN=<commonName> unless given whole (e.g. "CN=partner-d" as the PKI tool writes it).
 */
export function issueClientCertificate(
  ca: TestCertificate,
  options: ClientCertificateOptions = {},
): Promise<TestCertificate> {
  const { commonName = "partner-a.clients.example.com", subject, notAfter, ...rest } = options;
  return createCertificate({
    ...rest,
    subject: subject ?? `C=GB, O=Example Partner, CN=${commonName}`,
    notAfter: notAfter ?? new Date(Date.now() + 30 * DAY),
    issuer: ca,
    profile: "client",
  });
}

/** A root CA and the issuing CA it signed: the shape of the project's PKI. */
export async function createPki(
  key: TestKeyType = "P-256",
): Promise<{ root: TestCertificate; issuing: TestCertificate }> {
  const root = await createCa("Test Root CA", { key });
  const issuing = await createCa("Test Issuing CA 1", { issuer: root });
  return { root, issuing };
}

/** The same certificate with one byte of its signature changed: it still parses, but no key verifies it. */
export function withBrokenSignature(fixture: TestCertificate): string {
  const der = Buffer.from(fixture.certificate.rawData);
  der[der.length - 3] ^= 0x01;
  return `${x509.PemConverter.encode(der, "CERTIFICATE")}\n`;
}

/** The INTEGER contents for a hex serial ("-" before a negative one): two's complement, shortest form. */
function integerOf(serial: string): ArrayBuffer {
  return new Uint8Array(integerOfSerial(canonicalSerial(serial))!).buffer;
}

/** Node's name for a hash ("sha256"). */
function digestOf(hash: HashName): string {
  return hash.replace("-", "").toLowerCase();
}

/** The certificate re-signed with these serialNumber octets (the generator writes positive serials only). */
function withSerialOctets(
  certificate: x509.X509Certificate,
  signer: { privateKey: KeyObject; hash: HashName },
  serial: ArrayBuffer,
): x509.X509Certificate {
  const parsed = AsnConvert.parse(certificate.rawData, asn1X509.Certificate);
  parsed.tbsCertificate.serialNumber = serial;
  const tbs = Buffer.from(AsnConvert.serialize(parsed.tbsCertificate));
  parsed.signatureValue = new Uint8Array(sign(digestOf(signer.hash), tbs, signer.privateKey)).buffer;
  return new x509.X509Certificate(AsnConvert.serialize(parsed));
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
  readonly signedBy?: TestCertificate;
  /** CRL extensions besides the CRL number (a delta CRL indicator, a partition's distribution point). */
  readonly extensions?: readonly TestExtension[];
  /** @default "der" */
  readonly encoding?: "der" | "pem";
  /** The CRL number extension (RFC 5280 5.2.3). @default none */
  readonly crlNumber?: number;
}

// ecdsa-with-SHA256 (no parameters) and sha256WithRSAEncryption (NULL parameters), by the signer's key type.
const CRL_SIGNATURE_ALGORITHMS: Record<string, asn1X509.AlgorithmIdentifier> = {
  ec: new asn1X509.AlgorithmIdentifier({ algorithm: "1.2.840.10045.4.3.2" }),
  rsa: new asn1X509.AlgorithmIdentifier({
    algorithm: "1.2.840.113549.1.1.11",
    parameters: new Uint8Array([5, 0]).buffer,
  }),
};

function asExtensions(extensions: readonly TestExtension[]): asn1X509.Extension[] {
  return extensions.map(
    ({ oid, critical, value }) => new asn1X509.Extension({ extnID: oid, critical, extnValue: new OctetString(value) }),
  );
}

function crlExtensions(options: CrlOptions): asn1X509.Extensions | undefined {
  const extensions = asExtensions([
    ...(options.extensions ?? []),
    ...(options.crlNumber === undefined
      ? []
      : [{ oid: CRL_NUMBER_OID, critical: false, value: new Uint8Array(encodeCrlNumber(options.crlNumber)) }]),
  ]);
  return extensions.length > 0 ? new asn1X509.Extensions(extensions) : undefined;
}

/**
 * A SHA-256 signed CRL (DER unless `encoding` says PEM) naming `issuer` as its issuer, signed with the issuer's key
 * unless `signedBy` says otherwise. Built from ASN.1 rather than by @peculiar/x509's CRL generator, which writes
 * neither negative serials nor arbitrary entry extensions.
 */
export function createCrl(issuer: TestCertificate, options: CrlOptions = {}): Uint8Array {
  const signer = options.signedBy ?? issuer;
  const algorithm = CRL_SIGNATURE_ALGORITHMS[signer.privateKey.asymmetricKeyType!];
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
    signature: algorithm,
    issuer: issuerName,
    thisUpdate: new asn1X509.Time(thisUpdate),
    nextUpdate: new asn1X509.Time(options.nextUpdate ?? new Date(Date.now() + 7 * DAY)),
    revokedCertificates: revoked.length > 0 ? revoked : undefined,
    crlExtensions: crlExtensions(options),
  });
  const signature = sign("sha256", Buffer.from(AsnConvert.serialize(tbs)), signer.privateKey);
  const crl = new asn1X509.CertificateList({
    tbsCertList: tbs,
    signatureAlgorithm: algorithm,
    signature: new Uint8Array(signature).buffer,
  });
  const der = new Uint8Array(AsnConvert.serialize(crl));
  if (options.encoding !== "pem") return der;
  return new Uint8Array(Buffer.from(`${x509.PemConverter.encode(der, "X509 CRL")}\n`));
}
