/**
 * readTenantInput, the cold tenant read (what a per-organization cache miss costs): inside the tenant's row-level-
 * security transaction it returns every part of one organization's state in the shape the engine takes, in one
 * statement (issue 11: fewer round trips), links packed as integers (control index, requirement seq, FULL flag), and
 * nothing of another organization's. The lists it sends come from control.links, which triggers keep (migration
 * TenantReadSeqs); and the engine computes the same coverage from the packed read as from the links read as plain rows.
 */
import 'reflect-metadata';
import { CatalogSnapshot } from '../../src/catalog/catalog-snapshot';
import { readCatalogRows } from '../../src/catalog/catalog.repository';
import { readTenantInput, type TenantRead } from '../../src/coverage/coverage.repository';
import { TenantDb } from '../../src/database/tenant-db';
import { allFrameworkCoverage } from '../../src/graph/framework-coverage';
import { underDeclaredSystems } from '../../src/graph/management-systems';
import { requirementStatus } from '../../src/graph/requirement-status';
import { type TenantLink, tenantState } from '../../src/graph/tenant-state';
import { type TestDatabase, useTestDataSource } from '../support/database';

const handle = useTestDataSource({ catalog: true });
let db: TestDatabase;
let tenant: TenantDb;
let a: string;
let b: string;
let empty: string;
let frameworks: string[];
let requirements: string[];

/** The read as CoverageService runs it, with the statements it sent counted. */
async function read(organizationId: string) {
  let statements = 0;
  const input = await tenant.run(organizationId, (manager) =>
    readTenantInput((sql, params) => {
      statements += 1;
      return manager.query(sql, params);
    }, organizationId),
  );
  return { input, statements };
}

async function control(org: string, code: string, status: string): Promise<string> {
  const [{ id }] = await db.query<{ id: string }>(`INSERT INTO control (organization_id, code, title, status) VALUES ($1, $2::varchar, $2::text, $3) RETURNING id`, [org, code, status]);
  return id;
}

async function system(org: string, name: string, frameworkIds: string[]): Promise<void> {
  const [{ id }] = await db.query<{ id: string }>(`INSERT INTO management_system (organization_id, name) VALUES ($1, $2) RETURNING id`, [org, name]);
  for (const f of frameworkIds) await db.query(`INSERT INTO management_system_framework (organization_id, framework_id, management_system_id) VALUES ($1, $2, $3)`, [org, f, id]);
}

const sorted = (ids: Iterable<string>) => [...ids].sort();

/** The packed links read back as { controlId, requirementId, coverage }, through the controls read and requirement.seq. */
async function unpacked(input: TenantRead): Promise<TenantLink[]> {
  const bySeq = new Map((await db.query<{ id: string; seq: number }>(`SELECT id, seq FROM requirement`)).map((r) => [r.seq, r.id]));
  return [...input.links.control].map((c, l) => ({
    controlId: input.controls[c].id,
    requirementId: bySeq.get(input.links.requirementSeq[l])!,
    coverage: input.links.full[l] === 1 ? 'FULL' : 'PARTIAL',
  }));
}

beforeAll(async () => {
  db = handle.db;
  tenant = new TenantDb(handle.dataSource);
  [{ id: a }] = await db.query<{ id: string }>(`INSERT INTO organization (name) VALUES ('A') RETURNING id`);
  [{ id: b }] = await db.query<{ id: string }>(`INSERT INTO organization (name) VALUES ('B') RETURNING id`);
  [{ id: empty }] = await db.query<{ id: string }>(`INSERT INTO organization (name) VALUES ('Empty') RETURNING id`);
  frameworks = (await db.query<{ id: string }>(`SELECT id FROM framework ORDER BY code, version LIMIT 4`)).map((r) => r.id);
  requirements = (await db.query<{ id: string }>(`SELECT id FROM requirement WHERE assessable ORDER BY framework_id, position LIMIT 6`)).map((r) => r.id);
});

it("returns each part of the organization's state in one statement, controls in code order", async () => {
  const c2 = await control(a, 'C-2', 'IMPLEMENTED');
  const c10 = await control(a, 'C-10', 'PLANNED');
  const c1 = await control(a, 'C-1', 'IN_PROGRESS');
  const links = [
    { controlId: c2, requirementId: requirements[0], coverage: 'FULL' },
    { controlId: c2, requirementId: requirements[1], coverage: 'PARTIAL' },
    { controlId: c10, requirementId: requirements[0], coverage: 'PARTIAL' },
  ];
  for (const l of links) await db.query(`INSERT INTO control_link (organization_id, control_id, requirement_id, coverage) VALUES ($1, $2, $3, $4)`, [a, l.controlId, l.requirementId, l.coverage]);
  await db.query(`INSERT INTO applicability (organization_id, requirement_id, applicable, justification) VALUES ($1, $2, false, 'out'), ($1, $3, false, 'out'), ($1, $4, true, 'in')`, [
    a,
    requirements[2],
    requirements[3],
    requirements[4],
  ]);
  await db.query(`INSERT INTO scope (organization_id, framework_id) VALUES ($1, $2), ($1, $3)`, [a, frameworks[0], frameworks[1]]);
  await system(a, 'IMS', [frameworks[0], frameworks[1]]);
  await system(a, 'QMS', [frameworks[2]]);
  // B has rows of every kind too; none may show in A's read.
  const other = await control(b, 'C-1', 'IMPLEMENTED');
  await db.query(`INSERT INTO control_link (organization_id, control_id, requirement_id, coverage) VALUES ($1, $2, $3, 'FULL')`, [b, other, requirements[5]]);
  await db.query(`INSERT INTO applicability (organization_id, requirement_id, applicable, justification) VALUES ($1, $2, false, 'B')`, [b, requirements[0]]);
  await db.query(`INSERT INTO scope (organization_id, framework_id) VALUES ($1, $2)`, [b, frameworks[3]]);
  await system(b, 'B-IMS', [frameworks[3]]);

  const { input, statements } = await read(a);
  expect(statements).toBe(1);
  expect(input.controls).toEqual([
    { id: c1, code: 'C-1', status: 'IN_PROGRESS' },
    { id: c10, code: 'C-10', status: 'PLANNED' },
    { id: c2, code: 'C-2', status: 'IMPLEMENTED' },
  ]);
  const byKey = (l: { controlId: string; requirementId: string }) => `${l.controlId} ${l.requirementId}`;
  expect((await unpacked(input)).sort((x, y) => byKey(x).localeCompare(byKey(y)))).toEqual([...links].sort((x, y) => byKey(x).localeCompare(byKey(y))));
  expect(sorted(input.excludedRequirementIds)).toEqual(sorted([requirements[2], requirements[3]]));
  expect(sorted(input.includedRequirementIds ?? [])).toEqual([requirements[4]]);
  expect(sorted(input.scope)).toEqual(sorted([frameworks[0], frameworks[1]]));
  expect(input.systems.map((s) => sorted(s.frameworkIds)).sort((x, y) => x.length - y.length)).toEqual([[frameworks[2]], sorted([frameworks[0], frameworks[1]])]);

  const seenByB = (await read(b)).input;
  expect(seenByB.controls.map((c) => c.id)).toEqual([other]);
  expect(await unpacked(seenByB)).toEqual([{ controlId: other, requirementId: requirements[5], coverage: 'FULL' }]);
  expect(seenByB.excludedRequirementIds).toEqual([requirements[0]]);
  expect(seenByB.scope).toEqual([frameworks[3]]);
  expect(seenByB.systems).toEqual([{ frameworkIds: [frameworks[3]] }]);
});

it('an organization with nothing yet reads as empty lists, never nulls', async () => {
  const { input, statements } = await read(empty);
  expect(statements).toBe(1);
  expect(input).toEqual({
    controls: [],
    ownCatalogVersion: 0,
    links: { control: new Int32Array(0), requirementSeq: new Int32Array(0), full: new Uint8Array(0) },
    excludedRequirementIds: [],
    includedRequirementIds: [],
    scope: [],
    systems: [],
  });
});

it('gives the engine the same coverage as the links read as plain rows, for every framework and maxHops 1 and 2', async () => {
  const org = (await db.query<{ id: string }>(`INSERT INTO organization (name) VALUES ('Equivalence') RETURNING id`))[0].id;
  const all = (await db.query<{ id: string }>(`SELECT id FROM requirement ORDER BY framework_id, position`)).map((r) => r.id);
  const statuses = ['IMPLEMENTED', 'IMPLEMENTED', 'PLANNED', 'IN_PROGRESS', 'NOT_APPLICABLE'];
  const controls: string[] = [];
  for (let i = 0; i < 25; i++) controls.push(await control(org, `E-${i}`, statuses[i % statuses.length]));
  // A deterministic spread: each control links every 7th requirement from its own offset, FULL or PARTIAL in turn.
  for (let i = 0; i < controls.length; i++) {
    const picked = all.filter((_, r) => r % 7 === i % 7 && (r + i) % 3 !== 0).slice(i * 3, i * 3 + 40);
    await db.query(
      `INSERT INTO control_link (organization_id, control_id, requirement_id, coverage) SELECT $1, $2, r, CASE WHEN n % 3 = 0 THEN 'PARTIAL' ELSE 'FULL' END
         FROM unnest($3::uuid[]) WITH ORDINALITY AS x(r, n)`,
      [org, controls[i], picked],
    );
  }
  await db.query(`INSERT INTO applicability (organization_id, requirement_id, applicable, justification) VALUES ($1, $2, false, 'out'), ($1, $3, false, 'out')`, [org, all[3], all[50]]);
  const catalog = new CatalogSnapshot(await readCatalogRows(handle.dataSource)).graph;
  const { input } = await read(org);
  expect(input.links.control.length).toBeGreaterThan(500);
  const rows = await db.query<TenantLink>(`SELECT control_id AS "controlId", requirement_id AS "requirementId", coverage FROM control_link WHERE organization_id = $1`, [org]);
  const graph = underDeclaredSystems(catalog, input.systems);
  const packed = tenantState(graph, input);
  const plain = tenantState(graph, { ...input, links: rows });
  expect(packed.ignoredLinks).toBe(0);
  expect(packed.linkControl.length).toBe(rows.length);
  for (const maxHops of [1, 2]) {
    const fromPacked = allFrameworkCoverage(graph, requirementStatus(graph, packed, { maxHops }));
    expect(fromPacked.some((c) => c.full > 0 && c.partial > 0)).toBe(true);
    expect(fromPacked).toEqual(allFrameworkCoverage(graph, requirementStatus(graph, plain, { maxHops })));
  }
});

describe('control.links, the links as the read sends them (triggers on control_link)', () => {
  const listed = async (org: string) =>
    Object.fromEntries((await db.query<{ code: string; links: string }>(`SELECT code, links FROM control WHERE organization_id = $1 ORDER BY code`, [org])).map((r) => [r.code, r.links]));
  const code = async (requirementId: string, coverage: 'FULL' | 'PARTIAL') =>
    String((await db.query<{ seq: number }>(`SELECT seq FROM requirement WHERE id = $1`, [requirementId]))[0].seq * 2 + (coverage === 'FULL' ? 1 : 0));
  const sortedList = (list: string) => list.split(',').filter(Boolean).sort().join(',');

  it('follows every insert, upsert, update and delete, whoever writes them, for each control a statement touches', async () => {
    const org = (await db.query<{ id: string }>(`INSERT INTO organization (name) VALUES ('Lists') RETURNING id`))[0].id;
    const x = await control(org, 'X', 'IMPLEMENTED');
    const y = await control(org, 'Y', 'PLANNED');
    expect(await listed(org)).toEqual({ X: '', Y: '' });
    await db.query(
      `INSERT INTO control_link (organization_id, control_id, requirement_id, coverage) VALUES ($1, $2, $4, 'FULL'), ($1, $2, $5, 'PARTIAL'), ($1, $3, $4, 'PARTIAL')`,
      [org, x, y, requirements[0], requirements[1]],
    );
    let lists = await listed(org);
    expect([sortedList(lists.X), lists.Y]).toEqual([[await code(requirements[0], 'FULL'), await code(requirements[1], 'PARTIAL')].sort().join(','), await code(requirements[0], 'PARTIAL')]);
    // The service's upsert (ON CONFLICT DO UPDATE) and a plain update.
    await db.query(`INSERT INTO control_link (organization_id, control_id, requirement_id, coverage) VALUES ($1, $2, $3, 'FULL') ON CONFLICT (organization_id, control_id, requirement_id) DO UPDATE SET coverage = EXCLUDED.coverage`, [org, y, requirements[0]]);
    await db.query(`UPDATE control_link SET coverage = 'FULL' WHERE organization_id = $1 AND control_id = $2 AND requirement_id = $3`, [org, x, requirements[1]]);
    lists = await listed(org);
    expect([sortedList(lists.X), lists.Y]).toEqual([[await code(requirements[0], 'FULL'), await code(requirements[1], 'FULL')].sort().join(','), await code(requirements[0], 'FULL')]);
    await db.query(`DELETE FROM control_link WHERE organization_id = $1 AND requirement_id = $2`, [org, requirements[0]]);
    expect(await listed(org)).toEqual({ X: await code(requirements[1], 'FULL'), Y: '' });
    // Deleting a control cascades to its links; the trigger then finds no control to update, and that is no error.
    await db.query(`DELETE FROM control WHERE id = $1`, [x]);
    expect(await listed(org)).toEqual({ Y: '' });
  });

  it('stays whole when two transactions add links to one control at once', async () => {
    const org = (await db.query<{ id: string }>(`INSERT INTO organization (name) VALUES ('Race') RETURNING id`))[0].id;
    const x = await control(org, 'X', 'IMPLEMENTED');
    const { Client } = await import('pg');
    const [one, two] = [new Client({ connectionString: db.url }), new Client({ connectionString: db.url })];
    await Promise.all([one.connect(), two.connect()]);
    try {
      const add = (client: InstanceType<typeof Client>, requirementId: string) =>
        client.query(`INSERT INTO control_link (organization_id, control_id, requirement_id, coverage) VALUES ($1, $2, $3, 'FULL')`, [org, x, requirementId]);
      await one.query('BEGIN');
      await two.query('BEGIN');
      await add(one, requirements[2]); // holds the control's lock until it commits
      const second = add(two, requirements[3]); // its trigger waits for that lock
      await new Promise((resolve) => setTimeout(resolve, 100));
      await one.query('COMMIT');
      await second;
      await two.query('COMMIT');
    } finally {
      await Promise.all([one.end(), two.end()]);
    }
    expect(sortedList((await listed(org)).X)).toEqual([await code(requirements[2], 'FULL'), await code(requirements[3], 'FULL')].sort().join(','));
  });
});
