// Types for the one node-forge module the authorizer loads (the package's own types cover only the root
// module, which would pull all of node-forge into the bundle).
declare module "node-forge/lib/asn1" {
  namespace asn1 {
    interface Asn1 {
      tagClass: number;
      type: number;
      constructed: boolean;
      composed: boolean;
      /** A binary string for primitive values, the children for constructed ones. */
      value: string | Asn1[];
    }
    interface FromDerOptions {
      strict?: boolean;
      parseAllBytes?: boolean;
      decodeBitStrings?: boolean;
    }
    const Class: { UNIVERSAL: number; CONTEXT_SPECIFIC: number };
    const Type: {
      BOOLEAN: number;
      INTEGER: number;
      BITSTRING: number;
      OCTETSTRING: number;
      OID: number;
      SEQUENCE: number;
      UTCTIME: number;
      GENERALIZEDTIME: number;
    };
    function fromDer(bytes: string, options?: FromDerOptions): Asn1;
    function toDer(value: Asn1): { getBytes(): string };
    function derToOid(bytes: string): string;
    function utcTimeToDate(text: string): Date;
    function generalizedTimeToDate(text: string): Date;
  }
  export = asn1;
}
