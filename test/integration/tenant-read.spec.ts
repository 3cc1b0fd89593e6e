/**
 * readTenantInput, the cold tenant read (what a per-organization cache miss costs): inside the tenant's row-level-
 * security transaction it returns every part of one organization's state in the shape the engine takes, in a fixed
 * number of statements (issue 11: fewer round trips), and nothing of another organization's.
 */
import 'reflect-metadata';
import { readTenantInput } from '../../src/coverage/coverage.repository';
import { TenantDb } from '../../src/database/tenant-db';
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

beforeAll(async () => {
  db = handle.db;
  tenant = new TenantDb(handle.dataSource);
  [{ id: a }] = await db.query<{ id: string }>(`INSERT INTO organization (name) VALUES ('A') RETURNING id`);
  [{ id: b }] = await db.query<{ id: string }>(`INSERT INTO organization (name) VALUES ('B') RETURNING id`);
  [{ id: empty }] = await db.query<{ id: string }>(`INSERT INTO organization (name) VALUES ('Empty') RETURNING id`);
  frameworks = (await db.query<{ id: string }>(`SELECT id FROM framework ORDER BY code, version LIMIT 4`)).map((r) => r.id);
  requirements = (await db.query<{ id: string }>(`SELECT id FROM requirement WHERE assessable ORDER BY framework_id, position LIMIT 6`)).map((r) => r.id);
});

it("returns each part of the organization's state in three statements, controls in code order", async () => {
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
  expect(statements).toBe(3);
  expect(input.controls).toEqual([
    { id: c1, code: 'C-1', status: 'IN_PROGRESS' },
    { id: c10, code: 'C-10', status: 'PLANNED' },
    { id: c2, code: 'C-2', status: 'IMPLEMENTED' },
  ]);
  const byKey = (l: { controlId: string; requirementId: string }) => `${l.controlId} ${l.requirementId}`;
  expect([...input.links].sort((x, y) => byKey(x).localeCompare(byKey(y)))).toEqual([...links].sort((x, y) => byKey(x).localeCompare(byKey(y))));
  expect(sorted(input.excludedRequirementIds)).toEqual(sorted([requirements[2], requirements[3]]));
  expect(sorted(input.includedRequirementIds ?? [])).toEqual([requirements[4]]);
  expect(sorted(input.scope)).toEqual(sorted([frameworks[0], frameworks[1]]));
  expect(input.systems.map((s) => sorted(s.frameworkIds)).sort((x, y) => x.length - y.length)).toEqual([[frameworks[2]], sorted([frameworks[0], frameworks[1]])]);

  const seenByB = (await read(b)).input;
  expect(seenByB.controls.map((c) => c.id)).toEqual([other]);
  expect(seenByB.links).toEqual([{ controlId: other, requirementId: requirements[5], coverage: 'FULL' }]);
  expect(seenByB.excludedRequirementIds).toEqual([requirements[0]]);
  expect(seenByB.scope).toEqual([frameworks[3]]);
  expect(seenByB.systems).toEqual([{ frameworkIds: [frameworks[3]] }]);
});

it('an organization with nothing yet reads as empty lists, never nulls', async () => {
  const { input, statements } = await read(empty);
  expect(statements).toBe(3);
  expect(input).toEqual({ controls: [], links: [], excludedRequirementIds: [], includedRequirementIds: [], scope: [], systems: [] });
});
