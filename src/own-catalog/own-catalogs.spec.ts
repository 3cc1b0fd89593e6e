import { CatalogSnapshot, type CatalogRows } from '../catalog/catalog-snapshot';
import type { Query } from '../catalog/catalog.repository';
import type { Framework } from '../catalog/models/framework.model';
import type { Requirement } from '../catalog/models/requirement.model';
import type { EdgeRow, MappingSetRow } from '../crosswalks/crosswalk-rows';
import type { TenantDb } from '../database/tenant-db';
import { OwnCatalogs } from './own-catalogs';

const framework = (id: string, code: string, own = false): Framework =>
  ({ id, code, version: '1', name: code, publisher: 'P', kind: 'CONTROL_CATALOG', description: null, licenceNote: 'n', sources: [], own }) as unknown as Framework;
const requirement = (id: string, frameworkId: string, refId: string, position: number, seq: number): Requirement & { seq: number } => ({
  id, frameworkId, refId, position, parentId: null, title: refId, text: null, kind: 'control', assessable: true, hsClause: null, depth: 0, seq,
});
const publicRows: CatalogRows = {
  version: 3,
  frameworks: [framework('fp', 'PUB')],
  requirements: [requirement('p1', 'fp', 'P.1', 0, 1), requirement('p2', 'fp', 'P.2', 1, 2)],
  mappingSets: [],
  edges: [],
};
const snapshot = new CatalogSnapshot(publicRows);
const ownRows = {
  frameworks: [framework('fo', 'OWN', true)],
  requirements: [requirement('o1', 'fo', 'O.1', 0, 10)],
  mappingSets: [{ id: 'so', key: 'own__pub', name: 'own', description: null, sourceFrameworkId: 'fo', targetFrameworkId: 'fp', method: 'human', status: 'draft', author: 'a', publishedOn: '2026-01-01', licence: 'own', comprehensive: false, sources: [], sourceFile: 'x', organizationId: 'org', oscal: null } as unknown as MappingSetRow],
  edges: [{ mappingSetId: 'so', sourceId: 'o1', targetId: 'p1', relationship: 'SUBSET_OF', rationale: null, strength: 7, note: null, evidence: [], condition: null, position: 0 } as EdgeRow],
};

/** A query that answers the version read and the four row reads, counting what it was asked. */
function fakeQuery(version: { value: number }, asked: string[]): Query {
  return (async (sql: string) => {
    asked.push(sql.trim().split(/\s+/).slice(0, 6).join(' '));
    if (sql.includes('own_catalog_version')) return [{ v: version.value }];
    if (sql.includes('FROM framework')) return ownRows.frameworks;
    if (sql.includes('FROM requirement')) return ownRows.requirements;
    if (sql.includes('FROM mapping_set')) return ownRows.mappingSets;
    if (sql.includes('FROM crosswalk_edge')) return ownRows.edges;
    throw new Error(`unexpected ${sql}`);
  }) as Query;
}

const catalogs = () => new OwnCatalogs({} as TenantDb, 1024 * 1024);

it('costs an organization without own rows one version read and no overlay', async () => {
  const asked: string[] = [];
  const tenant = await catalogs().read(fakeQuery({ value: 0 }, asked), 'org', snapshot);
  expect(asked).toHaveLength(1);
  expect(tenant.own.isEmpty).toBe(true);
  expect(tenant.graph).toBe(snapshot.graph);
  expect(tenant.frameworks).toBe(snapshot.frameworks);
});

it('builds the overlay once per version, and again when the version moves or the public snapshot changes', async () => {
  const own = catalogs();
  const version = { value: 4 };
  const asked: string[] = [];
  const first = await own.read(fakeQuery(version, asked), 'org', snapshot);
  expect(first.graph.frameworkCount).toBe(2);
  expect(first.graph.frameworkIsPrivate(1)).toBe(true);
  expect(first.resolveFramework('OWN', 'framework').id).toBe('fo');
  expect(first.requirementByRef('fo', 'O.1')?.id).toBe('o1');
  expect(first.requirementByRef('fp', 'P.2')?.id).toBe('p2');
  const reads = asked.length;
  const again = await own.read(fakeQuery(version, asked), 'org', snapshot);
  expect(again.own).toBe(first.own);
  expect(asked.length).toBe(reads + 1); // the version only
  // Given the version by the tenant read, not even that.
  expect((await own.read(fakeQuery(version, asked), 'org', snapshot, 4)).own).toBe(first.own);
  expect(asked.length).toBe(reads + 1);
  version.value = 5;
  const moved = await own.read(fakeQuery(version, asked), 'org', snapshot);
  expect(moved.own).not.toBe(first.own);
  expect(moved.own.version).toBe(5);
  const reloaded = new CatalogSnapshot({ ...publicRows, version: 4 });
  const rebuilt = await own.read(fakeQuery(version, asked), 'org', reloaded);
  expect(rebuilt.own).not.toBe(moved.own);
  expect(rebuilt.own.basis).toBe(reloaded);
});

it('shares one load between concurrent requests of one organization', async () => {
  const own = catalogs();
  const asked: string[] = [];
  const [x, y] = await Promise.all([own.read(fakeQuery({ value: 2 }, asked), 'org', snapshot, 2), own.read(fakeQuery({ value: 2 }, asked), 'org', snapshot, 2)]);
  expect(x.own).toBe(y.own);
  expect(asked.filter((sql) => sql.startsWith('SELECT id, code'))).toHaveLength(1);
});

it('resolves public references without reading the own catalog, and own ones through it', async () => {
  let loaded = 0;
  const own = new OwnCatalogs({ run: async () => { loaded += 1; return { own: { isEmpty: true } }; } } as unknown as TenantDb);
  expect(await own.resolving('org', snapshot, ['PUB', 'PUB:1', 'not a ref!'])).toBe(snapshot);
  expect(loaded).toBe(0);
  await own.resolving('org', snapshot, ['PUB', 'OWN']);
  expect(loaded).toBe(1);
});
