/**
 * An organization's declared management systems, as the engine reads them (DESIGN 2): which frameworks one
 * management system covers. Conditional crosswalk edges (`SAME_MANAGEMENT_SYSTEM`) hold as typed only between
 * frameworks of one declared system; everywhere else they read as INTERSECTS_WITH, strength at most 9.
 */
import type { CatalogGraph } from './catalog-graph';
import type { GraphView } from './graph-view';

export interface DeclaredSystem {
  /** Framework version ids (the catalog graph's framework ids) the system covers. */
  frameworkIds: readonly string[];
}

const NS = 'graph/management-systems';

/**
 * The graph (the catalog, or the catalog with the organization's own frameworks: overlay-graph.ts) as an organization
 * with these systems reads it. A framework the graph no longer holds is ignored (the catalog may have been reloaded
 * without it); a framework declared in two systems is an error, since a standard belongs to at most one management
 * system of an organization.
 */
export function underDeclaredSystems(graph: CatalogGraph, systems: readonly DeclaredSystem[]): CatalogGraph;
export function underDeclaredSystems(graph: GraphView, systems: readonly DeclaredSystem[]): GraphView;
export function underDeclaredSystems(graph: GraphView, systems: readonly DeclaredSystem[]): GraphView {
  if (!Array.isArray(systems)) throw new Error(`${NS}: systems must be an array of { frameworkIds }`);
  const systemOf = new Int32Array(graph.frameworkCount).fill(-1);
  systems.forEach((system, s) => {
    for (const id of system.frameworkIds) {
      const f = graph.frameworkIndex(id);
      if (f < 0) continue;
      if (systemOf[f] >= 0 && systemOf[f] !== s) throw new Error(`${NS}: framework "${id}" is declared in two management systems`);
      systemOf[f] = s;
    }
  });
  return graph.underSystems(systemOf);
}
