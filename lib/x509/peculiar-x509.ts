// @peculiar/x509 signs certificates, CSRs and CRLs with Node's WebCrypto (node-forge has neither ECDSA nor
// CRLs). Import x509 from here so that the crypto provider is always set.
import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import { webcrypto } from "node:crypto";

x509.cryptoProvider.set(webcrypto);

export { x509 };
export const subtle = webcrypto.subtle;
