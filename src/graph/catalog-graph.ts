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
 * not claim containment (relationship.ts); the checks live in catalog-input.ts, shared with the organization's overlay
 * (overlay-graph.ts), which extends this graph without copying it. Both implement GraphView (graph-view.ts), the
 * interface every algorithm reads.
 *
 * Conditional edges (`condition: SAME_MANAGEMENT_SYSTEM`) hold as typed only when one management system covers both
 * frameworks. A graph built by the constructor reads every such edge as unmet (separate systems): INTERSECTS_WITH,
 * strength at most 9. `underSystems` gives the reading for one organization's declared systems: a view that shares
 * everything but the half-edges, memoized per distinct reading.
 */
import { membersByFramework, checkArrays, type EdgeInput, type FrameworkInput, indexIds, type MappingSetInput, metOf, readEdges, readingKey, readRequirements, type RequirementInput, topLevelAncestors } from './catalog-input';
import { rationaleOf, relationshipOf } from './edge-codes';
import type { GraphView } from './graph-view';
import { type HalfEdges, halfEdges, type StoredEdges } from './half-edges';
import { SeqIndex } from './seq-index';
import { CROSSWALK_CONDITIONS, type CrosswalkCondition, type Rationale, type Relationship } from './relationship';

export interface CatalogGraphInput {
  /** `private`: one organization's own (a graph built from the catalog and one organization's rows merged); default false. */
  frameworks: Array<FrameworkInput & { private?: boolean }>;
  /**
   * `seq`: the number the store gives the requirement (seq-index.ts), for reads that send it instead of the id. Give it
   * to every requirement or to none.
   */
  requirements: RequirementInput[];
  /** `private` as for frameworks. */
  mappingSets: Array<MappingSetInput & { private?: boolean }>;
  edges: EdgeInput[];
}

/** How many distinct management-system readings one graph keeps; past it the memo starts again. */
const READINGS_KEPT = 256;

const NS = 'graph/catalog-graph';

export class CatalogGraph implements GraphView {
  private readonly frameworkIds: string[];
  private readonly frameworkCodes: string[];
  private readonly frameworkVersions: string[];
  private readonly frameworkPrivate: Uint8Array;
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
  private readonly mappingSetPrivate: Uint8Array;
  private readonly mappingSetById: Map<string, number>;

  private readonly stored: StoredEdges;
  /** The stored edges that carry a condition, in stored order. */
  private readonly conditional: Int32Array;
  /** Per stored edge: 1 when it reads as stored in this graph (unconditional, or its condition met). */
  private readonly met: Uint8Array;
  private readonly half: HalfEdges;
  /** Views of this catalog under other management-system readings, by key (see readingKey); shared by all views. */
  private readonly readings: Map<string, CatalogGraph>;

  /** A requirement's half-edges are one range (GraphView). */
  readonly halfEdgeParts = 1;

  constructor(input: CatalogGraphInput) {
    checkArrays(NS, input);
    const { frameworks, requirements, mappingSets, edges } = input;

    this.frameworkIds = frameworks.map((f) => f.id);
    this.frameworkCodes = frameworks.map((f) => f.code);
    this.frameworkVersions = frameworks.map((f) => f.version);
    this.frameworkPrivate = Uint8Array.from(frameworks, (f) => (f.private ? 1 : 0));
    this.frameworkById = indexIds(NS, this.frameworkIds, 'framework');

    const n = requirements.length;
    this.requirementIds = requirements.map((r) => r.id);
    this.refIds = requirements.map((r) => r.refId);
    this.titles = requirements.map((r) => r.title);
    const requirementById = indexIds(NS, this.requirementIds, 'requirement');
    this.requirementById = requirementById;
    const seqs = requirements.filter((r) => r.seq !== undefined && r.seq !== null).length;
    if (seqs !== 0 && seqs !== n) throw new Error(`${NS}: ${seqs} of ${n} requirements have a seq; give it to every requirement or to none`);
    this.requirementBySeq = seqs === 0 ? undefined : new SeqIndex(requirements.map((r) => r.seq!), 'requirement');
    const frameworkById = this.frameworkById;
    const read = readRequirements(NS, requirements, {
      framework: (id) => frameworkById.get(id),
      requirement: (id) => requirementById.get(id),
      frameworkIdOf: (r) => requirements[r].frameworkId,
    });
    this.requirementFramework = read.framework;
    this.assessable = read.assessable;
    this.parent = read.parent;
    this.topLevel = topLevelAncestors(NS, this.parent, this.requirementIds);
    const members = membersByFramework(this.requirementFramework, frameworks.length, 0, 0);
    this.frameworkOffsets = members.offsets;
    this.frameworkMembers = members.members;

    this.mappingSetIds = mappingSets.map((m) => m.id);
    this.mappingSetKeys = mappingSets.map((m) => m.key);
    this.mappingSetPrivate = Uint8Array.from(mappingSets, (m) => (m.private ? 1 : 0));
    const mappingSetById = indexIds(NS, this.mappingSetIds, 'mapping set');
    this.mappingSetById = mappingSetById;

    const { stored, conditional } = readEdges(NS, edges, { mappingSet: (id) => mappingSetById.get(id), requirement: (id) => requirementById.get(id) });
    this.stored = stored;
    this.conditional = conditional;
    const separate = '0'.repeat(conditional.length); // no condition met
    this.met = metOf(edges.length, conditional, separate);
    this.half = halfEdges(n, stored, this.met);
    this.readings = new Map([[separate, this]]);
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
    const { stored, requirementFramework } = this;
    const key = readingKey(this.conditional, systemOf, (e, end) => requirementFramework[end === 0 ? stored.source[e] : stored.target[e]]);
    const known = this.readings.get(key);
    if (known) return known;
    if (this.readings.size >= READINGS_KEPT) this.readings.clear();
    const met = metOf(stored.source.length, this.conditional, key);
    const view = Object.create(CatalogGraph.prototype) as CatalogGraph;
    Object.assign(view, this, { met, half: halfEdges(this.requirementIds.length, this.stored, met) });
    this.readings.set(key, view);
    return view;
  }

  /** The reading in which every framework shares one management system: every conditional edge as stored. */
  underOneSystem(): CatalogGraph {
    return this.underSystems(new Int32Array(this.frameworkIds.length));
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
  frameworkIsPrivate(framework: number): boolean {
    return this.frameworkPrivate[framework] === 1;
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
  mappingSetIsPrivate(mappingSet: number): boolean {
    return this.mappingSetPrivate[mappingSet] === 1;
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

  /** Half-edges of a requirement are `halfEdgeStart(r, 0) <= h < halfEdgeEnd(r, 0)`, in stored-edge order: one part. */
  halfEdgeStart(requirement: number, _part: number): number {
    return this.half.offsets[requirement];
  }
  halfEdgeEnd(requirement: number, _part: number): number {
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

