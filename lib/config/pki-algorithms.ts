// Key and signing algorithms that both ACM Private CA and API Gateway's truststore accept.
import { oneOf } from "./rules";

export const KEY_ALGORITHMS = ["RSA_2048", "RSA_4096", "EC_prime256v1", "EC_secp384r1"] as const;
export type KeyAlgorithm = (typeof KEY_ALGORITHMS)[number];

export const SIGNING_ALGORITHMS = {
  RSA: ["SHA256WITHRSA", "SHA384WITHRSA", "SHA512WITHRSA"],
  EC: ["SHA256WITHECDSA", "SHA384WITHECDSA", "SHA512WITHECDSA"],
} as const;
export type SigningAlgorithm = (typeof SIGNING_ALGORITHMS)[keyof typeof SIGNING_ALGORITHMS][number];

const ALL_SIGNING_ALGORITHMS = [...SIGNING_ALGORITHMS.RSA, ...SIGNING_ALGORITHMS.EC] as const;

export function keyFamily(algorithm: KeyAlgorithm): keyof typeof SIGNING_ALGORITHMS {
  return algorithm.startsWith("RSA") ? "RSA" : "EC";
}

function explainKeyAlgorithm(value: unknown, allowedAlgorithms: readonly string[] = KEY_ALGORITHMS): string {
  const allowed = `use one of ${allowedAlgorithms.join(", ")}`;
  if (typeof value === "string" && /^RSA_(\d+)$/.test(value) && Number(value.slice(4)) < 2048) {
    return `RSA keys below 2048 bits are rejected by API Gateway's truststore; ${allowed}`;
  }
  if (value === "EC_secp521r1") {
    return `API Gateway's truststore accepts ECDSA keys on P-256 or P-384 only, not P-521; ${allowed}`;
  }
  return `must be a key algorithm that ACM Private CA and API Gateway both accept; ${allowed}`;
}

function explainSigningAlgorithm(value: unknown): string {
  const allowed = `use one of ${ALL_SIGNING_ALGORITHMS.join(", ")}`;
  if (typeof value === "string" && /SHA1|MD5/i.test(value)) {
    return `API Gateway requires SHA-256 or stronger signatures; ${allowed}`;
  }
  return `must be a signing algorithm of SHA-256 or stronger; ${allowed}`;
}

export const keyAlgorithm = oneOf(KEY_ALGORITHMS, explainKeyAlgorithm);

/** A key algorithm ACM can issue a private certificate with (the others are for imported certificates only). */
export function acmIssuableKeyAlgorithm<const T extends readonly [KeyAlgorithm, ...KeyAlgorithm[]]>(
  algorithms: T,
  source: string,
) {
  return oneOf(algorithms, (value) =>
    typeof value === "string" && (KEY_ALGORITHMS as readonly string[]).includes(value)
      ? `ACM issues private certificates with ${algorithms.join(", ")} only (${value} is for imported certificates, ${source}); use one of those`
      : explainKeyAlgorithm(value, algorithms),
  );
}
export const signingAlgorithm = oneOf(ALL_SIGNING_ALGORITHMS, explainSigningAlgorithm);
