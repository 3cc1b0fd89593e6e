/**
 * Dense indexes by sequence number: the store numbers rows with small positive integers (PostgreSQL identity
 * columns, `seq`), and a read that sends those numbers instead of UUIDs needs them turned back into the engine's
 * indexes, tens of thousands per read. An integer lookup avoids hashing a UUID string per row.
 *
 * The numbers are never reused, so they can grow past the row count (a catalog reload's upsert draws a number per row
 * it tries); a flat table is used while it stays within a few times the row count, a Map beyond that.
 */
const NS = 'graph/seq-index';

/** A flat table is used up to this many slots per row (plus a fixed allowance for small catalogs). */
const FLAT_SLOTS_PER_ROW = 4;
const FLAT_SLOTS_BASE = 1024;

export class SeqIndex {
  private readonly flat: Int32Array | undefined;
  private readonly map: Map<number, number> | undefined;

  /** `seqs[i]` is the number of the row with index i: a positive 31-bit integer, each used once. */
  constructor(seqs: ArrayLike<number>, what: string) {
    let max = 0;
    for (let i = 0; i < seqs.length; i++) {
      const seq = seqs[i];
      if (!Number.isInteger(seq) || seq < 1 || seq > 0x7fffffff) throw new Error(`${NS}: ${what} #${i} has seq ${String(seq)}; expected a positive integer`);
      if (seq > max) max = seq;
    }
    if (max < FLAT_SLOTS_PER_ROW * seqs.length + FLAT_SLOTS_BASE) {
      const flat = new Int32Array(max + 1).fill(-1);
      for (let i = 0; i < seqs.length; i++) {
        if (flat[seqs[i]] >= 0) throw new Error(`${NS}: duplicate ${what} seq ${seqs[i]}`);
        flat[seqs[i]] = i;
      }
      this.flat = flat;
    } else {
      const map = new Map<number, number>();
      for (let i = 0; i < seqs.length; i++) {
        if (map.has(seqs[i])) throw new Error(`${NS}: duplicate ${what} seq ${seqs[i]}`);
        map.set(seqs[i], i);
      }
      this.map = map;
    }
  }

  /** The index of the row numbered `seq`, or -1 when there is none. */
  indexOf(seq: number): number {
    const flat = this.flat;
    if (flat) return seq >= 0 && seq < flat.length ? flat[seq] : -1;
    return this.map!.get(seq) ?? -1;
  }
}
