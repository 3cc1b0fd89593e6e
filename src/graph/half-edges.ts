/**
 * CSR (compressed sparse row) adjacency over both readings of every stored crosswalk edge. Each edge appears twice:
 * from its source with the stored relationship, and from its target with the inverse relationship and the reversed
 * flag set, so the reverse reading is derived and never stored (DESIGN, Domain model). Each reading, a half-edge,
 * points back to its stored edge. A requirement's half-edges are `offsets[r]..offsets[r+1]`, in stored-edge order.
 *
 * A conditional edge (`condition` non-zero) whose condition is not met (`met[e]` 0) is read, both ways, as
 * INTERSECTS_WITH with strength at most 9: partial, never FULL (DESIGN 2).
 */
import { inverseCode, REL_INTERSECTS_WITH } from './edge-codes';

/** Stored edges, one typed-array slot per edge (codes as in edge-codes.ts). */
export interface StoredEdges {
  readonly mappingSet: Int32Array;
  readonly source: Int32Array;
  readonly target: Int32Array;
  readonly relationship: Uint8Array;
  readonly rationale: Uint8Array;
  readonly strength: Uint8Array;
  /** 0: unconditional; otherwise the condition's position in CROSSWALK_CONDITIONS plus one. */
  readonly condition: Uint8Array;
}

export interface HalfEdges {
  readonly offsets: Int32Array;
  readonly head: Int32Array;
  readonly relationship: Uint8Array;
  readonly rationale: Uint8Array;
  readonly strength: Uint8Array;
  readonly reversed: Uint8Array;
  readonly edge: Int32Array;
}

/** Per stored edge, 1 when it reads as stored: unconditional, or its condition is met. */
export function halfEdges(requirementCount: number, stored: StoredEdges, met: Uint8Array): HalfEdges {
  const m = stored.source.length;
  const offsets = new Int32Array(requirementCount + 1);
  for (let e = 0; e < m; e++) {
    offsets[stored.source[e] + 1]++;
    offsets[stored.target[e] + 1]++;
  }
  for (let r = 0; r < requirementCount; r++) offsets[r + 1] += offsets[r];

  const half: HalfEdges = {
    offsets,
    head: new Int32Array(2 * m),
    relationship: new Uint8Array(2 * m),
    rationale: new Uint8Array(2 * m),
    strength: new Uint8Array(2 * m),
    reversed: new Uint8Array(2 * m),
    edge: new Int32Array(2 * m),
  };
  const cursor = offsets.slice(0, requirementCount);
  const place = (from: number, to: number, e: number, relationship: number, reversed: number): void => {
    const h = cursor[from]++;
    const asStored = met[e] === 1;
    half.head[h] = to;
    half.relationship[h] = asStored ? relationship : REL_INTERSECTS_WITH;
    half.rationale[h] = stored.rationale[e];
    half.strength[h] = asStored ? stored.strength[e] : Math.min(stored.strength[e], 9);
    half.reversed[h] = reversed;
    half.edge[h] = e;
  };
  for (let e = 0; e < m; e++) {
    place(stored.source[e], stored.target[e], e, stored.relationship[e], 0);
    place(stored.target[e], stored.source[e], e, inverseCode(stored.relationship[e]), 1);
  }
  return half;
}
