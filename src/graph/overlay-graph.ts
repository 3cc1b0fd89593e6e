/**
 * One organization's own frameworks, requirements, mapping sets and crosswalks, layered on the public catalog graph
 * (issue 12, "The engine sees one graph"). Every algorithm reads it as one graph (GraphView): coverage of an own
 * framework through a crosswalk from a public requirement, paths through private mapping sets, gap analysis between
 * an own framework and a public one. The catalog is shared, never copied: an overlay allocates only its own rows,
 * plus a sparse index of the public requirements its crosswalks touch, so it costs the same whatever the catalog's
 * size (`bytes` estimates it for the tenant-state cache). Build one per organization and keep it until that
 * organization's own catalog, or the public catalog, changes.
 *
 * Index spaces extend the catalog's: requirements 0..N-1 are the catalog's and N..N+M-1 the organization's, in input
 * order; frameworks, mapping sets and stored edges likewise; half-edges 2E.. are the own crosswalks' readings (E the
 * catalog's edge count). A requirement's half-edges have two parts (graph-view.ts): for a public requirement, the
 * catalog's range and then the own crosswalks at it; for an own requirement, its own range and an empty one. Read in
 * order, that is stored-edge order, as a CatalogGraph built from the catalog and the organization's rows appended
 * would give: the equivalence the spec checks on random graphs.
 *
 * The input is refused exactly as the CatalogGraph constructor refuses a catalog (catalog-input.ts), and also when it
 * would change the catalog rather than extend it: an id the catalog uses, an own code equal to a public one (an own
 * code may not shadow a public one), an own requirement in a public framework, an own crosswalk in a public mapping
 * set or between two public requirements (a private edge joins an own framework to a public one, or two own ones),
 * and seqs given when the catalog has none, or missing when it has them. Every own framework and mapping set is
 * private (frameworkIsPrivate, mappingSetIsPrivate: paths name them).
 *
 * Conditional crosswalks of the organization read as the catalog's do: unmet (INTERSECTS_WITH, strength at most 9)
 * until `underSystems` says both frameworks share a management system. A reading is the catalog's reading (shared
 * with every organization) plus the own half-edges built again: memoized per distinct reading.
 */
import { CatalogGraph } from './catalog-graph';
import { checkArrays, type EdgeInput, type FrameworkInput, indexIds, type MappingSetInput, membersByFramework, metOf, readEdges, readingKey, readRequirements, type RequirementInput, topLevelAncestors } from './catalog-input';
import { rationaleOf, relationshipOf } from './edge-codes';
import type { GraphView } from './graph-view';
import { type HalfEdges, halfEdges, type StoredEdges } from './half-edges';
import { CROSSWALK_CONDITIONS, type CrosswalkCondition, type Rationale, type Relationship } from './relationship';
import { SeqIndex } from './seq-index';

/** An organization's own rows. Edges may name public requirements by id; everything else names own rows. */
export interface OverlayInput {
  frameworks: FrameworkInput[];
  /** `seq`: as for the catalog (give every one its seq when the catalog has them, none when it has not). */
  requirements: RequirementInput[];
  mappingSets: MappingSetInput[];
  edges: EdgeInput[];
}

/** How many distinct management-system readings one overlay keeps per catalog reading; past it the memo starts again. */
const READINGS_KEPT = 64;
/** Rough bytes, for `bytes`: a string's header, a Map entry, and a SeqIndex's flat table per row (seq-index.ts). */
const STRING_BYTES = 24;
const MAP_ENTRY_BYTES = 48;
const SEQ_INDEX_BYTES_PER_ROW = 20;
const BASE_BYTES = 1024;

const NS = 'graph/overlay-graph';

export class OverlayGraph implements GraphView {
  /** Public requirements' half-edges: the catalog's range, then the own crosswalks at them (graph-view.ts). */
  readonly halfEdgeParts = 2;

  /** The catalog, under the reading this overlay was asked for (the constructor's: separate systems). */
  private readonly base: CatalogGraph;
  private readonly baseFrameworks: number;
  private readonly baseRequirements: number;
  private readonly baseMappingSets: number;
  private readonly baseEdges: number;
  private readonly baseHalfEdges: number;

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
  /** Own seqs less `seqShift`, so the index spans the own numbers, not the catalog's (seq-index.ts). */
  private readonly requirementBySeq: SeqIndex | undefined;
  private readonly seqShift: number;
  /** Per own requirement: framework, parent and top-level ancestor as indexes of the whole space. */
  private readonly requirementFramework: Int32Array;
  private readonly assessable: Uint8Array;
  private readonly parent: Int32Array;
  private readonly topLevel: Int32Array;

  private readonly mappingSetIds: string[];
  private readonly mappingSetKeys: string[];
  private readonly mappingSetById: Map<string, number>;

  /** Own crosswalks, with sets and ends as indexes of the whole space. */
  private readonly stored: StoredEdges;
  /** The same with ends as slots: own requirement r is slot r - N, the touched public ones follow. */
  private readonly slotEnds: StoredEdges;
  /** Slot of each public requirement an own crosswalk touches: the sparse index; `touched[slot - M]` the reverse. */
  private readonly slotOfPublic: Map<number, number>;
  private readonly touched: Int32Array;
  private readonly conditional: Int32Array;
  private readonly met: Uint8Array;
  /** CSR by slot; heads are requirement indexes of the whole space, edges own edge numbers (add E). */
  private readonly half: HalfEdges;
  /** Views under other readings, by the catalog reading they sit on, then by own key; shared by all views. */
  private readonly readings: Map<CatalogGraph, Map<string, OverlayGraph>>;

  constructor(base: CatalogGraph, input: OverlayInput) {
    if (!(base instanceof CatalogGraph)) throw new Error(`${NS}: base must be the CatalogGraph the organization's rows extend`);
    checkArrays(NS, input);
    const { frameworks, requirements, mappingSets, edges } = input;
    this.base = base;
    const F = (this.baseFrameworks = base.frameworkCount);
    const N = (this.baseRequirements = base.requirementCount);
    const S = (this.baseMappingSets = base.mappingSetCount);
    this.baseEdges = base.edgeCount;
    this.baseHalfEdges = 2 * base.edgeCount;

    this.frameworkIds = frameworks.map((f) => f.id);
    this.frameworkCodes = frameworks.map((f) => f.code);
    this.frameworkVersions = frameworks.map((f) => f.version);
    const frameworkById = (this.frameworkById = indexIds(NS, this.frameworkIds, 'framework', F, (id) => base.frameworkIndex(id) >= 0));
    for (const { id, code } of frameworks) {
      for (let f = 0; f < F; f++) {
        if (base.frameworkCode(f) === code) throw new Error(`${NS}: framework "${id}" has code "${code}", a public framework's; an own code may not shadow a public one`);
      }
    }

    const M = requirements.length;
    this.requirementIds = requirements.map((r) => r.id);
    this.refIds = requirements.map((r) => r.refId);
    this.titles = requirements.map((r) => r.title);
    const requirementById = (this.requirementById = indexIds(NS, this.requirementIds, 'requirement', N, (id) => base.requirementIndex(id) >= 0));
    [this.requirementBySeq, this.seqShift] = this.ownSeqs(requirements);
    const requirementIndex = (id: string): number | undefined => {
      const own = requirementById.get(id);
      if (own !== undefined) return own;
      const r = base.requirementIndex(id);
      return r < 0 ? undefined : r;
    };
    for (const { id, frameworkId } of requirements) {
      if (base.frameworkIndex(frameworkId) >= 0) throw new Error(`${NS}: requirement "${id}" names public framework "${frameworkId}"; own requirements belong to own frameworks`);
    }
    const read = readRequirements(NS, requirements, {
      framework: (id) => frameworkById.get(id),
      requirement: requirementIndex,
      frameworkIdOf: (r) => (r < N ? base.frameworkId(base.frameworkOf(r)) : requirements[r - N].frameworkId),
    });
    this.requirementFramework = read.framework;
    this.assessable = read.assessable;
    this.parent = read.parent;
    // Parents are own requirements (the framework check above), so the walk runs over own indexes only.
    const top = topLevelAncestors(NS, read.parent.map((p) => (p < 0 ? -1 : p - N)), this.requirementIds);
    this.topLevel = top.map((t) => t + N);
    const members = membersByFramework(read.framework, frameworks.length, F, N);
    this.frameworkOffsets = members.offsets;
    this.frameworkMembers = members.members;

    this.mappingSetIds = mappingSets.map((m) => m.id);
    this.mappingSetKeys = mappingSets.map((m) => m.key);
    const mappingSetById = (this.mappingSetById = indexIds(NS, this.mappingSetIds, 'mapping set', S, (id) => base.mappingSetIndex(id) >= 0));

    const { stored, conditional } = readEdges(NS, edges, {
      mappingSet: (id, where) => {
        if (base.mappingSetIndex(id) >= 0) throw new Error(`${NS}: ${where} names public mapping set "${id}"; own crosswalks belong to own mapping sets`);
        return mappingSetById.get(id);
      },
      requirement: requirementIndex,
      ends: (source, target, where) => {
        if (source < N && target < N) throw new Error(`${NS}: ${where} joins two public requirements; an own crosswalk needs an own requirement at one end at least`);
      },
    });
    this.stored = stored;
    this.conditional = conditional;

    const slotOfPublic = (this.slotOfPublic = new Map<number, number>());
    const touched: number[] = [];
    const slot = (r: number): number => {
      if (r >= N) return r - N;
      let s = slotOfPublic.get(r);
      if (s === undefined) {
        s = M + touched.length;
        slotOfPublic.set(r, s);
        touched.push(r);
      }
      return s;
    };
    this.slotEnds = { ...stored, source: stored.source.map(slot), target: stored.target.map(slot) };
    this.touched = Int32Array.from(touched);
    const separate = '0'.repeat(conditional.length);
    this.met = metOf(edges.length, conditional, separate);
    this.half = this.halfEdgesOf(this.met);
    this.readings = new Map([[base, new Map([[separate, this as OverlayGraph]])]]);
  }

  /** The own seqs as a SeqIndex over `seq - shift`, checked against the catalog's. */
  private ownSeqs(requirements: readonly RequirementInput[]): [SeqIndex | undefined, number] {
    const given = requirements.filter((r) => r.seq !== undefined && r.seq !== null).length;
    if (given === 0 && (requirements.length === 0 || !this.base.hasRequirementSeqs)) return [undefined, 0];
    if (!this.base.hasRequirementSeqs) throw new Error(`${NS}: ${given} own requirements have a seq, but the catalog was built without seqs; give none`);
    if (given !== requirements.length) throw new Error(`${NS}: ${given} of ${requirements.length} own requirements have a seq; the catalog numbers its requirements, so give every one its seq`);
    const seen = new Set<number>();
    let min = Infinity;
    requirements.forEach(({ seq }, i) => {
      if (!Number.isInteger(seq) || seq! < 1 || seq! > 0x7fffffff) throw new Error(`${NS}: requirement #${i} has seq ${String(seq)}; expected a positive integer`);
      if (seen.has(seq!)) throw new Error(`${NS}: duplicate requirement seq ${seq}`);
      if (this.base.requirementIndexBySeq(seq!) >= 0) throw new Error(`${NS}: duplicate requirement seq ${seq} (the catalog it extends has it)`);
      seen.add(seq!);
      min = Math.min(min, seq!);
    });
    const shift = min - 1;
    return [new SeqIndex(requirements.map((r) => r.seq! - shift), 'requirement'), shift];
  }

  /** Own half-edges under a reading: CSR over slots, heads turned back into requirement indexes. */
  private halfEdgesOf(met: Uint8Array): HalfEdges {
    const N = this.baseRequirements;
    const M = this.requirementIds.length;
    const half = halfEdges(M + this.touched.length, this.slotEnds, met);
    for (let h = 0; h < half.head.length; h++) {
      const s = half.head[h];
      half.head[h] = s < M ? N + s : this.touched[s - M];
    }
    return half;
  }

  /**
   * The overlay as an organization with these management systems reads it (GraphView): the catalog's reading of the
   * public frameworks' systems (shared, memoized by the catalog), with the own crosswalks read likewise.
   */
  underSystems(systemOf: ArrayLike<number>): OverlayGraph {
    if (!systemOf || systemOf.length !== this.frameworkCount) {
      throw new Error(`${NS}: systemOf must give one system number (or -1) per framework, ${this.frameworkCount} in all`);
    }
    const base = this.base.underSystems(Int32Array.from({ length: this.baseFrameworks }, (_, f) => systemOf[f]));
    const { stored } = this;
    const key = readingKey(this.conditional, systemOf, (e, end) => this.frameworkOf(end === 0 ? stored.source[e] : stored.target[e]));
    let byKey = this.readings.get(base);
    if (!byKey) {
      if (this.readings.size >= READINGS_KEPT) this.readings.clear();
      byKey = new Map();
      this.readings.set(base, byKey);
    }
    const known = byKey.get(key);
    if (known) return known;
    if (byKey.size >= READINGS_KEPT) byKey.clear();
    const met = metOf(stored.source.length, this.conditional, key);
    const view = Object.create(OverlayGraph.prototype) as OverlayGraph;
    Object.assign(view, this, { base, met, half: this.halfEdgesOf(met) });
    byKey.set(key, view);
    return view;
  }

  underOneSystem(): OverlayGraph {
    return this.underSystems(new Int32Array(this.frameworkCount));
  }

  /** The catalog this overlay extends, under the same reading. */
  get catalog(): CatalogGraph {
    return this.base;
  }

  /**
   * An estimate of the memory this overlay holds beyond the catalog it shares (its own rows, the sparse index, the
   * memo of readings not counted): what a tenant-state cache should charge the organization for it.
   */
  get bytes(): number {
    const strings = (list: readonly string[]) => list.reduce((sum, s) => sum + STRING_BYTES + s.length, 0);
    const arrays = (...list: ArrayBufferView[]) => list.reduce((sum, a) => sum + a.byteLength, 0);
    const { stored, half } = this;
    return (
      BASE_BYTES +
      strings(this.frameworkIds) + strings(this.frameworkCodes) + strings(this.frameworkVersions) +
      strings(this.requirementIds) + strings(this.refIds) + strings(this.titles) +
      strings(this.mappingSetIds) + strings(this.mappingSetKeys) +
      MAP_ENTRY_BYTES * (this.frameworkById.size + this.requirementById.size + this.mappingSetById.size + this.slotOfPublic.size) +
      (this.requirementBySeq ? SEQ_INDEX_BYTES_PER_ROW * this.requirementIds.length : 0) +
      arrays(this.frameworkOffsets, this.frameworkMembers, this.requirementFramework, this.assessable, this.parent, this.topLevel, this.touched, this.conditional, this.met) +
      arrays(stored.mappingSet, stored.source, stored.target, stored.relationship, stored.rationale, stored.strength, stored.condition, this.slotEnds.source, this.slotEnds.target) +
      arrays(half.offsets, half.head, half.relationship, half.rationale, half.strength, half.reversed, half.edge)
    );
  }

  get frameworkCount(): number {
    return this.baseFrameworks + this.frameworkIds.length;
  }
  get requirementCount(): number {
    return this.baseRequirements + this.requirementIds.length;
  }
  get mappingSetCount(): number {
    return this.baseMappingSets + this.mappingSetIds.length;
  }
  get edgeCount(): number {
    return this.baseEdges + this.stored.source.length;
  }

  frameworkIndex(id: string): number {
    const f = this.base.frameworkIndex(id);
    return f >= 0 ? f : (this.frameworkById.get(id) ?? -1);
  }
  findFramework(code: string, version: string): number {
    const f = this.base.findFramework(code, version);
    if (f >= 0) return f;
    for (let o = 0; o < this.frameworkIds.length; o++) {
      if (this.frameworkCodes[o] === code && this.frameworkVersions[o] === version) return this.baseFrameworks + o;
    }
    return -1;
  }
  frameworkId(framework: number): string {
    return framework < this.baseFrameworks ? this.base.frameworkId(framework) : this.frameworkIds[framework - this.baseFrameworks];
  }
  frameworkCode(framework: number): string {
    return framework < this.baseFrameworks ? this.base.frameworkCode(framework) : this.frameworkCodes[framework - this.baseFrameworks];
  }
  frameworkVersion(framework: number): string {
    return framework < this.baseFrameworks ? this.base.frameworkVersion(framework) : this.frameworkVersions[framework - this.baseFrameworks];
  }
  frameworkIsPrivate(framework: number): boolean {
    return framework < this.baseFrameworks ? this.base.frameworkIsPrivate(framework) : true;
  }
  requirementsOf(framework: number): ArrayLike<number> {
    if (framework < this.baseFrameworks) return this.base.requirementsOf(framework);
    const o = framework - this.baseFrameworks;
    return this.frameworkMembers.subarray(this.frameworkOffsets[o], this.frameworkOffsets[o + 1]);
  }

  requirementIndex(id: string): number {
    const r = this.base.requirementIndex(id);
    return r >= 0 ? r : (this.requirementById.get(id) ?? -1);
  }
  get hasRequirementSeqs(): boolean {
    return this.base.hasRequirementSeqs;
  }
  requirementIndexBySeq(seq: number): number {
    const r = this.base.requirementIndexBySeq(seq);
    if (r >= 0 || !this.requirementBySeq) return r;
    const own = this.requirementBySeq.indexOf(seq - this.seqShift);
    return own < 0 ? -1 : this.baseRequirements + own;
  }
  requirementId(requirement: number): string {
    return requirement < this.baseRequirements ? this.base.requirementId(requirement) : this.requirementIds[requirement - this.baseRequirements];
  }
  refId(requirement: number): string {
    return requirement < this.baseRequirements ? this.base.refId(requirement) : this.refIds[requirement - this.baseRequirements];
  }
  title(requirement: number): string {
    return requirement < this.baseRequirements ? this.base.title(requirement) : this.titles[requirement - this.baseRequirements];
  }
  frameworkOf(requirement: number): number {
    return requirement < this.baseRequirements ? this.base.frameworkOf(requirement) : this.requirementFramework[requirement - this.baseRequirements];
  }
  isAssessable(requirement: number): boolean {
    return requirement < this.baseRequirements ? this.base.isAssessable(requirement) : this.assessable[requirement - this.baseRequirements] === 1;
  }
  parentOf(requirement: number): number {
    return requirement < this.baseRequirements ? this.base.parentOf(requirement) : this.parent[requirement - this.baseRequirements];
  }
  topLevelAncestorOf(requirement: number): number {
    return requirement < this.baseRequirements ? this.base.topLevelAncestorOf(requirement) : this.topLevel[requirement - this.baseRequirements];
  }

  mappingSetIndex(id: string): number {
    const s = this.base.mappingSetIndex(id);
    return s >= 0 ? s : (this.mappingSetById.get(id) ?? -1);
  }
  mappingSetId(mappingSet: number): string {
    return mappingSet < this.baseMappingSets ? this.base.mappingSetId(mappingSet) : this.mappingSetIds[mappingSet - this.baseMappingSets];
  }
  mappingSetKey(mappingSet: number): string {
    return mappingSet < this.baseMappingSets ? this.base.mappingSetKey(mappingSet) : this.mappingSetKeys[mappingSet - this.baseMappingSets];
  }
  mappingSetIsPrivate(mappingSet: number): boolean {
    return mappingSet < this.baseMappingSets ? this.base.mappingSetIsPrivate(mappingSet) : true;
  }

  edgeMappingSetOf(edge: number): number {
    return edge < this.baseEdges ? this.base.edgeMappingSetOf(edge) : this.stored.mappingSet[edge - this.baseEdges];
  }
  edgeSourceOf(edge: number): number {
    return edge < this.baseEdges ? this.base.edgeSourceOf(edge) : this.stored.source[edge - this.baseEdges];
  }
  edgeTargetOf(edge: number): number {
    return edge < this.baseEdges ? this.base.edgeTargetOf(edge) : this.stored.target[edge - this.baseEdges];
  }
  edgeRelationshipOf(edge: number): Relationship {
    return edge < this.baseEdges ? this.base.edgeRelationshipOf(edge) : relationshipOf(this.stored.relationship[edge - this.baseEdges]);
  }
  edgeRationaleOf(edge: number): Rationale | null {
    return edge < this.baseEdges ? this.base.edgeRationaleOf(edge) : rationaleOf(this.stored.rationale[edge - this.baseEdges]);
  }
  edgeStrengthOf(edge: number): number {
    return edge < this.baseEdges ? this.base.edgeStrengthOf(edge) : this.stored.strength[edge - this.baseEdges];
  }
  edgeConditionOf(edge: number): CrosswalkCondition | null {
    if (edge < this.baseEdges) return this.base.edgeConditionOf(edge);
    const code = this.stored.condition[edge - this.baseEdges];
    return code === 0 ? null : CROSSWALK_CONDITIONS[code - 1];
  }
  edgeConditionMet(edge: number): boolean | null {
    if (edge < this.baseEdges) return this.base.edgeConditionMet(edge);
    const e = edge - this.baseEdges;
    return this.stored.condition[e] === 0 ? null : this.met[e] === 1;
  }

  halfEdgeStart(requirement: number, part: number): number {
    if (requirement >= this.baseRequirements) return part === 0 ? this.baseHalfEdges + this.half.offsets[requirement - this.baseRequirements] : 0;
    if (part === 0) return this.base.halfEdgeStart(requirement, 0);
    const s = this.slotOfPublic.get(requirement);
    return s === undefined ? 0 : this.baseHalfEdges + this.half.offsets[s];
  }
  halfEdgeEnd(requirement: number, part: number): number {
    if (requirement >= this.baseRequirements) return part === 0 ? this.baseHalfEdges + this.half.offsets[requirement - this.baseRequirements + 1] : 0;
    if (part === 0) return this.base.halfEdgeEnd(requirement, 0);
    const s = this.slotOfPublic.get(requirement);
    return s === undefined ? 0 : this.baseHalfEdges + this.half.offsets[s + 1];
  }
  halfEdgeHead(halfEdge: number): number {
    return halfEdge < this.baseHalfEdges ? this.base.halfEdgeHead(halfEdge) : this.half.head[halfEdge - this.baseHalfEdges];
  }
  halfEdgeRelationship(halfEdge: number): number {
    return halfEdge < this.baseHalfEdges ? this.base.halfEdgeRelationship(halfEdge) : this.half.relationship[halfEdge - this.baseHalfEdges];
  }
  halfEdgeRationale(halfEdge: number): number {
    return halfEdge < this.baseHalfEdges ? this.base.halfEdgeRationale(halfEdge) : this.half.rationale[halfEdge - this.baseHalfEdges];
  }
  halfEdgeStrength(halfEdge: number): number {
    return halfEdge < this.baseHalfEdges ? this.base.halfEdgeStrength(halfEdge) : this.half.strength[halfEdge - this.baseHalfEdges];
  }
  halfEdgeReversed(halfEdge: number): boolean {
    return halfEdge < this.baseHalfEdges ? this.base.halfEdgeReversed(halfEdge) : this.half.reversed[halfEdge - this.baseHalfEdges] === 1;
  }
  halfEdgeEdge(halfEdge: number): number {
    return halfEdge < this.baseHalfEdges ? this.base.halfEdgeEdge(halfEdge) : this.baseEdges + this.half.edge[halfEdge - this.baseHalfEdges];
  }
}
