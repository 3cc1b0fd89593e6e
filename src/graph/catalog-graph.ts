/**
 * The catalog as an immutable in-memory graph: requirements are nodes, crosswalk edges join them. Built once per
 * catalog version from plain arrays, then shared by every request.
 *
 * Requirements get dense indexes in input order (pass them in document order: it is the order results use).
 * Adjacency is CSR over both readings of every stored edge, each reading a "half-edge" (half-edges.ts); per stored
 * edge and half-edge the relationship, rationale and strength are one byte each (edge-codes.ts).
 *
 * The constructor refuses a catalog the engine cannot reason about: unknown references, duplicate ids, self-edges,
 * parent cycles, strengths outside the NIST IR 8278A range for their relationship, and conditions on edges that do
 * not claim containment (relationship.ts).
 *
 * Conditional edges (`condition: SAME_MANAGEMENT_SYSTEM`) hold as typed only when one management system covers both
 * frameworks. A graph built by the constructor reads every such edge as unmet (separate systems): INTERSECTS_WITH,
 * strength at most 9. `underSystems` gives the reading for one organization's declared systems: a view that shares
 * everything but the half-edges, memoized per distinct reading.
 */
import { rationaleCode, rationaleOf, relationshipCode, relationshipOf } from './edge-codes';
import { type HalfEdges, halfEdges, type StoredEdges } from './half-edges';
import { SeqIndex } from './seq-index';
import { CROSSWALK_CONDITIONS, type CrosswalkCondition, isContainment, type Rationale, type Relationship, strengthRange } from './relationship';

export interface CatalogGraphInput {
  frameworks: Array<{ id: string; code: string; version: string }>;
  /**
   * `seq`: the number the store gives the requirement (seq-index.ts), for reads that send it instead of the id. Give it
   * to every requirement or to none.
   */
  requirements: Array<{ id: string; frameworkId: string; refId: string; title: string; assessable: boolean; parentId: string | null; seq?: number }>;
  mappingSets: Array<{ id: string; key: string }>;
  edges: Array<{
    mappingSetId: string;
    sourceId: string;
    targetId: string;
    relationship: Relationship;
    rationale: Rationale | null;
    strength: number;
    condition?: CrosswalkCondition | null;
  }>;
}

/** How many distinct management-system readings one graph keeps; past it the memo starts again. */
const READINGS_KEPT = 256;

const NS = 'graph/catalog-graph';

function indexIds(ids: readonly string[], what: string): Map<string, number> {
  const map = new Map<string, number>();
  ids.forEach((id, index) => {
    if (typeof id !== 'string' || id === '') throw new Error(`${NS}: ${what} #${index} has no id`);
    if (map.has(id)) throw new Error(`${NS}: duplicate ${what} id "${id}"`);
    map.set(id, index);
  });
  return map;
}

/** Offsets of a counting sort: `offsets[k]..offsets[k+1]` is bucket k. */
function prefixSums(counts: Int32Array): Int32Array {
  const offsets = new Int32Array(counts.length + 1);
  for (let k = 0; k < counts.length; k++) offsets[k + 1] = offsets[k] + counts[k];
  return offsets;
}

export class CatalogGraph {
  private readonly frameworkIds: string[];
  private readonly frameworkCodes: string[];
  private readonly frameworkVersions: string[];
  private readonly frameworkById: Map<string, number>;
  private readonly frameworkOffsets: Int32Array;
  private readonly frameworkMembers: Int32Array;

  private readonly requirementIds: string[];
  private readonly refIds: string[];
  private readonly titles: string[];
  private readonly requirementById: Map<string, number>;
  /** By the store's number, when the input gave one (requirementIndexBySeq). */
  private readonly requirementBySeq: SeqIndex | undefined;
  private readonly requirementFramework: Int32Array;
  private readonly assessable: Uint8Array;
  private readonly parent: Int32Array;
  private readonly topLevel: Int32Array;

  private readonly mappingSetIds: string[];
  private readonly mappingSetKeys: string[];
  private readonly mappingSetById: Map<string, number>;

  private readonly stored: StoredEdges;
  /** The stored edges that carry a condition, in stored order. */
  private readonly conditional: Int32Array;
  /** Per stored edge: 1 when it reads as stored in this graph (unconditional, or its condition met). */
  private readonly met: Uint8Array;
  private readonly half: HalfEdges;
  /** Views of this catalog under other management-system readings, by key (see `metOf`); shared by all views. */
  private readonly readings: Map<string, CatalogGraph>;

  constructor(input: CatalogGraphInput) {
    if (!input || !Array.isArray(input.frameworks) || !Array.isArray(input.requirements) || !Array.isArray(input.mappingSets) || !Array.isArray(input.edges)) {
      throw new Error(`${NS}: expected { frameworks, requirements, mappingSets, edges } arrays`);
    }
    const { frameworks, requirements, mappingSets, edges } = input;

    this.frameworkIds = frameworks.map((f) => f.id);
    this.frameworkCodes = frameworks.map((f) => f.code);
    this.frameworkVersions = frameworks.map((f) => f.version);
    this.frameworkById = indexIds(this.frameworkIds, 'framework');

    const n = requirements.length;
    this.requirementIds = requirements.map((r) => r.id);
    this.refIds = requirements.map((r) => r.refId);
    this.titles = requirements.map((r) => r.title);
    this.requirementById = indexIds(this.requirementIds, 'requirement');
    const seqs = requirements.filter((r) => r.seq !== undefined && r.seq !== null).length;
    if (seqs !== 0 && seqs !== n) throw new Error(`${NS}: ${seqs} of ${n} requirements have a seq; give it to every requirement or to none`);
    this.requirementBySeq = seqs === 0 ? undefined : new SeqIndex(requirements.map((r) => r.seq!), 'requirement');
    this.requirementFramework = new Int32Array(n);
    this.assessable = new Uint8Array(n);
    this.parent = new Int32Array(n);
    const frameworkSizes = new Int32Array(frameworks.length);
    for (let r = 0; r < n; r++) {
      const { id, frameworkId, parentId, assessable } = requirements[r];
      const framework = this.frameworkById.get(frameworkId);
      if (framework === undefined) throw new Error(`${NS}: requirement "${id}" names unknown framework "${frameworkId}"`);
      this.requirementFramework[r] = framework;
      this.assessable[r] = assessable ? 1 : 0;
      frameworkSizes[framework]++;
      const parent = parentId === null || parentId === undefined ? -1 : this.requirementById.get(parentId);
      if (parent === undefined) throw new Error(`${NS}: requirement "${id}" names unknown parent "${parentId}"`);
      if (parent >= 0 && requirements[parent].frameworkId !== frameworkId) {
        throw new Error(`${NS}: requirement "${id}" has parent "${parentId}" in another framework`);
      }
      this.parent[r] = parent;
    }
    this.topLevel = this.topLevelAncestors();

    this.frameworkOffsets = prefixSums(frameworkSizes);
    this.frameworkMembers = new Int32Array(n);
    const frameworkCursor = this.frameworkOffsets.slice(0, frameworks.length);
    for (let r = 0; r < n; r++) this.frameworkMembers[frameworkCursor[this.requirementFramework[r]]++] = r;

    this.mappingSetIds = mappingSets.map((m) => m.id);
    this.mappingSetKeys = mappingSets.map((m) => m.key);
    this.mappingSetById = indexIds(this.mappingSetIds, 'mapping set');

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
      const set = this.mappingSetById.get(edge.mappingSetId);
      if (set === undefined) throw new Error(`${NS}: ${where} names unknown mapping set "${edge.mappingSetId}"`);
      const source = this.requirementById.get(edge.sourceId);
      const target = this.requirementById.get(edge.targetId);
      if (source === undefined || target === undefined) throw new Error(`${NS}: ${where} names an unknown requirement`);
      if (source === target) throw new Error(`${NS}: ${where} joins a requirement to itself`);
      const relationship = relationshipCode(edge.relationship);
      if (relationship < 0) throw new Error(`${NS}: ${where} has unknown relationship "${String(edge.relationship)}"`);
      const rationale = rationaleCode(edge.rationale);
      if (rationale < 0) throw new Error(`${NS}: ${where} has unknown rationale "${String(edge.rationale)}"`);
      const [low, high] = strengthRange(edge.relationship);
      if (!Number.isInteger(edge.strength) || edge.strength < low || edge.strength > high) {
        throw new Error(`${NS}: ${where} has strength ${edge.strength}; ${edge.relationship} allows ${low}–${high}`);
      }
      if (edge.condition !== undefined && edge.condition !== null) {
        const condition = CROSSWALK_CONDITIONS.indexOf(edge.condition);
        if (condition < 0) throw new Error(`${NS}: ${where} has unknown condition "${String(edge.condition)}"`);
        if (!isContainment(edge.relationship)) throw new Error(`${NS}: ${where} is ${edge.relationship}; only containment edges take a condition`);
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
    this.stored = stored;
    this.conditional = Int32Array.from(conditional);
    const separate = '0'.repeat(conditional.length); // no condition met
    this.met = this.metOf(separate);
    this.half = halfEdges(n, stored, this.met);
    this.readings = new Map([[separate, this]]);
  }

  /** Per stored edge, 1 when it reads as stored, from a reading's key: one '1' or '0' per conditional edge. */
  private metOf(key: string): Uint8Array {
    const met = new Uint8Array(this.stored.source.length).fill(1);
    this.conditional.forEach((e, i) => {
      met[e] = key[i] === '1' ? 1 : 0;
    });
    return met;
  }

  /**
   * The catalog as an organization with these management systems reads it: `systemOf[framework]` is the system the
   * framework belongs to (any number; frameworks with the same number share one system), or -1 for none. A
   * conditional edge reads as stored when both its frameworks share a system, and as INTERSECTS_WITH (strength at
   * most 9) otherwise. Returns this graph, or a view of it, never a copy of the catalog.
   */
  underSystems(systemOf: ArrayLike<number>): CatalogGraph {
    if (!systemOf || systemOf.length !== this.frameworkIds.length) {
      throw new Error(`${NS}: systemOf must give one system number (or -1) per framework, ${this.frameworkIds.length} in all`);
    }
    // The reading's key first (one bit per conditional edge), so a known reading costs no allocation per request.
    let key = '';
    for (const e of this.conditional) {
      const a = systemOf[this.requirementFramework[this.stored.source[e]]];
      const b = systemOf[this.requirementFramework[this.stored.target[e]]];
      key += a >= 0 && a === b ? '1' : '0';
    }
    const known = this.readings.get(key);
    if (known) return known;
    if (this.readings.size >= READINGS_KEPT) this.readings.clear();
    const met = this.metOf(key);
    const view = Object.create(CatalogGraph.prototype) as CatalogGraph;
    Object.assign(view, this, { met, half: halfEdges(this.requirementIds.length, this.stored, met) });
    this.readings.set(key, view);
    return view;
  }

  /** The reading in which every framework shares one management system: every conditional edge as stored. */
  underOneSystem(): CatalogGraph {
    return this.underSystems(new Int32Array(this.frameworkIds.length));
  }

  /** Each requirement's top-level ancestor (itself when it has no parent), walking parents iteratively. */
  private topLevelAncestors(): Int32Array {
    const n = this.parent.length;
    const top = new Int32Array(n).fill(-1);
    const seenFrom = new Int32Array(n).fill(-1);
    const chain: number[] = [];
    for (let r = 0; r < n; r++) {
      chain.length = 0;
      let x = r;
      while (top[x] < 0 && this.parent[x] >= 0) {
        if (seenFrom[x] === r) throw new Error(`${NS}: requirement "${this.requirementIds[r]}" is its own ancestor`);
        seenFrom[x] = r;
        chain.push(x);
        x = this.parent[x];
      }
      const root = top[x] >= 0 ? top[x] : x;
      top[x] = root;
      for (const c of chain) top[c] = root;
    }
    return top;
  }

  get frameworkCount(): number {
    return this.frameworkIds.length;
  }
  get requirementCount(): number {
    return this.requirementIds.length;
  }
  get mappingSetCount(): number {
    return this.mappingSetIds.length;
  }
  get edgeCount(): number {
    return this.stored.source.length;
  }

  /** The index of a framework id, or -1. */
  frameworkIndex(id: string): number {
    return this.frameworkById.get(id) ?? -1;
  }
  /** The index of the framework with this code and version, or -1. */
  findFramework(code: string, version: string): number {
    for (let f = 0; f < this.frameworkIds.length; f++) {
      if (this.frameworkCodes[f] === code && this.frameworkVersions[f] === version) return f;
    }
    return -1;
  }
  frameworkId(framework: number): string {
    return this.frameworkIds[framework];
  }
  frameworkCode(framework: number): string {
    return this.frameworkCodes[framework];
  }
  frameworkVersion(framework: number): string {
    return this.frameworkVersions[framework];
  }
  /** The framework's requirement indexes in input order. A read-only view: do not write to it. */
  requirementsOf(framework: number): ArrayLike<number> {
    return this.frameworkMembers.subarray(this.frameworkOffsets[framework], this.frameworkOffsets[framework + 1]);
  }

  /** The index of a requirement id, or -1. */
  requirementIndex(id: string): number {
    return this.requirementById.get(id) ?? -1;
  }
  /** Whether requirementIndexBySeq can answer: the input gave every requirement its seq. */
  get hasRequirementSeqs(): boolean {
    return this.requirementBySeq !== undefined;
  }
  /** The index of the requirement the store numbers `seq`, or -1 when the catalog does not hold it. */
  requirementIndexBySeq(seq: number): number {
    if (!this.requirementBySeq) throw new Error(`${NS}: this catalog was built without requirement seqs`);
    return this.requirementBySeq.indexOf(seq);
  }
  requirementId(requirement: number): string {
    return this.requirementIds[requirement];
  }
  refId(requirement: number): string {
    return this.refIds[requirement];
  }
  title(requirement: number): string {
    return this.titles[requirement];
  }
  frameworkOf(requirement: number): number {
    return this.requirementFramework[requirement];
  }
  isAssessable(requirement: number): boolean {
    return this.assessable[requirement] === 1;
  }
  /** The parent's index, or -1 for a top-level requirement. */
  parentOf(requirement: number): number {
    return this.parent[requirement];
  }
  /** The top of the requirement's parent chain in its framework (itself when it has no parent). */
  topLevelAncestorOf(requirement: number): number {
    return this.topLevel[requirement];
  }

  mappingSetIndex(id: string): number {
    return this.mappingSetById.get(id) ?? -1;
  }
  mappingSetId(mappingSet: number): string {
    return this.mappingSetIds[mappingSet];
  }
  mappingSetKey(mappingSet: number): string {
    return this.mappingSetKeys[mappingSet];
  }

  /** Stored edges, as given (never reversed). */
  edgeMappingSetOf(edge: number): number {
    return this.stored.mappingSet[edge];
  }
  edgeSourceOf(edge: number): number {
    return this.stored.source[edge];
  }
  edgeTargetOf(edge: number): number {
    return this.stored.target[edge];
  }
  edgeRelationshipOf(edge: number): Relationship {
    return relationshipOf(this.stored.relationship[edge]);
  }
  edgeRationaleOf(edge: number): Rationale | null {
    return rationaleOf(this.stored.rationale[edge]);
  }
  edgeStrengthOf(edge: number): number {
    return this.stored.strength[edge];
  }
  /** The stored edge's condition, or null when it holds unconditionally. */
  edgeConditionOf(edge: number): CrosswalkCondition | null {
    const code = this.stored.condition[edge];
    return code === 0 ? null : CROSSWALK_CONDITIONS[code - 1];
  }
  /** Whether the stored edge's condition is met in this reading; null when it has none. */
  edgeConditionMet(edge: number): boolean | null {
    return this.stored.condition[edge] === 0 ? null : this.met[edge] === 1;
  }

  /** Half-edges of a requirement are `halfEdgeStart(r) <= h < halfEdgeEnd(r)`, in stored-edge order. */
  halfEdgeStart(requirement: number): number {
    return this.half.offsets[requirement];
  }
  halfEdgeEnd(requirement: number): number {
    return this.half.offsets[requirement + 1];
  }
  /** The requirement at the far end of the half-edge. */
  halfEdgeHead(halfEdge: number): number {
    return this.half.head[halfEdge];
  }
  /** The relationship code as read from the near end towards the head (edge-codes.ts). */
  halfEdgeRelationship(halfEdge: number): number {
    return this.half.relationship[halfEdge];
  }
  /** The rationale code (0: none recorded). */
  halfEdgeRationale(halfEdge: number): number {
    return this.half.rationale[halfEdge];
  }
  halfEdgeStrength(halfEdge: number): number {
    return this.half.strength[halfEdge];
  }
  /** True when this reading runs from the stored edge's target to its source. */
  halfEdgeReversed(halfEdge: number): boolean {
    return this.half.reversed[halfEdge] === 1;
  }
  /** The stored edge this half-edge reads. */
  halfEdgeEdge(halfEdge: number): number {
    return this.half.edge[halfEdge];
  }
}

