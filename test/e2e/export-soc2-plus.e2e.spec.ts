/**
 * Issue 13: the keyed `soc2-plus` export over real HTTP, read back with exceljs and csv-parse and checked against
 * GraphQL's `soc2PlusScope` for the same organization: one row per deduplicated criterion, by topic, and the merged
 * requirements on their own sheet. Merging depends on the organization's declared management system (tenant data),
 * so a second organization, without one, gets its own answer and nothing of the first's.
 */
import ExcelJS from 'exceljs';
import { startTestServer, type TestServer } from '../support/server';
import { allText, download, readCsv, readWorkbook, table } from '../support/spreadsheets';

let t: TestServer;
let integrated = '';
let separate = '';
const INTEGRATED_NAME = 'Integrated ZQX Privacy AI';

const SCOPE = `query($a: [String!]!) { soc2PlusScope(additional: $a) {
  itemCount requirementCount
  topics { framework { code version } topic { refId } title items {
    requirement { refId title } status weight soc2Sources { steps { from { refId } } }
    members { requirement { refId title framework { code version } } equivalent status weight mergedBy { relationship } }
  } }
} }`;

const scope = async (key: string, additional = ['ISO27701', 'ISO42001']) => (await t.ok(SCOPE, { a: additional }, key)).soc2PlusScope;
/** GraphQL's items in order, each with its number topic.item, as the export numbers them. */
const itemsOf = (s: any) => s.topics.flatMap((topic: any, ti: number) => topic.items.map((item: any, ii: number) => ({ topic, item, number: `${ti + 1}.${ii + 1}` })));

beforeAll(async () => {
  t = await startTestServer();
  integrated = (await t.createOrganization(INTEGRATED_NAME)).adminKey;
  separate = (await t.createOrganization('Separate Systems Ltd')).adminKey;
  // One management system: the ISO 42001 / 27701 containments hold (SAME_MANAGEMENT_SYSTEM), and requirements merge.
  await t.ok(`mutation { setManagementSystem(name: "IMS", frameworks: ["ISO27001", "ISO27701", "ISO42001"]) { id } }`, {}, integrated);
});
afterAll(() => t.close());

describe('GET /export/soc2-plus.xlsx?additional=ISO27701,ISO42001', () => {
  let wb: ExcelJS.Workbook;
  let res: Awaited<ReturnType<typeof download>>;
  let graphql: any;
  beforeAll(async () => {
    res = await download(`${t.url}/export/soc2-plus.xlsx?additional=ISO27701,ISO42001`, integrated);
    wb = await readWorkbook(res.body);
    graphql = await scope(integrated);
  });

  it('is a workbook kept out of shared caches, named for the added frameworks, with the items and the merged requirements', () => {
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="soc2-plus_ISO27701_ISO42001_\d{4}-\d\d-\d\d\.xlsx"$/);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(['Read me', 'Additional criteria', 'Merged requirements']);
  });

  it('has one row per deduplicated criterion, by topic, as soc2PlusScope answers', () => {
    const sheet = table(wb.getWorksheet('Additional criteria')!);
    expect(sheet.header).toEqual(['No.', 'Framework', 'Topic', 'Topic title', 'Ref ID', 'Criterion', 'SOC 2 coverage', 'Weight', 'Covered in part by SOC 2', 'Also meets']);
    expect(graphql.itemCount).toBeLessThan(graphql.requirementCount); // the declared system merges some
    expect(sheet.rows).toHaveLength(graphql.itemCount);
    const expected = itemsOf(graphql).map(({ topic, item, number }: any) => [
      number, `${topic.framework.code}:${topic.framework.version}`, topic.topic.refId, topic.title, item.requirement.refId, item.requirement.title, item.status, item.weight,
    ]);
    expect(sheet.rows.map((r) => r.slice(0, 8))).toEqual(expected);
    expect(itemsOf(graphql).some(({ item }: any) => item.soc2Sources.length > 0)).toBe(true); // the sources column is checked below, not vacuously
    itemsOf(graphql).forEach(({ item }: any, i: number) => {
      const alsoMeets = item.members.map((m: any) => `${m.requirement.framework.code}:${m.requirement.framework.version} ${m.requirement.refId} (${m.equivalent ? 'equivalent' : 'contained'})`);
      expect(sheet.rows[i][9] ?? null).toBe(alsoMeets.length === 0 ? null : alsoMeets.join('\n'));
      const sources = String(sheet.rows[i][8] ?? '');
      if (item.soc2Sources.length === 0) expect(sheet.rows[i][8] ?? null).toBeNull();
      for (const path of item.soc2Sources.slice(0, 5)) expect(sources).toContain(` ${path.steps[0].from.refId} → `);
    });
  });

  it('lists every merged requirement with the item it counts with; together they are requirementCount', () => {
    const merged = table(wb.getWorksheet('Merged requirements')!);
    const members = itemsOf(graphql).flatMap(({ item, number }: any) => item.members.map((m: any) => ({ m, number })));
    expect(merged.rows).toHaveLength(graphql.requirementCount - graphql.itemCount);
    expect(merged.rows.map((r) => [r[0], r[1], r[2], r[4], r[5], r[7], r[8]])).toEqual(members.map(({ m, number }: any) => [
      `${m.requirement.framework.code}:${m.requirement.framework.version}`, m.requirement.refId, m.requirement.title, number, m.equivalent ? 'yes' : 'no', m.status, m.weight,
    ]));
    members.forEach(({ m }: any, i: number) => expect(String(merged.rows[i][6])).toContain(` ${m.mergedBy.relationship} `));
  });

  it('says whose scope and when in the header, colour-codes the SOC 2 coverage, and holds no formula', () => {
    const sheet = table(wb.getWorksheet('Additional criteria')!);
    expect(sheet.heading).toEqual(['SOC 2+ additional criteria — SOC 2 + ISO27701:2019 + ISO42001:2023', `Organization: ${INTEGRATED_NAME}`, expect.stringMatching(/^Generated \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ by Crosswalk$/)]);
    const formatting = (wb.getWorksheet('Additional criteria') as unknown as { conditionalFormattings: Array<{ ref: string }> }).conditionalFormattings;
    expect(formatting.map((f) => f.ref)).toEqual([`G6:G${5 + graphql.itemCount}`]);
    let formulas = 0;
    wb.eachSheet((ws) => ws.eachRow((r) => r.eachCell((c) => (formulas += c.type === ExcelJS.ValueType.Formula ? 1 : 0))));
    expect(formulas).toBe(0);
  });
});

describe('GET /export/soc2-plus.csv', () => {
  it('carries the criteria by default, the same rows as the workbook; ?sheet= carries the merged requirements', async () => {
    const res = await download(`${t.url}/export/soc2-plus.csv?additional=ISO27701,ISO42001`, integrated);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-export-sheet')).toBe('Additional criteria');
    const graphql = await scope(integrated);
    const csv = readCsv(res.body);
    expect(csv.rows.map((r) => [r[0], r[4], r[6]])).toEqual(itemsOf(graphql).map(({ item, number }: any) => [number, item.requirement.refId, item.status]));
    const merged = await download(`${t.url}/export/soc2-plus.csv?additional=ISO27701,ISO42001&sheet=merged%20requirements`, integrated);
    expect(merged.headers.get('x-export-sheet')).toBe('Merged requirements');
    expect(readCsv(merged.body).rows).toHaveLength(graphql.requirementCount - graphql.itemCount);
  });

  it("another organization (no declared system) gets its own answer: nothing merges, and nothing of the first's", async () => {
    const graphql = await scope(separate);
    expect(graphql.itemCount).toBe(graphql.requirementCount);
    const wb = await readWorkbook((await download(`${t.url}/export/soc2-plus.xlsx?additional=ISO27701,ISO42001`, separate)).body);
    expect(table(wb.getWorksheet('Additional criteria')!).rows).toHaveLength(graphql.itemCount);
    expect(table(wb.getWorksheet('Merged requirements')!).rows).toHaveLength(0);
    expect(allText(wb)).not.toContain(INTEGRATED_NAME);
  });
});

describe('refusals', () => {
  it.each([
    ['missing', '', 'additional: is required: comma-separated framework references such as ISO42001,NIST-AI-RMF', 'additional'],
    ['an empty item', '?additional=ISO42001,,ISO27701', 'additional: has an empty item; give comma-separated framework references such as ISO42001,NIST-AI-RMF', 'additional'],
    ['eleven frameworks', `?additional=${Array(11).fill('ISO42001').join(',')}`, 'additional: must list at most 10 frameworks', 'additional'],
    ['SOC 2 itself', '?additional=ISO42001,SOC2', 'additional: lists the frameworks to add to SOC 2; SOC2 itself is always included', 'additional'],
    ['a reference too long', `?additional=${'X'.repeat(91)}`, undefined, 'additional'],
    ['an unknown framework', '?additional=ISO42001,NOPE', undefined, 'additional[1]'],
    ['a repeated parameter', '?additional=ISO42001&additional=ISO27701', 'additional: given more than once; give it once', 'additional'],
    ['an unknown parameter', '?additional=ISO42001&framework=ISO27001', undefined, 'framework'],
  ])('%s: 400 naming the parameter, as GraphQL words it', async (_what, query, message, field) => {
    const res = await download(`${t.url}/export/soc2-plus.xlsx${query}`, integrated);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-disposition')).toBeNull();
    const error = res.json().errors[0];
    expect(error.extensions.field).toBe(field);
    expect(['BAD_USER_INPUT', 'NOT_FOUND']).toContain(error.extensions.code);
    if (message) expect(error.message).toBe(message);
  });

  it.each([
    ['a 10,000-character reference', `?additional=${'A'.repeat(10_000)}`, 'additional'],
    ['10,000 commas', `?additional=ISO42001${','.repeat(10_000)}`, 'additional'],
    ['a NUL byte', '?additional=ISO42001%00', 'additional'],
    ['__proto__ as a parameter', '?additional=ISO42001&__proto__=x', '__proto__'],
    ['bracket syntax', '?additional[]=ISO42001', 'additional[]'],
    ['SQL in a reference', "?additional=ISO42001'%20OR%201=1--", 'additional[0]'],
    ['a bidi control character', '?additional=%E2%80%AEISO42001', 'additional[0]'],
  ])('hostile: %s is a coded 400 naming the parameter', async (_what, query, field) => {
    const res = await download(`${t.url}/export/soc2-plus.csv${query}`, integrated);
    expect(res.status).toBe(400);
    expect(res.json().errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(res.json().errors[0].message.length).toBeLessThan(300);
  });

  it('the same list refused by GraphQL and by the export gets the same message', async () => {
    const graphql = await t.gql(SCOPE, { a: Array(11).fill('ISO42001') }, integrated);
    const res = await download(`${t.url}/export/soc2-plus.csv?additional=${Array(11).fill('ISO42001').join(',')}`, integrated);
    expect(res.json().errors[0].message).toBe(graphql.errors![0].message);
  });

  it.each([undefined, 'not-a-key'])('key %s: 401 and no file', async (key) => {
    const res = await download(`${t.url}/export/soc2-plus.xlsx?additional=ISO42001`, key);
    expect(res.status).toBe(401);
    expect(res.json().errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});

describe('rate limit', () => {
  it('each soc2-plus or common-controls download spends one point of the key\'s budget, as a GraphQL operation does: 429 with Retry-After past it', async () => {
    const limited = await startTestServer({ env: { RATE_LIMIT_PER_MINUTE: '2' } });
    try {
      const key = (await limited.createOrganization('Limited Ltd')).adminKey;
      expect((await download(`${limited.url}/export/soc2-plus.csv?additional=ISO42001`, key)).status).toBe(200);
      expect((await download(`${limited.url}/export/common-controls.csv?frameworks=ISO27001`, key)).status).toBe(200);
      for (const file of ['soc2-plus.csv?additional=ISO42001', 'common-controls.xlsx?frameworks=ISO27001']) {
        const refused = await download(`${limited.url}/export/${file}`, key);
        expect(refused.status).toBe(429);
        expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(refused.headers.get('content-disposition')).toBeNull();
      }
    } finally {
      await limited.close();
    }
  });
});
