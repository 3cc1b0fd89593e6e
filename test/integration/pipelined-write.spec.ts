/**
 * TenantDb.writePipelined (StatementPipeline underneath): a tenant's write sent in one round trip. It must keep every
 * property of `write`: one transaction, row-level security, all or nothing, the kept tenant state dropped on commit
 * only; and each statement must run after the one before it has finished, so that a lock taken by one statement
 * protects what the next one reads (what linkControl's audit `before` relies on).
 */
import 'reflect-metadata';
import * as net from 'node:net';
import { jest } from '@jest/globals';
import { Client, Connection } from 'pg';
import { QueryFailedError } from 'typeorm';
import { TenantDb } from '../../src/database/tenant-db';
import { type TestDatabase, useTestDataSource } from '../support/database';

const handle = useTestDataSource({ catalog: false });
let db: TestDatabase;
let tenant: TenantDb;
const invalidated: string[] = [];
let a: string;
let b: string;

beforeAll(async () => {
  db = handle.db;
  tenant = new TenantDb(handle.dataSource, { invalidate: (organizationId: string) => void invalidated.push(organizationId) });
  [{ id: a }] = await db.query<{ id: string }>(`INSERT INTO organization (name) VALUES ('A') RETURNING id`);
  [{ id: b }] = await db.query<{ id: string }>(`INSERT INTO organization (name) VALUES ('B') RETURNING id`);
  for (const [org, code] of [[a, 'A-1'], [a, 'A-2'], [b, 'B-1']]) {
    await db.query(`INSERT INTO control (organization_id, code, title, status) VALUES ($1, $2::varchar, $2::text, 'IMPLEMENTED')`, [org, code]);
  }
});
beforeEach(() => void (invalidated.length = 0));

it("gives each statement's rows in order, typed, with real parameters, as the tenant and only the tenant", async () => {
  const [params, controls, who] = await tenant.writePipelined(a, [
    { sql: `SELECT $1::int AS n, $2::jsonb AS j, $3::text AS t, $4::text AS quote`, params: [7, '{"x":[1]}', null, `it's; COMMIT`] },
    { sql: `SELECT code FROM control ORDER BY code` },
    { sql: `SELECT current_user AS "user", current_setting('crosswalk.organization_id') AS org` },
  ]);
  expect(params.rows).toEqual([{ n: 7, j: { x: [1] }, t: null, quote: `it's; COMMIT` }]);
  expect(controls.rows.map((r) => r.code)).toEqual(['A-1', 'A-2']); // no WHERE: row-level security filters
  expect(who.rows).toEqual([{ user: 'crosswalk_app', org: a }]);
  expect(invalidated).toEqual([a]);
  // The settings ended with the transaction: the pooled connection is back to its own role.
  const [after] = await handle.dataSource.query(`SELECT current_user AS "user", current_setting('crosswalk.organization_id', true) AS org`);
  expect(after.user).not.toBe('crosswalk_app');
  expect(after.org ?? '').toBe('');
});

it('commits its statements together, and sends them, with BEGIN and COMMIT, in one write to the socket', async () => {
  await tenant.run(a, async () => undefined); // the pool's connection is open before counting
  // What reaches the kernel: a socket's _write sends one chunk, _writev the chunks buffered while it was corked.
  const socket = net.Socket.prototype as unknown as Record<'_write' | '_writev', (...args: unknown[]) => void>;
  const write = jest.spyOn(socket, '_write');
  const writev = jest.spyOn(socket, '_writev');
  try {
    const [inserted] = await tenant.writePipelined(a, [
      { sql: `UPDATE control SET title = 'pipelined' WHERE code = 'A-1' RETURNING code` },
      { sql: `INSERT INTO audit_event (organization_id, operation, entity_type, entity_id) VALUES ($1, 'pipelined', 'control', 'A-1')`, params: [a] },
    ]);
    expect(inserted.rows).toEqual([{ code: 'A-1' }]);
    // BEGIN, the settings, both statements and COMMIT (Parse, Bind, Describe, Execute each) and one Sync: one write.
    // `write` sends one per statement and waits for each answer (four here, five with ROLLBACK's).
    expect(write.mock.calls.length + writev.mock.calls.length).toBe(1);
    // Bind, Describe and Execute for each of the five, a Parse for those not prepared on this connection yet, and Sync.
    expect((writev.mock.calls[0][0] as unknown[]).length).toBeGreaterThanOrEqual(5 * 3 + 1);
  } finally {
    write.mockRestore();
    writev.mockRestore();
  }
  expect(await db.query(`SELECT title FROM control WHERE code = 'A-1'`)).toEqual([{ title: 'pipelined' }]);
  expect(await db.query(`SELECT count(*)::int AS n FROM audit_event WHERE operation = 'pipelined'`)).toEqual([{ n: 1 }]);
});

it('is all or nothing: a failing statement undoes the ones before it, skips the ones after, and keeps the tenant state', async () => {
  const before = await db.query(`SELECT code, title FROM control ORDER BY code`);
  const failure = tenant.writePipelined(a, [
    { sql: `UPDATE control SET title = 'lost' WHERE code = 'A-2'` },
    { sql: `SELECT 1 / $1::int AS boom`, params: [0] },
    { sql: `INSERT INTO audit_event (organization_id, operation, entity_type, entity_id) VALUES ($1, 'skipped', 'control', 'A-2')`, params: [a] },
  ]);
  await expect(failure).rejects.toBeInstanceOf(QueryFailedError);
  await expect(failure).rejects.toMatchObject({ driverError: { code: '22012' } });
  expect(await db.query(`SELECT code, title FROM control ORDER BY code`)).toEqual(before);
  expect(await db.query(`SELECT count(*)::int AS n FROM audit_event WHERE operation = 'skipped'`)).toEqual([{ n: 0 }]);
  expect(invalidated).toEqual([]);
  // The connection went back to the pool outside any transaction: every connection in it still works.
  const again = await Promise.all(Array.from({ length: 12 }, () => tenant.writePipelined(a, [{ sql: `SELECT count(*)::int AS n FROM control` }])));
  expect(again.map(([r]) => r.rows[0].n)).toEqual(Array(12).fill(2));
});

it("refuses, like write, to put a row into another tenant", async () => {
  await expect(
    tenant.writePipelined(a, [{ sql: `INSERT INTO control (organization_id, code, title, status) VALUES ($1, 'X', 'x', 'PLANNED')`, params: [b] }]),
  ).rejects.toThrow(/row-level security/);
  expect(await db.query(`SELECT count(*)::int AS n FROM control WHERE code = 'X'`)).toEqual([{ n: 0 }]);
  await expect(tenant.writePipelined('not-a-uuid', [{ sql: 'SELECT 1' }])).rejects.toThrow(/not a uuid/);
});

it('runs each statement after the one before it is done: a read after a lock sees what the lock waited for', async () => {
  // Another transaction changes A-1 and holds its row lock for a while.
  const [{ title: before }] = await db.query<{ title: string }>(`SELECT title FROM control WHERE code = 'A-1'`);
  const other = new Client({ connectionString: db.url });
  await other.connect();
  try {
    await other.query(`BEGIN`);
    await other.query(`UPDATE control SET title = 'changed while locked' WHERE code = 'A-1'`);
    const lockThenRead = tenant.writePipelined(a, [
      { sql: `SELECT title FROM control WHERE code = 'A-1' FOR UPDATE` },
      { sql: `SELECT title FROM control WHERE code = 'A-1'` },
    ]);
    // The same two in ONE statement (the lock folded into a CTE): its snapshot is older than the lock it waits for.
    const folded = tenant.writePipelined(a, [
      { sql: `WITH locked AS (SELECT 1 FROM control WHERE code = 'A-1' FOR UPDATE) SELECT (SELECT title FROM control WHERE code = 'A-1') AS title FROM locked` },
    ]);
    let settled = false;
    void lockThenRead.finally(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(settled).toBe(false); // waiting for the lock
    await other.query(`COMMIT`);
    const [locked, read] = await lockThenRead;
    expect(locked.rows).toEqual([{ title: 'changed while locked' }]);
    expect(read.rows).toEqual([{ title: 'changed while locked' }]);
    expect((await folded)[0].rows).toEqual([{ title: before }]);
  } finally {
    await other.end();
    await db.query(`UPDATE control SET title = code`);
  }
});

it("crosswalk_lock_control locks the tenant's own control, and fails the whole write for another tenant's or none", async () => {
  const [{ id: mine }] = await db.query<{ id: string }>(`SELECT id FROM control WHERE code = 'A-1'`);
  const [{ id: theirs }] = await db.query<{ id: string }>(`SELECT id FROM control WHERE code = 'B-1'`);
  const audit = (operation: string) => ({ sql: `INSERT INTO audit_event (organization_id, operation, entity_type, entity_id) VALUES ($1, $2, 'control', 'x')`, params: [a, operation] });
  const [locked] = await tenant.writePipelined(a, [{ sql: 'SELECT crosswalk_lock_control($1, $2)', params: [a, mine] }, audit('locked')]);
  expect(locked.rows).toHaveLength(1);
  for (const [org, id] of [[a, theirs], [b, mine], [a, '00000000-0000-4000-8000-000000000000']]) {
    await expect(tenant.writePipelined(org, [{ sql: 'SELECT crosswalk_lock_control($1, $2)', params: [org, id] }, audit('not locked')]))
      .rejects.toMatchObject({ driverError: { code: 'CW404' } });
  }
  expect(await db.query(`SELECT operation, count(*)::int AS n FROM audit_event WHERE entity_id = 'x' GROUP BY 1`)).toEqual([{ operation: 'locked', n: 1 }]);
});

describe('named statements', () => {
  /** Parse messages sent while `work` runs (pg's Connection sends one per statement it has the server parse). */
  async function parsesDuring<T>(work: () => Promise<T>): Promise<{ result: T; parses: string[] }> {
    const parse = jest.spyOn(Connection.prototype, 'parse');
    try {
      const result = await work();
      return { result, parses: parse.mock.calls.map(([query]) => (query as unknown as { name?: string }).name ?? '') };
    } finally {
      parse.mockRestore();
    }
  }

  it('are parsed once per connection, then only bound and executed', async () => {
    const count = { sql: `SELECT count(*)::int AS n FROM control`, name: 'test_count_controls' };
    const first = await parsesDuring(() => tenant.writePipelined(a, [count]));
    expect(first.parses).toContain('test_count_controls');
    // The pool hands back the connection it just took (its idle list is last in, first out).
    const second = await parsesDuring(() => tenant.writePipelined(a, [count]));
    expect(second.parses).toEqual(['', '']); // BEGIN and COMMIT, unnamed; the settings are prepared too
    expect(second.result[0].rows).toEqual([{ n: 2 }]);
  });

  it("keep no tenant's rows in their plans: one prepared under A answers B with B's rows, past the generic-plan switch", async () => {
    const codes = { sql: `SELECT code FROM control ORDER BY code`, name: 'test_codes' };
    for (let i = 0; i < 8; i += 1) {
      const [ofA] = await tenant.writePipelined(a, [codes]);
      const [ofB] = await tenant.writePipelined(b, [codes]);
      expect([ofA.rows.map((r) => r.code), ofB.rows.map((r) => r.code)]).toEqual([['A-1', 'A-2'], ['B-1']]);
    }
  });

  it('survive a failing pipeline: those before the failure stay prepared, the failed one is prepared afresh', async () => {
    const before = { sql: `SELECT 1 AS one`, name: 'test_before_failure' };
    const divide = { sql: `SELECT 10 / $1::int AS q`, name: 'test_divide' };
    await expect(tenant.writePipelined(a, [before, { ...divide, params: [0] }])).rejects.toMatchObject({ driverError: { code: '22012' } });
    const again = await parsesDuring(() => tenant.writePipelined(a, [before, { ...divide, params: [5] }]));
    expect(again.result.map((r) => r.rows)).toEqual([[{ one: 1 }], [{ q: 2 }]]);
    expect(again.parses).toEqual(['', 'test_divide', '']); // the settings and test_before_failure were kept
    // A name reused for another text is refused before anything is sent, and the connection stays usable.
    await expect(tenant.writePipelined(a, [{ sql: `SELECT 2 AS two`, name: 'test_before_failure' }])).rejects.toThrow(/prepared for another statement/);
    expect((await tenant.writePipelined(a, [before]))[0].rows).toEqual([{ one: 1 }]);
  });
});
