import { keyRule } from "./key-rule";

export const keyType = keyRule(
  "key-type",
  "Keys are RSA or ECDSA",
  "re-key the CA with RSA-2048+ or ECDSA P-256/P-384 (API Gateway accepts neither EdDSA nor DSA)",
);
