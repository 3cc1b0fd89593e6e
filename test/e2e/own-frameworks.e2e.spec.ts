/**
 * Issue 12, the read side over real HTTP: an organization's own framework, with a private crosswalk into ISO 27001,
 * is reached through the tenant fields, counts in every tenant operation that takes a framework reference, and is
 * covered by the organization's ISO 27001 controls through the private edge, with the path saying the set is
 * private. A second organization sees none of it and gets exactly the answers it would get for a code that does
 * not exist. Public fields never return it, with or without a key.
 */
import { plantOwnFramework } from '../support/own-catalog';
import { download, readCsv } from '../support/spreadsheets';
import { startTestServer, type TestServer } from '../support/server';

const OWN = 'ACME-POLICY';
let t: TestServer;
const a = { orgId: '', key: '', control: '' };
const b = { orgId: '', key: '' };

beforeAll(async () => {
  t = await startTestServer();
  const orgA = await t.createOrganization('Acme');
  const orgB = await t.createOrganization('Globex');
  Object.assign(a, { orgId: orgA.organizationId, key: orgA.adminKey });
  Object.assign(b, { orgId: orgB.organizationId, key: orgB.adminKey });
  await plantOwnFramework(t.db, a.orgId, {
    code: OWN,
    version: '2026',
    refIds: ['POL-1', 'POL-2', 'POL-3'],
    // POL-1 is contained in A.5.15 (access control) and POL-2 only overlaps A.5.1; POL-3 maps to nothing.
    edgesTo: { framework: 'ISO27001', version: '2022', edges: [['POL-1', 'A.5.15', 'SUBSET_OF', 7], ['POL-2', 'A.5.1', 'INTERSECTS_WITH', 5]] },
  });
  a.control = (await t.ok(`mutation { createControl(input: { code: "AC-1", title: "Access control", status: IMPLEMENTED }) { id } }`, {}, a.key)).createControl.id;
  await t.ok(`mutation($c: ID!) { linkControl(controlId: $c, framework: "ISO27001", refId: "A.5.15") { coverage } }`, { c: a.control }, a.key);
});
afterAll(() => t?.close());

it('lists the own framework through ownFrameworks and pages its requirements through ownFramework', async () => {
  const data = await t.ok(`{ ownFrameworks { code version own requirementCount }
    ownFramework(framework: "${OWN}") { code own requirements(first: 2) { totalCount pageInfo { hasNextPage endCursor } edges { node { refId framework { code } } } } }
    ownMappingSets { key own source { code } target { code } edgeCount edges(first: 5) { edges { node { relationship source { refId } target { refId framework { code } } } } } } }`, {}, a.key);
  expect(data.ownFrameworks).toEqual([{ code: OWN, version: '2026', own: true, requirementCount: 3 }]);
  expect(data.ownFramework.requirements.totalCount).toBe(3);
  expect(data.ownFramework.requirements.pageInfo.hasNextPage).toBe(true);
  expect(data.ownFramework.requirements.edges.map((e: any) => e.node.refId)).toEqual(['POL-1', 'POL-2']);
  expect(data.ownFramework.requirements.edges[0].node.framework.code).toBe(OWN);
  const after = await t.ok(`query($c: String) { ownFramework(framework: "${OWN}") { requirements(first: 2, after: $c) { edges { node { refId } } } } }`, { c: data.ownFramework.requirements.pageInfo.endCursor }, a.key);
  expect(after.ownFramework.requirements.edges.map((e: any) => e.node.refId)).toEqual(['POL-3']);
  const filtered = await t.ok(`{ ownFramework(framework: "${OWN}") { requirements(first: 1) { edges { node { iso: crosswalks(framework: "ISO27001") { target { refId } } none: crosswalks(framework: "SOC2") { target { refId } } } } } } }`, {}, a.key);
  expect(filtered.ownFramework.requirements.edges[0].node).toEqual({ iso: [{ target: { refId: 'A.5.15' } }], none: [] });
  const [set] = data.ownMappingSets;
  expect(set).toMatchObject({ own: true, source: { code: OWN }, target: { code: 'ISO27001' }, edgeCount: 2 });
  expect(set.edges.edges[0].node).toEqual({ relationship: 'SUBSET_OF', source: { refId: 'POL-1' }, target: { refId: 'A.5.15', framework: { code: 'ISO27001' } } });
});

it('covers an own requirement through the private edge, and the path says the mapping set is private', async () => {
  const data = await t.ok(`{ coverage(frameworks: ["${OWN}"]) { framework { code own } full partial none score }
    requirementCoverage(framework: "${OWN}", refId: "POL-1") { status inferred requirement { refId } paths { source { refId framework { code } } steps { mappingSetPrivate relationship mappingSet { own } } } } }`, {}, a.key);
  expect(data.coverage).toEqual([{ framework: { code: OWN, own: true }, full: 1, partial: 0, none: 2, score: expect.any(Number) }]);
  expect(data.requirementCoverage).toMatchObject({ status: 'FULL', inferred: false, requirement: { refId: 'POL-1' } });
  const [path] = data.requirementCoverage.paths;
  expect(path.source).toEqual({ refId: 'A.5.15', framework: { code: 'ISO27001' } });
  // Read the way coverage flows: from A.5.15 into POL-1, which it contains.
  expect(path.steps).toEqual([{ mappingSetPrivate: true, relationship: 'SUPERSET_OF', mappingSet: { own: true } }]);
});

it('takes the own code wherever a tenant operation takes a framework reference', async () => {
  const linked = await t.ok(`mutation($c: ID!) { linkControl(controlId: $c, framework: "${OWN}", refId: "POL-3") { coverage requirement { refId framework { code } } } }`, { c: a.control }, a.key);
  expect(linked.linkControl).toEqual({ coverage: 'FULL', requirement: { refId: 'POL-3', framework: { code: OWN } } });
  const data = await t.ok(`{ coverage(frameworks: ["${OWN}:2026"]) { full none }
    gapAnalysis(target: "${OWN}") { gaps { requirement { refId } } }
    statementOfApplicability(framework: "${OWN}", first: 10) { totalCount edges { node { requirement { refId } status } } }
    commonControls(frameworks: ["${OWN}", "ISO27001"]) { anchor { refId } }
    control(id: "${a.control}") { links { requirement { refId framework { code } } } } }`, {}, a.key);
  // The link is a write: the kept tenant state is rebuilt, the own catalog kept (its version did not move).
  expect(data.coverage).toEqual([{ full: 2, none: 1 }]);
  expect(data.gapAnalysis.gaps.map((g: any) => g.requirement.refId)).toEqual(['POL-2']);
  expect(data.statementOfApplicability.totalCount).toBe(3);
  expect(data.statementOfApplicability.edges.map((e: any) => [e.node.requirement.refId, e.node.status])).toEqual([['POL-1', 'FULL'], ['POL-2', 'NONE'], ['POL-3', 'FULL']]);
  expect(data.commonControls.length).toBeGreaterThan(0);
  expect(data.control.links.map((l: any) => `${l.requirement.framework.code} ${l.requirement.refId}`).sort()).toEqual([`${OWN} POL-3`, 'ISO27001 A.5.15']);
  const scoped = await t.ok(`mutation { setScope(frameworks: ["${OWN}", "ISO27001"]) { code own } }`, {}, a.key);
  expect(scoped.setScope).toEqual(expect.arrayContaining([{ code: OWN, own: true }, { code: 'ISO27001', own: false }]));
  const applicability = await t.ok(`mutation { setApplicability(framework: "${OWN}", refId: "POL-2", applicable: false, justification: "No such process here") { applicable } }`, {}, a.key);
  expect(applicability.setApplicability.applicable).toBe(false);
  expect((await t.ok(`{ coverage(frameworks: ["${OWN}"]) { full none excluded } }`, {}, a.key)).coverage).toEqual([{ full: 2, none: 0, excluded: 1 }]);
});

it('shows another organization nothing, with the answers it gets for a code that does not exist', async () => {
  const none = await t.ok(`{ ownFrameworks { code } ownFramework(framework: "${OWN}") { code } ownMappingSets { key } }`, {}, b.key);
  expect(none).toEqual({ ownFrameworks: [], ownFramework: null, ownMappingSets: [] });
  const answer = async (code: string) => {
    const res = await t.gql(`{ coverage(frameworks: ["${code}"]) { full } }`, {}, b.key);
    return { code: res.errors?.[0]?.extensions?.code, message: res.errors?.[0]?.message.replace(code, 'X') };
  };
  expect(await answer(OWN)).toEqual(await answer('NO-SUCH-CODE'));
  expect((await answer(OWN)).code).toBe('NOT_FOUND');
  const link = await t.gql(`mutation { createControl(input: { code: "B-1", title: "x" }) { id } }`, {}, b.key);
  const res = await t.gql(`mutation($c: ID!) { linkControl(controlId: $c, framework: "${OWN}", refId: "POL-1") { coverage } }`, { c: link.data!.createControl.id }, b.key);
  expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  expect(JSON.stringify(res)).not.toContain('POL-1 planted');
});

it('keeps public fields public: no own row with or without a key', async () => {
  for (const key of [undefined, a.key]) {
    const data = (await t.gql(`{ frameworks { code } framework(framework: "${OWN}") { code } mappingSets { key } requirements(framework: "ISO27001", first: 500) { edges { node { refId crosswalks { target { refId framework { code } } } } } } }`, {}, key)).data!;
    expect(data.frameworks.map((f: any) => f.code)).not.toContain(OWN);
    expect(data.framework).toBeNull();
    expect(data.mappingSets.map((s: any) => s.key).join(' ')).not.toMatch(/acme/i);
    expect(JSON.stringify(data.requirements)).not.toContain(OWN);
  }
});

it("exports the Statement of Applicability, coverage and gaps of an own framework; another organization gets the answer for a code that does not exist", async () => {
  const soa = await download(`${t.url}/export/soa.csv?framework=${OWN}`, a.key);
  expect(soa.status).toBe(200);
  const csv = readCsv(soa.body);
  expect(csv.rows.map((r) => r[0])).toEqual(['POL-1', 'POL-2', 'POL-3']);
  // POL-1 is reached through the private crosswalk from ISO 27001 A.5.15, and the sheet says so.
  expect(csv.rows[0].join(' | ')).toMatch(/A\.5\.15/);
  const coverage = await download(`${t.url}/export/coverage.csv?frameworks=${OWN}`, a.key);
  expect(coverage.status).toBe(200);
  const gaps = await download(`${t.url}/export/gaps.csv?target=${OWN}`, a.key);
  expect(gaps.status).toBe(200);
  const theirs = await download(`${t.url}/export/soa.csv?framework=${OWN}`, b.key);
  const nothing = await download(`${t.url}/export/soa.csv?framework=NO-SUCH-CODE`, b.key);
  expect(theirs.status).toBe(nothing.status);
  expect(theirs.json().errors[0].extensions.code).toBe('NOT_FOUND');
  expect(theirs.body.toString().replace(OWN, 'X')).toBe(nothing.body.toString().replace('NO-SUCH-CODE', 'X'));
});
