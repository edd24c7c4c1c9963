import type { Rule } from "../model";
import { caCertificate } from "./ca-certificate";
import { certificateBlocksOnly } from "./certificate-blocks-only";
import { chainLength } from "./chain-length";
import { chainSignature } from "./chain-signature";
import { duplicate } from "./duplicate";
import { ecdsaCurve } from "./ecdsa-curve";
import { expiryWarning } from "./expiry-warning";
import { issuerPresent } from "./issuer-present";
import { keyType } from "./key-type";
import { noPrivateKey } from "./no-private-key";
import { parsesAsX509 } from "./parses-as-x509";
import { rsaKeySize } from "./rsa-key-size";
import { signatureAlgorithm } from "./signature-algorithm";
import { validityPeriod } from "./validity-period";

/** Every rule, in the order findings are reported. */
export const RULES: readonly Rule[] = [
  noPrivateKey,
  certificateBlocksOnly,
  parsesAsX509,
  validityPeriod,
  expiryWarning,
  signatureAlgorithm,
  rsaKeySize,
  ecdsaCurve,
  keyType,
  issuerPresent,
  chainSignature,
  chainLength,
  caCertificate,
  duplicate,
];

/** Rules whose errors on any certificate of a chain make the chain invalid, as `openssl verify` sees it. */
export const CHAIN_RULES = new Set([validityPeriod.id, issuerPresent.id, chainSignature.id, chainLength.id]);

/** Rules whose errors make the chains through a certificate invalid, but not the certificate's own. */
export const ISSUER_RULES = new Set([caCertificate.id]);
