import { keyRule } from "./key-rule";

export const ecdsaCurve = keyRule(
  "ecdsa-curve",
  "ECDSA keys are on P-256 or P-384",
  "re-key the CA on P-256 or P-384 and re-issue what it signed",
);
