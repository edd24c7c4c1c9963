import { Fn } from "cdktf";

/**
 * A Terraform expression for PEM certificates in the given order, each trimmed and ending in one newline, so
 * the same certificates always give the same bytes (and the same truststore SHA-256).
 */
export function pemBundle(certificates: readonly string[]): string {
  return certificates.map((pem) => `${Fn.trimspace(pem)}\n`).join("");
}

/** The same normalization for PEM text known at synth time: the bundle is a plain string in the JSON. */
export function pemBundleText(certificates: readonly string[]): string {
  return certificates.map((pem) => `${pem.trim()}\n`).join("");
}
