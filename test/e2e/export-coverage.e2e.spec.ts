/**
 * Issue 13: the keyed `coverage` export over real HTTP, read back with exceljs and csv-parse and checked against
 * GraphQL's `coverage` (the summary) and `requirementCoverage` (every requirement's row); hostile parameters are coded
 * 400s naming the parameter, and an organization's export never holds another's data.
 */
import ExcelJS from 'exceljs';
import { startTestServer, type TestServer } from '../support/server';
import { allText, download, readCsv, readWorkbook, table } from '../support/spreadsheets';

let t: TestServer;
const acme = { key: '', auditor: '' };
const globex = { key: '' };
const GLOBEX_SECRETS = ['GLOBEX-ZQX-SECRET', 'Globex Corp ZQX'];
const FRAMEWORKS = 'ISO27001,SOC2,ISO42001';

beforeAll(async () => {
  t = await startTestServer();
  acme.key = (await t.createOrganization('Acme Ltd')).adminKey;
  globex.key = (await t.createOrganization(GLOBEX_SECRETS[1])).adminKey;
  acme.auditor = (await t.ok(`mutation { createApiKey(role: AUDITOR, name: "External auditor") { secret } }`, {}, acme.key)).createApiKey.secret;
  const c = (await t.ok(`mutation { createControl(input: { code: "AC-01", title: "Security policy", status: IMPLEMENTED }) { id } }`, {}, acme.key)).createControl.id;
  await t.ok(`mutation($c: ID!) { a: linkControl(controlId: $c, framework: "ISO27001", refId: "A.5.1") { coverage }
    b: linkControl(controlId: $c, framework: "SOC2", refId: "CC6.1", coverage: PARTIAL) { coverage } }`, { c }, acme.key);
  await t.ok(`mutation { setApplicability(framework: "ISO27001", refId: "A.7.4", applicable: false, justification: "no premises") { applicable } }`, {}, acme.key);
  const g = (await t.ok(`mutation { createControl(input: { code: "GLOBEX-ZQX-SECRET", title: "Globex", status: IMPLEMENTED }) { id } }`, {}, globex.key)).createControl.id;
  await t.ok(`mutation($c: ID!) { linkControl(controlId: $c, framework: "ISO27001", refId: "A.5.2") { coverage } }`, { c: g }, globex.key);
});
afterAll(() => t.close());

/** GraphQL's coverage for the frameworks, with each framework's sheet name as the export names it. */
async function coverage(key: string) {
  const data = await t.ok(`query($f: [String!]) { coverage(frameworks: $f) { framework { code version name } full partial none excluded score } }`, { f: FRAMEWORKS.split(',') }, key);
  return data.coverage.map((c: any) => ({ ...c, sheet: `${c.framework.code} ${c.framework.version}` }));
}

/** GraphQL's requirementCoverage for every requirement of a framework, in document order, ten aliases a query. */
async function requirementCoverages(framework: string, key: string) {
  const reqs = (await t.ok(`query($f: String!) { requirements(framework: $f, first: 500) { edges { node { refId title } } } }`, { f: framework }, key))
    .requirements.edges.map((e: any) => e.node);
  const answers: any[] = [];
  for (let i = 0; i < reqs.length; i += 10) {
    const chunk = reqs.slice(i, i + 10);
    const fields = chunk.map((_r: any, j: number) => `r${j}: requirementCoverage(framework: $f, refId: $r${j}) { status weight heading paths { status } rollUp { full partial none excluded } }`);
    const vars = Object.fromEntries([['f', framework], ...chunk.map((r: any, j: number) => [`r${j}`, r.refId])]);
    const data = await t.ok(`query($f: String!, ${chunk.map((_r: any, j: number) => `$r${j}: String!`).join(', ')}) { ${fields.join(' ')} }`, vars, key);
    chunk.forEach((r: any, j: number) => answers.push({ ...r, ...data[`r${j}`] }));
  }
  return answers;
}

describe(`GET /export/coverage.xlsx?frameworks=${FRAMEWORKS}`, () => {
  let wb: ExcelJS.Workbook;
  let res: Awaited<ReturnType<typeof download>>;
  beforeAll(async () => {
    res = await download(`${t.url}/export/coverage.xlsx?frameworks=${FRAMEWORKS}`, acme.auditor);
    wb = await readWorkbook(res.body);
  });

  it('is a workbook for any role, kept out of shared caches, a summary sheet then one sheet per framework', async () => {
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="coverage_ISO27001_SOC2_ISO42001_\d{4}-\d\d-\d\d\.xlsx"$/);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const answers = await coverage(acme.key);
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(['Read me', 'Summary', ...answers.map((a: any) => a.sheet)]);
  });

  it('summarises full, partial, none, excluded and score per framework exactly as GraphQL coverage answers', async () => {
    const summary = table(wb.getWorksheet('Summary')!);
    expect(summary.heading).toEqual([expect.stringMatching(/^Coverage — ISO27001:2022, SOC2:\S+, ISO42001:2023$/), 'Organization: Acme Ltd', expect.stringMatching(/^Generated \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ by Crosswalk$/)]);
    expect(summary.header).toEqual(['Framework', 'Name', 'Full', 'Partial', 'None', 'Excluded', 'Score', 'Sheet']);
    const answers = await coverage(acme.key);
    expect(summary.rows).toEqual(answers.map((a: any) => [`${a.framework.code}:${a.framework.version}`, a.framework.name, a.full, a.partial, a.none, a.excluded, a.score, a.sheet]));
    expect(answers[0].full).toBeGreaterThan(0); // Acme's control counts: the numbers are not an empty organization's
    expect(answers[0].excluded).toBe(1);
  });

  it.each(['ISO27001', 'SOC2', 'ISO42001'])('the %s sheet has every requirement in document order, with the status, weight and paths requirementCoverage answers', async (framework) => {
    const answers = await requirementCoverages(framework, acme.key);
    const name = (await coverage(acme.key)).find((a: any) => a.framework.code === framework).sheet;
    const sheet = table(wb.getWorksheet(name)!);
    expect(sheet.header).toEqual(['Ref ID', 'Title', 'Kind', 'Coverage status', 'Weight', 'How reached']);
    expect(sheet.rows.map((r) => r[0])).toEqual(answers.map((a) => a.refId));
    sheet.rows.forEach((row, i) => {
      const a = answers[i];
      expect([row[1], row[2] === 'heading', row[3], row[4]]).toEqual([a.title, a.heading, a.status, a.weight]);
      const how = row[5] === null ? [] : String(row[5]).split('\n');
      if (a.heading) expect(how).toEqual([`heading: sums up the requirements under it: ${a.rollUp.full} full, ${a.rollUp.partial} partial, ${a.rollUp.none} none, ${a.rollUp.excluded} excluded`]);
      else if (a.status === 'EXCLUDED') expect(how).toEqual(['excluded by the Statement of Applicability']);
      else expect(how.map((line) => line.split(' ')[0])).toEqual(a.paths.slice(0, 5).map((p: any) => p.status).concat(a.paths.length > 5 ? ['and'] : []));
    });
    // The per-requirement rows add up to the summary's counts.
    const counts = (s: string) => sheet.rows.filter((r) => r[2] !== 'heading' && r[3] === s).length;
    const summary = (await coverage(acme.key)).find((a: any) => a.framework.code === framework);
    expect([counts('FULL'), counts('PARTIAL'), counts('NONE'), counts('EXCLUDED')]).toEqual([summary.full, summary.partial, summary.none, summary.excluded]);
  });

  it('explains in words: directly, through a crosswalk, excluded; colour-codes the status; holds no formula', () => {
    const iso = table(wb.getWorksheet('ISO27001 2022')!);
    expect(iso.rows.find((r) => r[0] === 'A.5.1')!.slice(3)).toEqual(['FULL', 1, 'FULL directly: AC-01 (FULL link)']);
    expect(iso.rows.find((r) => r[0] === 'A.7.4')!.slice(3)).toEqual(['EXCLUDED', 0, 'excluded by the Statement of Applicability']);
    const soc2 = table(wb.getWorksheet(wb.worksheets[3].name)!);
    expect(soc2.rows.find((r) => r[0] === 'CC6.1')![5]).toMatch(/^PARTIAL directly: AC-01 \(PARTIAL link\)/);
    const ai = table(wb.worksheets[4]);
    expect(ai.rows.some((r) => /through crosswalk: ISO27001:2022 A\.5\.1 → .*from AC-01 \(FULL link\)/.test(String(r[5])))).toBe(true);
    const formatting = (wb.getWorksheet('ISO27001 2022') as unknown as { conditionalFormattings: Array<{ ref: string }> }).conditionalFormattings;
    expect(formatting.map((f) => f.ref)).toEqual([`D7:D${6 + iso.rows.length}`]);
    let formulas = 0;
    wb.eachSheet((ws) => ws.eachRow((r) => r.eachCell((c) => (formulas += c.type === ExcelJS.ValueType.Formula ? 1 : 0))));
    expect(formulas).toBe(0);
  });

  it('holds nothing of another organization, whose own export differs', async () => {
    const text = allText(wb);
    for (const secret of GLOBEX_SECRETS) expect(text).not.toContain(secret);
    expect(table(wb.getWorksheet('ISO27001 2022')!).rows.find((r) => r[0] === 'A.5.2')![3]).toBe('NONE'); // Globex covers it, not Acme
    const theirs = await readWorkbook((await download(`${t.url}/export/coverage.xlsx?frameworks=ISO27001`, globex.key)).body);
    const rows = table(theirs.getWorksheet('ISO27001 2022')!).rows;
    expect(rows.find((r) => r[0] === 'A.5.2')![5]).toBe('FULL directly: GLOBEX-ZQX-SECRET (FULL link)');
    expect(rows.find((r) => r[0] === 'A.5.1')![3]).toBe('NONE');
    expect(allText(theirs)).not.toContain('AC-01');
  });
});

describe('GET /export/coverage.csv', () => {
  it('carries the summary by default, and ?sheet= a framework\'s sheet, the same rows as the workbook', async () => {
    const res = await download(`${t.url}/export/coverage.csv?frameworks=ISO27001,SOC2`, acme.key);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-export-sheet')).toBe('Summary');
    const answers = (await coverage(acme.key)).slice(0, 2);
    expect(readCsv(res.body).rows).toEqual(answers.map((a: any) => [`${a.framework.code}:${a.framework.version}`, a.framework.name, ...[a.full, a.partial, a.none, a.excluded, a.score].map(String), a.sheet]));
    const iso = await download(`${t.url}/export/coverage.csv?frameworks=ISO27001,SOC2&sheet=iso27001%202022`, acme.key);
    expect(iso.headers.get('x-export-sheet')).toBe('ISO27001 2022');
    const wb = await readWorkbook((await download(`${t.url}/export/coverage.xlsx?frameworks=ISO27001,SOC2`, acme.key)).body);
    const xlsx = table(wb.getWorksheet('ISO27001 2022')!).rows.map((r) => r.map((v) => (v === null ? '' : String(v))));
    expect(readCsv(iso.body).rows).toEqual(xlsx);
  });
});

describe('refusals', () => {
  it.each([
    ['no key', undefined],
    ['a malformed key', 'not-a-key'],
  ])('%s: 401 with the very message GraphQL gives as UNAUTHENTICATED, and no file', async (_what, key) => {
    const graphql = await t.gql(`query { coverage(frameworks: ["ISO27001"]) { score } }`, {}, key);
    const res = await download(`${t.url}/export/coverage.xlsx?frameworks=ISO27001`, key);
    expect(res.status).toBe(401);
    expect(res.headers.get('content-disposition')).toBeNull();
    expect(res.json().errors).toEqual([{ message: graphql.errors![0].message, extensions: { code: 'UNAUTHENTICATED' } }]);
  });

  it.each([
    ['no frameworks', '', 'BAD_USER_INPUT', 'frameworks', /^frameworks: is required/],
    ['an empty entry', '?frameworks=ISO27001,,SOC2', 'BAD_USER_INPUT', 'frameworks', /has an empty item; give comma-separated framework references/],
    ['a trailing comma', '?frameworks=ISO27001,', 'BAD_USER_INPUT', 'frameworks', /has an empty item/],
    ['51 frameworks', `?frameworks=${Array(51).fill('SOC2').join(',')}`, 'BAD_USER_INPUT', 'frameworks', /at most 50 frameworks/],
    ['an unknown framework, second', '?frameworks=ISO27001,ISO9999', 'NOT_FOUND', 'frameworks[1]', /no framework "ISO9999".*known:/],
    ['a malformed reference', '?frameworks=ISO27001;DROP', 'BAD_USER_INPUT', 'frameworks[0]', /./],
    ['a 10,000-character reference', `?frameworks=${'A'.repeat(10_000)}`, 'BAD_USER_INPUT', 'frameworks', /at most 90 characters/], // held to CoverageArgs, as GraphQL holds it
    ['a NUL byte', '?frameworks=ISO27001%00', 'BAD_USER_INPUT', 'frameworks', /./],
    ['the parameter twice', '?frameworks=ISO27001&frameworks=SOC2', 'BAD_USER_INPUT', 'frameworks', /given more than once/],
    ['bracket syntax', '?frameworks[]=ISO27001', 'BAD_USER_INPUT', 'frameworks[]', /unknown parameter; this export takes frameworks, sheet$/],
    ['__proto__', '?frameworks=ISO27001&__proto__=x', 'BAD_USER_INPUT', '__proto__', /unknown parameter/],
    ['SQL', "?frameworks=ISO27001'%20OR%201=1--", 'BAD_USER_INPUT', 'frameworks[0]', /./],
    ['a sheet that is not there', '?frameworks=ISO27001&sheet=Nope', 'BAD_USER_INPUT', 'sheet', /one of Summary, ISO27001 2022$/],
  ])('%s: a coded 400 naming the parameter, and no file', async (_what, query, code, field, message) => {
    const res = await download(`${t.url}/export/coverage.csv${query}`, acme.key);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-disposition')).toBeNull();
    const [error] = res.json().errors;
    expect(error.extensions).toMatchObject({ code, field });
    expect(error.message).toMatch(message);
    expect(error.message.length).toBeLessThan(400);
  });
});
