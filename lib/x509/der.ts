// The one DER reader: the linter, the proving ground, the PKI tool and the authorizer all read X.509 through it.
// It walks headers over the caller's bytes and copies nothing: Node's X509Certificate hides the raw structure, and
// a tree-building ASN.1 parser costs far more (node-forge took 6.5 s and 1.4 GB for a 1,000,000-entry CRL; this
// reader lets the authorizer index one in a fraction of that, see docs/authorizer.md).

/** The universal and context tags X.509 uses (single-octet identifiers; the constructed bit included). */
export const TAG = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  OID: 0x06,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  SEQUENCE: 0x30,
  /** [0] EXPLICIT (a certificate's version, a CRL's extensions). */
  CONTEXT_0: 0xa0,
} as const;

export interface DerHeader {
  readonly tag: number;
  /** Offset of the identifier octet: the value's encoding is der[start, end). */
  readonly start: number;
  /** Offset of the first content byte. */
  readonly contentStart: number;
  /** Length of the contents, in bytes. */
  readonly length: number;
  /** Offset just past the contents. */
  readonly end: number;
}

/**
 * The header of the value at `offset`, which must end by `limit` (its parent's end); throws on truncated input,
 * a multi-octet tag or a length DER does not allow.
 */
export function derHeader(der: Uint8Array, offset: number, limit = der.length): DerHeader {
  return readHeaderInto(der, offset, limit, { tag: 0, start: 0, contentStart: 0, length: 0, end: 0 });
}

/**
 * derHeader, written into `into` instead of a new object: a loop over a million CRL entries reuses one header
 * per field rather than leave millions of objects for the garbage collector.
 */
export function readHeaderInto(der: Uint8Array, offset: number, limit: number, into: Mutable<DerHeader>): DerHeader {
  const tag = der[offset];
  const first = der[offset + 1];
  if (tag === undefined || first === undefined || offset + 2 > limit) throw new Error("truncated DER");
  if ((tag & 0x1f) === 0x1f) throw new Error("DER tags above 30 are not used in X.509");
  let length = first;
  let contentStart = offset + 2;
  if (first & 0x80) {
    const count = first & 0x7f;
    if (count === 0 || count > 4) throw new Error("DER length must be definite and shorter than 4 GiB");
    if (contentStart + count > limit) throw new Error("truncated DER");
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + der[contentStart + i];
    contentStart += count;
  }
  const end = contentStart + length;
  if (end > limit) throw new Error("truncated DER");
  into.tag = tag;
  into.start = offset;
  into.contentStart = contentStart;
  into.length = length;
  into.end = end;
  return into;
}

export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The header of the value right after `header`'s, inside the same parent (ending by `limit`). */
export function nextHeader(der: Uint8Array, header: DerHeader, limit = der.length): DerHeader {
  return derHeader(der, header.end, limit);
}

/** The one value `der` holds, with no bytes after it; `what` names it in the error. */
export function derRoot(der: Uint8Array, what: string): DerHeader {
  const root = readOrThrow(() => derHeader(der, 0), what);
  if (root.end !== der.length)
    throw new Error(`${what} is not valid DER: ${der.length - root.end} bytes after its end`);
  return root;
}

/** The values inside a constructed one, which must fill it exactly; `what` names the parent in errors. */
export function childrenOf(der: Uint8Array, parent: DerHeader, what: string): DerHeader[] {
  if (!(parent.tag & 0x20)) throw new Error(`${what} is not the expected ASN.1 structure`);
  const children: DerHeader[] = [];
  for (let offset = parent.contentStart; offset < parent.end;) {
    const child = readOrThrow(() => derHeader(der, offset, parent.end), what);
    children.push(child);
    offset = child.end;
  }
  return children;
}

/** `header`, when it is present and has the tag; otherwise an error naming `what`. */
export function expectTag(header: DerHeader | undefined, tag: number, what: string): DerHeader {
  if (header?.tag !== tag) throw new Error(`${what} is not the expected ASN.1 structure`);
  return header;
}

/** The contents of a value, as a view of `der` (not a copy). */
export function contentOf(der: Uint8Array, header: DerHeader): Uint8Array {
  return der.subarray(header.contentStart, header.end);
}

/** The whole encoding of a value (identifier, length and contents), as a view of `der`. */
export function encodingOf(der: Uint8Array, header: DerHeader): Uint8Array {
  return der.subarray(header.start, header.end);
}

export function isTime(header: DerHeader | undefined): boolean {
  return header?.tag === TAG.UTC_TIME || header?.tag === TAG.GENERALIZED_TIME;
}

const UTC_TIME = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/;
const GENERALIZED_TIME = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/;

/**
 * A UTCTime or GeneralizedTime, in milliseconds since the epoch. RFC 5280 4.1.2.5: both in UTC ("Z") with
 * seconds and no fraction; a two-digit year below 50 is 20xx.
 */
export function timeOf(der: Uint8Array, header: DerHeader | undefined, what: string): number {
  if (!header || !isTime(header)) throw new Error(`${what} is not a UTCTime or GeneralizedTime`);
  const text = Buffer.from(contentOf(der, header)).toString("latin1");
  const parts = (header.tag === TAG.UTC_TIME ? UTC_TIME : GENERALIZED_TIME).exec(text);
  if (!parts) throw new Error(`${what} is not a valid time (${JSON.stringify(text)})`);
  const [year, month, day, hour, minute, second] = parts.slice(1).map(Number);
  const fullYear = header.tag === TAG.UTC_TIME ? (year < 50 ? 2000 + year : 1900 + year) : year;
  const time = Date.UTC(fullYear, month - 1, day, hour, minute, second);
  const back = new Date(time);
  if (back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) {
    throw new Error(`${what} is not a valid time (${JSON.stringify(text)})`);
  }
  return time;
}

/** An OBJECT IDENTIFIER in dotted form. */
export function oidOf(der: Uint8Array, header: DerHeader | undefined, what: string): string {
  if (header?.tag !== TAG.OID || header.length === 0) throw new Error(`${what} is not an object identifier`);
  return decodeOid(contentOf(der, header));
}

/** The dotted form of an OBJECT IDENTIFIER's contents. */
export function decodeOid(bytes: Uint8Array): string {
  const arcs: number[] = [];
  let value = 0;
  for (const byte of bytes) {
    value = value * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) {
      arcs.push(value);
      value = 0;
    }
  }
  const first = arcs.shift() ?? 0;
  const head = first < 80 ? [Math.floor(first / 40), first % 40] : [2, first - 80];
  return [...head, ...arcs].join(".");
}

/** A BOOLEAN: DER writes TRUE as 0xff, but any non-zero octet is read as TRUE (as OpenSSL does). */
export function booleanOf(der: Uint8Array, header: DerHeader, what: string): boolean {
  if (header.tag !== TAG.BOOLEAN || header.length !== 1) throw new Error(`${what} is not a BOOLEAN`);
  return der[header.contentStart] !== 0;
}

/**
 * The bytes of the first element inside a DER SEQUENCE, exactly as they were signed (a certificate's or CRL's
 * to-be-signed part). Re-encoding a parsed tree could change them, so they are sliced from the input.
 */
export function firstElementBytes(der: Uint8Array): Uint8Array {
  const outer = derHeader(der, 0);
  return encodingOf(der, derHeader(der, outer.contentStart, outer.end));
}

function readOrThrow(read: () => DerHeader, what: string): DerHeader {
  try {
    return read();
  } catch (error) {
    throw new Error(`${what} is not valid DER: ${(error as Error).message}`);
  }
}
