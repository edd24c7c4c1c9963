// The revoked serial numbers of one CRL, held for look-ups at AWS's scale (ACM Private CA's complete CRL lists
// up to 1,000,000 certificates) inside a 512 MB function. No object per entry: the serials' octets are copied
// into one byte pool and found through an open-addressing hash table of entry numbers, about 40 bytes per entry
// in all, built in one pass. A Set of strings would hold about 100 bytes per entry, a string and a hash-table node
// each, for the garbage collector to trace on every collection.
import { integerOfSerial, minimalIntegerStart } from "../../lib/x509/serial";

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
  /** Entry i's octets are pool[ends[i - 1] (0 for the first), ends[i]). */
  private ends: Uint32Array;
  private count = 0;

  /** `expected` entries of about `octetsEach` octets: a guess that saves regrowing, never a limit. */
  constructor(expected = 16, octetsEach = 17) {
    this.pool = new Uint8Array(Math.max(16, expected * octetsEach));
    this.ends = new Uint32Array(Math.max(16, expected));
  }

  /** Adds the INTEGER contents octets[start, end). */
  add(octets: Uint8Array, start = 0, end = octets.length): void {
    const from = minimalIntegerStart(octets, start, end);
    const length = end - from;
    if (this.used + length > this.pool.length) this.pool = grown(this.pool, this.used + length);
    if (this.count === this.ends.length) this.ends = grown(this.ends, this.count + 1);
    const pool = this.pool;
    let used = this.used;
    for (let i = from; i < end; i++) pool[used++] = octets[i];
    this.used = used;
    this.ends[this.count++] = used;
  }

  build(): RevokedSerials {
    return new RevokedSerialTable(trimmed(this.pool, this.used), trimmed(this.ends, this.count));
  }
}

function grown<T extends Uint8Array | Uint32Array>(array: T, needed: number): T {
  const bigger = new (array.constructor as new (length: number) => T)(Math.max(needed, array.length * 2));
  bigger.set(array);
  return bigger;
}

/** The first `length` elements: a view when little is wasted, else a copy. */
function trimmed<T extends Uint8Array | Uint32Array>(array: T, length: number): T {
  return (length * 4 >= array.length * 3 ? array.subarray(0, length) : array.slice(0, length)) as T;
}

/** 2^8 partitions: a 1,000,000-entry table is 256 tables of about 64 KB, each built while it sits in cache. */
const PARTITION_SHIFT = 24;
const PARTITIONS = 1 << (32 - PARTITION_SHIFT);

class RevokedSerialTable implements RevokedSerials {
  readonly size: number;
  /**
   * Two Int32s per slot: entry number + 1 (0 for an empty slot) and the entry's hash, side by side so that a probe
   * reads one cache line and rarely touches the pool. A hash's top bits choose its partition, a run of slots at
   * most half full, so a probe sequence stays short; its low bits, the first slot to probe.
   */
  private readonly slots: Int32Array;
  /** Per partition: its first slot, and its slot count - 1. */
  private readonly base = new Int32Array(PARTITIONS);
  private readonly masks = new Int32Array(PARTITIONS);
  /** Per table, so that serials that happen to cluster do so in one table, not in every instance. */
  private readonly seed = (Math.random() * 0x100000000) | 0;

  constructor(
    private readonly pool: Uint8Array,
    private readonly ends: Uint32Array,
  ) {
    const hashes = new Int32Array(ends.length);
    const counts = new Int32Array(PARTITIONS);
    for (let entry = 0; entry < ends.length; entry++) {
      hashes[entry] = this.hash(pool, entry === 0 ? 0 : ends[entry - 1], ends[entry]);
      counts[hashes[entry] >>> PARTITION_SHIFT]++;
    }
    let total = 0;
    const next = new Int32Array(PARTITIONS);
    for (let partition = 0, ordered = 0; partition < PARTITIONS; partition++) {
      let capacity = 4;
      while (capacity < counts[partition] * 2) capacity *= 2;
      this.base[partition] = total;
      this.masks[partition] = capacity - 1;
      total += capacity;
      next[partition] = ordered;
      ordered += counts[partition];
    }
    this.slots = new Int32Array(total * 2);
    // Entries in partition order (a counting sort), so that the inserts below fill one partition at a time:
    // a million inserts scattered over one large table would each miss the cache, and take seconds.
    const order = new Int32Array(ends.length);
    for (let entry = 0; entry < ends.length; entry++) order[next[hashes[entry] >>> PARTITION_SHIFT]++] = entry;
    let distinct = 0;
    for (const entry of order) {
      const hash = hashes[entry];
      const slot = this.find(hash, pool, entry === 0 ? 0 : ends[entry - 1], ends[entry]);
      if (this.slots[slot] === 0) {
        this.slots[slot] = entry + 1;
        this.slots[slot + 1] = hash;
        distinct++;
      }
    }
    this.size = distinct;
  }

  has(canonicalSerial: string): boolean {
    const octets = integerOfSerial(canonicalSerial);
    if (octets === undefined) return false;
    return this.slots[this.find(this.hash(octets, 0, octets.length), octets, 0, octets.length)] !== 0;
  }

  /** The index in `slots` of the slot holding key[start, end), or of the empty slot where it would go. */
  private find(hash: number, key: Uint8Array, start: number, end: number): number {
    const partition = hash >>> PARTITION_SHIFT;
    const base = this.base[partition];
    const mask = this.masks[partition];
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const index = (base + slot) * 2;
      const held = this.slots[index];
      if (held === 0 || (this.slots[index + 1] === hash && this.holds(held - 1, key, start, end))) return index;
    }
  }

  /** FNV-1a, seeded. */
  private hash(key: Uint8Array, start: number, end: number): number {
    let hash = 0x811c9dc5 ^ this.seed;
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ key[i], 0x01000193);
    return hash;
  }

  private holds(entry: number, key: Uint8Array, start: number, end: number): boolean {
    const from = entry === 0 ? 0 : this.ends[entry - 1];
    if (this.ends[entry] - from !== end - start) return false;
    for (let i = 0; i < end - start; i++) if (this.pool[from + i] !== key[start + i]) return false;
    return true;
  }
}
