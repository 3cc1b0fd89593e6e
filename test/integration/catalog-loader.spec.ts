/** Loading mappings/ into PostgreSQL: idempotent, keyed on stable IDs, and all-or-nothing. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { loadCatalog, MappingValidationError } from '../../src/mappings/catalog-loader';
import { CatalogInUseError } from '../../src/mappings/catalog-writer';
import { createTestDatabase, tableChecksum, type TestDatabase } from '../support/database';
import { plantOwnFramework } from '../support/own-catalog';

const CATALOG_TABLES = ['framework', 'requirement', 'mapping_set', 'crosswalk_edge', 'catalog_state'];
const SHIPPED = path.resolve('mappings');

let db: TestDatabase;
let dataSource: DataSource;
let dir: string;

function copyShipped(): string {
  const target = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-mappings-'));
  fs.cpSync(SHIPPED, target, { recursive: true });
  return target;
}

function edit(file: string, change: (text: string) => string): void {
  const full = path.join(dir, file);
  fs.writeFileSync(full, change(fs.readFileSync(full, 'utf8')));
}

beforeEach(async () => {
  db = await createTestDatabase({ catalog: false });
  dataSource = new DataSource(dataSourceOptions(db.url));
  await dataSource.initialize();
  dir = copyShipped();
});
afterEach(async () => {
  await dataSource.destroy();
  await db.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('loads the shipped catalog, then finds nothing to do on a second load', async () => {
  const first = await loadCatalog(dataSource, dir);
  expect(first).toMatchObject({ changed: true, catalogVersion: 1 });
  const [counts] = await db.query(`SELECT
      (SELECT count(*)::int FROM framework) AS frameworks, (SELECT count(*)::int FROM requirement) AS requirements,
      (SELECT count(*)::int FROM crosswalk_edge) AS edges, (SELECT count(*)::int FROM requirement WHERE parent_id IS NOT NULL) AS nested`);
  expect(counts).toEqual({ frameworks: first.counts!.frameworks, requirements: first.counts!.requirements, edges: first.counts!.edges, nested: expect.any(Number) });
  expect(counts.frameworks).toBeGreaterThanOrEqual(3);
  // The AI-role tags arrive as written: every ISO 42001 Annex A control tagged, every clause untagged.
  const roles: Array<{ kind: string; tagged: number; untagged: number }> = await db.query(
    `SELECT r.kind, count(*) FILTER (WHERE r.ai_roles IS NOT NULL AND r.role_note IS NOT NULL)::int AS tagged, count(*) FILTER (WHERE r.ai_roles IS NULL)::int AS untagged
       FROM requirement r JOIN framework f ON f.id = r.framework_id WHERE f.code = 'ISO42001' AND r.kind IN ('clause', 'control') GROUP BY r.kind ORDER BY r.kind`,
  );
  expect(roles).toEqual([{ kind: 'clause', tagged: 0, untagged: expect.any(Number) }, { kind: 'control', tagged: 38, untagged: 0 }]);
  const [a612] = await db.query(`SELECT r.ai_roles AS "aiRoles" FROM requirement r JOIN framework f ON f.id = r.framework_id WHERE f.code = 'ISO42001' AND r.ref_id = 'A.6.1.2'`);
  expect(a612).toEqual({ aiRoles: ['AI_PRODUCER'] });

  const before = await tableChecksum(db, CATALOG_TABLES);
  const second = await loadCatalog(dataSource, dir);
  expect(second).toMatchObject({ changed: false, catalogVersion: 1, contentHash: first.contentHash });
  expect(await tableChecksum(db, CATALOG_TABLES)).toBe(before);
});

it('keeps requirement IDs across a reload that changes titles, drops a requirement and rewrites edges', async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-fixture-'));
  fs.cpSync(path.resolve('test/fixtures/mappings'), dir, { recursive: true });
  await loadCatalog(dataSource, dir);
  const idOf = async (code: string, refId: string) =>
    (await db.query<{ id: string }>(`SELECT r.id FROM requirement r JOIN framework f ON f.id = r.framework_id WHERE f.code = $1 AND r.ref_id = $2`, [code, refId]))[0]?.id;
  const first = await idOf('FA', '1.1');
  const dropped = await idOf('FB', 'X.2');
  expect(first).toBeDefined();
  expect(dropped).toBeDefined();

  edit('frameworks/fa-1.yaml', (text) => text.replace('title: "First"', 'title: "First (renamed)"'));
  edit('frameworks/fb-1.yaml', (text) => text.replace(/ {2}- id: "X\.2"\n( {4}.*\n)+/, ''));
  edit('crosswalks/fa-1__fb-1.yaml', (text) => text.replace(/ {2}- source: "1\.1"\n {4}target: "X\.2"\n( {4}.*\n)+/, '').replace('strength: 7', 'strength: 6'));
  const result = await loadCatalog(dataSource, dir);

  expect(result).toMatchObject({ changed: true, catalogVersion: 2, counts: { edges: 3 } });
  expect(await idOf('FA', '1.1')).toBe(first);
  expect(await idOf('FB', 'X.2')).toBeUndefined();
  const [renamed] = await db.query<{ title: string }>(`SELECT title FROM requirement WHERE id = $1`, [first]);
  expect(renamed.title).toBe('First (renamed)');
  const edges = await db.query<{ target: string; strength: number }>(
    `SELECT t.ref_id AS target, e.strength FROM crosswalk_edge e JOIN requirement t ON t.id = e.target_requirement_id WHERE e.source_requirement_id = $1 ORDER BY 1`,
    [first],
  );
  expect(edges).toEqual([{ target: 'X.1', strength: 6 }]);
});

describe('a bad file leaves the database exactly as it was', () => {
  let before: string;
  beforeEach(async () => {
    await loadCatalog(dataSource, dir);
    before = await tableChecksum(db, CATALOG_TABLES);
  });

  it('malformed YAML: a precise error naming file and line', async () => {
    edit('frameworks/iso42001-2023.yaml', (text) => text.replace('  - id: "4.1"\n', '  - id: "4.1\n'));
    const error = await loadCatalog(dataSource, dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MappingValidationError);
    const problem = (error as MappingValidationError).errors[0];
    expect(problem.file).toBe('frameworks/iso42001-2023.yaml');
    expect(problem.line).toBeGreaterThan(20);
    expect(problem.message).toMatch(/^YAML: /);
    expect((error as Error).message).toContain(`frameworks/iso42001-2023.yaml:${problem.line}`);
    expect(await tableChecksum(db, CATALOG_TABLES)).toBe(before);
  });

  it('a dangling edge: the file, the path and the offending value', async () => {
    edit('crosswalks/iso27001-2022__iso42001-2023.yaml', (text) => text.replace('- source: "4.2"', '- source: "4.99"'));
    const error = (await loadCatalog(dataSource, dir).catch((e: unknown) => e)) as MappingValidationError;
    expect(error.errors).toEqual([
      expect.objectContaining({ file: 'crosswalks/iso27001-2022__iso42001-2023.yaml', path: expect.stringMatching(/^\/edges\/\d+\/source$/), value: '4.99', line: expect.any(Number) }),
    ]);
    expect(await tableChecksum(db, CATALOG_TABLES)).toBe(before);
  });

  it('a failure inside the database halfway through the write rolls everything back', async () => {
    edit('frameworks/iso27001-2022.yaml', (text) => text.replace('title: "Access control"', 'title: "Changed before the failure"'));
    await db.query(`CREATE FUNCTION refuse_edges() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'simulated failure'; END $$`);
    await db.query(`CREATE TRIGGER refuse_edges BEFORE INSERT ON crosswalk_edge FOR EACH ROW EXECUTE FUNCTION refuse_edges()`);
    await expect(loadCatalog(dataSource, dir)).rejects.toThrow('simulated failure');
    expect(await tableChecksum(db, CATALOG_TABLES)).toBe(before);
    await db.query(`DROP TRIGGER refuse_edges ON crosswalk_edge`);
  });
});

it('refuses to drop requirements and frameworks that organizations still use, and changes nothing', async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-fixture-'));
  fs.cpSync(path.resolve('test/fixtures/mappings'), dir, { recursive: true });
  await loadCatalog(dataSource, dir);
  const [org] = await db.query<{ id: string }>(`INSERT INTO organization (name) VALUES ('User') RETURNING id`);
  const [control] = await db.query<{ id: string }>(`INSERT INTO control (organization_id, code, title, status) VALUES ($1, 'C-1', 'c', 'IMPLEMENTED') RETURNING id`, [org.id]);
  await db.query(
    `INSERT INTO control_link (organization_id, control_id, requirement_id, coverage)
     SELECT $1, $2, r.id, 'FULL' FROM requirement r JOIN framework f ON f.id = r.framework_id WHERE f.code = 'FB' AND f.version = '1' AND r.ref_id = 'X.2'`,
    [org.id, control.id],
  );
  await db.query(`INSERT INTO scope (organization_id, framework_id) SELECT $1, id FROM framework WHERE code = 'FC'`, [org.id]);
  const before = await tableChecksum(db, [...CATALOG_TABLES, 'control_link', 'scope']);

  edit('frameworks/fb-1.yaml', (text) => text.replace(/ {2}- id: "X\.2"\n( {4}.*\n)+/, ''));
  edit('crosswalks/fa-1__fb-1.yaml', (text) => text.replace(/ {2}- source: "1\.1"\n {4}target: "X\.2"\n( {4}.*\n)+/, ''));
  fs.rmSync(path.join(dir, 'frameworks/fc-1.yaml'));
  fs.rmSync(path.join(dir, 'crosswalks/fc-1__fa-1.yaml'));
  const error = await loadCatalog(dataSource, dir).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(CatalogInUseError);
  expect((error as CatalogInUseError).inUse).toEqual(['FB:1 X.2 (linked or in a Statement of Applicability)', "FC:1 (in an organization's scope or management system)"]);
  expect(await tableChecksum(db, [...CATALOG_TABLES, 'control_link', 'scope'])).toBe(before);
});

it('refuses to drop a framework that only a declared management system still names', async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-fixture-'));
  fs.cpSync(path.resolve('test/fixtures/mappings'), dir, { recursive: true });
  await loadCatalog(dataSource, dir);
  await db.query(`DELETE FROM scope`);
  await db.query(`DELETE FROM control_link`);
  const [org] = await db.query<{ id: string }>(`INSERT INTO organization (name) VALUES ('Systems only') RETURNING id`);
  const [system] = await db.query<{ id: string }>(`INSERT INTO management_system (organization_id, name) VALUES ($1, 'IMS') RETURNING id`, [org.id]);
  await db.query(`INSERT INTO management_system_framework (organization_id, management_system_id, framework_id) SELECT $1, $2, id FROM framework WHERE code = 'FC'`, [org.id, system.id]);
  const before = await tableChecksum(db, [...CATALOG_TABLES, 'management_system', 'management_system_framework']);

  fs.rmSync(path.join(dir, 'frameworks/fc-1.yaml'));
  fs.rmSync(path.join(dir, 'crosswalks/fc-1__fa-1.yaml'));
  const error = await loadCatalog(dataSource, dir).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(CatalogInUseError);
  expect((error as CatalogInUseError).inUse).toEqual(["FC:1 (in an organization's scope or management system)"]);
  expect(await tableChecksum(db, [...CATALOG_TABLES, 'management_system', 'management_system_framework'])).toBe(before);
});

it("keeps organizations' own frameworks and crosswalks through a reload, and refuses a public code an organization owns", async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-fixture-'));
  fs.cpSync(path.resolve('test/fixtures/mappings'), dir, { recursive: true });
  await loadCatalog(dataSource, dir);
  const [org] = await db.query<{ id: string }>(`INSERT INTO organization (name) VALUES ('Own') RETURNING id`);
  const own = await plantOwnFramework(db, org.id, { code: 'OWN-POL', refIds: ['P-1'], edgesTo: { framework: 'FB', version: '1', edges: [['P-1', 'X.1', 'SUBSET_OF', 6]] } });
  const ownRows = () => db.query(`SELECT 'f' AS t, id::text FROM framework WHERE organization_id IS NOT NULL UNION ALL SELECT 'r', id::text FROM requirement WHERE organization_id IS NOT NULL
    UNION ALL SELECT 'm', id::text FROM mapping_set WHERE organization_id IS NOT NULL UNION ALL SELECT 'e', id::text FROM crosswalk_edge WHERE organization_id IS NOT NULL ORDER BY 1, 2`);
  const before = await ownRows();
  expect(before).toHaveLength(4);
  // A reload that rewrites every public row (titles changed) leaves the own rows, and the own edge into FB X.1, alone.
  edit('frameworks/fb-1.yaml', (text) => text.replace(/title: "/g, 'title: "Renamed '));
  await loadCatalog(dataSource, dir);
  expect(await db.query(`SELECT title FROM requirement r JOIN framework f ON f.id = r.framework_id WHERE f.code = 'FB' AND f.version = '1' AND r.ref_id = 'X.1'`)).toEqual([{ title: 'Renamed X one' }]);
  expect(await ownRows()).toEqual(before);
  expect(await db.query(`SELECT count(*)::int AS n FROM framework WHERE organization_id IS NULL AND code = 'OWN-POL'`)).toEqual([{ n: 0 }]);

  // A release that would bring a public OWN-POL is refused: it would shadow the organization's code.
  fs.writeFileSync(path.join(dir, 'frameworks/own-pol-1.yaml'), fs.readFileSync(path.join(dir, 'frameworks/fc-1.yaml'), 'utf8').replace(/code: "?FC"?/, 'code: "OWN-POL"'));
  const checksum = await tableChecksum(db, CATALOG_TABLES);
  const error = await loadCatalog(dataSource, dir).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(CatalogInUseError);
  expect((error as CatalogInUseError).inUse).toEqual([expect.stringMatching(/^OWN-POL \(an organization's own framework has this code/)]);
  expect(await tableChecksum(db, CATALOG_TABLES)).toBe(checksum);
  expect(own.mappingSetId).not.toBeNull();
});

it('two loaders racing on an empty database: one writes, the other finds it done', async () => {
  const other = new DataSource(dataSourceOptions(db.url));
  await other.initialize();
  try {
    const results = await Promise.all([loadCatalog(dataSource, dir), loadCatalog(other, dir)]);
    expect(results.map((r) => r.changed).sort()).toEqual([false, true]);
    const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM framework`);
    expect(n).toBe(results.find((r) => r.changed)!.counts!.frameworks);
  } finally {
    await other.destroy();
  }
});
