/**
 * Test support for the graph engine's specs: tiny hand-built catalogs and tenants written in a line or two.
 * Requirement ids are their refIds (unique within one tiny catalog). Edges default to the SEMANTIC rationale and to
 * strength 10 for EQUAL, 0 for NOT_RELATED and 5 otherwise; each framework pair gets its own mapping set `A->B`.
 * Not used by production code.
 */
import { CatalogGraph } from './catalog-graph';
import type { Rationale, Relationship } from './relationship';
import { type ControlStatus, type LinkCoverage, type TenantState, tenantState } from './tenant-state';

export type TinyRequirement = string | { ref: string; parent?: string; assessable?: boolean; title?: string };
/** [source, relationship, target, strength?, rationale?, mapping set key?] */
export type TinyEdge = [string, Relationship, string, number?, (Rationale | null)?, string?];

export function tinyCatalog(frameworks: Record<string, TinyRequirement[]>, edges: TinyEdge[] = []): CatalogGraph {
  const frameworkOf = new Map<string, string>();
  const requirements = Object.entries(frameworks).flatMap(([framework, list]) =>
    list.map((entry) => {
      const { ref, parent, assessable, title } = typeof entry === 'string' ? { ref: entry } : entry;
      frameworkOf.set(ref, framework);
      return { id: ref, frameworkId: framework, refId: ref, title: title ?? `Title of ${ref}`, assessable: assessable ?? true, parentId: parent ?? null };
    }),
  );
  const mappingSets = new Map<string, { id: string; key: string }>();
  const catalogEdges = edges.map(([sourceId, relationship, targetId, strength, rationale, key]) => {
    const setKey = key ?? `${frameworkOf.get(sourceId)}->${frameworkOf.get(targetId)}`;
    if (!mappingSets.has(setKey)) mappingSets.set(setKey, { id: `ms:${setKey}`, key: setKey });
    const defaultStrength = relationship === 'EQUAL' ? 10 : relationship === 'NOT_RELATED' ? 0 : 5;
    return {
      mappingSetId: `ms:${setKey}`,
      sourceId,
      targetId,
      relationship,
      rationale: rationale === undefined ? ('SEMANTIC' as const) : rationale,
      strength: strength ?? defaultStrength,
    };
  });
  return new CatalogGraph({
    frameworks: Object.keys(frameworks).map((id) => ({ id, code: id, version: '1' })),
    requirements,
    mappingSets: [...mappingSets.values()],
    edges: catalogEdges,
  });
}

/** [control id, requirement id, coverage, control status (default IMPLEMENTED)] */
export type TinyLink = [string, string, LinkCoverage, ControlStatus?];

/** A tenant whose controls are exactly those the links name; a control named twice keeps its first status. */
export function tinyTenant(graph: CatalogGraph, links: TinyLink[], excluded: string[] = []): TenantState {
  const controls = new Map<string, ControlStatus>();
  for (const [controlId, , , status] of links) if (!controls.has(controlId)) controls.set(controlId, status ?? 'IMPLEMENTED');
  return tenantState(graph, {
    controls: [...controls].map(([id, status]) => ({ id, code: id.toUpperCase(), status })),
    links: links.map(([controlId, requirementId, coverage]) => ({ controlId, requirementId, coverage })),
    excludedRequirementIds: excluded,
  });
}

/** The index of a requirement id, failing loudly when the tiny catalog has none. */
export function at(graph: CatalogGraph, id: string): number {
  const index = graph.requirementIndex(id);
  if (index < 0) throw new Error(`no requirement ${id}`);
  return index;
}
