/** The database itself refuses catalog rows that break the rules, whatever code writes them. */
import { createTestDatabase, type TestDatabase } from '../support/database';

let db: TestDatabase;
let setId: string;
let a: string;
let b: string;

beforeAll(async () => {
  db = await createTestDatabase({ catalog: false });
  const [fw] = await db.query<{ id: string }>(
    `INSERT INTO framework (code, version, name, publisher, kind, licence_note) VALUES ('T', '1', 'Test', 'Us', 'RISK_FRAMEWORK', 'none') RETURNING id`,
  );
  const reqs = await db.query<{ id: string }>(
    `INSERT INTO requirement (framework_id, ref_id, title, kind, assessable, position, depth)
     VALUES ($1, 'a', 'A', 'control', true, 0, 0), ($1, 'b', 'B', 'control', true, 1, 0) RETURNING id`,
    [fw.id],
  );
  [a, b] = reqs.map((r) => r.id);
  const [set] = await db.query<{ id: string }>(
    `INSERT INTO mapping_set (key, name, source_framework_id, target_framework_id, method, status, author, published_on, licence, comprehensive, source_file)
     VALUES ('t', 'T', $1, $1, 'human', 'draft', 'me', '2026-01-01', 'x', false, 'f') RETURNING id`,
    [fw.id],
  );
  setId = set.id;
});
afterAll(() => db.drop());

const insertEdge = (source: () => string, target: () => string, relationship: string, strength: number, rationale: string | null = 'SEMANTIC') =>
  db.query(
    `INSERT INTO crosswalk_edge (mapping_set_id, source_requirement_id, target_requirement_id, relationship, rationale, strength, position)
     VALUES ($1, $2, $3, $4, $5, $6, 0)`,
    [setId, source(), target(), relationship, rationale, strength],
  );

it.each([
  // Out of 0–10 breaks the per-relationship ranges as well; Postgres names whichever check it tests first.
  ['strength above 10', 'INTERSECTS_WITH', 11, /chk_crosswalk_edge_(strength_range|partial_strength)/],
  ['strength below 0', 'SUBSET_OF', -1, /chk_crosswalk_edge_(strength_range|partial_strength)/],
  ['an EQUAL edge whose strength is not 10', 'EQUAL', 9, 'chk_crosswalk_edge_equal_is_10'],
  ['a NOT_RELATED edge whose strength is not 0', 'NOT_RELATED', 3, 'chk_crosswalk_edge_not_related_is_0'],
  ['a SUBSET_OF edge of strength 10', 'SUBSET_OF', 10, 'chk_crosswalk_edge_partial_strength'],
  ['an unknown relationship', 'RELATED', 5, 'chk_crosswalk_edge_relationship'],
] as Array<[string, string, number, string | RegExp]>)('refuses %s', async (_name, relationship, strength, constraint) => {
  await expect(insertEdge(() => a, () => b, relationship, strength)).rejects.toThrow(constraint);
});

it('refuses an unknown rationale', async () => {
  await expect(insertEdge(() => a, () => b, 'SUBSET_OF', 5, 'VIBES')).rejects.toThrow('chk_crosswalk_edge_rationale');
});

it('refuses a self-edge', async () => {
  await expect(insertEdge(() => a, () => a, 'EQUAL', 10)).rejects.toThrow('chk_crosswalk_edge_no_self_edge');
});

it('refuses a duplicate edge within a set, and accepts valid edges', async () => {
  await insertEdge(() => a, () => b, 'EQUAL', 10);
  await insertEdge(() => b, () => a, 'NOT_RELATED', 0);
  await expect(insertEdge(() => a, () => b, 'SUBSET_OF', 5)).rejects.toThrow('uq_crosswalk_edge_pair');
  const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM crosswalk_edge`);
  expect(n).toBe(2);
});

it('refuses a second framework with the same code and version, and a duplicate refId', async () => {
  await expect(
    db.query(`INSERT INTO framework (code, version, name, publisher, kind, licence_note) VALUES ('T', '1', 'x', 'x', 'RISK_FRAMEWORK', 'x')`),
  ).rejects.toThrow('uq_framework_public_code_version');
  await expect(
    db.query(
      `INSERT INTO requirement (framework_id, ref_id, title, kind, assessable, position, depth)
       SELECT framework_id, 'a', 'dup', 'control', true, 5, 0 FROM requirement WHERE id = $1`,
      [a],
    ),
  ).rejects.toThrow('uq_requirement_framework_ref');
});
