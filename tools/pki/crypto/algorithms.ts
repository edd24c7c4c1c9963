// Maps the configuration's algorithm names (ACM Private CA's spelling) to Node and WebCrypto parameters.
import type { KeyObject, webcrypto } from "node:crypto";
import type { KeyAlgorithm, SigningAlgorithm } from "../../../lib/config/pki-algorithms";
import { curveOf } from "../../../lib/x509/curves";

export type HashName = "SHA-1" | "SHA-256" | "SHA-384" | "SHA-512";

/** A key to generate: the configuration's algorithms, plus the weak ones tests need to prove refusals. */
export type KeySpec = { type: "rsa"; modulusLength: number } | { type: "ec"; namedCurve: "P-256" | "P-384" | "P-521" };

export function keySpec(algorithm: KeyAlgorithm): KeySpec {
  switch (algorithm) {
    case "RSA_2048":
      return { type: "rsa", modulusLength: 2048 };
    case "RSA_4096":
      return { type: "rsa", modulusLength: 4096 };
    case "EC_prime256v1":
      return { type: "ec", namedCurve: "P-256" };
    case "EC_secp384r1":
      return { type: "ec", namedCurve: "P-384" };
  }
}

export function signingHash(algorithm: SigningAlgorithm): HashName {
  return `SHA-${algorithm.slice(3, 6)}` as HashName;
}

/** WebCrypto parameters to import a private key for signing with the given hash. */
export function signingKeyParams(
  key: KeyObject,
  hash: HashName,
): webcrypto.RsaHashedImportParams | webcrypto.EcKeyImportParams {
  if (key.asymmetricKeyType === "rsa") return { name: "RSASSA-PKCS1-v1_5", hash };
  if (key.asymmetricKeyType === "ec") return { name: "ECDSA", namedCurve: curveName(key) };
  throw new Error(`unsupported key type ${key.asymmetricKeyType}: use RSA or ECDSA`);
}

function curveName(key: KeyObject): string {
  const curve = curveOf(key);
  if (!curve) throw new Error(`unsupported elliptic curve ${key.asymmetricKeyDetails?.namedCurve}: use P-256 or P-384`);
  return curve;
}

/** The signature algorithm for certificates and CRLs signed by a key. */
export function signatureParams(key: KeyObject, hash: HashName): webcrypto.Algorithm | webcrypto.EcdsaParams {
  return key.asymmetricKeyType === "ec"
    ? ({ name: "ECDSA", hash } as webcrypto.EcdsaParams)
    : { name: "RSASSA-PKCS1-v1_5", hash };
}
