// Elliptic curves: Node's names (KeyObject.asymmetricKeyDetails.namedCurve) and the NIST names WebCrypto and
// API Gateway's documentation use.
import type { KeyObject } from "node:crypto";

const NIST_NAMES: Readonly<Record<string, string>> = { prime256v1: "P-256", secp384r1: "P-384", secp521r1: "P-521" };

/** The curves API Gateway accepts in a truststore (and so the PKI tool and the proving ground). */
export const ACCEPTED_CURVES: readonly string[] = ["P-256", "P-384"];

/** The NIST name of an EC key's curve, or undefined for another key type or a curve without one. */
export function curveOf(key: KeyObject): string | undefined {
  const curve = key.asymmetricKeyDetails?.namedCurve;
  return curve === undefined ? undefined : NIST_NAMES[curve];
}
