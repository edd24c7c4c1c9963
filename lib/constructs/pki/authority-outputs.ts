import type { CommonOutputName, OutputName } from "../../contract";

/**
 * What a certificate authority construct gives the pki stack to export: every common output, and the
 * outputs of its own mode (see MODE_SPECIFIC_OUTPUTS in lib/contract.ts).
 */
export type PkiAuthorityOutputs = Record<CommonOutputName<"pki">, unknown> &
  Partial<Record<OutputName<"pki">, unknown>>;
