// The revoked serial numbers of one CRL, held for look-ups at AWS's scale (ACM Private CA's complete CRL lists
// up to 1,000,000 certificates) inside a 512 MB function. No object per entry: the serials' octets are copied
// into one byte pool and found through an open-addressing hash table of entry numbers, about 30 bytes per entry
// in all, built in one pass. A Set of strings would hold about 100 bytes per entry, a string and a hash-table node
// each, for the garbage collector to trace on every collection.
import { integerOfSerial, minimalInteger } from "../../lib/x509/serial";

/** What the authorizer asks of a CRL's revoked serials. */
export interface RevokedSerials {
  /** Distinct serials listed. */
  readonly size: number;
  /** Whether the CRL lists this canonical serial (lower-case hex, "-" before a negative one). */
  has(canonicalSerial: string): boolean;
}

/** Collects serial numbers (INTEGER contents) as a CRL is read, then freezes them into a RevokedSerials. */
export class RevokedSerialsBuilder {
  private pool: Uint8Array;
  private used = 0;
  /** Start of entry i's octets in the pool is ends[i - 1] (0 for the first); its end is ends[i]. */
  private ends: Uint32Array;
  private count = 0;

  /** `expected` entries of about `octetsEach` octets: a guess that saves regrowing, never a limit. */
  constructor(expected = 16, octetsEach = 20) {
    this.pool = new Uint8Array(Math.max(16, expected * octetsEach));
    this.ends = new Uint32Array(Math.max(16, expected));
  }

  add(integerContent: Uint8Array): void {
    const octets = minimalInteger(integerContent);
    if (this.used + octets.length > this.pool.length) this.pool = grown(this.pool, this.used + octets.length);
    if (this.count === this.ends.length) this.ends = grown(this.ends, this.count + 1);
    this.pool.set(octets, this.used);
    this.used += octets.length;
    this.ends[this.count++] = this.used;
  }

  build(): RevokedSerials {
    return new RevokedSerialTable(this.pool.slice(0, this.used), this.ends.slice(0, this.count));
  }
}

function grown<T extends Uint8Array | Uint32Array>(array: T, needed: number): T {
  const bigger = new (array.constructor as new (length: number) => T)(Math.max(needed, array.length * 2));
  bigger.set(array);
  return bigger;
}

class RevokedSerialTable implements RevokedSerials {
  readonly size: number;
  /** Entry number + 1 per slot, 0 for an empty one; at most half full, so a probe sequence stays short. */
  private readonly slots: Int32Array;
  private readonly mask: number;
  /** Per table, so that serials that happen to cluster do so in one table, not in every instance. */
  private readonly seed = (Math.random() * 0x100000000) >>> 0;

  constructor(
    private readonly pool: Uint8Array,
    private readonly ends: Uint32Array,
  ) {
    let capacity = 16;
    while (capacity < ends.length * 2) capacity *= 2;
    this.slots = new Int32Array(capacity);
    this.mask = capacity - 1;
    let distinct = 0;
    for (let entry = 0; entry < ends.length; entry++) {
      const start = entry === 0 ? 0 : ends[entry - 1];
      const slot = this.find(pool, start, ends[entry]);
      if (this.slots[slot] === 0) {
        this.slots[slot] = entry + 1;
        distinct++;
      }
    }
    this.size = distinct;
  }

  has(canonicalSerial: string): boolean {
    const octets = integerOfSerial(canonicalSerial);
    return octets !== undefined && this.slots[this.find(octets, 0, octets.length)] !== 0;
  }

  /** The slot holding key[start, end), or the empty slot where it would go. */
  private find(key: Uint8Array, start: number, end: number): number {
    let slot = this.hash(key, start, end) & this.mask;
    for (;;) {
      const held = this.slots[slot];
      if (held === 0 || this.holds(held - 1, key, start, end)) return slot;
      slot = (slot + 1) & this.mask;
    }
  }

  /** FNV-1a, seeded. */
  private hash(key: Uint8Array, start: number, end: number): number {
    let hash = 0x811c9dc5 ^ this.seed;
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ key[i], 0x01000193);
    return hash >>> 0;
  }

  private holds(entry: number, key: Uint8Array, start: number, end: number): boolean {
    const from = entry === 0 ? 0 : this.ends[entry - 1];
    if (this.ends[entry] - from !== end - start) return false;
    for (let i = 0; i < end - start; i++) if (this.pool[from + i] !== key[start + i]) return false;
    return true;
  }
}
