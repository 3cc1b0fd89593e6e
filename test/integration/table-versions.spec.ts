/**
 * tableVersions, the hostile-input suite's "nothing changed" check, sees every committed insert, update and delete,
 * even one that leaves the content as it was, and nothing else: a row lock and a rolled-back write leave it alone.
 */
import { Client } from 'pg';
import { createTestDatabase, tableVersions, type TestDatabase } from '../support/database';

let db: TestDatabase;
let org: string;
const TABLES = ['control'];

beforeAll(async () => {
  db = await createTestDatabase({ catalog: false });
  [{ id: org }] = await db.query<{ id: string }>(`INSERT INTO organization (name) VALUES ('Versions') RETURNING id`);
  await db.query(`INSERT INTO control (organization_id, code, title, status) VALUES ($1, 'V-1', 'One', 'PLANNED'), ($1, 'V-2', 'Two', 'PLANNED')`, [org]);
});
afterAll(() => db?.drop());

it('changes with an insert, an update (also to the same values) and a delete', async () => {
  let before = await tableVersions(db, TABLES);
  await db.query(`INSERT INTO control (organization_id, code, title, status) VALUES ($1, 'V-3', 'Three', 'PLANNED')`, [org]);
  expect(await tableVersions(db, TABLES)).not.toBe(before);
  before = await tableVersions(db, TABLES);
  await db.query(`UPDATE control SET title = title WHERE organization_id = $1 AND code = 'V-1'`, [org]);
  expect(await tableVersions(db, TABLES)).not.toBe(before);
  before = await tableVersions(db, TABLES);
  await db.query(`DELETE FROM control WHERE organization_id = $1 AND code = 'V-3'`, [org]);
  expect(await tableVersions(db, TABLES)).not.toBe(before);
});

it('stays the same for reads, row locks and rolled-back writes', async () => {
  const before = await tableVersions(db, TABLES);
  await db.query(`SELECT * FROM control WHERE organization_id = $1`, [org]);
  const client = new Client({ connectionString: db.url });
  await client.connect();
  try {
    await client.query('BEGIN');
    expect((await client.query(`SELECT 1 FROM control WHERE organization_id = $1 FOR UPDATE`, [org])).rowCount).toBe(2);
    await client.query('COMMIT');
    await client.query('BEGIN');
    expect((await client.query(`UPDATE control SET title = 'Changed' WHERE organization_id = $1`, [org])).rowCount).toBe(2);
    expect((await client.query(`DELETE FROM control WHERE organization_id = $1 AND code = 'V-2'`, [org])).rowCount).toBe(1);
    await client.query('ROLLBACK');
  } finally {
    await client.end();
  }
  expect(await tableVersions(db, TABLES)).toBe(before);
});
