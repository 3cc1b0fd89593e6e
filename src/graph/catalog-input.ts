/**
 * Reading and checking the plain arrays a graph is built from, shared by CatalogGraph (the public catalog) and
 * OverlayGraph (one organization's own frameworks and crosswalks on top of it), so that both refuse the same things in
 * the same words: unknown references, duplicate ids, self-edges, parent cycles, strengths outside the NIST IR 8278A
 * range for their relationship, and conditions on edges that do not claim containment (relationship.ts).
 *
 * Each function works on one slice of an index space that may start past zero (the overlay's requirements start
 * after the catalog's), and takes the lookups that resolve an id in the whole space.
 */
import { rationaleCode, relationshipCode } from './edge-codes';
import type { StoredEdges } from './half-edges';
import { CROSSWALK_CONDITIONS, type CrosswalkCondition, isContainment, type Rationale, type Relationship, strengthRange } from './relationship';

export interface FrameworkInput {
  id: string;
  code: string;
  version: string;
}

export interface RequirementInput {
  id: string;
  frameworkId: string;
  refId: string;
  title: string;
  assessable: boolean;
  parentId: string | null;
  /** The number the store gives the requirement (seq-index.ts), for reads that send it instead of the id. */
  seq?: number;
}

export interface MappingSetInput {
  id: string;
  key: string;
}

export interface EdgeInput {
  mappingSetId: string;
  sourceId: string;
  targetId: string;
  relationship: Relationship;
  rationale: Rationale | null;
  strength: number;
  condition?: CrosswalkCondition | null;
}

/** The arrays every graph input has, each of objects, checked for shape before anything else. */
export function checkArrays(ns: string, input: unknown): void {
  const i = input as Record<string, unknown> | null | undefined;
  if (!i || !Array.isArray(i.frameworks) || !Array.isArray(i.requirements) || !Array.isArray(i.mappingSets) || !Array.isArray(i.edges)) {
    throw new Error(`${ns}: expected { frameworks, requirements, mappingSets, edges } arrays`);
  }
  for (const [list, what] of [[i.frameworks, 'framework'], [i.requirements, 'requirement'], [i.mappingSets, 'mapping set'], [i.edges, 'edge']] as const) {
    (list as unknown[]).forEach((row, index) => {
      if (row === null || typeof row !== 'object') throw new Error(`${ns}: ${what} #${index} is ${row === null ? 'null' : typeof row}; expected an object`);
    });
  }
}

/** Indexes `offset + position` by id; `taken` says an id is already used by the graph this one extends. */
export function indexIds(ns: string, ids: readonly string[], what: string, offset = 0, taken?: (id: string) => boolean): Map<string, number> {
  const map = new Map<string, number>();
  ids.forEach((id, index) => {
    if (typeof id !== 'string' || id === '') throw new Error(`${ns}: ${what} #${index} has no id`);
    if (map.has(id)) throw new Error(`${ns}: duplicate ${what} id "${id}"`);
    if (taken?.(id)) throw new Error(`${ns}: duplicate ${what} id "${id}" (the catalog it extends has it)`);
    map.set(id, offset + index);
  });
  return map;
}

/** Offsets of a counting sort: `offsets[k]..offsets[k+1]` is bucket k. */
export function prefixSums(counts: Int32Array): Int32Array {
  const offsets = new Int32Array(counts.length + 1);
  for (let k = 0; k < counts.length; k++) offsets[k + 1] = offsets[k] + counts[k];
  return offsets;
}

export interface RequirementLookups {
  /** The framework index (in the whole space) of a framework id; may throw to say why it is refused. */
  framework(id: string): number | undefined;
  /** The requirement index (in the whole space) of a requirement id. */
  requirement(id: string): number | undefined;
  /** The framework id of a requirement index, for the parent check. */
  frameworkIdOf(requirement: number): string;
}

export interface RequirementArrays {
  /** Per requirement of the slice: its framework's index in the whole space. */
  framework: Int32Array;
  assessable: Uint8Array;
  /** Per requirement of the slice: its parent's index in the whole space, or -1. */
  parent: Int32Array;
}

export function readRequirements(ns: string, requirements: readonly RequirementInput[], lookups: RequirementLookups): RequirementArrays {
  const n = requirements.length;
  const framework = new Int32Array(n);
  const assessable = new Uint8Array(n);
  const parent = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    const { id, frameworkId, parentId } = requirements[r];
    const f = lookups.framework(frameworkId);
    if (f === undefined) throw new Error(`${ns}: requirement "${id}" names unknown framework "${frameworkId}"`);
    framework[r] = f;
    assessable[r] = requirements[r].assessable ? 1 : 0;
    const p = parentId === null || parentId === undefined ? -1 : lookups.requirement(parentId);
    if (p === undefined) throw new Error(`${ns}: requirement "${id}" names unknown parent "${parentId}"`);
    if (p >= 0 && lookups.frameworkIdOf(p) !== frameworkId) throw new Error(`${ns}: requirement "${id}" has parent "${parentId}" in another framework`);
    parent[r] = p;
  }
  return { framework, assessable, parent };
}

/**
 * Each requirement's top-level ancestor (itself when it has no parent), walking parents iteratively; refuses a parent
 * cycle. `parent` holds indexes of the slice (`-1` for none), `ids` names them for the error.
 */
export function topLevelAncestors(ns: string, parent: Int32Array, ids: readonly string[]): Int32Array {
  const n = parent.length;
  const top = new Int32Array(n).fill(-1);
  const seenFrom = new Int32Array(n).fill(-1);
  const chain: number[] = [];
  for (let r = 0; r < n; r++) {
    chain.length = 0;
    let x = r;
    while (top[x] < 0 && parent[x] >= 0) {
      if (seenFrom[x] === r) throw new Error(`${ns}: requirement "${ids[r]}" is its own ancestor`);
      seenFrom[x] = r;
      chain.push(x);
      x = parent[x];
    }
    const root = top[x] >= 0 ? top[x] : x;
    top[x] = root;
    for (const c of chain) top[c] = root;
  }
  return top;
}

/**
 * Requirements grouped by framework, in input order, as CSR: framework k of the slice (its index minus
 * `frameworkOffset`) holds `members[offsets[k]..offsets[k+1]]`, each `requirementOffset` plus its slice position.
 */
export function membersByFramework(framework: Int32Array, frameworkCount: number, frameworkOffset: number, requirementOffset: number): { offsets: Int32Array; members: Int32Array } {
  const n = framework.length;
  const sizes = new Int32Array(frameworkCount);
  for (let r = 0; r < n; r++) sizes[framework[r] - frameworkOffset]++;
  const offsets = prefixSums(sizes);
  const members = new Int32Array(n);
  const cursor = offsets.slice(0, frameworkCount);
  for (let r = 0; r < n; r++) members[cursor[framework[r] - frameworkOffset]++] = requirementOffset + r;
  return { offsets, members };
}

export interface EdgeLookups {
  /** The mapping set index (in the whole space) of an id; may throw to say why it is refused (`where`: the edge). */
  mappingSet(id: string, where: string): number | undefined;
  requirement(id: string): number | undefined;
  /** A further check on the resolved ends (the overlay's: one end must be its own). */
  ends?(source: number, target: number, where: string): void;
}

/** The edges as typed arrays, ends and sets as indexes in the whole space, and which of them carry a condition. */
export function readEdges(ns: string, edges: readonly EdgeInput[], lookups: EdgeLookups): { stored: StoredEdges; conditional: Int32Array } {
  const m = edges.length;
  const stored: StoredEdges = {
    mappingSet: new Int32Array(m),
    source: new Int32Array(m),
    target: new Int32Array(m),
    relationship: new Uint8Array(m),
    rationale: new Uint8Array(m),
    strength: new Uint8Array(m),
    condition: new Uint8Array(m),
  };
  const conditional: number[] = [];
  for (let e = 0; e < m; e++) {
    const edge = edges[e];
    const where = `edge #${e} (${edge.sourceId} → ${edge.targetId})`;
    const set = lookups.mappingSet(edge.mappingSetId, where);
    if (set === undefined) throw new Error(`${ns}: ${where} names unknown mapping set "${edge.mappingSetId}"`);
    const source = lookups.requirement(edge.sourceId);
    const target = lookups.requirement(edge.targetId);
    if (source === undefined || target === undefined) throw new Error(`${ns}: ${where} names an unknown requirement`);
    if (source === target) throw new Error(`${ns}: ${where} joins a requirement to itself`);
    lookups.ends?.(source, target, where);
    const relationship = relationshipCode(edge.relationship);
    if (relationship < 0) throw new Error(`${ns}: ${where} has unknown relationship "${String(edge.relationship)}"`);
    const rationale = rationaleCode(edge.rationale);
    if (rationale < 0) throw new Error(`${ns}: ${where} has unknown rationale "${String(edge.rationale)}"`);
    const [low, high] = strengthRange(edge.relationship);
    if (!Number.isInteger(edge.strength) || edge.strength < low || edge.strength > high) {
      throw new Error(`${ns}: ${where} has strength ${edge.strength}; ${edge.relationship} allows ${low}–${high}`);
    }
    if (edge.condition !== undefined && edge.condition !== null) {
      const condition = CROSSWALK_CONDITIONS.indexOf(edge.condition);
      if (condition < 0) throw new Error(`${ns}: ${where} has unknown condition "${String(edge.condition)}"`);
      if (!isContainment(edge.relationship)) throw new Error(`${ns}: ${where} is ${edge.relationship}; only containment edges take a condition`);
      stored.condition[e] = condition + 1;
      conditional.push(e);
    }
    stored.mappingSet[e] = set;
    stored.source[e] = source;
    stored.target[e] = target;
    stored.relationship[e] = relationship;
    stored.rationale[e] = rationale;
    stored.strength[e] = edge.strength;
  }
  return { stored, conditional: Int32Array.from(conditional) };
}

/** Per stored edge, 1 when it reads as stored, from a reading's key: one '1' or '0' per conditional edge. */
export function metOf(edgeCount: number, conditional: Int32Array, key: string): Uint8Array {
  const met = new Uint8Array(edgeCount).fill(1);
  conditional.forEach((e, i) => {
    met[e] = key[i] === '1' ? 1 : 0;
  });
  return met;
}

/** The key of a management-system reading: one bit per conditional edge, '1' when both its frameworks share a system. */
export function readingKey(conditional: Int32Array, systemOf: ArrayLike<number>, frameworkOfEnd: (e: number, end: 0 | 1) => number): string {
  let key = '';
  for (const e of conditional) {
    const a = systemOf[frameworkOfEnd(e, 0)];
    const b = systemOf[frameworkOfEnd(e, 1)];
    key += a >= 0 && a === b ? '1' : '0';
  }
  return key;
}
