// The one DER header reader. Node's X509Certificate hides the raw structure, and a full ASN.1 parse costs far
// more than reading the two or three headers the linter, the proving ground and the authorizer need.

export interface DerHeader {
  readonly tag: number;
  /** Length of the contents, in bytes. */
  readonly length: number;
  /** Offset of the first content byte. */
  readonly contentStart: number;
}

/** The header of the value at `offset`; throws on truncated input or a length DER does not allow. */
export function derHeader(der: Uint8Array, offset: number): DerHeader {
  const tag = der[offset];
  const first = der[offset + 1];
  if (tag === undefined || first === undefined) throw new Error("truncated DER");
  let length = first;
  let contentStart = offset + 2;
  if (first & 0x80) {
    const count = first & 0x7f;
    if (count === 0 || count > 4) throw new Error("DER length must be definite and shorter than 4 GiB");
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + der[contentStart + i];
    contentStart += count;
  }
  if (contentStart + length > der.length) throw new Error("truncated DER");
  return { tag, length, contentStart };
}

/** The header of the value right after `header`'s. */
export function nextHeader(der: Uint8Array, header: DerHeader): DerHeader {
  return derHeader(der, header.contentStart + header.length);
}

/**
 * The bytes of the first element inside a DER SEQUENCE, exactly as they were signed (a certificate's or CRL's
 * to-be-signed part). Re-encoding a parsed tree could change them, so they are sliced from the input.
 */
export function firstElementBytes(der: Uint8Array): Uint8Array {
  const outer = derHeader(der, 0);
  const inner = derHeader(der, outer.contentStart);
  return der.subarray(outer.contentStart, inner.contentStart + inner.length);
}
