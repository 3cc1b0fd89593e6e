import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CatalogVersionWatcher } from '../catalog/catalog-version.watcher';
import { type CatalogShape, costWeights, mostPathsInto } from './cost-weights';
import type { CostWeights } from './query-cost';

/**
 * The query cost's list weights for the loaded catalog, read once at start and again whenever CatalogVersionWatcher
 * reports a new catalog version (a load by any process). Requests read them synchronously: no statement per request.
 * While a refresh runs, or if one fails, the previous weights stay in use; the execution budget bounds the rest.
 */
@Injectable()
export class QueryCostWeights implements OnModuleInit, OnModuleDestroy {
  private current: { version: number; weights: CostWeights } | undefined;
  private refreshing: Promise<void> | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly watcher: CatalogVersionWatcher,
  ) {}

  async onModuleInit(): Promise<void> {
    this.unsubscribe = this.watcher.onChange((version) => {
      if (version !== undefined && version !== this.current?.version) void this.refresh().catch(() => undefined);
    });
    await this.refresh();
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }

  /** The catalog version the weights were read at. */
  get version(): number | undefined {
    return this.current?.version;
  }

  get weights(): CostWeights {
    if (!this.current) throw new Error('query cost weights read before the module was initialised');
    return this.current.weights;
  }

  /** Reads the catalog's shape again; concurrent calls share one read. */
  refresh(): Promise<void> {
    this.refreshing ??= (async () => {
      try {
        const { version, shape } = await readCatalogShape(this.db);
        this.current = { version, weights: costWeights(shape) };
      } finally {
        this.refreshing = undefined;
      }
    })();
    return this.refreshing;
  }
}

/** The catalog's shape (cost-weights.ts), read in one repeatable-read transaction so it matches one version. */
export async function readCatalogShape(db: DataSource): Promise<{ version: number; shape: CatalogShape }> {
  return db.transaction('REPEATABLE READ', async (manager) => {
    const [state] = await manager.query<{ version: number }[]>(`SELECT version FROM catalog_state WHERE id = 1`);
    const requirements = await manager.query<{ id: string; frameworkId: string; parentId: string | null; assessable: boolean }[]>(
      `SELECT id, framework_id AS "frameworkId", parent_id AS "parentId", assessable FROM requirement`,
    );
    const edges = await manager.query<{ sourceId: string; targetId: string; relationship: string; evidence: number }[]>(
      `SELECT source_requirement_id AS "sourceId", target_requirement_id AS "targetId", relationship,
              jsonb_array_length(evidence) AS evidence FROM crosswalk_edge`,
    );
    const [counts] = await manager.query<{ frameworks: number; mappingSets: number; sources: number | null }[]>(
      `SELECT (SELECT count(*) FROM framework)::int AS frameworks, (SELECT count(*) FROM mapping_set)::int AS "mappingSets",
              GREATEST((SELECT max(jsonb_array_length(sources)) FROM framework),
                       (SELECT max(jsonb_array_length(sources)) FROM mapping_set))::int AS sources`,
    );
    return { version: state?.version ?? 0, shape: catalogShape(requirements, edges, counts) };
  });
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
  const largest = (pick: (c: { all: number; assessable: number; topLevel: number }) => number) =>
    Math.max(0, ...[...perFramework.values()].map(pick));
  return {
    frameworks: counts.frameworks,
    mappingSets: counts.mappingSets,
    degrees,
    containmentDegrees,
    childCounts,
    pathsInto: mostPathsInto(requirements.length, ends),
    requirementsPerFramework: largest((c) => c.all),
    assessablePerFramework: largest((c) => c.assessable),
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
