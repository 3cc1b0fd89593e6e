/**
 * Migration 1795899000000-ApplicabilitySetBy: lines of the Statement of Applicability set before it take, as who set
 * them, the API key of their latest setApplicability audit event.
 */
import 'reflect-metadata';
import { MIGRATIONS } from '../../migrations';
import { runMigrations } from '../../src/database/migrate';
import { useTestDataSource } from '../support/database';

const t = useTestDataSource();

it('backfills set_by_key_id from the latest setApplicability event of each line, and leaves lines without one null', async () => {
  // Back to just before it (undoing the later migrations too), then forward again.
  const later = MIGRATIONS.length - MIGRATIONS.findIndex((m) => m.name === 'ApplicabilitySetBy1795899000000');
  expect(later).toBeLessThanOrEqual(MIGRATIONS.length);
  for (let i = 0; i < later; i += 1) await t.dataSource.undoLastMigration({ transaction: 'each' });
  const [framework] = await t.db.query<{ id: string }>(
    `INSERT INTO framework (code, version, name, publisher, kind, licence_note) VALUES ('QMS', '1', 'QMS', 'Us', 'MANAGEMENT_SYSTEM_STANDARD', 'none') RETURNING id`,
  );
  const [r1, r2, r3] = await t.db.query<{ id: string }>(
    `INSERT INTO requirement (framework_id, ref_id, title, kind, assessable, position, depth)
     SELECT $1, ref, ref, 'clause', true, n, 0 FROM unnest(ARRAY['1', '2', '3']) WITH ORDINALITY AS x(ref, n) ORDER BY n RETURNING id`,
    [framework.id],
  );
  const [org, other] = await t.db.query<{ id: string }>(`INSERT INTO organization (name) VALUES ('Acme'), ('Globex') RETURNING id`);
  const [first, second, foreign] = await t.db.query<{ id: string }>(
    `INSERT INTO api_key (organization_id, name, role, secret_hash) VALUES ($1, 'first', 'ADMIN', repeat('a', 64)), ($1, 'second', 'EDITOR', repeat('b', 64)),
       ($2, 'foreign', 'ADMIN', repeat('c', 64)) RETURNING id`,
    [org.id, other.id],
  );
  await t.db.query(
    `INSERT INTO applicability (organization_id, requirement_id, applicable, justification) VALUES ($1, $3, false, 'x'), ($1, $4, true, 'y'), ($2, $3, false, 'z')`,
    [org.id, other.id, r1.id, r2.id],
  );
  // r1: set by `first`, then by `second` (the latest wins); r2: no event; r3: an event but no line; Globex's r1: its own key.
  const event = (orgId: string, key: string, requirement: string, operation = 'setApplicability') =>
    t.db.query(`INSERT INTO audit_event (organization_id, api_key_id, operation, entity_type, entity_id) VALUES ($1, $2, $3, 'applicability', $4)`, [orgId, key, operation, requirement]);
  await event(org.id, first.id, r1.id);
  await event(org.id, second.id, r1.id);
  await event(org.id, first.id, r1.id, 'somethingElse');
  await event(org.id, first.id, r3.id);
  await event(other.id, foreign.id, r1.id);

  expect(await runMigrations(t.dataSource)).toHaveLength(later);
  const rows = await t.db.query<{ organization_id: string; requirement_id: string; set_by_key_id: string | null }>(
    `SELECT organization_id, requirement_id, set_by_key_id FROM applicability ORDER BY justification`,
  );
  expect(rows).toEqual([
    { organization_id: org.id, requirement_id: r1.id, set_by_key_id: second.id },
    { organization_id: org.id, requirement_id: r2.id, set_by_key_id: null },
    { organization_id: other.id, requirement_id: r1.id, set_by_key_id: foreign.id },
  ]);
});
