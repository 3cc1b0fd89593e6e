/**
 * The whole public catalog of one version, in memory: frameworks, requirements, mapping sets and crosswalk edges,
 * with the graph the engine computes on. The catalog changes only when it is loaded, so each process keeps one
 * snapshot (CatalogSnapshots) and every catalog field reads it synchronously, with no SQL.
 *
 * Orders match what the SQL reads gave before it: frameworks by code and version, requirements in document order,
 * mapping sets by key, a requirement's crosswalks by mapping-set key then file order.
 */
import type { Page } from '../common/paging/connection.model';
import type { EdgeRow, MappingSetRow } from '../crosswalks/crosswalk-rows';
import { readEdge } from '../crosswalks/read-edge';
import { toMappingSet } from '../crosswalks/mapping-set.mapper';
import { CrosswalkDirection } from '../crosswalks/models/enums';
import type { Crosswalk } from '../crosswalks/models/crosswalk.model';
import type { MappingSet } from '../crosswalks/models/mapping-set.model';
import { CatalogGraph } from '../graph/catalog-graph';
import { findFrameworkVersion, resolveFrameworkVersion } from './framework-ref';
import type { Framework } from './models/framework.model';
import type { RequirementFilter } from './models/requirement-filter.input';
import type { Requirement } from './models/requirement.model';

/** The rows a snapshot is built from, as the catalog tables hold them at one version. */
export interface CatalogRows {
  version: number;
  frameworks: Framework[];
  /**
   * In document order within each framework. `seq` is the number the store gives the requirement: the graph maps a
   * cold tenant read's links by it (CatalogGraph.requirementIndexBySeq); never part of the API.
   */
  requirements: Array<Requirement & { seq?: number }>;
  mappingSets: MappingSetRow[];
  /** In file order within each mapping set. */
  edges: EdgeRow[];
}

export interface CrosswalkReadOptions {
  direction: CrosswalkDirection;
  /** Only edges whose far end is in one of these framework versions. */
  otherFrameworkIds?: readonly string[];
}

const NO_REQUIREMENTS: readonly Requirement[] = [];
const NO_EDGES: readonly EdgeRow[] = [];

/**
 * Lookups over one set of catalog rows: the public catalog (CatalogSnapshot), or one organization's own frameworks,
 * requirements, mapping sets and crosswalks (src/own-catalog/own-catalog.ts). Every list and page reads it
 * synchronously.
 */
export class CatalogIndex {
  /** Every framework version, by code then version. */
  readonly frameworks: readonly Framework[];
  /** Every mapping set, by key. */
  readonly mappingSets: readonly MappingSet[];

  private readonly frameworkById = new Map<string, Framework>();
  private readonly requirementById = new Map<string, Requirement>();
  private readonly requirementsOf = new Map<string, Requirement[]>();
  private readonly childrenOf = new Map<string, Requirement[]>();
  private readonly byRef = new Map<string, Requirement>();
  private readonly mappingSetById = new Map<string, MappingSet>();
  private readonly edgesOf = new Map<string, EdgeRow[]>();
  private readonly outgoing = new Map<string, EdgeRow[]>();
  private readonly incoming = new Map<string, EdgeRow[]>();
  private readonly setKey = new Map<string, string>();
  /** Lower-cased ref ID, title and text, for `search`; made on the first search. */
  private haystacks?: Map<string, string[]>;
  /** The mapping-set rows by key, and the edges by key then file order: what a graph is built from. */
  protected readonly sortedSets: MappingSetRow[];
  protected readonly sortedEdges: EdgeRow[];

  constructor(rows: Omit<CatalogRows, 'version'>) {
    this.frameworks = [...rows.frameworks].sort((a, b) => (a.code === b.code ? cmp(a.version, b.version) : cmp(a.code, b.code)));
    for (const f of this.frameworks) {
      this.frameworkById.set(f.id, f);
      this.requirementsOf.set(f.id, []);
    }
    for (const r of rows.requirements) {
      this.requirementById.set(r.id, r);
      this.requirementsOf.get(r.frameworkId)?.push(r);
      this.byRef.set(`${r.frameworkId}\u0000${r.refId}`, r);
    }
    for (const list of this.requirementsOf.values()) list.sort((a, b) => a.position - b.position);
    for (const list of this.requirementsOf.values()) {
      for (const r of list) {
        if (r.parentId === null) continue;
        const siblings = this.childrenOf.get(r.parentId);
        if (siblings) siblings.push(r);
        else this.childrenOf.set(r.parentId, [r]);
      }
    }
    const sets = (this.sortedSets = [...rows.mappingSets].sort((a, b) => cmp(a.key, b.key)));
    this.mappingSets = sets.map(toMappingSet);
    for (const s of sets) {
      this.setKey.set(s.id, s.key);
      this.edgesOf.set(s.id, []);
    }
    for (const s of this.mappingSets) this.mappingSetById.set(s.id, s);
    // Edges by mapping-set key, then file order: the order a requirement's crosswalks are read in.
    const edges = (this.sortedEdges = [...rows.edges].sort((a, b) => this.edgeOrder(a, b)));
    for (const e of edges) {
      this.edgesOf.get(e.mappingSetId)?.push(e);
      push(this.outgoing, e.sourceId, e);
      push(this.incoming, e.targetId, e);
    }
  }

  framework(id: string): Framework | null {
    return this.frameworkById.get(id) ?? null;
  }

  requirement(id: string): Requirement | null {
    return this.requirementById.get(id) ?? null;
  }

  mappingSet(id: string): MappingSet | null {
    return this.mappingSetById.get(id) ?? null;
  }

  /** `CODE` → the newest version, `CODE:VERSION` → that one; null when there is none. A malformed reference is BAD_USER_INPUT on `field`. */
  findFramework(ref: string, field: string): Framework | null {
    return findFrameworkVersion(this.frameworks as Framework[], ref, field);
  }

  /** Like findFramework, but a reference to nothing is NOT_FOUND on `field`, naming what exists. */
  resolveFramework(ref: string, field: string): Framework {
    return resolveFrameworkVersion(this.frameworks as Framework[], ref, field);
  }

  requirementByRef(frameworkId: string, refId: string): Requirement | null {
    return this.byRef.get(`${frameworkId}\u0000${refId}`) ?? null;
  }

  children(requirementId: string): readonly Requirement[] {
    return this.childrenOf.get(requirementId) ?? NO_REQUIREMENTS;
  }

  requirementCount(frameworkId: string, assessableOnly: boolean): number {
    const all = this.requirementsOf.get(frameworkId) ?? NO_REQUIREMENTS;
    return assessableOnly ? all.filter((r) => r.assessable).length : all.length;
  }

  /** A framework's requirements in document order. */
  requirementsOfFramework(frameworkId: string): readonly Requirement[] {
    return this.requirementsOf.get(frameworkId) ?? NO_REQUIREMENTS;
  }

  /** A mapping set's edges in file order. */
  edgesOfMappingSet(mappingSetId: string): readonly EdgeRow[] {
    return this.edgesOf.get(mappingSetId) ?? NO_EDGES;
  }

  /**
   * One page of a framework's requirements in document order after position `after`, with `first + 1` rows so the
   * caller can tell whether more follow, and the filtered total. `search` matches ref ID, title or text, ignoring case.
   */
  requirementPage(frameworkId: string, filter: RequirementFilter | undefined, first: number, after: number | undefined): Page<Requirement> {
    const matches = this.filterRequirements(this.requirementsOf.get(frameworkId) ?? NO_REQUIREMENTS, frameworkId, filter);
    const from = after === undefined ? 0 : firstAfter(matches, after);
    return { rows: matches.slice(from, from + first + 1), totalCount: matches.length };
  }

  /** The crosswalks touching a requirement, each read from its side (readEdge), by mapping-set key then file order. */
  crosswalks(requirementId: string, options: CrosswalkReadOptions): Crosswalk[] {
    const out = options.direction !== CrosswalkDirection.INCOMING ? (this.outgoing.get(requirementId) ?? NO_EDGES) : NO_EDGES;
    const inc = options.direction !== CrosswalkDirection.OUTGOING ? (this.incoming.get(requirementId) ?? NO_EDGES) : NO_EDGES;
    const others = options.otherFrameworkIds;
    const keep = (farEnd: string) => others === undefined || others.includes(this.frameworkIdOf(farEnd) ?? '');
    const result: Crosswalk[] = [];
    // Merge the two lists, each already in (mapping-set key, position) order.
    let i = 0;
    let j = 0;
    while (i < out.length || j < inc.length) {
      const takeOut = j >= inc.length || (i < out.length && this.edgeOrder(out[i], inc[j]) <= 0);
      const edge = takeOut ? out[i++] : inc[j++];
      if (keep(takeOut ? edge.targetId : edge.sourceId)) result.push(readEdge(edge, requirementId));
    }
    return result;
  }

  /** Mapping sets from any of `sourceIds` and to any of `targetIds` (either undefined: any), by key. */
  listMappingSets(sourceIds: readonly string[] | undefined, targetIds: readonly string[] | undefined): MappingSet[] {
    return this.mappingSets.filter((s) => (!sourceIds || sourceIds.includes(s.sourceFrameworkId)) && (!targetIds || targetIds.includes(s.targetFrameworkId)));
  }

  edgeCount(mappingSetId: string): number {
    return this.edgesOf.get(mappingSetId)?.length ?? 0;
  }

  /** One page of a mapping set's edges in file order after position `after`, with `first + 1` rows. */
  edgePage(mappingSetId: string, first: number, after: number | undefined): Page<EdgeRow> {
    const all = this.edgesOf.get(mappingSetId) ?? NO_EDGES;
    const from = after === undefined ? 0 : firstAfter(all, after);
    return { rows: all.slice(from, from + first + 1), totalCount: all.length };
  }

  /** The framework of a requirement an edge reaches. An own catalog's edges may reach public ones (OwnCatalog overrides). */
  protected frameworkIdOf(requirementId: string): string | undefined {
    return this.requirementById.get(requirementId)?.frameworkId;
  }

  private edgeOrder(a: EdgeRow, b: EdgeRow): number {
    return cmp(this.setKey.get(a.mappingSetId) ?? '', this.setKey.get(b.mappingSetId) ?? '') || a.position - b.position;
  }

  private filterRequirements(all: readonly Requirement[], frameworkId: string, filter: RequirementFilter | undefined): readonly Requirement[] {
    if (!filter) return all;
    const { kind, assessable, hsClause, topLevel, parentRefId, search } = filter;
    const parentId = parentRefId === undefined ? undefined : (this.requirementByRef(frameworkId, parentRefId)?.id ?? null);
    const needle = search?.toLowerCase();
    return all.filter(
      (r) =>
        (kind === undefined || r.kind === kind) &&
        (assessable === undefined || r.assessable === assessable) &&
        (hsClause === undefined || r.hsClause === hsClause) &&
        (topLevel === undefined || (r.parentId === null) === topLevel) &&
        (parentId === undefined || (parentId !== null && r.parentId === parentId)) &&
        (needle === undefined || this.haystack(r).some((text) => text.includes(needle))),
    );
  }

  private haystack(r: Requirement): string[] {
    this.haystacks ??= new Map();
    let texts = this.haystacks.get(r.id);
    if (!texts) {
      texts = [r.refId, r.title, r.text ?? ''].map((s) => s.toLowerCase());
      this.haystacks.set(r.id, texts);
    }
    return texts;
  }
}

/** The whole public catalog of one version: its lookups and the engine's graph of it. */
export class CatalogSnapshot extends CatalogIndex {
  readonly version: number;
  /** The engine's view of the same rows. */
  readonly graph: CatalogGraph;
  /** The rows it was built from (the query cost weights read the catalog's shape off them). */
  readonly rows: CatalogRows;

  constructor(rows: CatalogRows) {
    super(rows);
    this.rows = rows;
    this.version = rows.version;
    this.graph = new CatalogGraph({ frameworks: [...this.frameworks], requirements: rows.requirements, mappingSets: this.sortedSets, edges: this.sortedEdges });
  }
}

/** The index of the first row whose position is greater than `after` (rows in position order). */
function firstAfter(rows: readonly { position: number }[], after: number): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rows[mid].position <= after) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Byte order, as PostgreSQL's C collation and the former ORDER BY on codes and keys gave. */
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
