/**
 * Issue 13's control inventory import over real HTTP (GraphQL importControls) and, for the 2,000-control / 20,000-link
 * size, through the service the file route and the command line share: all or nothing, every bad row reported, upsert
 * by code with the version bumped, REPLACE and MERGE links, dry runs that write nothing, and audit events grouped
 * under the import id. "Nothing written" is a checksum of every tenant table, before and after.
 */
import { tableChecksum } from '../support/database';
import { startTestServer, type TestServer } from '../support/server';
import { ControlImportService } from '../../src/imports/control-import.service';
import type { Principal } from '../../src/organizations/auth/principal';

const TENANT_TABLES = ['control', 'control_link', 'scope', 'applicability', 'api_key', 'audit_event'];
const IMPORT = `mutation($rows: [ControlRowInput!]!, $dryRun: Boolean, $mode: ImportMode) {
  importControls(rows: $rows, dryRun: $dryRun, mode: $mode) {
    ok dryRun importId created updated unchanged linksAdded linksRemoved linksChanged problemCount problems { row column value reason }
  } }`;
const CONTROL = `query($search: String) { controls(first: 100, filter: { search: $search }) { totalCount edges { node { code title description owner status version
  links { coverage requirement { refId framework { code } } } } } } }`;

let t: TestServer;
let admin: string;
let editor: string;
let auditor: string;
let orgId: string;
/** ISO 27001's assessable Annex A controls, in document order. */
let annexA: string[];

async function ok(query: string, variables: Record<string, unknown>, key = admin) {
  const res = await t.gql(query, variables, key);
  expect(res.errors).toBeUndefined();
  return res.data!;
}
const importRows = async (rows: unknown[], extra: Record<string, unknown> = {}, key = editor) => (await ok(IMPORT, { rows, ...extra }, key)).importControls;
const checksum = () => tableChecksum(t.db, TENANT_TABLES);
const controlsLike = async (search: string) => (await ok(CONTROL, { search })).controls.edges.map((e: any) => e.node);
const iso27001 = async () => (await ok(`{ coverage(frameworks: ["ISO27001"]) { full partial none } }`, {})).coverage[0];

beforeAll(async () => {
  t = await startTestServer();
  const org = await t.createOrganization('Importer');
  admin = org.adminKey;
  orgId = org.organizationId;
  const keys = await ok(`mutation { e: createApiKey(role: EDITOR, name: "ed") { secret } a: createApiKey(role: AUDITOR, name: "au") { secret } }`, {});
  editor = keys.e.secret;
  auditor = keys.a.secret;
  annexA = (await t.db.query<{ ref_id: string }>(
    `SELECT r.ref_id FROM requirement r JOIN framework f ON f.id = r.framework_id
      WHERE f.code = 'ISO27001' AND r.assessable AND r.ref_id LIKE 'A.%' ORDER BY r.position`,
  )).map((r) => r.ref_id);
  expect(annexA).toHaveLength(93);
});
afterAll(() => t?.close());

describe('all or nothing', () => {
  const bulk = () => Array.from({ length: 500 }, (_, i) => ({
    code: `BULK-${String(i + 1).padStart(3, '0')}`,
    title: `Bulk control ${i + 1}`,
    status: 'IMPLEMENTED',
    links: [`ISO27001:${annexA[i % annexA.length]}`],
  }));

  it('an import with one bad row among 500 writes nothing and reports that row; the same rows, fixed, import, and coverage changes', async () => {
    const coverageBefore = await iso27001();
    const before = await checksum();
    const rows = bulk();
    const bad = rows.map((r, i) => (i === 136 ? { ...r, status: 'DONE' } : r));
    const refused = await importRows(bad);
    expect(refused).toMatchObject({ ok: false, dryRun: false, importId: null, created: 0, linksAdded: 0, problemCount: 1 });
    expect(refused.problems).toEqual([{ row: 137, column: 'status', value: 'DONE', reason: 'must be one of PLANNED, IN_PROGRESS, IMPLEMENTED, NOT_APPLICABLE' }]);
    expect(await checksum()).toBe(before);
    expect(await iso27001()).toEqual(coverageBefore);

    const accepted = await importRows(rows);
    expect(accepted).toMatchObject({ ok: true, created: 500, updated: 0, unchanged: 0, linksAdded: 500, linksRemoved: 0, linksChanged: 0, problemCount: 0, problems: [] });
    expect(accepted.importId).toMatch(/^[0-9a-f-]{36}$/);
    const after = await iso27001();
    expect(after.full).toBe(coverageBefore.full + 93); // every Annex A control now has an IMPLEMENTED control linked FULL
    expect(after.none).toBe(coverageBefore.none - 93);
    const listed = await controlsLike('BULK-137');
    expect(listed).toEqual([expect.objectContaining({ code: 'BULK-137', status: 'IMPLEMENTED', version: 1, links: [{ coverage: 'FULL', requirement: { refId: annexA[136 % 93], framework: { code: 'ISO27001' } } }] })]);
  });
});

describe('every bad row is reported', () => {
  it('lists each problem of each row in one answer, and writes nothing', async () => {
    const before = await checksum();
    const res = await importRows([
      { code: 'OK-1', title: 'fine', links: ['ISO27001:A.5.1'] },
      { code: 'bad code', title: 'x' },
      { code: 'OK-1', title: '' },
      { code: 'OK-3', title: 'y', status: 'done', owner: 'o'.repeat(201) },
      { code: 'OK-4', title: 'z', links: ['NOPE:A.1', 'ISO27001:A.99.1', 'SOC2:CC6.1=HALF', 'SOC2:CC6.1', 'SOC2:2017:CC6.1=PARTIAL'] },
      { title: 'no code' },
    ]);
    expect(res.ok).toBe(false);
    expect(res.problems.map((p: any) => [p.row, p.column, p.value])).toEqual([
      [2, 'code', 'bad code'],
      [3, 'code', 'OK-1'],
      [3, 'title', ''],
      [4, 'owner', 'o'.repeat(200) + '…'],
      [4, 'status', 'done'],
      [5, 'links', 'NOPE:A.1'],
      [5, 'links', 'ISO27001:A.99.1'],
      [5, 'links', 'SOC2:CC6.1=HALF'],
      [5, 'links', 'SOC2:2017:CC6.1=PARTIAL'],
      [6, 'code', null],
    ]);
    expect(res.problemCount).toBe(10);
    expect(res.problems[1].reason).toBe('is also on row 1; each code may appear once in an import');
    expect(res.problems[5].reason).toMatch(/^no framework "NOPE" in the catalog; known: .*ISO27001/);
    expect(res.problems[6].reason).toMatch(/^ISO27001:2022 has no requirement "A.99.1"; it has \d+ requirements/);
    expect(res.problems[8].reason).toMatch(/names SOC2:2017 CC6.1 again \(first as "SOC2:CC6.1"\)/);
    expect(await checksum()).toBe(before);
  });
});

describe('upsert by code', () => {
  it('creates, then updates with the version bumped, and leaves an unchanged row (and its version) alone', async () => {
    expect(await importRows([{ code: 'UP-1', title: 'First', owner: 'Ann', status: 'PLANNED' }])).toMatchObject({ ok: true, created: 1 });
    const second = await importRows([{ code: 'UP-1', title: 'Second', description: 'now described', status: 'IMPLEMENTED' }]);
    expect(second).toMatchObject({ ok: true, created: 0, updated: 1, unchanged: 0 });
    expect(await controlsLike('UP-1')).toEqual([expect.objectContaining({ title: 'Second', description: 'now described', owner: 'Ann', status: 'IMPLEMENTED', version: 2 })]);
    const third = await importRows([{ code: 'UP-1', title: 'Second' }]);
    expect(third).toMatchObject({ ok: true, updated: 0, unchanged: 1 });
    expect((await controlsLike('UP-1'))[0].version).toBe(2);
    // Empty cells clear the description and owner.
    expect(await importRows([{ code: 'UP-1', title: 'Second', description: '', owner: null }])).toMatchObject({ updated: 1 });
    expect(await controlsLike('UP-1')).toEqual([expect.objectContaining({ description: null, owner: null, status: 'IMPLEMENTED', version: 3 })]);
  });

  it('REPLACE makes the links exactly the row\'s list, MERGE only adds or changes; links left out stay', async () => {
    const links = async () => (await controlsLike('LN-1'))[0].links.map((l: any) => `${l.requirement.framework.code}:${l.requirement.refId}=${l.coverage}`).sort();
    await importRows([{ code: 'LN-1', title: 'Links', links: ['ISO27001:A.5.1', 'ISO27001:A.5.2', 'SOC2:CC6.1'] }]);
    expect(await links()).toEqual(['ISO27001:A.5.1=FULL', 'ISO27001:A.5.2=FULL', 'SOC2:CC6.1=FULL']);

    const replaced = await importRows([{ code: 'LN-1', title: 'Links', links: ['ISO27001:A.5.1', 'SOC2:CC6.1=PARTIAL', 'ISO27001:A.8.1'] }], { mode: 'REPLACE' });
    expect(replaced).toMatchObject({ unchanged: 1, linksAdded: 1, linksRemoved: 1, linksChanged: 1 });
    expect(await links()).toEqual(['ISO27001:A.5.1=FULL', 'ISO27001:A.8.1=FULL', 'SOC2:CC6.1=PARTIAL']);

    const merged = await importRows([{ code: 'LN-1', title: 'Links', links: ['ISO27001:A.5.3', 'SOC2:CC6.1=FULL'] }], { mode: 'MERGE' });
    expect(merged).toMatchObject({ linksAdded: 1, linksRemoved: 0, linksChanged: 1 });
    expect(await links()).toEqual(['ISO27001:A.5.1=FULL', 'ISO27001:A.5.3=FULL', 'ISO27001:A.8.1=FULL', 'SOC2:CC6.1=FULL']);

    expect(await importRows([{ code: 'LN-1', title: 'Links' }])).toMatchObject({ linksAdded: 0, linksRemoved: 0 });
    expect(await links()).toHaveLength(4);

    expect(await importRows([{ code: 'LN-1', title: 'Links', links: [] }])).toMatchObject({ linksRemoved: 4 });
    expect(await links()).toEqual([]);
  });
});

describe('dry run', () => {
  it('reports what it would write and writes nothing', async () => {
    const before = await checksum();
    const res = await importRows([
      { code: 'DRY-1', title: 'New', links: ['ISO27001:A.5.1', 'SOC2:CC6.1=PARTIAL'] },
      { code: 'UP-1', title: 'Changed by a dry run' },
      { code: 'BULK-001', title: 'Bulk control 1' },
    ], { dryRun: true });
    expect(res).toEqual({ ok: true, dryRun: true, importId: null, created: 1, updated: 1, unchanged: 1, linksAdded: 2, linksRemoved: 0, linksChanged: 0, problemCount: 0, problems: [] });
    expect(await checksum()).toBe(before);
    expect(await controlsLike('DRY-1')).toEqual([]);
  });

  it('reports problems as a real import does', async () => {
    const res = await importRows([{ code: 'DRY-2', title: 'x', status: 'NOPE' }], { dryRun: true });
    expect(res).toMatchObject({ ok: false, dryRun: true, importId: null, problemCount: 1 });
  });
});

describe('audit', () => {
  it('records every write as an event grouped under the import id, readable by the import id', async () => {
    await importRows([{ code: 'AU-1', title: 'Audited', links: ['ISO27001:A.5.1', 'ISO27001:A.5.2'] }]);
    const res = await importRows([
      { code: 'AU-1', title: 'Audited again', links: ['ISO27001:A.5.1=PARTIAL', 'SOC2:CC6.1'] },
      { code: 'AU-2', title: 'New one' },
    ]);
    expect(res).toMatchObject({ created: 1, updated: 1, linksAdded: 1, linksRemoved: 1, linksChanged: 1 });
    const EVENTS = `query($f: AuditEventFilter) { auditEvents(first: 500, filter: $f) { totalCount edges { node { operation entityType entityId importId before after } } } }`;
    const { auditEvents } = await ok(EVENTS, { f: { importId: res.importId } }, auditor);
    expect(auditEvents.totalCount).toBe(5);
    const events = auditEvents.edges.map((e: any) => e.node);
    expect(events.every((e: any) => e.importId === res.importId)).toBe(true);
    expect(events.map((e: any) => e.operation).sort()).toEqual(['importControl', 'importControl', 'importLink', 'importLink', 'importUnlink']);
    const updated = events.find((e: any) => e.operation === 'importControl' && e.before);
    expect(updated).toMatchObject({ entityType: 'control', before: { code: 'AU-1', title: 'Audited', version: 1 }, after: { code: 'AU-1', title: 'Audited again', version: 2 } });
    const changed = events.find((e: any) => e.operation === 'importLink' && e.before);
    expect(changed).toMatchObject({ entityType: 'control_link', before: { coverage: 'FULL' }, after: { framework: 'ISO27001:2022', refId: 'A.5.1', coverage: 'PARTIAL' } });
    expect(events.find((e: any) => e.operation === 'importUnlink')).toMatchObject({ before: { framework: 'ISO27001:2022', refId: 'A.5.2', coverage: 'FULL' }, after: null });
    // Other writes carry no import id.
    await ok(`mutation { createControl(input: { code: "HAND-1", title: "by hand" }) { id } }`, {}, editor);
    expect(await t.db.query(`SELECT import_id FROM audit_event WHERE organization_id = $1 AND operation = 'createControl'`, [orgId])).toEqual([{ import_id: null }]);
    const bad = await t.gql(EVENTS, { f: { importId: 'not-a-uuid' } }, auditor);
    expect(bad.errors?.[0]).toMatchObject({ message: 'filter.importId: must be an import id (a UUID)', extensions: { code: 'BAD_USER_INPUT' } });
  });
});

describe('limits', () => {
  it('takes 1,000 rows in one call (within the query cost and the default body limit) and refuses 1,001, naming rows', async () => {
    const rows = Array.from({ length: 1000 }, (_, i) => ({ code: `LIM-${i}`, title: `Limit ${i}`, links: [`ISO27001:${annexA[i % 93]}`] }));
    expect(await importRows(rows, { dryRun: true })).toMatchObject({ ok: true, created: 1000, linksAdded: 1000 });
    const before = await checksum();
    const res = await t.gql(IMPORT, { rows: [...rows, { code: 'LIM-X', title: 'one too many' }] }, editor);
    expect(res.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'rows' } });
    expect(res.errors?.[0].message).toMatch(/^rows: must hold at most 1000 rows per call/);
    expect(await checksum()).toBe(before);
  });

  it('refuses absurd sizes at the argument, naming the row and field, before any row check', async () => {
    const before = await checksum();
    const huge = await t.gql(IMPORT, { rows: [{ code: 'OK', title: 'fine' }, { code: 'BIG', title: 'x'.repeat(5001) }] }, editor);
    expect(huge.errors?.[0]).toMatchObject({ message: expect.stringMatching(/^rows\.1\.title: must be at most 5000 characters/), extensions: { code: 'BAD_USER_INPUT' } });
    const many = await t.gql(IMPORT, { rows: [{ code: 'MANY', title: 'x', links: Array.from({ length: 501 }, () => 'ISO27001:A.5.1') }] }, editor);
    expect(many.errors?.[0]).toMatchObject({ message: expect.stringMatching(/^rows\.0\.links: must hold at most 500 links/), extensions: { code: 'BAD_USER_INPUT' } });
    expect(await checksum()).toBe(before);
  });

  it('an AUDITOR may not import', async () => {
    const res = await t.gql(IMPORT, { rows: [{ code: 'AUD-1', title: 'x' }] }, auditor);
    expect(res.errors?.[0].extensions.code).toBe('FORBIDDEN');
  });
});

describe('concurrency', () => {
  it('two imports of the same new codes at once: each is all or nothing (done, or CONFLICT with nothing written), never a 500', async () => {
    const rows = Array.from({ length: 50 }, (_, i) => ({ code: `CC-${i}`, title: `Concurrent ${i}`, links: [`ISO27001:${annexA[i]}`, `ISO27001:${annexA[i + 1]}=PARTIAL`] }));
    const answers = await Promise.all([t.gql(IMPORT, { rows }, editor), t.gql(IMPORT, { rows, mode: 'MERGE' }, admin)]);
    for (const res of answers) {
      expect(res.status).toBe(200);
      if (res.errors) expect(res.errors[0]).toMatchObject({ extensions: { code: 'CONFLICT', field: 'rows' } });
      else expect(res.data!.importControls.ok).toBe(true);
    }
    expect(answers.some((res) => !res.errors)).toBe(true);
    const [state] = await t.db.query<{ controls: number; links: number; listed: number }>(
      `SELECT count(*)::int AS controls, (SELECT count(*)::int FROM control_link l JOIN control c ON c.id = l.control_id WHERE c.code LIKE 'CC-%') AS links,
              sum(array_length(string_to_array(links, ','), 1))::int AS listed
         FROM control WHERE organization_id = $1 AND code LIKE 'CC-%'`,
      [orgId],
    );
    expect(state).toEqual({ controls: 50, links: 100, listed: 100 });
  });
});

describe('rate limit', () => {
  it('one call spends one point, whatever its number of rows', async () => {
    const limited = await startTestServer({ env: { RATE_LIMIT_PER_MINUTE: '3' } });
    try {
      const { adminKey } = await limited.createOrganization('Limited');
      const rows = Array.from({ length: 1000 }, (_, i) => ({ code: `RL-${i}`, title: `Rate ${i}` }));
      for (let call = 0; call < 3; call += 1) {
        const res = await limited.gql(IMPORT, { rows, dryRun: true }, adminKey);
        expect([call, res.errors, res.data?.importControls.created]).toEqual([call, undefined, 1000]);
      }
      const over = await limited.gql(IMPORT, { rows: rows.slice(0, 1), dryRun: true }, adminKey);
      expect(over.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN', retryAfterSeconds: expect.any(Number) } });
    } finally {
      await limited.close();
    }
  });
});

describe('2,000 controls and 20,000 links through the service', () => {
  it('imports them in one transaction, with counts, links, control.links and audit events all right; a second run changes nothing', async () => {
    const service = t.server.app.get(ControlImportService);
    const keyId = (await ok(`{ me { keyId } }`, {})).me.keyId as string;
    const principal: Principal = { organizationId: orgId, keyId, role: 'ADMIN' };
    const requirements = await t.db.query<{ ref: string }>(
      `SELECT f.code || ':' || f.version || ':' || r.ref_id AS ref FROM requirement r JOIN framework f ON f.id = r.framework_id ORDER BY f.code, f.version, r.position`,
    );
    expect(requirements.length).toBeGreaterThan(10);
    const rows = Array.from({ length: 2000 }, (_, i) => ({
      code: `BIG-${String(i).padStart(4, '0')}`,
      title: `Big control ${i}`,
      status: i % 2 === 0 ? 'IMPLEMENTED' : 'PLANNED',
      links: Array.from({ length: 10 }, (_, j) => `${requirements[(i * 10 + j) % requirements.length].ref}${j % 3 === 0 ? '=PARTIAL' : ''}`),
    }));
    // Counts only: the time is bench:import's to measure.
    const report = await service.importControls(principal, rows, { dryRun: false, mode: 'replace' });
    expect(report).toMatchObject({ ok: true, created: 2000, updated: 0, linksAdded: 20_000, linksRemoved: 0, problemCount: 0 });
    const [counts] = await t.db.query<{ controls: number; links: number; listed: number; events: number }>(
      `SELECT (SELECT count(*)::int FROM control WHERE organization_id = $1 AND code LIKE 'BIG-%') AS controls,
              (SELECT count(*)::int FROM control_link l JOIN control c ON c.organization_id = l.organization_id AND c.id = l.control_id
                WHERE c.organization_id = $1 AND c.code LIKE 'BIG-%') AS links,
              (SELECT coalesce(sum(array_length(string_to_array(links, ','), 1)), 0)::int FROM control WHERE organization_id = $1 AND code LIKE 'BIG-%') AS listed,
              (SELECT count(*)::int FROM audit_event WHERE organization_id = $1 AND import_id = $2) AS events`,
      [orgId, report.importId],
    );
    expect(counts).toEqual({ controls: 2000, links: 20_000, listed: 20_000, events: 22_000 });
    const again = await service.importControls(principal, rows, { dryRun: false, mode: 'replace' });
    expect(again).toMatchObject({ ok: true, created: 0, updated: 0, unchanged: 2000, linksAdded: 0, linksRemoved: 0, linksChanged: 0 });
  }, 120_000);
});
