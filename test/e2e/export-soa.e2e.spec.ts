/**
 * Issue 13: the keyed `soa` export over real HTTP, read back with exceljs and csv-parse and checked against GraphQL's
 * `statementOfApplicability`: ISO 27001's Annex A sheet has exactly its 93 controls, a control titled like a formula
 * exports as text, and an organization's export never holds another's data (two organizations, as an attacker would).
 */
import ExcelJS from 'exceljs';
import { startTestServer, type TestServer } from '../support/server';
import { allText, download, readCsv, readWorkbook, table } from '../support/spreadsheets';

let t: TestServer;
const acme = { key: '', auditor: '', control: '' };
const globex = { key: '' };
const HOSTILE_TITLE = '=HYPERLINK("http://x","y")';
const GLOBEX_SECRETS = ['GLOBEX-ZQX-SECRET', 'Globex ZQX secret title', 'Globex ZQX secret justification', 'Globex Corp ZQX'];

beforeAll(async () => {
  t = await startTestServer();
  acme.key = (await t.createOrganization('Acme Ltd')).adminKey;
  globex.key = (await t.createOrganization(GLOBEX_SECRETS[3])).adminKey;
  acme.auditor = (await t.ok(`mutation { createApiKey(role: AUDITOR, name: "External auditor") { secret } }`, {}, acme.key)).createApiKey.secret;
  acme.control = (await t.ok(`mutation($t: String!) { createControl(input: { code: "AC-01", title: $t, status: IMPLEMENTED }) { id } }`, { t: HOSTILE_TITLE }, acme.key)).createControl.id;
  await t.ok(`mutation($c: ID!) { linkControl(controlId: $c, framework: "ISO27001", refId: "A.5.1") { coverage } }`, { c: acme.control }, acme.key);
  await t.ok(`mutation { setApplicability(framework: "ISO27001", refId: "A.7.4", applicable: false, justification: "-no premises of our own") { applicable } }`, {}, acme.key);
  const g = (await t.ok(`mutation($t: String!) { createControl(input: { code: "GLOBEX-ZQX-SECRET", title: $t, status: IMPLEMENTED }) { id } }`, { t: GLOBEX_SECRETS[1] }, globex.key)).createControl.id;
  await t.ok(`mutation($c: ID!) { linkControl(controlId: $c, framework: "ISO27001", refId: "A.5.2") { coverage } }`, { c: g }, globex.key);
  await t.ok(`mutation($j: String!) { setApplicability(framework: "ISO27001", refId: "A.5.3", applicable: false, justification: $j) { applicable } }`, { j: GLOBEX_SECRETS[2] }, globex.key);
});
afterAll(() => t.close());

/** GraphQL's statement for a framework, in order. */
async function statement(framework: string, key: string) {
  const data = await t.ok(`query($f: String!, $first: Int) { statementOfApplicability(framework: $f, first: $first) { totalCount edges { node {
    requirement { refId title } applicable justification setByName status weight controls { coverage control { code title status } } } } } }`, { f: framework, first: 500 }, key);
  return data.statementOfApplicability.edges.map((e: any) => e.node);
}

describe('GET /export/soa.xlsx?framework=ISO27001', () => {
  let wb: ExcelJS.Workbook;
  let res: Awaited<ReturnType<typeof download>>;
  beforeAll(async () => {
    res = await download(`${t.url}/export/soa.xlsx?framework=ISO27001`, acme.auditor);
    wb = await readWorkbook(res.body);
  });

  it('is a workbook for any role that may read the statement, kept out of shared caches, named for the framework', () => {
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="soa_ISO27001_\d{4}-\d\d-\d\d\.xlsx"$/);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(['Read me', 'Annex A', 'Clauses']);
  });

  it('has exactly the 93 Annex A controls, each refId alone in its own cell in one row, and the clauses on their own sheet, as GraphQL lists them', async () => {
    const annex = table(wb.getWorksheet('Annex A')!);
    const clauses = table(wb.getWorksheet('Clauses')!);
    const lines = await statement('ISO27001', acme.key);
    expect(annex.rows).toHaveLength(93);
    expect(new Set(annex.rows.map((r) => r[0])).size).toBe(93);
    expect(annex.rows.every((r) => /^A\.\d+\.\d+$/.test(String(r[0])))).toBe(true);
    expect([...annex.rows, ...clauses.rows].map((r) => r[0]).sort()).toEqual(lines.map((l: any) => l.requirement.refId).sort());
    expect(clauses.rows.some((r) => r[0] === '6.1.3')).toBe(true);
    const byRef = new Map(lines.map((l: any) => [l.requirement.refId, l]));
    for (const row of [...annex.rows, ...clauses.rows]) {
      const line: any = byRef.get(String(row[0]));
      expect([row[1], row[2], row[9], row[10]]).toEqual([line.requirement.title, line.applicable ? 'yes' : 'no', line.status, line.weight]);
      expect(row[7] ?? null).toBe(line.controls.length === 0 ? null : line.controls.map((c: any) => `${c.control.code} — ${c.control.status} — ${c.coverage} link`).join('\n'));
    }
  });

  it('says who, what and when in the header, and colour-codes the coverage status', () => {
    const annex = table(wb.getWorksheet('Annex A')!);
    expect(annex.heading).toEqual(['Statement of Applicability — ISO27001:2022', 'Organization: Acme Ltd', expect.stringMatching(/^Framework: ISO\/IEC 27001:2022/), expect.stringMatching(/^Generated \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ by Crosswalk$/)]);
    expect(annex.header).toEqual(['Ref ID', 'Title', 'Applicable', 'Justification', 'Decided on', 'Set by', 'Set at', 'Linked controls', 'Control titles', 'Coverage status', 'Weight', 'How reached']);
    const formatting = (wb.getWorksheet('Annex A') as unknown as { conditionalFormattings: Array<{ ref: string }> }).conditionalFormattings;
    expect(formatting.map((f) => f.ref)).toEqual(['J7:J99']);
  });

  it('shows the exclusion with its justification (formula-looking: quoted), who set it and when', () => {
    const row = table(wb.getWorksheet('Annex A')!).rows.find((r) => r[0] === 'A.7.4')!;
    expect(row[2]).toBe('no');
    expect(row[3]).toBe("'-no premises of our own");
    expect(row[5]).toBe('first admin key'); // the name org:create gives the first ADMIN key
    expect(row[6]).toBeInstanceOf(Date);
    expect(row[9]).toBe('EXCLUDED');
  });

  it('exports a control titled =HYPERLINK("http://x","y") as a text cell with a leading apostrophe, and says it is reached directly', () => {
    const annex = table(wb.getWorksheet('Annex A')!);
    const i = annex.rows.findIndex((r) => r[0] === 'A.5.1');
    expect(annex.rows[i][8]).toBe(`'${HOSTILE_TITLE}`);
    expect(annex.cells[i][8].type).toBe(ExcelJS.ValueType.String);
    expect(annex.rows[i][9]).toBe('FULL');
    expect(annex.rows[i][11]).toBe('FULL directly: AC-01 (FULL link)');
    let formulas = 0;
    wb.eachSheet((ws) => ws.eachRow((r) => r.eachCell((c) => (formulas += c.type === ExcelJS.ValueType.Formula ? 1 : 0))));
    expect(formulas).toBe(0);
  });

  it('holds nothing of another organization', () => {
    const text = allText(wb);
    for (const secret of GLOBEX_SECRETS) expect(text).not.toContain(secret);
    const annex = table(wb.getWorksheet('Annex A')!);
    expect(annex.rows.find((r) => r[0] === 'A.5.3')![2]).toBe('yes'); // Globex excluded it, not Acme
    expect(annex.rows.find((r) => r[0] === 'A.5.2')![7]).toBeNull(); // Globex linked it, not Acme
  });
});

describe('GET /export/soa.csv', () => {
  it('carries the Annex A sheet by default, the same rows as the workbook; ?sheet=Clauses carries the clauses', async () => {
    const res = await download(`${t.url}/export/soa.csv?framework=ISO27001:2022`, acme.key);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-export-sheet')).toBe('Annex A');
    const csv = readCsv(res.body);
    expect(csv.rows).toHaveLength(93);
    const row = csv.rows.find((r) => r[0] === 'A.5.1')!;
    expect(row[8]).toBe(`'${HOSTILE_TITLE}`);
    const clauses = await download(`${t.url}/export/soa.csv?framework=ISO27001&sheet=Clauses`, acme.key);
    expect(clauses.headers.get('x-export-sheet')).toBe('Clauses');
    expect(readCsv(clauses.body).rows.map((r) => r[0])).toContain('6.1.3');
  });

  it('explains a status reached through a crosswalk (ISO 42001 through Acme\'s ISO 27001 control)', async () => {
    const lines = await statement('ISO42001', acme.key);
    const covered = lines.filter((l: any) => l.status !== 'NONE' && l.status !== 'EXCLUDED');
    expect(covered.length).toBeGreaterThan(0);
    const wb = await readWorkbook((await download(`${t.url}/export/soa.xlsx?framework=ISO42001`, acme.key)).body);
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(['Read me', 'Annex A', 'Clauses']);
    expect(table(wb.getWorksheet('Annex A')!).rows).toHaveLength(38); // ISO 42001's Annex A controls, one row each
    const rows = [...table(wb.getWorksheet('Annex A')!).rows, ...table(wb.getWorksheet('Clauses')!).rows];
    for (const line of covered) {
      const row = rows.find((r) => r[0] === line.requirement.refId)!;
      expect(row[9]).toBe(line.status);
      expect(String(row[11])).toMatch(/through crosswalk: ISO27001:2022 A\.5\.1 → .*ISO42001:2023 .*from AC-01 \(FULL link\)/);
    }
  });

  it('a framework without annexes is one sheet of every assessable requirement (SOC 2)', async () => {
    const res = await download(`${t.url}/export/soa.csv?framework=SOC2`, acme.key);
    expect(res.headers.get('x-export-sheet')).toBe('Statement of Applicability');
    expect(readCsv(res.body).rows.map((r) => r[0])).toEqual((await statement('SOC2', acme.key)).map((l: any) => l.requirement.refId));
  });
});

describe('refusals', () => {
  it.each([
    ['no key', undefined],
    ['a malformed key', 'not-a-key'],
    ['a forged key', 'cwk_0123456789abcdef0123456789abcdef_0123456789abcdef0123456789abcdef0123456789abcdef'],
  ])('%s: 401 with the very message GraphQL gives as UNAUTHENTICATED, and no file', async (_what, key) => {
    const graphql = await t.gql(`query { statementOfApplicability(framework: "ISO27001") { totalCount } }`, {}, key);
    expect(graphql.errors![0].extensions.code).toBe('UNAUTHENTICATED');
    const res = await download(`${t.url}/export/soa.xlsx?framework=ISO27001`, key);
    expect(res.status).toBe(401);
    expect(res.headers.get('content-disposition')).toBeNull();
    expect(res.json().errors).toEqual([{ message: graphql.errors![0].message, extensions: { code: 'UNAUTHENTICATED' } }]);
  });

  it('a bad framework: 400 naming the parameter', async () => {
    const res = await download(`${t.url}/export/soa.csv?framework=ISO27001;DROP`, acme.key);
    expect(res.status).toBe(400);
    expect(res.json().errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'framework' });
    const missing = await download(`${t.url}/export/soa.csv`, acme.key);
    expect(missing.json().errors[0].message).toBe('framework: is required: a framework reference such as ISO27001 or ISO27001:2022');
  });
});
