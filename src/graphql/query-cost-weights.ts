import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { CatalogSnapshot } from '../catalog/catalog-snapshot';
import { CatalogSnapshots } from '../catalog/catalog-snapshots';
import { type CatalogShape, costWeights, pathCounts } from './cost-weights';
import type { CostWeights } from './query-cost';

/**
 * The query cost's list weights for the loaded catalog, computed from the catalog snapshot at start and again with
 * every new snapshot (a load by any process). Requests read them synchronously: no statement per request.
 */
@Injectable()
export class QueryCostWeights implements OnModuleInit, OnModuleDestroy {
  private current: { version: number; weights: CostWeights } | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly snapshots: CatalogSnapshots) {}

  async onModuleInit(): Promise<void> {
    this.unsubscribe = this.snapshots.onSnapshot((snapshot) => this.follow(snapshot));
    this.follow(await this.snapshots.get());
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }

  /** The catalog version the weights were computed at. */
  get version(): number | undefined {
    return this.current?.version;
  }

  get weights(): CostWeights {
    if (!this.current) throw new Error('query cost weights read before the module was initialised');
    return this.current.weights;
  }

  private follow(snapshot: CatalogSnapshot): void {
    if (this.current && this.current.version >= snapshot.version) return;
    this.current = { version: snapshot.version, weights: costWeights(snapshotShape(snapshot)) };
  }
}

/** The catalog's shape (cost-weights.ts), read off a snapshot's rows. */
export function snapshotShape(snapshot: CatalogSnapshot): CatalogShape {
  const { requirements, edges, frameworks, mappingSets } = snapshot.rows;
  const sources = Math.max(0, ...frameworks.map((f) => f.sources?.length ?? 0), ...mappingSets.map((s) => s.sources?.length ?? 0));
  return catalogShape(
    requirements,
    edges.map((e) => ({ sourceId: e.sourceId, targetId: e.targetId, relationship: e.relationship, evidence: e.evidence?.length ?? 0 })),
    { frameworks: frameworks.length, mappingSets: mappingSets.length, sources },
  );
}

/** Pure: the shape of a catalog given its rows. */
export function catalogShape(
  requirements: readonly { id: string; frameworkId: string; parentId: string | null; assessable: boolean }[],
  edges: readonly { sourceId: string; targetId: string; relationship: string; evidence: number }[],
  counts: { frameworks: number; mappingSets: number; sources: number | null },
): CatalogShape {
  const index = new Map(requirements.map((r, i) => [r.id, i]));
  const degrees = new Array<number>(requirements.length).fill(0);
  const containmentDegrees = new Array<number>(requirements.length).fill(0);
  const childCounts = new Array<number>(requirements.length).fill(0);
  const ends: [number, number][] = [];
  // Containment groups: union-find over the containment edges.
  const group = requirements.map((_, i) => i);
  const find = (i: number): number => {
    while (group[i] !== i) i = group[i] = group[group[i]];
    return i;
  };
  let evidencePerEdge = 0;
  for (const edge of edges) {
    const a = index.get(edge.sourceId);
    const b = index.get(edge.targetId);
    if (a === undefined || b === undefined) continue;
    degrees[a] += 1;
    degrees[b] += 1;
    if (edge.relationship === 'EQUAL' || edge.relationship === 'SUBSET_OF' || edge.relationship === 'SUPERSET_OF') {
      containmentDegrees[a] += 1;
      containmentDegrees[b] += 1;
      group[find(a)] = find(b);
    }
    ends.push([a, b]);
    evidencePerEdge = Math.max(evidencePerEdge, Number(edge.evidence));
  }
  const perFramework = new Map<string, { all: number; assessable: number; topLevel: number }>();
  const topOf = (i: number): number => {
    let at = i;
    for (let guard = 0; guard < requirements.length; guard += 1) {
      const parent = requirements[at].parentId === null ? undefined : index.get(requirements[at].parentId!);
      if (parent === undefined) return at;
      at = parent;
    }
    return at;
  };
  const subtreeOfTop = new Map<number, number>();
  requirements.forEach((r, i) => {
    const counted = perFramework.get(r.frameworkId) ?? { all: 0, assessable: 0, topLevel: 0 };
    counted.all += 1;
    if (r.assessable) counted.assessable += 1;
    const parent = r.parentId === null ? undefined : index.get(r.parentId);
    if (parent === undefined) counted.topLevel += 1;
    else childCounts[parent] += 1;
    perFramework.set(r.frameworkId, counted);
    const top = topOf(i);
    subtreeOfTop.set(top, (subtreeOfTop.get(top) ?? 0) + 1);
  });
  const paths = pathCounts(requirements.length, ends);
  const largest = (pick: (c: { all: number; assessable: number; topLevel: number }) => number) =>
    Math.max(0, ...[...perFramework.values()].map(pick));
  return {
    frameworks: counts.frameworks,
    mappingSets: counts.mappingSets,
    degrees,
    containmentDegrees,
    childCounts,
    pathsInto: paths.most,
    pathsInAll: paths.all,
    requirementsPerFramework: largest((c) => c.all),
    assessablePerFramework: largest((c) => c.assessable),
    assessableTotal: requirements.filter((r) => r.assessable).length,
    topLevelPerFramework: largest((c) => c.topLevel),
    largestSubtree: Math.max(0, ...subtreeOfTop.values()),
    largestContainmentGroup: largestGroup(requirements.length, find),
    evidencePerEdge,
    sourcesPerDocument: counts.sources ?? 0,
  };
}

function largestGroup(size: number, find: (i: number) => number): number {
  const sizes = new Map<number, number>();
  for (let i = 0; i < size; i += 1) sizes.set(find(i), (sizes.get(find(i)) ?? 0) + 1);
  return Math.max(0, ...sizes.values());
}
