import { keyRule } from "./key-rule";

export const rsaKeySize = keyRule(
  "rsa-key-size",
  "RSA keys are at least 2048 bits",
  "re-key the CA with RSA-2048 or stronger (or ECDSA P-256/P-384) and re-issue what it signed",
);
