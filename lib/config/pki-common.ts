// Pieces both PKI modes share: the distinguished name and validity of a CA, and the rules that tie the
// signing algorithm to the key and the issuing CA's life to the root's.
import { z } from "zod";
import { keyFamily, SIGNING_ALGORITHMS, type KeyAlgorithm, type SigningAlgorithm } from "./pki-algorithms";
import { positiveInteger } from "./rules";

export const subject = z.strictObject({
  commonName: z
    .string()
    .min(1, { message: "must not be empty" })
    .max(64, { message: "must be at most 64 characters" })
    .describe("CN: the name logs and audits show."),
  organization: z.string().max(64).optional().describe("O"),
  organizationalUnit: z.string().max(64).optional().describe("OU"),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, { message: "must be a two-letter upper-case ISO 3166 country code, e.g. GB" })
    .optional()
    .describe("C: two-letter ISO 3166 code."),
  state: z.string().max(128).optional().describe("ST"),
  locality: z.string().max(128).optional().describe("L"),
});
export type Subject = z.output<typeof subject>;

export const caValidityYears = positiveInteger(30, "years");

export const certificateAuthority = z.strictObject({
  subject: subject.describe("Distinguished name of the CA certificate."),
  validityYears: caValidityYears.describe("Validity of the CA certificate in years."),
});

interface CaAlgorithms {
  readonly keyAlgorithm: KeyAlgorithm;
  readonly signingAlgorithm: SigningAlgorithm;
  readonly rootCa: { readonly validityYears: number };
  readonly issuingCa: { readonly validityYears: number };
}

/** The signing algorithm must belong to the key's family, and the issuing CA must expire before the root. */
export function checkCaAlgorithmsAndValidity(pki: CaAlgorithms, ctx: z.RefinementCtx): void {
  const family = keyFamily(pki.keyAlgorithm);
  if (!(SIGNING_ALGORITHMS[family] as readonly string[]).includes(pki.signingAlgorithm)) {
    ctx.addIssue({
      code: "custom",
      path: ["signingAlgorithm"],
      input: pki.signingAlgorithm,
      message: `must match the ${family} key algorithm ${pki.keyAlgorithm}: use one of ${SIGNING_ALGORITHMS[family].join(", ")}`,
    });
  }
  if (pki.issuingCa.validityYears >= pki.rootCa.validityYears) {
    ctx.addIssue({
      code: "custom",
      path: ["issuingCa", "validityYears"],
      input: pki.issuingCa.validityYears,
      message: `must be shorter than the root CA's validity (${pki.rootCa.validityYears} years): a CA cannot outlive its issuer`,
    });
  }
}
