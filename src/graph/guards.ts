/**
 * Argument guards shared by the engine's functions. Each throws a plain Error whose message starts with the calling
 * function's namespace (`graph/requirement-status: ...`), names the argument and says what would be accepted.
 */
import type { GraphView } from './graph-view';

/** Composition beyond three hops compounds judgement calls faster than it adds coverage; the engine stops there. */
export const MAX_HOPS_LIMIT = 3;

export function checkMaxHops(namespace: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_HOPS_LIMIT) {
    throw new Error(`${namespace}: maxHops must be an integer from 1 to ${MAX_HOPS_LIMIT}, got ${String(value)}`);
  }
  return value;
}

export function checkGraph(namespace: string, graph: GraphView): void {
  if (!graph || typeof graph.requirementCount !== 'number' || typeof graph.halfEdgeStart !== 'function') {
    throw new Error(`${namespace}: the first argument must be a CatalogGraph or an OverlayGraph`);
  }
}

export function checkFrameworkIndex(namespace: string, graph: GraphView, value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value >= graph.frameworkCount) {
    throw new Error(`${namespace}: ${name} must be a framework index from 0 to ${graph.frameworkCount - 1}, got ${String(value)}`);
  }
  return value;
}

/** A list of distinct framework indexes. */
export function checkFrameworkIndexes(namespace: string, graph: GraphView, values: unknown, name: string): number[] {
  if (!Array.isArray(values)) throw new Error(`${namespace}: ${name} must be an array of framework indexes`);
  const seen = new Set<number>();
  for (const value of values) {
    checkFrameworkIndex(namespace, graph, value, name);
    if (seen.has(value)) throw new Error(`${namespace}: ${name} lists framework ${value} twice`);
    seen.add(value);
  }
  return values as number[];
}

export function checkRequirementIndex(namespace: string, graph: GraphView, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value >= graph.requirementCount) {
    throw new Error(`${namespace}: requirementIndex must be from 0 to ${graph.requirementCount - 1}, got ${String(value)}`);
  }
  return value;
}
