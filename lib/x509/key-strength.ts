// The keys API Gateway accepts: the truststore linter, the PKI tool (for CSRs) and the proving ground (for
// client certificates) all judge keys by this one measure.
import type { KeyObject } from "node:crypto";
import { ACCEPTED_CURVES, curveOf } from "./curves";

export const MIN_RSA_BITS = 2048;

export type KeyProblem = { rule: "rsa-key-size" | "ecdsa-curve" | "key-type"; message: string };

/** Why API Gateway would not accept this public key, or undefined when it would. */
export function keyProblem(key: KeyObject): KeyProblem | undefined {
  const details = key.asymmetricKeyDetails ?? {};
  if (key.asymmetricKeyType === "rsa" || key.asymmetricKeyType === "rsa-pss") {
    const bits = details.modulusLength ?? 0;
    return bits < MIN_RSA_BITS
      ? { rule: "rsa-key-size", message: `an RSA-${bits} key: API Gateway requires RSA-2048 or stronger` }
      : undefined;
  }
  if (key.asymmetricKeyType === "ec") {
    const curve = details.namedCurve ?? "unknown";
    return ACCEPTED_CURVES.includes(curveOf(key) ?? "")
      ? undefined
      : { rule: "ecdsa-curve", message: `an ECDSA key on curve ${curve}: API Gateway accepts P-256 and P-384 only` };
  }
  return { rule: "key-type", message: `a ${key.asymmetricKeyType} key: API Gateway accepts RSA and ECDSA keys only` };
}
