/**
 * Issue 13: the control inventory import over real HTTP (POST /import/controls) and from the command line
 * (npm run import -- controls), as users meet them: a CSV or XLSX file, all or nothing, every bad row reported;
 * the same file fixed imports and coverage moves; hostile files are refused with a clear error and nothing written.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import { minimalXlsx } from '../../src/imports/zip-builder.fixture';
import { type CliRun, runCli } from '../support/cli';
import { startTestServer, type TestServer } from '../support/server';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let t: TestServer;
const acme = { key: '', auditor: '', id: '' };
const globex = { key: '', id: '' };
let dir: string;

beforeAll(async () => {
  t = await startTestServer();
  const a = await t.createOrganization('Acme Ltd');
  acme.key = a.adminKey;
  acme.id = a.organizationId;
  const g = await t.createOrganization('Globex');
  globex.key = g.adminKey;
  globex.id = g.organizationId;
  acme.auditor = (await t.ok(`mutation { createApiKey(role: AUDITOR, name: "Auditor") { secret } }`, {}, acme.key)).createApiKey.secret;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-import-'));
});
afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await t.close();
});

async function post(body: Buffer | string, type: string | undefined, key: string | undefined, query = '') {
  const response = await fetch(`${t.url}/import/controls${query}`, {
    method: 'POST',
    headers: { ...(type ? { 'content-type': type } : {}), ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body,
  });
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as any };
}

const csv = (rows: string[][]) => stringify(rows);

/** What the organization holds: its controls (code → status, version) and its links (code → FRAMEWORK:refId=COVERAGE). */
async function holdings(organizationId: string) {
  const controls: Array<{ code: string; status: string; version: number; title: string }> = await t.db.query(
    `SELECT code, status, version, title FROM control WHERE organization_id = $1 ORDER BY code`, [organizationId]);
  const links: Array<{ code: string; link: string }> = await t.db.query(
    `SELECT c.code, f.code || ':' || r.ref_id || '=' || l.coverage AS link FROM control_link l JOIN control c ON c.id = l.control_id
      JOIN requirement r ON r.id = l.requirement_id JOIN framework f ON f.id = r.framework_id WHERE l.organization_id = $1 ORDER BY 1, 2`, [organizationId]);
  return { controls, links };
}

async function iso27001Full(key: string): Promise<number> {
  const data = await t.ok(`{ coverage(frameworks: ["ISO27001"]) { full } }`, {}, key);
  return data.coverage[0].full;
}

/** 500 controls, each linked FULL to one ISO 27001 Annex A control (cycling), all IMPLEMENTED. */
async function inventory(): Promise<string[][]> {
  const data = await t.ok(`{ requirements(framework: "ISO27001", filter: { assessable: true }, first: 500) { edges { node { refId } } } }`, {}, acme.key);
  const refs: string[] = data.requirements.edges.map((e: any) => e.node.refId).filter((r: string) => r.startsWith('A.'));
  return Array.from({ length: 500 }, (_, i) => [`INV-${String(i + 1).padStart(3, '0')}`, `Inventory control ${i + 1}`, 'IMPLEMENTED', `ISO27001:${refs[i % refs.length]}`]);
}

describe('a file with one bad row among 500', () => {
  let rows: string[][];
  beforeAll(async () => {
    rows = await inventory();
  });

  it('writes nothing and reports that row (422); fixed, it imports (200) and coverage changes accordingly', async () => {
    const before = await iso27001Full(acme.key);
    const bad = rows.map((r) => [...r]);
    bad[249][2] = 'DONE';
    const refused = await post(csv([['Code', 'Title', 'Status', 'Links'], ...bad]), 'text/csv', acme.key);
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ ok: false, importId: null, problemCount: 1 });
    // The header is row 1, so the 250th control is row 251.
    expect(refused.body.problems).toEqual([{ row: 251, column: 'status', value: 'DONE', reason: expect.stringMatching(/IMPLEMENTED/) }]);
    expect((await holdings(acme.id)).controls).toHaveLength(0);
    expect(await iso27001Full(acme.key)).toBe(before);

    const fixed = await post(csv([['code', 'title', 'status', 'links'], ...rows]), 'text/csv', acme.key);
    expect(fixed.status).toBe(200);
    expect(fixed.body).toMatchObject({ ok: true, created: 500, updated: 0, linksAdded: 500, problemCount: 0 });
    expect(fixed.body.importId).toMatch(/^[0-9a-f-]{36}$/);
    expect((await holdings(acme.id)).controls).toHaveLength(500);
    expect(await iso27001Full(acme.key)).toBeGreaterThan(before);
  });
});

describe('the report', () => {
  it('lists every bad row, with row, column, value and reason, and the columns it did not read', async () => {
    const file = csv([
      ['code', 'title', 'status', 'links', 'Risk rating'],
      ['RPT-1', 'Fine', 'PLANNED', 'ISO27001:A.5.1', 'high'],
      ['RPT-2', 'Bad status', 'SOMETIMES', '', 'low'],
      ['RPT-3', 'Unknown requirement', 'PLANNED', 'ISO27001:A.99.9', ''],
      ['RPT-1', 'Code twice', 'PLANNED', '', ''],
      ['RPT-5', '', 'PLANNED', 'NOPE:1', ''],
    ]);
    const res = await post(file, 'text/csv; charset=utf-8', globex.key);
    expect(res.status).toBe(422);
    expect(res.body.unknownColumns).toEqual(['Risk rating']);
    const where = res.body.problems.map((p: any) => [p.row, p.column, p.value]);
    expect(where).toEqual(expect.arrayContaining([[3, 'status', 'SOMETIMES'], [4, 'links', 'ISO27001:A.99.9'], [5, 'code', 'RPT-1'], [6, 'links', 'NOPE:1']]));
    expect(where.some(([row, column]: [number, string]) => row === 6 && column === 'title')).toBe(true);
    expect(res.body.problemCount).toBe(res.body.problems.length);
    expect((await holdings(globex.id)).controls).toHaveLength(0);
  });

  it('on a dry run: 200, the counts it would write, and nothing written', async () => {
    const res = await post(csv([['code', 'title'], ['DRY-1', 'Dry run']]), 'text/csv', globex.key, '?dryRun=true');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, dryRun: true, importId: null, created: 1 });
    expect((await holdings(globex.id)).controls).toHaveLength(0);
  });
});

describe('upserts by code; links replace unless mode=merge', () => {
  it('updates an existing code and bumps its version; replace sets the links, merge only adds', async () => {
    const org = await t.createOrganization('Upserts');
    const first = await post(csv([['code', 'title', 'status', 'links'], ['UP-1', 'First', 'PLANNED', 'ISO27001:A.5.1; ISO27001:A.5.2=PARTIAL']]), 'text/csv', org.adminKey);
    expect(first.status).toBe(200);
    const again = await post(csv([['code', 'title', 'status', 'links'], ['UP-1', 'Second', 'IMPLEMENTED', 'ISO27001:A.5.3']]), 'text/csv', org.adminKey);
    expect(again.body).toMatchObject({ ok: true, created: 0, updated: 1 });
    let held = await holdings(org.organizationId);
    expect(held.controls).toEqual([{ code: 'UP-1', status: 'IMPLEMENTED', version: 2, title: 'Second' }]);
    expect(held.links.map((l) => l.link)).toEqual(['ISO27001:A.5.3=FULL']);
    const merged = await post(csv([['code', 'title', 'links'], ['UP-1', 'Second', 'ISO27001:A.5.1=PARTIAL']]), 'text/csv', org.adminKey, '?mode=merge');
    expect(merged.status).toBe(200);
    held = await holdings(org.organizationId);
    expect(held.links.map((l) => l.link)).toEqual(['ISO27001:A.5.1=PARTIAL', 'ISO27001:A.5.3=FULL']);
  });

  it('takes XLSX as the body and a CSV as the one file of a multipart form', async () => {
    const org = await t.createOrganization('Formats');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Controls');
    ws.addRows([['Links', 'Title', 'CODE'], ['ISO27001:A.8.1', 'From a workbook', 'X-1']]);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    expect((await post(xlsx, XLSX_TYPE, org.adminKey)).body).toMatchObject({ ok: true, created: 1, linksAdded: 1 });
    const form = new FormData();
    form.append('file', new Blob([csv([['code', 'title'], ['X-2', 'From a form']])], { type: 'text/csv' }), 'controls.csv');
    const response = await fetch(`${t.url}/import/controls`, { method: 'POST', headers: { authorization: `Bearer ${org.adminKey}` }, body: form });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, created: 1 });
    expect((await holdings(org.organizationId)).controls.map((c) => c.code)).toEqual(['X-1', 'X-2']);
  });

  it('groups the import\'s audit events under its id', async () => {
    const org = await t.createOrganization('Audited');
    const res = await post(csv([['code', 'title', 'links'], ['AU-1', 'Audited', 'ISO27001:A.5.1;ISO27001:A.5.2']]), 'text/csv', org.adminKey);
    const events: Array<{ operation: string }> = await t.db.query(`SELECT operation FROM audit_event WHERE organization_id = $1 AND import_id = $2 ORDER BY operation`, [org.organizationId, res.body.importId]);
    expect(events.map((e) => e.operation)).toEqual(['importControl', 'importLink', 'importLink']);
  });
});

describe('who may import', () => {
  it('needs a key (401) with role ADMIN or EDITOR (403 for an AUDITOR)', async () => {
    const file = csv([['code', 'title'], ['WHO-1', 'Who']]);
    expect((await post(file, 'text/csv', undefined)).status).toBe(401);
    const auditor = await post(file, 'text/csv', acme.auditor);
    expect(auditor.status).toBe(403);
    expect(auditor.body.errors[0].message).toMatch(/ADMIN or EDITOR/);
    expect((await holdings(acme.id)).controls.find((c) => c.code === 'WHO-1')).toBeUndefined();
  });

  it('writes only into the key\'s organization, whatever codes the file shares with another', async () => {
    const before = await holdings(acme.id);
    const res = await post(csv([['code', 'title', 'status'], ['INV-001', 'Globex took this code', 'NOT_APPLICABLE']]), 'text/csv', globex.key);
    expect(res.body).toMatchObject({ ok: true, created: 1, updated: 0 });
    expect(await holdings(acme.id)).toEqual(before);
  });
});

describe('hostile files are refused with a clear error and nothing written', () => {
  let before: Awaited<ReturnType<typeof holdings>>;
  beforeAll(async () => {
    before = await holdings(acme.id);
  });
  afterEach(async () => {
    expect(await holdings(acme.id)).toEqual(before);
  });

  const refusal = (res: { status: number; body: any }, status: number, reason?: string) => {
    expect(res.status).toBe(status);
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    if (reason) expect(res.body.errors[0].extensions.reason).toBe(reason);
    return res.body.errors[0].message as string;
  };

  it('a 30 MB file: 413 naming IMPORT_BODY_LIMIT', async () => {
    const big = Buffer.alloc(30 * 1024 * 1024, 'a,b\n');
    expect(refusal(await post(big, 'text/csv', acme.key), 413)).toMatch(/IMPORT_BODY_LIMIT/);
  });

  it('binary junk posing as CSV', async () => {
    const junk = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    refusal(await post(junk, 'text/csv', acme.key), 400, 'NOT_CSV');
  });

  it('binary junk posing as XLSX', async () => {
    refusal(await post(Buffer.from('PK\u0003\u0004 not really a zip'), XLSX_TYPE, acme.key), 400, 'NOT_XLSX');
  });

  it('broken quoting, with the line', async () => {
    const message = refusal(await post('code,title\nQ-1,"never closed\nQ-2,fine\n', 'text/csv', acme.key), 400, 'BROKEN_QUOTING');
    expect(message).toMatch(/line/i);
  });

  it('100,000 columns', async () => {
    const header = ['code', 'title', ...Array.from({ length: 99_998 }, (_, i) => `c${i}`)].join(',');
    refusal(await post(`${header}\nW-1,Wide\n`, 'text/csv', acme.key), 400, 'TOO_MANY_COLUMNS');
  });

  it('a zip bomb posing as XLSX', async () => {
    const bomb = zipBomb();
    refusal(await post(bomb, XLSX_TYPE, acme.key), 400, 'ZIP_BOMB');
  });

  it('formulas in cells (XLSX) and formula-like cells (CSV)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Controls');
    ws.addRow(['code', 'title']);
    ws.addRow(['F-1', { formula: 'HYPERLINK("http://x","y")', result: 'y' }]);
    const message = refusal(await post(Buffer.from(await wb.xlsx.writeBuffer()), XLSX_TYPE, acme.key), 400, 'FORMULA');
    expect(message).toMatch(/B2/);
    refusal(await post('code,title\nF-2,"=HYPERLINK(""http://x"",""y"")"\n', 'text/csv', acme.key), 400, 'FORMULA');
  });

  it('what is not a file it takes: 415 naming what it takes', async () => {
    for (const [body, type] of [['{"rows":[]}', 'application/json'], ['code,title\n', 'text/plain'], ['code,title\n', undefined]] as const) {
      const res = await post(body, type, acme.key);
      expect(res.status).toBe(415);
      expect(res.body.errors[0].message).toMatch(/text\/csv .*multipart\/form-data/);
    }
  });

  it('bad parameters: 400 naming them', async () => {
    const file = csv([['code', 'title'], ['P-1', 'Params']]);
    expect(refusal(await post(file, 'text/csv', acme.key, '?mode=sometimes'), 400)).toMatch(/^mode: must be replace .* or merge/);
    expect(refusal(await post(file, 'text/csv', acme.key, '?dryRun=yes'), 400)).toMatch(/^dryRun: must be true or false/);
    expect(refusal(await post(file, 'text/csv', acme.key, '?organization=other'), 400)).toMatch(/^organization: unknown parameter/);
  });
});

/** An XLSX whose sheet inflates to 200 MB of zeros from a few hundred kilobytes, its sizes stated honestly. */
function zipBomb(): Buffer {
  return minimalXlsx('', { data: Buffer.alloc(200 * 1024 * 1024) });
}

describe('npm run import -- controls', () => {
  function run(...args: string[]): Promise<CliRun> {
    return runCli('imports/cli/import.js', args, { cwd: dir, databaseUrl: t.server.databaseUrl });
  }

  it('imports a file into the organization named by --org, with progress lines off a terminal', async () => {
    const org = await t.createOrganization('Command line');
    fs.writeFileSync(path.join(dir, 'controls.csv'), csv([['code', 'title', 'links'], ['CLI-1', 'From the command line', 'ISO27001:A.5.1']]));
    const cli = await run('controls', '--org', org.organizationId, 'controls.csv');
    expect(cli.stderr).toMatch(/import: read 1 row\(s\) from controls\.csv/);
    expect(cli.stdout).toMatch(/imported: 1 created, 0 updated, 0 unchanged; links: 1 added/);
    expect(cli.status).toBe(0);
    expect((await holdings(org.organizationId)).links.map((l) => l.link)).toEqual(['ISO27001:A.5.1=FULL']);
  });

  it('refuses a file with a bad row: exit 1, every problem listed, nothing written', async () => {
    const org = await t.createOrganization('Command line refused');
    fs.writeFileSync(path.join(dir, 'bad.csv'), csv([['code', 'title', 'status'], ['CLI-2', 'Fine', 'PLANNED'], ['CLI-3', 'Bad', 'MAYBE']]));
    const cli = await run('controls', '--org', org.organizationId, 'bad.csv');
    expect(cli.status).toBe(1);
    expect(cli.stdout).toMatch(/refused: 1 problem\(s\); nothing was written/);
    expect(cli.stdout).toMatch(/row 3, column status, value "MAYBE"/);
    expect((await holdings(org.organizationId)).controls).toHaveLength(0);
  });

  it('answers usage errors with exit 2 and the usage', async () => {
    const cli = await run('controls', 'x.csv');
    expect(cli.status).toBe(2);
    expect(cli.stderr).toMatch(/controls needs --org[\s\S]*Usage: npm run import/);
  });
});
