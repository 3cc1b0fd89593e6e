/** The public catalog API over real HTTP, on the shipped mappings. */
import { startTestServer, type TestServer } from '../support/server';

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.close();
});

describe('frameworks', () => {
  it('lists every shipped framework version with its requirement counts', async () => {
    const res = await t.gql(`{ frameworks { code version kind publisher licenceNote requirementCount assessable: requirementCount(assessableOnly: true) } }`);
    expect(res.errors).toBeUndefined();
    const byCode = Object.fromEntries(res.data!.frameworks.map((f: any) => [`${f.code}:${f.version}`, f]));
    expect(byCode['NIST-AI-RMF:1.0']).toMatchObject({ kind: 'RISK_FRAMEWORK', publisher: 'NIST', requirementCount: 95, assessable: 72 });
    // 30 clauses + 93 Annex A controls are assessable; headings (clauses with sub-clauses, annex, themes) are not.
    expect(byCode['ISO27001:2022']).toMatchObject({ kind: 'MANAGEMENT_SYSTEM_STANDARD', assessable: 123 });
    expect(byCode['ISO42001:2023'].licenceNote).toMatch(/copyright/i);
  });

  it('resolves CODE to the newest version and CODE:VERSION exactly; an unknown one is null', async () => {
    const res = await t.gql(`{ a: framework(framework: "ISO27001") { version } b: framework(framework: "ISO27001:2022") { version }
      c: framework(framework: "ISO27001:1999") { version } d: framework(framework: "SOMETHING") { version } }`);
    expect(res.data).toEqual({ a: { version: '2022' }, b: { version: '2022' }, c: null, d: null });
  });

  it('rejects a malformed framework reference with BAD_USER_INPUT naming the argument and the accepted form', async () => {
    const res = await t.gql(`{ framework(framework: "iso 27001") { id } }`);
    expect(res.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].message).toMatch(/^framework: .*CODE or CODE:VERSION/);
  });
});

describe('requirements', () => {
  it('reads a requirement with its framework, parent, children and full NIST text', async () => {
    const res = await t.gql(`{ requirement(framework: "NIST-AI-RMF", refId: "GOVERN 1") {
      refId kind assessable depth framework { code } parent { refId } children { refId } }
      leaf: requirement(framework: "NIST-AI-RMF:1.0", refId: "GOVERN 1.1") { text assessable depth } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.requirement).toEqual({
      refId: 'GOVERN 1', kind: 'category', assessable: false, depth: 1, framework: { code: 'NIST-AI-RMF' }, parent: { refId: 'GOVERN' },
      children: ['1.1', '1.2', '1.3', '1.4', '1.5', '1.6', '1.7'].map((n) => ({ refId: `GOVERN ${n}` })),
    });
    expect(res.data!.leaf).toEqual({ text: 'Legal and regulatory requirements involving AI are understood, managed, and documented.', assessable: true, depth: 2 });
  });

  it('returns null for a refId the framework does not have, and NOT_FOUND for a framework that is not there', async () => {
    const res = await t.gql(`{ requirement(framework: "ISO27001", refId: "A.9.9") { id } }`);
    expect(res.data).toEqual({ requirement: null });
    const missing = await t.gql(`{ requirement(framework: "ISO27002", refId: "5.1") { id } }`);
    expect(missing.errors?.[0].extensions.code).toBe('NOT_FOUND');
    expect(missing.errors?.[0].message).toMatch(/framework: no framework "ISO27002".*known: .*ISO27001:2022/);
  });

  it('pages through a whole framework with cursors: every requirement once, in document order', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let total = -1;
    for (let page = 0; page < 20; page += 1) {
      const res: any = await t.gql(
        `query($after: String) { requirements(framework: "ISO27001", first: 40, after: $after) {
          totalCount edges { cursor node { refId position } } pageInfo { hasNextPage hasPreviousPage endCursor } } }`,
        { after },
      );
      expect(res.errors).toBeUndefined();
      const conn = res.data.requirements;
      total = conn.totalCount;
      expect(conn.pageInfo.hasPreviousPage).toBe(after !== null);
      seen.push(...conn.edges.map((e: any) => e.node.refId));
      if (!conn.pageInfo.hasNextPage) break;
      after = conn.pageInfo.endCursor;
    }
    expect(total).toBe(139);
    expect(seen).toHaveLength(139);
    expect(new Set(seen).size).toBe(139);
    expect(seen.slice(0, 3)).toEqual(['4', '4.1', '4.2']);
    expect(seen[seen.length - 1]).toBe('A.8.34');
  });

  it('filters by kind, assessable, hsClause, parent, top level and text', async () => {
    const res = await t.gql(`{
      themes: requirements(framework: "ISO27001", filter: { kind: "theme" }) { totalCount edges { node { refId } } }
      a5: requirements(framework: "ISO27001", filter: { parentRefId: "A.5" }) { totalCount }
      a8: requirements(framework: "ISO27001", filter: { parentRefId: "A.8", assessable: true }) { totalCount }
      hs: requirements(framework: "ISO42001", filter: { hsClause: "9.2.2" }) { edges { node { refId } } }
      top: requirements(framework: "NIST-AI-RMF", filter: { topLevel: true }) { edges { node { refId } } }
      search: requirements(framework: "ISO27001", filter: { search: "ACCESS CONTROL" }) { edges { node { refId } } }
      pct: requirements(framework: "ISO27001", filter: { search: "%" }) { totalCount } }`);
    expect(res.errors).toBeUndefined();
    const d = res.data!;
    expect(d.themes.edges.map((e: any) => e.node.refId)).toEqual(['A.5', 'A.6', 'A.7', 'A.8']);
    expect(d.a5.totalCount).toBe(37);
    expect(d.a8.totalCount).toBe(34);
    expect(d.hs.edges).toEqual([{ node: { refId: '9.2.2' } }]);
    expect(d.top.edges.map((e: any) => e.node.refId)).toEqual(['GOVERN', 'MAP', 'MEASURE', 'MANAGE']);
    expect(d.search.edges.map((e: any) => e.node.refId)).toEqual(['A.5.15']);
    expect(d.pct.totalCount).toBe(0); // a % is searched for literally, not as a wildcard
  });

  it.each([
    ['first over the bound', `{ requirements(framework: "ISO27001", first: 501) { totalCount } }`, 'first', /at most 500/],
    ['negative first', `{ requirements(framework: "ISO27001", first: -1) { totalCount } }`, 'first', /from 0 to 500/],
    ['a forged cursor', `{ requirements(framework: "ISO27001", after: "bm90LWEtY3Vyc29y") { totalCount } }`, 'after', /cursor/],
    ['a cursor of another list', `{ requirements(framework: "ISO27001", after: "ZTox") { totalCount } }`, 'after', /cursor/],
    ['an empty search', `{ requirements(framework: "ISO27001", filter: { search: "" }) { totalCount } }`, 'filter.search', /must not be empty/],
    ['a bad hsClause', `{ requirements(framework: "ISO27001", filter: { hsClause: "11.1" }) { totalCount } }`, 'filter.hsClause', /Harmonized Structure clause/],
  ])('rejects %s with BAD_USER_INPUT naming the field', async (_name, query, field, message) => {
    const res = await t.gql(query);
    expect(res.data?.requirements ?? null).toBeNull();
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(res.errors![0].message).toMatch(new RegExp(`^${field.replace('.', '\\.')}: `));
    expect(res.errors![0].message).toMatch(message);
    expect(res.errors![0].extensions.stacktrace).toBeUndefined();
  });

  it('reports a wrongly typed argument as BAD_USER_INPUT from GraphQL itself', async () => {
    const res = await t.gql(`query($n: Int) { requirements(framework: "ISO27001", first: $n) { totalCount } }`, { n: 'ten' });
    expect(res.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].message).toMatch(/\$n/);
  });
});

describe('crosswalks (on test/fixtures/mappings)', () => {
  let f: TestServer;
  beforeAll(async () => {
    f = await startTestServer({ mappings: 'test/fixtures/mappings' });
  });
  afterAll(() => f.close());

  const READING = `relationship reversed strength rationale note source { refId framework { code version } } target { refId framework { code version } } mappingSet { key }`;

  it('reads edges forwards from their stored source, and reversed (SUBSET_OF <-> SUPERSET_OF) from the other end', async () => {
    const res = await f.gql(`{ a: requirement(framework: "FA", refId: "1.1") { crosswalks { ${READING} } }
      x: requirement(framework: "FB:1", refId: "X.1") { crosswalks { ${READING} } } }`);
    expect(res.errors).toBeUndefined();
    const fa = (refId: string) => ({ refId, framework: { code: 'FA', version: '1' } });
    const fb = (refId: string) => ({ refId, framework: { code: 'FB', version: '1' } });
    expect(res.data!.a.crosswalks).toEqual([
      { relationship: 'SUBSET_OF', reversed: false, strength: 7, rationale: 'SEMANTIC', note: 'fixture note', source: fa('1.1'), target: fb('X.1'), mappingSet: { key: 'fa-1__fb-1' } },
      { relationship: 'EQUAL', reversed: false, strength: 10, rationale: 'SYNTACTIC', note: null, source: fa('1.1'), target: fb('X.2'), mappingSet: { key: 'fa-1__fb-1' } },
      // stored as FC c1 SUPERSET_OF FA 1.1, read from 1.1:
      { relationship: 'SUBSET_OF', reversed: true, strength: 8, rationale: 'SEMANTIC', note: null, source: fa('1.1'), target: { refId: 'c1', framework: { code: 'FC', version: '1' } }, mappingSet: { key: 'fc-1__fa-1' } },
    ]);
    expect(res.data!.x.crosswalks).toEqual([
      { relationship: 'SUPERSET_OF', reversed: true, strength: 7, rationale: 'SEMANTIC', note: 'fixture note', source: fb('X.1'), target: fa('1.1'), mappingSet: { key: 'fa-1__fb-1' } },
      { relationship: 'INTERSECTS_WITH', reversed: true, strength: 4, rationale: 'FUNCTIONAL', note: null, source: fb('X.1'), target: fa('1.2'), mappingSet: { key: 'fa-1__fb-1' } },
    ]);
  });

  it('serves the evidence of containment edges in file order, and none for an intersection', async () => {
    const res = await f.gql(`{ requirement(framework: "FA", refId: "1.1") { crosswalks { target { refId } relationship evidence condition } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.requirement.crosswalks).toEqual([
      { target: { refId: 'X.1' }, relationship: 'SUBSET_OF', evidence: ['the one demand of FA 1.1 — FB X.1, item a'], condition: null },
      { target: { refId: 'X.2' }, relationship: 'EQUAL', evidence: ['the one demand of FA 1.1 — FB X.2, first sentence', 'the one demand of FB X.2 — FA 1.1, first sentence'], condition: null },
      { target: { refId: 'c1' }, relationship: 'SUBSET_OF', evidence: ['the one demand of FA 1.1 — FC c1, item b'], condition: null },
    ]);
    const x = await f.gql(`{ requirement(framework: "FA", refId: "1.2") { crosswalks { relationship evidence } } }`);
    expect(x.data!.requirement.crosswalks).toEqual([{ relationship: 'INTERSECTS_WITH', evidence: [] }]);
  });

  it('filters by stored direction and by the framework at the other end', async () => {
    const res = await f.gql(`{ requirement(framework: "FA:1", refId: "1.1") {
      out: crosswalks(direction: OUTGOING) { target { refId } reversed }
      inc: crosswalks(direction: INCOMING) { target { refId } reversed }
      toFc: crosswalks(framework: "FC") { target { refId } }
      toFb2: crosswalks(framework: "FB") { target { refId } }
      toFb1: crosswalks(framework: "FB:1") { target { refId } } } }`);
    expect(res.data!.requirement).toEqual({
      out: [{ target: { refId: 'X.1' }, reversed: false }, { target: { refId: 'X.2' }, reversed: false }],
      inc: [{ target: { refId: 'c1' }, reversed: true }],
      toFc: [{ target: { refId: 'c1' } }],
      toFb2: [], // FB alone means the newest version, FB:2, which has no edges
      toFb1: [{ target: { refId: 'X.1' } }, { target: { refId: 'X.2' } }],
    });
  });

  it('rejects an unknown framework in the crosswalk filter with NOT_FOUND naming it', async () => {
    const res = await f.gql(`{ requirement(framework: "FA", refId: "1.1") { crosswalks(framework: "FZ") { strength } } }`);
    expect(res.errors?.[0].extensions.code).toBe('NOT_FOUND');
    expect(res.errors?.[0].message).toMatch(/^framework: no framework "FZ".*known: FA:1, FB:1, FB:2, FC:1/);
  });

  it('lists mapping sets with their provenance, filtered by source and target, and pages their edges in file order', async () => {
    const res = await f.gql(`{
      all: mappingSets { key edgeCount source { code version } target { code version }
        provenance { method status author date licence comprehensive sourceFile sources { title url note } } }
      fromFc: mappingSets(source: "FC") { key }
      toFb: mappingSets(target: "FB:1") { key }
      none: mappingSets(source: "FB", target: "FA") { key }
      page: mappingSets(source: "FA") { edges(first: 2) { totalCount edges { cursor node { relationship reversed source { refId } target { refId } } }
        pageInfo { hasNextPage endCursor } } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.all).toEqual([
      {
        key: 'fa-1__fb-1', edgeCount: 3, source: { code: 'FA', version: '1' }, target: { code: 'FB', version: '1' },
        provenance: { method: 'HUMAN', status: 'COMPLETE', author: 'Crosswalk tests', date: '2026-01-02', licence: 'CC0', comprehensive: true,
          sourceFile: 'crosswalks/fa-1__fb-1.yaml', sources: [{ title: 'Fixture source', url: 'https://example.org/fixture', note: null }] },
      },
      {
        key: 'fc-1__fa-1', edgeCount: 1, source: { code: 'FC', version: '1' }, target: { code: 'FA', version: '1' },
        provenance: { method: 'HYBRID', status: 'DRAFT', author: 'Crosswalk tests', date: '2026-01-03', licence: 'CC0', comprehensive: false,
          sourceFile: 'crosswalks/fc-1__fa-1.yaml', sources: [{ title: 'Another fixture source', url: null, note: null }] },
      },
    ]);
    expect(res.data!.fromFc).toEqual([{ key: 'fc-1__fa-1' }]);
    expect(res.data!.toFb).toEqual([{ key: 'fa-1__fb-1' }]);
    expect(res.data!.none).toEqual([]);
    const page = res.data!.page[0].edges;
    expect(page.totalCount).toBe(3);
    expect(page.edges.map((e: any) => [e.node.source.refId, e.node.target.refId, e.node.relationship, e.node.reversed])).toEqual([
      ['1.1', 'X.1', 'SUBSET_OF', false],
      ['1.2', 'X.1', 'INTERSECTS_WITH', false],
    ]);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const next = await f.gql(`query($after: String) { mappingSets(source: "FA") { edges(first: 2, after: $after) {
      edges { node { target { refId } } } pageInfo { hasNextPage hasPreviousPage } } } }`, { after: page.pageInfo.endCursor });
    expect(next.data!.mappingSets[0].edges).toEqual({ edges: [{ node: { target: { refId: 'X.2' } } }], pageInfo: { hasNextPage: false, hasPreviousPage: true } });
  });
});
