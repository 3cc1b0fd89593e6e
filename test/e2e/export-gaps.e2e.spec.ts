/**
 * Issue 13: the keyed `gaps` export over real HTTP, read back with exceljs and csv-parse and checked against GraphQL's
 * `gapAnalysis` for the same organization, with and without `have`; a control titled like a formula exports as text;
 * hostile parameters are coded 400s naming the parameter; an organization's export never holds another's data.
 */
import ExcelJS from 'exceljs';
import { startTestServer, type TestServer } from '../support/server';
import { allText, download, readCsv, readWorkbook, table } from '../support/spreadsheets';

let t: TestServer;
const acme = { key: '', auditor: '' };
const globex = { key: '' };
const HOSTILE_TITLE = '=HYPERLINK("http://x","y")';
const GLOBEX_SECRETS = ['GLOBEX-ZQX-SECRET', 'Globex ZQX secret title', 'Globex Corp ZQX'];

beforeAll(async () => {
  t = await startTestServer();
  acme.key = (await t.createOrganization('Acme Ltd')).adminKey;
  globex.key = (await t.createOrganization(GLOBEX_SECRETS[2])).adminKey;
  acme.auditor = (await t.ok(`mutation { createApiKey(role: AUDITOR, name: "External auditor") { secret } }`, {}, acme.key)).createApiKey.secret;
  const c = (await t.ok(`mutation($t: String!) { createControl(input: { code: "AC-01", title: $t, status: IMPLEMENTED }) { id } }`, { t: HOSTILE_TITLE }, acme.key)).createControl.id;
  const p = (await t.ok(`mutation { createControl(input: { code: "PL-01", title: "Planned AI policy", status: PLANNED }) { id } }`, {}, acme.key)).createControl.id;
  await t.ok(`mutation($c: ID!, $p: ID!) { a: linkControl(controlId: $c, framework: "ISO27001", refId: "A.5.1") { coverage }
    b: linkControl(controlId: $p, framework: "ISO42001", refId: "A.2.2") { coverage } }`, { c, p }, acme.key);
  await t.ok(`mutation { setApplicability(framework: "ISO42001", refId: "A.10.2", applicable: false, justification: "no suppliers") { applicable } }`, {}, acme.key);
  const g = (await t.ok(`mutation($t: String!) { createControl(input: { code: "GLOBEX-ZQX-SECRET", title: $t, status: IMPLEMENTED }) { id } }`, { t: GLOBEX_SECRETS[1] }, globex.key)).createControl.id;
  await t.ok(`mutation($c: ID!) { linkControl(controlId: $c, framework: "ISO42001", refId: "A.7.2") { coverage } }`, { c: g }, globex.key);
});
afterAll(() => t.close());

/** GraphQL's gap analysis. */
async function gapAnalysis(target: string, have: string[] | null, key: string) {
  const data = await t.ok(`query($t: String!, $h: [String!]) { gapAnalysis(target: $t, have: $h) {
    coverage { framework { code version name } full partial none excluded score }
    gaps { requirement { refId title } status weight sources { status } controls { code coverage } } } }`, { t: target, h: have }, key);
  return data.gapAnalysis;
}

/** A gap row as the export writes it, from GraphQL's answer: all but the paths' words and the control titles. */
const expected = (g: any) => [g.requirement.refId, g.requirement.title, g.status, g.weight];

describe('GET /export/gaps.xlsx?target=ISO42001 (given the organization\'s controls)', () => {
  let wb: ExcelJS.Workbook;
  let res: Awaited<ReturnType<typeof download>>;
  let answer: any;
  beforeAll(async () => {
    res = await download(`${t.url}/export/gaps.xlsx?target=ISO42001`, acme.auditor);
    wb = await readWorkbook(res.body);
    answer = await gapAnalysis('ISO42001', null, acme.key);
  });

  it('is a workbook for any role, kept out of shared caches, named for the target', () => {
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="gaps_ISO42001_\d{4}-\d\d-\d\d\.xlsx"$/);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(['Read me', 'Gaps', 'Coverage']);
  });

  it('has one row per gap, in the order GraphQL gapAnalysis answers, with its status, weight, sources and touching controls', () => {
    const gaps = table(wb.getWorksheet('Gaps')!);
    expect(gaps.heading).toEqual(['Gap analysis — ISO42001:2023', 'Organization: Acme Ltd', expect.stringMatching(/^Framework: /), "Given: the organization's controls", expect.stringMatching(/^Generated .* by Crosswalk$/)]);
    expect(gaps.header).toEqual(['Ref ID', 'Title', 'Coverage status', 'Weight', 'Best partial sources', 'Controls that touch it', 'Control titles']);
    expect(answer.gaps.length).toBeGreaterThan(0);
    expect(gaps.rows.map((r) => r.slice(0, 4))).toEqual(answer.gaps.map(expected));
    gaps.rows.forEach((row, i) => {
      const gap = answer.gaps[i];
      const sources = row[4] === null ? [] : String(row[4]).split('\n');
      expect(sources.map((line) => line.split(' ')[0])).toEqual(gap.sources.slice(0, 5).map((s: any) => s.status).concat(gap.sources.length > 5 ? ['and'] : []));
      const touching = row[5] === null ? [] : String(row[5]).split('\n');
      expect(touching.map((line) => line.replace(/ — \w+ — /, ' '))).toEqual(gap.controls.map((c: any) => `${c.code} ${c.coverage} link`));
    });
    expect(gaps.rows.some((r) => r[0] === 'A.10.2')).toBe(false); // excluded: not a gap
  });

  it('names the crosswalk a partial source comes through, the planned control that touches a gap, and a formula-like title as text', () => {
    const gaps = table(wb.getWorksheet('Gaps')!);
    const i = gaps.rows.findIndex((r) => r[0] === 'A.2.2');
    expect(gaps.rows[i][2]).toBe('PARTIAL');
    expect(String(gaps.rows[i][4])).toMatch(/^PARTIAL \([\d.]+\) through crosswalk: ISO27001:2022 A\.5\.1 → .*ISO42001:2023 A\.2\.2 .*from AC-01 \(FULL link\)$/);
    expect(String(gaps.rows[i][5]).split('\n').sort()).toEqual(['AC-01 — IMPLEMENTED — FULL link', 'PL-01 — PLANNED — FULL link']);
    // The titles share a cell, one a line; the cell is text, and starts as a spreadsheet would never run it.
    expect(String(gaps.rows[i][6]).replace(/^'/, '').split('\n').sort()).toEqual(['Planned AI policy', HOSTILE_TITLE].sort());
    expect(gaps.cells[i][6].type).toBe(ExcelJS.ValueType.String);
    expect(String(gaps.rows[i][6])).not.toMatch(/^[=+\-@\t\r]/);
    let formulas = 0;
    wb.eachSheet((ws) => ws.eachRow((r) => r.eachCell((c) => (formulas += c.type === ExcelJS.ValueType.Formula ? 1 : 0))));
    expect(formulas).toBe(0);
    const formatting = (wb.getWorksheet('Gaps') as unknown as { conditionalFormattings: Array<{ ref: string }> }).conditionalFormattings;
    expect(formatting.map((f) => f.ref)).toEqual([`C8:C${7 + gaps.rows.length}`]);
  });

  it('has the coverage of the target now, as gapAnalysis.coverage answers it', () => {
    const c = answer.coverage;
    expect(table(wb.getWorksheet('Coverage')!).rows).toEqual([[`ISO42001:${c.framework.version}`, c.framework.name, c.full, c.partial, c.none, c.excluded, c.score, "the organization's controls"]]);
    expect(c.excluded).toBe(1);
  });

  it('holds nothing of another organization, whose own gaps differ', async () => {
    const text = allText(wb);
    for (const secret of GLOBEX_SECRETS) expect(text).not.toContain(secret);
    expect(table(wb.getWorksheet('Gaps')!).rows.find((r) => r[0] === 'A.7.2')![2]).toBe('NONE'); // Globex covers it, not Acme
    const theirs = await readWorkbook((await download(`${t.url}/export/gaps.xlsx?target=ISO42001`, globex.key)).body);
    expect(table(theirs.getWorksheet('Gaps')!).rows.some((r) => r[0] === 'A.7.2')).toBe(false);
    expect(table(theirs.getWorksheet('Gaps')!).rows.some((r) => r[0] === 'A.10.2')).toBe(true);
    for (const mine of ['AC-01', 'PL-01', 'Acme', HOSTILE_TITLE]) expect(allText(theirs)).not.toContain(mine);
  });
});

describe('GET /export/gaps.csv?target=SOC2&have=ISO27001,ISO42001 (frameworks taken as fully in place)', () => {
  it('carries the gaps by default, as gapAnalysis(have:) answers them; ?sheet=Coverage the coverage', async () => {
    const res = await download(`${t.url}/export/gaps.csv?target=SOC2&have=ISO27001,ISO42001`, acme.key);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-export-sheet')).toBe('Gaps');
    expect(res.headers.get('content-disposition')).toMatch(/filename="gaps_SOC2_ISO27001_ISO42001_\d{4}-\d\d-\d\d_Gaps\.csv"/);
    const answer = await gapAnalysis('SOC2', ['ISO27001', 'ISO42001'], acme.key);
    const mine = await gapAnalysis('SOC2', null, acme.key);
    expect(answer.gaps.length).not.toBe(mine.gaps.length); // `have` changes the answer, so the test can tell them apart
    const csv = readCsv(res.body);
    expect(csv.rows.map((r) => r.slice(0, 4))).toEqual(answer.gaps.map((g: any) => expected(g).map(String)));
    expect(csv.rows.every((r) => r[5] === '')).toBe(true); // an assumed "have" has no controls
    const coverage = readCsv((await download(`${t.url}/export/gaps.csv?target=SOC2&have=ISO27001,ISO42001&sheet=coverage`, acme.key)).body);
    const c = answer.coverage;
    expect(coverage.rows).toEqual([[`SOC2:${c.framework.version}`, c.framework.name, ...[c.full, c.partial, c.none, c.excluded, c.score].map(String), `ISO27001:2022, ISO42001:2023 taken as fully in place`]]);
  });
});

describe('refusals', () => {
  it.each([
    ['no key', undefined],
    ['a malformed key', 'not-a-key'],
  ])('%s: 401 with the very message GraphQL gives as UNAUTHENTICATED, and no file', async (_what, key) => {
    const graphql = await t.gql(`query { gapAnalysis(target: "SOC2") { gaps { status } } }`, {}, key);
    const res = await download(`${t.url}/export/gaps.xlsx?target=SOC2`, key);
    expect(res.status).toBe(401);
    expect(res.headers.get('content-disposition')).toBeNull();
    expect(res.json().errors).toEqual([{ message: graphql.errors![0].message, extensions: { code: 'UNAUTHENTICATED' } }]);
  });

  it.each([
    ['no target', '?have=ISO27001', 'BAD_USER_INPUT', 'target', /^target: is required/],
    ['an unknown target', '?target=ISO9999', 'NOT_FOUND', 'target', /no framework "ISO9999".*known:/],
    ['an empty have', '?target=SOC2&have=', 'BAD_USER_INPUT', 'have', /must not be empty; leave it out/],
    ['an empty entry in have', '?target=SOC2&have=ISO27001,,ISO42001', 'BAD_USER_INPUT', 'have', /has an empty item/],
    ['51 frameworks in have', `?target=SOC2&have=${Array(51).fill('ISO27001').join(',')}`, 'BAD_USER_INPUT', 'have', /at most 50 frameworks/],
    ['have naming the target', '?target=SOC2&have=ISO27001,SOC2:2017', 'BAD_USER_INPUT', 'have', /must not include the target framework itself/],
    ['an unknown framework in have', '?target=SOC2&have=ISO27001,ISO9999', 'NOT_FOUND', 'have[1]', /no framework "ISO9999"/],
    ['a 10,000-character target', `?target=${'A'.repeat(10_000)}`, 'BAD_USER_INPUT', 'target', /./],
    // have is held to GapAnalysisArgs beside the target given, as GraphQL holds it: the error names have, not target.
    ['a 10,000-character entry in have', `?target=SOC2&have=ISO27001,${'A'.repeat(10_000)}`, 'BAD_USER_INPUT', 'have', /^have: .*at most 90 characters/],
    ['a NUL byte', '?target=SOC2&have=ISO27001%00', 'BAD_USER_INPUT', 'have', /./],
    ['have twice', '?target=SOC2&have=ISO27001&have=ISO42001', 'BAD_USER_INPUT', 'have', /given more than once/],
    ['an unknown parameter', '?target=SOC2&maxHops=3', 'BAD_USER_INPUT', 'maxHops', /unknown parameter; this export takes target, have, sheet$/],
    ['__proto__', '?target=SOC2&__proto__=x', 'BAD_USER_INPUT', '__proto__', /unknown parameter/],
    ['SQL', "?target=SOC2'%20OR%201=1--", 'BAD_USER_INPUT', 'target', /./],
    ['bidi control', '?target=%E2%80%AESOC2', 'BAD_USER_INPUT', 'target', /./],
    ['a sheet that is not there', '?target=SOC2&sheet=Nope', 'BAD_USER_INPUT', 'sheet', /one of Gaps, Coverage$/],
  ])('%s: a coded 400 naming the parameter, and no file', async (_what, query, code, field, message) => {
    const res = await download(`${t.url}/export/gaps.csv${query}`, acme.key);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-disposition')).toBeNull();
    const [error] = res.json().errors;
    expect(error.extensions).toMatchObject({ code, field });
    expect(error.message).toMatch(message);
    expect(error.message.length).toBeLessThan(400);
  });
});
