/**
 * Issue 13: the keyed `common-controls` export over real HTTP, read back with exceljs and csv-parse and checked against
 * GraphQL's `commonControls` for the same organization: one row per common control objective with what it satisfies
 * in each framework, and one row per satisfied requirement. The groups are read under the organization's declared
 * management systems (tenant data), so each organization's export is checked against its own answer, and holds
 * nothing of another's.
 */
import ExcelJS from 'exceljs';
import { startTestServer, type TestServer } from '../support/server';
import { allText, download, readCsv, readWorkbook, table } from '../support/spreadsheets';

let t: TestServer;
let integrated = '';
let separate = '';
const INTEGRATED_NAME = 'Integrated ZQX Common Ltd';
const FRAMEWORKS = ['ISO27001', 'ISO27701', 'ISO42001'];

const GROUPS = `query($f: [String!]!) { commonControls(frameworks: $f) {
  anchor { refId title framework { code version } }
  newlyCovered { refId framework { code } }
  satisfies { framework { code version } requirements { refId title } }
} }`;

const groups = async (key: string, frameworks = FRAMEWORKS) => (await t.ok(GROUPS, { f: frameworks }, key)).commonControls as any[];
const fw = (f: { code: string; version: string }) => `${f.code}:${f.version}`;

beforeAll(async () => {
  t = await startTestServer();
  integrated = (await t.createOrganization(INTEGRATED_NAME)).adminKey;
  separate = (await t.createOrganization('Separate Systems Ltd')).adminKey;
  await t.ok(`mutation { setManagementSystem(name: "IMS", frameworks: ["ISO27001", "ISO27701", "ISO42001"]) { id } }`, {}, integrated);
});
afterAll(() => t.close());

describe('GET /export/common-controls.xlsx?frameworks=ISO27001,ISO27701,ISO42001', () => {
  let wb: ExcelJS.Workbook;
  let res: Awaited<ReturnType<typeof download>>;
  let graphql: any[];
  beforeAll(async () => {
    res = await download(`${t.url}/export/common-controls.xlsx?frameworks=${FRAMEWORKS.join(',')}`, integrated);
    wb = await readWorkbook(res.body);
    graphql = await groups(integrated);
  });

  it('is a workbook kept out of shared caches, named for the frameworks', () => {
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="common-controls_ISO27001_ISO27701_ISO42001_\d{4}-\d\d-\d\d\.xlsx"$/);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(['Read me', 'Common controls', 'Requirements']);
  });

  it('has one row per group, in the order commonControls gives, with what it satisfies in each framework', () => {
    const sheet = table(wb.getWorksheet('Common controls')!);
    expect(sheet.header).toEqual(['No.', 'Objective', 'Objective title', 'Satisfies in ISO27001:2022', 'Satisfies in ISO27701:2019', 'Satisfies in ISO42001:2023', 'Requirements satisfied', 'Covered first']);
    expect(graphql.length).toBeGreaterThan(0);
    expect(sheet.rows).toHaveLength(graphql.length);
    const inFramework = (g: any, label: string) => g.satisfies.filter((s: any) => fw(s.framework) === label).flatMap((s: any) => s.requirements.map((r: any) => r.refId)).join('\n') || null;
    expect(sheet.rows).toEqual(graphql.map((g, i) => [
      i + 1,
      `${fw(g.anchor.framework)} ${g.anchor.refId}`,
      g.anchor.title,
      inFramework(g, 'ISO27001:2022'),
      inFramework(g, 'ISO27701:2019'),
      inFramework(g, 'ISO42001:2023'),
      g.satisfies.reduce((n: number, s: any) => n + s.requirements.length, 0),
      g.newlyCovered.length,
    ]));
    expect(sheet.rows.some((r) => [r[3], r[4], r[5]].filter((c) => c !== null).length > 1)).toBe(true); // some objective spans frameworks
  });

  it('lists every satisfied requirement on its own row, saying where it was covered first', () => {
    const sheet = table(wb.getWorksheet('Requirements')!);
    const expected = graphql.flatMap((g, i) => {
      const first = new Set(g.newlyCovered.map((r: any) => `${r.framework.code} ${r.refId}`));
      return g.satisfies.flatMap((s: any) => s.requirements.map((r: any) => [
        i + 1, `${fw(g.anchor.framework)} ${g.anchor.refId}`, fw(s.framework), r.refId, r.title, first.has(`${s.framework.code} ${r.refId}`) ? 'yes' : 'no',
      ]));
    });
    expect(sheet.rows).toEqual(expected);
    expect(sheet.rows.filter((r) => r[5] === 'yes')).toHaveLength(graphql.reduce((n, g) => n + g.newlyCovered.length, 0));
  });

  it('says whose and when in the header, and holds no formula', () => {
    expect(table(wb.getWorksheet('Common controls')!).heading).toEqual([
      'Common controls — ISO27001:2022 + ISO27701:2019 + ISO42001:2023', `Organization: ${INTEGRATED_NAME}`, expect.stringMatching(/^Generated \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ by Crosswalk$/),
    ]);
    let formulas = 0;
    wb.eachSheet((ws) => ws.eachRow((r) => r.eachCell((c) => (formulas += c.type === ExcelJS.ValueType.Formula ? 1 : 0))));
    expect(formulas).toBe(0);
  });
});

describe('GET /export/common-controls.csv', () => {
  it('carries the groups by default, the same rows as GraphQL; ?sheet=Requirements the requirements', async () => {
    const res = await download(`${t.url}/export/common-controls.csv?frameworks=ISO27001,SOC2`, integrated);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-export-sheet')).toBe('Common controls');
    const graphql = await groups(integrated, ['ISO27001', 'SOC2']);
    const csv = readCsv(res.body);
    expect(csv.header.slice(3, 5)).toEqual(['Satisfies in ISO27001:2022', 'Satisfies in SOC2:2017']);
    expect(csv.rows.map((r) => [r[0], r[1]])).toEqual(graphql.map((g, i) => [String(i + 1), `${fw(g.anchor.framework)} ${g.anchor.refId}`]));
    const reqs = await download(`${t.url}/export/common-controls.csv?frameworks=ISO27001,SOC2&sheet=Requirements`, integrated);
    expect(reqs.headers.get('x-export-sheet')).toBe('Requirements');
    expect(readCsv(reqs.body).rows).toHaveLength(graphql.reduce((n, g) => n + g.satisfies.reduce((m: number, s: any) => m + s.requirements.length, 0), 0));
  });

  it("another organization gets the groups its own GraphQL answer gives, and nothing of the first's", async () => {
    const graphql = await groups(separate);
    const wb = await readWorkbook((await download(`${t.url}/export/common-controls.xlsx?frameworks=${FRAMEWORKS.join(',')}`, separate)).body);
    expect(table(wb.getWorksheet('Common controls')!).rows.map((r) => r[1])).toEqual(graphql.map((g) => `${fw(g.anchor.framework)} ${g.anchor.refId}`));
    expect(allText(wb)).not.toContain(INTEGRATED_NAME);
  });
});

describe('refusals', () => {
  it.each([
    ['missing', '', 'frameworks: is required: comma-separated framework references such as ISO42001,NIST-AI-RMF', 'frameworks'],
    ['an empty item', '?frameworks=ISO27001,', 'frameworks: has an empty item; give comma-separated framework references such as ISO42001,NIST-AI-RMF', 'frameworks'],
    ['21 frameworks', `?frameworks=${Array(21).fill('ISO27001').join(',')}`, 'frameworks: must list at most 20 frameworks', 'frameworks'],
    ['a reference too long', `?frameworks=${'X'.repeat(91)}`, undefined, 'frameworks'],
    ['an unknown framework', '?frameworks=ISO27001,NOPE', undefined, 'frameworks[1]'],
    ['a repeated parameter', '?frameworks=ISO27001&frameworks=SOC2', 'frameworks: given more than once; give it once', 'frameworks'],
    ['an unknown parameter', '?frameworks=ISO27001&additional=SOC2', undefined, 'additional'],
    ['a sheet that is not there', '?frameworks=ISO27001&sheet=Nope', undefined, 'sheet'],
    ['a 10,000-character reference', `?frameworks=${'A'.repeat(10_000)}`, undefined, 'frameworks'],
    ['a NUL byte', '?frameworks=ISO27001%00', undefined, 'frameworks'],
    ['__proto__ as a parameter', '?frameworks=ISO27001&__proto__=x', undefined, '__proto__'],
    ['bracket syntax', '?frameworks[]=ISO27001', undefined, 'frameworks[]'],
    ['SQL in a reference', "?frameworks=ISO27001'%20OR%201=1--", undefined, 'frameworks[0]'],
    ['a bidi control character', '?frameworks=%E2%80%AEISO27001', undefined, 'frameworks[0]'],
  ])('%s: 400 naming the parameter, and no file', async (_what, query, message, field) => {
    const res = await download(`${t.url}/export/common-controls.csv${query}`, integrated);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-disposition')).toBeNull();
    const error = res.json().errors[0];
    expect(error.extensions.field).toBe(field);
    expect(['BAD_USER_INPUT', 'NOT_FOUND']).toContain(error.extensions.code);
    expect(error.message.length).toBeLessThan(300);
    if (message) expect(error.message).toBe(message);
  });

  it('the same list refused by GraphQL and by the export gets the same message', async () => {
    const graphql = await t.gql(GROUPS, { f: Array(21).fill('ISO27001') }, integrated);
    const res = await download(`${t.url}/export/common-controls.xlsx?frameworks=${Array(21).fill('ISO27001').join(',')}`, integrated);
    expect(res.json().errors[0].message).toBe(graphql.errors![0].message);
  });

  it.each([undefined, 'not-a-key'])('key %s: 401 and no file', async (key) => {
    const res = await download(`${t.url}/export/common-controls.xlsx?frameworks=ISO27001`, key);
    expect(res.status).toBe(401);
    expect(res.json().errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});
