/**
 * Test support for the graph engine's specs: tiny hand-built catalogs and tenants written in a line or two.
 * Requirement ids are their refIds (unique within one tiny catalog). Edges default to the SEMANTIC rationale and to
 * strength 10 for EQUAL, 0 for NOT_RELATED and 5 otherwise; each framework pair gets its own mapping set `A->B`.
 * Also what several specs share beyond that: seeded random catalogs for property tests, and the one-hop cases every
 * status engine must pass. Not used by production code (tsconfig.build.json leaves *.fixture.ts out).
 */
import { CatalogGraph, type CatalogGraphInput } from './catalog-graph';
import type { GraphView } from './graph-view';
import { OverlayGraph } from './overlay-graph';
import { type CrosswalkCondition, type Rationale, RATIONALES, type Relationship, RELATIONSHIPS, strengthRange } from './relationship';
import { type ControlStatus, type LinkCoverage, type TenantState, tenantState } from './tenant-state';

export type TinyRequirement = string | { ref: string; parent?: string; assessable?: boolean; title?: string };
/** [source, relationship, target, strength?, rationale?, mapping set key?, condition?] */
export type TinyEdge = [string, Relationship, string, number?, (Rationale | null)?, string?, CrosswalkCondition?];

export function tinyCatalog(frameworks: Record<string, TinyRequirement[]>, edges: TinyEdge[] = []): CatalogGraph {
  return new CatalogGraph(tinyInput(frameworks, edges));
}

/**
 * An organization's own frameworks and crosswalks on a tiny catalog, written the same way; an edge may name the
 * catalog's requirements. Mapping sets are keyed like tinyCatalog's (`OWN->A`), ids `ms:` + key.
 */
export function tinyOverlay(base: CatalogGraph, frameworks: Record<string, TinyRequirement[]>, edges: TinyEdge[] = []): OverlayGraph {
  return new OverlayGraph(base, tinyInput(frameworks, edges, (id) => base.frameworkId(base.frameworkOf(at(base, id)))));
}

function tinyInput(frameworks: Record<string, TinyRequirement[]>, edges: TinyEdge[], frameworkOfOther?: (id: string) => string): CatalogGraphInput {
  const frameworkOf = new Map<string, string>();
  const requirements = Object.entries(frameworks).flatMap(([framework, list]) =>
    list.map((entry) => {
      const { ref, parent, assessable, title } = typeof entry === 'string' ? { ref: entry } : entry;
      frameworkOf.set(ref, framework);
      return { id: ref, frameworkId: framework, refId: ref, title: title ?? `Title of ${ref}`, assessable: assessable ?? true, parentId: parent ?? null };
    }),
  );
  const mappingSets = new Map<string, { id: string; key: string }>();
  const catalogEdges = edges.map(([sourceId, relationship, targetId, strength, rationale, key, condition]) => {
    const of = (id: string) => frameworkOf.get(id) ?? frameworkOfOther?.(id);
    const setKey = key ?? `${of(sourceId)}->${of(targetId)}`;
    if (!mappingSets.has(setKey)) mappingSets.set(setKey, { id: `ms:${setKey}`, key: setKey });
    const defaultStrength = relationship === 'EQUAL' ? 10 : relationship === 'NOT_RELATED' ? 0 : 5;
    return {
      mappingSetId: `ms:${setKey}`,
      sourceId,
      targetId,
      relationship,
      rationale: rationale === undefined ? ('SEMANTIC' as const) : rationale,
      strength: strength ?? defaultStrength,
      condition: condition ?? null,
    };
  });
  return {
    frameworks: Object.keys(frameworks).map((id) => ({ id, code: id, version: '1' })),
    requirements,
    mappingSets: [...mappingSets.values()],
    edges: catalogEdges,
  };
}

/** [control id, requirement id, coverage, control status (default IMPLEMENTED)] */
export type TinyLink = [string, string, LinkCoverage, ControlStatus?];

/**
 * A tenant whose controls are exactly those the links name; a control named twice keeps its first status. `excluded`
 * and `included` are the organization's own applicability decisions (they cascade to descendants).
 */
export function tinyTenant(graph: GraphView, links: TinyLink[], excluded: string[] = [], included: string[] = []): TenantState {
  const controls = new Map<string, ControlStatus>();
  for (const [controlId, , , status] of links) if (!controls.has(controlId)) controls.set(controlId, status ?? 'IMPLEMENTED');
  return tenantState(graph, {
    controls: [...controls].map(([id, status]) => ({ id, code: id.toUpperCase(), status })),
    links: links.map(([controlId, requirementId, coverage]) => ({ controlId, requirementId, coverage })),
    excludedRequirementIds: excluded,
    includedRequirementIds: included,
  });
}

/** The index of a requirement id, failing loudly when the tiny catalog has none. */
export function at(graph: GraphView, id: string): number {
  const index = graph.requirementIndex(id);
  if (index < 0) throw new Error(`no requirement ${id}`);
  return index;
}

/** Numbers in [0, 1) from a seed (mulberry32), so a property test that fails can be replayed from its seed alone. */
export function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Requirement `r<i>` belongs to `frameworkOf(i)`; `assessable` (default: always) is asked once per requirement. */
export interface RandomCatalogShape {
  frameworks: string[];
  requirements: number;
  edges: number;
  frameworkOf: (index: number) => string;
  assessable?: () => boolean;
}

/**
 * A random catalog for property tests: requirements `r0`, `r1`, ... and edges (never loops) of any relationship, with a
 * strength in its range, any rationale or none, in one of two mapping sets. It draws from `rnd` in a fixed order, so a
 * seed always gives the same graph and the caller's later draws (controls, seeds) stay the same too.
 */
export function randomCatalog(rnd: () => number, shape: RandomCatalogShape): { graph: CatalogGraph; ids: string[] } {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)];
  const { requirements: n, frameworkOf, assessable = () => true } = shape;
  const ids = Array.from({ length: n }, (_, i) => `r${i}`);
  const graph = new CatalogGraph({
    frameworks: shape.frameworks.map((id) => ({ id, code: id, version: '1' })),
    requirements: ids.map((id, i) => ({ id, frameworkId: frameworkOf(i), refId: id, title: id, assessable: assessable(), parentId: null })),
    mappingSets: [{ id: 'm1', key: 'one' }, { id: 'm2', key: 'two' }],
    edges: Array.from({ length: shape.edges }, () => {
      const s = Math.floor(rnd() * n);
      const t = (s + 1 + Math.floor(rnd() * (n - 1))) % n;
      const relationship = pick(RELATIONSHIPS);
      const [low, high] = strengthRange(relationship);
      return {
        mappingSetId: pick(['m1', 'm2']),
        sourceId: ids[s],
        targetId: ids[t],
        relationship,
        rationale: pick([...RATIONALES.slice(0, 2), null]),
        strength: low + Math.floor(rnd() * (high - low + 1)),
      };
    }),
  });
  return { graph, ids };
}

/** A spec's reading of `t` when `s` is directly satisfied (FULL unless told) and joined to it by the given edges. */
export type Through = (
  edges: TinyEdge[],
  coverage?: 'FULL' | 'PARTIAL',
) => { t: { status: string; weight: number; inferred: boolean } };

/**
 * The one-hop cases of DESIGN 2 as tests, for each status engine to run against its own `through`: requirementStatus
 * and frameworkStatus must read a single edge alike, so they share one table rather than keep two in step.
 */
export function itReadsOneHop(through: Through): void {
  it.each<[Relationship, number, 'FULL' | 'PARTIAL', string, number]>([
    ['EQUAL', 10, 'FULL', 'FULL', 1],
    ['SUPERSET_OF', 3, 'FULL', 'FULL', 1],
    ['SUBSET_OF', 7, 'FULL', 'PARTIAL', 0.7],
    ['INTERSECTS_WITH', 4, 'FULL', 'PARTIAL', 0.4],
    ['NOT_RELATED', 0, 'FULL', 'NONE', 0],
    ['EQUAL', 10, 'PARTIAL', 'PARTIAL', 0.5],
    ['SUPERSET_OF', 3, 'PARTIAL', 'PARTIAL', 0.5],
    ['SUBSET_OF', 7, 'PARTIAL', 'PARTIAL', 0.35],
    ['INTERSECTS_WITH', 4, 'PARTIAL', 'PARTIAL', 0.2],
    ['NOT_RELATED', 0, 'PARTIAL', 'NONE', 0],
  ])('stored s %s t (strength %d), s directly %s: t is %s %d', (relationship, strength, coverage, expected, weight) => {
    const { t } = through([['s', relationship, 't', strength]], coverage);
    expect(t.status).toBe(expected);
    expect(t.weight).toBeCloseTo(weight, 12);
    expect(t.inferred).toBe(false);
  });

  it.each<[Relationship, number, string, number]>([
    ['SUBSET_OF', 6, 'FULL', 1], // t ⊆ s: meeting s meets t
    ['SUPERSET_OF', 6, 'PARTIAL', 0.6], // t ⊇ s: meeting s meets only part of t
    ['EQUAL', 10, 'FULL', 1],
    ['INTERSECTS_WITH', 2, 'PARTIAL', 0.2],
    ['NOT_RELATED', 0, 'NONE', 0],
  ])('reads a stored t %s s backwards from s (strength %d): t is %s %d', (relationship, strength, expected, weight) => {
    const { t } = through([['t', relationship, 's', strength]]);
    expect(t.status).toBe(expected);
    expect(t.weight).toBeCloseTo(weight, 12);
  });
}
