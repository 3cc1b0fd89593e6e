/**
 * Issue 13: the public `crosswalk` export over real HTTP, read back with exceljs and csv-parse and checked against
 * what GraphQL's `mappingSets { edges }` answers; and its refusals, coded JSON naming the parameter.
 */
import { inverse } from '../../src/graph/relationship';
import { startTestServer, type TestServer } from '../support/server';
import { download, readCsv, readWorkbook, table } from '../support/spreadsheets';

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

/** GraphQL's edges between two frameworks, read from `source`'s side: "src|REL|tgt|strength|rationale". */
async function graphqlEdges(source: string, target: string): Promise<string[]> {
  // Paged by mapping set: the query cost limit allows about 150 edges a page.
  const sets = `query($s: String, $t: String) { mappingSets(source: $s, target: $t) { id key } }`;
  const page = `query($s: String, $t: String, $first: Int, $after: String) { mappingSets(source: $s, target: $t) { key edges(first: $first, after: $after) {
    pageInfo { hasNextPage endCursor } edges { node { source { refId } target { refId } relationship strength rationale } } } } }`;
  const lines: string[] = [];
  for (const [s, tg, reversed] of [[source, target, false], [target, source, true]] as const) {
    const listed = await t.gql(sets, { s, t: tg });
    expect(listed.errors).toBeUndefined();
    for (const { key } of listed.data!.mappingSets) {
      let after: string | undefined;
      for (;;) {
        const res = await t.gql(page, { s, t: tg, first: 100, after });
        expect(res.errors).toBeUndefined();
        const set = res.data!.mappingSets.find((m: { key: string }) => m.key === key);
        for (const { node: e } of set.edges.edges) {
          lines.push(reversed
            ? `${e.target.refId}|${inverse(e.relationship)}|${e.source.refId}|${e.strength}|${e.rationale}`
            : `${e.source.refId}|${e.relationship}|${e.target.refId}|${e.strength}|${e.rationale}`);
        }
        if (!set.edges.pageInfo.hasNextPage) break;
        after = set.edges.pageInfo.endCursor;
      }
    }
  }
  return lines.sort();
}

describe('GET /export/crosswalk.xlsx', () => {
  it('has one row per edge, as GraphQL reads them, with provenance; a Read me first; and a matrix with the relationship in each cell', async () => {
    const res = await download(`${t.url}/export/crosswalk.xlsx?source=ISO27001&target=ISO42001:2023`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="crosswalk_ISO27001_ISO42001-2023_\d{4}-\d\d-\d\d\.xlsx"$/);
    const wb = await readWorkbook(res.body);
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(['Read me', 'Edges', 'Matrix']);
    const edges = table(wb.getWorksheet('Edges')!);
    expect(edges.heading[0]).toBe('Crosswalk ISO27001:2022 → ISO42001:2023');
    expect(edges.header).toEqual([
      'Source ref ID', 'Source title', 'Relationship', 'Target ref ID', 'Target title', 'Strength (0–10)', 'Rationale', 'Condition', 'Evidence', 'Note',
      'Read against stored direction', 'Mapping set', 'Method', 'Mapping status', 'Author', 'Date', 'Licence', 'Sources',
    ]);
    const expected = await graphqlEdges('ISO27001', 'ISO42001');
    expect(expected.length).toBeGreaterThan(50);
    expect(edges.rows.map((r) => `${r[0]}|${r[2]}|${r[3]}|${r[5]}|${r[6]}`).sort()).toEqual(expected);
    for (const row of edges.rows) {
      expect(row[11]).toMatch(/\(iso27001-2022__iso42001-2023\)$/); // provenance: the mapping set
      expect(row[17]).toBeTruthy(); // and the documents it rests on
      expect(typeof row[5]).toBe('number');
    }
    // Containment edges carry their evidence.
    expect(edges.rows.some((r) => ['EQUAL', 'SUBSET_OF', 'SUPERSET_OF'].includes(String(r[2])) && typeof r[8] === 'string' && r[8].length > 0)).toBe(true);

    const matrix = table(wb.getWorksheet('Matrix')!);
    const sources = await t.gql(`{ framework(framework: "ISO27001") { requirementCount } t: framework(framework: "ISO42001") { requirementCount } }`);
    expect(matrix.rows).toHaveLength(sources.data!.framework.requirementCount);
    expect(matrix.header).toHaveLength(2 + sources.data!.t.requirementCount);
    const rowOf = new Map(matrix.rows.map((r, i) => [String(r[0]), i]));
    let filled = 0;
    for (const row of edges.rows) {
      const cell = String(matrix.rows[rowOf.get(String(row[0]))!][matrix.header.indexOf(String(row[3]))]);
      expect(cell.split('\n')).toContain(row[2]);
    }
    for (const row of matrix.rows) filled += row.slice(2).filter((v) => v !== null).length;
    expect(filled).toBeLessThanOrEqual(edges.rows.length);
    expect(filled).toBeGreaterThan(0);
    const readMe = wb.getWorksheet('Read me')!.getColumn(1).values.join('\n');
    expect(readMe).toMatch(/SUBSET_OF: everything the source asks for, the target asks for too/);
  });

  it('reads an edge stored the other way round from the source side (ISO42001 → NIST-AI-RMF, stored NIST → 42001)', async () => {
    const wb = await readWorkbook((await download(`${t.url}/export/crosswalk.xlsx?source=ISO42001&target=NIST-AI-RMF`)).body);
    const edges = table(wb.getWorksheet('Edges')!);
    expect(edges.rows.length).toBeGreaterThan(0);
    expect(edges.rows.every((r) => r[10] === 'yes')).toBe(true);
    expect(edges.rows.map((r) => `${r[0]}|${r[2]}|${r[3]}|${r[5]}|${r[6]}`).sort()).toEqual(await graphqlEdges('ISO42001', 'NIST-AI-RMF'));
  });
});

describe('GET /export/crosswalk.csv', () => {
  it('carries the Edges sheet as RFC 4180 CSV, the same rows as the workbook, and says which sheet it is', async () => {
    const url = `${t.url}/export/crosswalk.csv?source=ISO27001&target=SOC2`;
    const res = await download(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    expect(res.headers.get('x-export-sheet')).toBe('Edges');
    expect(res.headers.get('content-disposition')).toMatch(/filename="crosswalk_ISO27001_SOC2_\d{4}-\d\d-\d\d_Edges\.csv"/);
    expect(res.body.toString('utf8')).toContain('\r\n');
    const csv = readCsv(res.body);
    const xlsx = table((await readWorkbook((await download(url.replace('.csv', '.xlsx'))).body)).getWorksheet('Edges')!);
    expect(csv.header).toEqual(xlsx.header);
    expect(csv.rows).toEqual(xlsx.rows.map((r) => r.map((v) => (v === null ? '' : String(v)))));
    expect(csv.rows.map((r) => `${r[0]}|${r[2]}|${r[3]}|${r[5]}|${r[6]}`).sort()).toEqual(await graphqlEdges('ISO27001', 'SOC2'));
  });

  it('carries the matrix when asked: ?sheet=matrix', async () => {
    const res = await download(`${t.url}/export/crosswalk.csv?source=ISO27001&target=SOC2&sheet=matrix`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-export-sheet')).toBe('Matrix');
    expect(readCsv(res.body).header.slice(0, 3)).toEqual(['ISO27001 ref ID', 'ISO27001 title', 'CC']);
  });
});

describe('refusals: coded JSON naming the parameter, and no file', () => {
  it.each([
    ['a missing target', '?source=ISO27001', 400, 'BAD_USER_INPUT', 'target', /target: is required/],
    ['a malformed reference', '?source=iso 27001&target=SOC2', 400, 'BAD_USER_INPUT', 'source', /source: "iso 27001" is not a framework reference; write CODE or CODE:VERSION/],
    ['an unknown framework', '?source=ISO27001&target=NOPE', 400, 'NOT_FOUND', 'target', /target: no framework "NOPE" in the catalog; known: .*SOC2:2017/],
    ['an unknown version', '?source=ISO27001:1999&target=SOC2', 400, 'NOT_FOUND', 'source', /known:/],
    ['the same framework twice', '?source=ISO27001&target=ISO27001:2022', 400, 'BAD_USER_INPUT', 'target', /must be another framework version than source/],
    ['a parameter given twice', '?source=ISO27001&source=SOC2&target=SOC2', 400, 'BAD_USER_INPUT', 'source', /given more than once/],
    ['an unknown parameter', '?source=ISO27001&target=SOC2&format=pdf', 400, 'BAD_USER_INPUT', 'format', /unknown parameter; this export takes source, target, sheet$/],
    ['a sheet that is not there', '?source=ISO27001&target=SOC2&sheet=Nope', 400, 'BAD_USER_INPUT', 'sheet', /one of Edges, Matrix/],
  ])('%s', async (_what, query, status, code, field, message) => {
    const res = await download(`${t.url}/export/crosswalk.csv${query}`);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBeNull();
    const [error] = res.json().errors;
    expect(error.extensions).toMatchObject({ code, field });
    expect(error.message).toMatch(message);
  });

  it.each([
    ['a 10,000-character reference', `?source=${'A'.repeat(10_000)}&target=SOC2`, 'source'],
    ['a NUL byte', '?source=ISO27001%00&target=SOC2', 'source'],
    ['__proto__ as a parameter', '?source=ISO27001&target=SOC2&__proto__=x', '__proto__'],
    ['constructor as a parameter', '?source=ISO27001&target=SOC2&constructor=x', 'constructor'],
    ['bracket syntax', '?source[]=ISO27001&target=SOC2', 'source[]'],
    ['an empty value', '?source=&target=SOC2', 'source'],
    ['SQL in a reference', "?source=ISO27001'%20OR%201=1--&target=SOC2", 'source'],
    ['non-Latin text', '?source=%E2%80%AEISO27001&target=SOC2', 'source'],
  ])('hostile: %s is a coded 400 naming the parameter', async (_what, query, field) => {
    const res = await download(`${t.url}/export/crosswalk.xlsx${query}`);
    expect(res.status).toBe(400);
    expect(res.json().errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(res.json().errors[0].message.length).toBeLessThan(300);
  });

  it('an export that does not exist: 404 naming those that do', async () => {
    const res = await download(`${t.url}/export/secrets.xlsx`);
    expect(res.status).toBe(404);
    expect(res.json().errors[0]).toEqual({ message: expect.stringMatching(/available: \/export\/crosswalk\.xlsx or \.csv/), extensions: { code: 'NOT_FOUND' } });
  });
});

describe('rate limit', () => {
  it('spends the client address\'s budget without a (valid) key, as keyless GraphQL does: 429 with Retry-After past it', async () => {
    const limited = await startTestServer({ env: { RATE_LIMIT_PER_MINUTE: '2' } });
    try {
      const url = `${limited.url}/export/crosswalk.csv?source=ISO27001&target=SOC2`;
      expect((await download(url)).status).toBe(200);
      expect((await limited.gql(`{ frameworks { code } }`)).errors).toBeUndefined();
      const refused = await download(url);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(refused.json().errors[0].message).toMatch(/^rate limit: at most 2 operations per 60 s for this client address; retry in \d+ s$/);
      expect(refused.json().errors[0].extensions.code).toBe('FORBIDDEN');
      // A bad key pays on the address too, before it is refused: guessing keys costs the same budget.
      const guessed = await download(`${limited.url}/export/soa.xlsx?framework=ISO27001`, 'not-a-key');
      expect(guessed.status).toBe(429);
    } finally {
      await limited.close();
    }
  });
});
