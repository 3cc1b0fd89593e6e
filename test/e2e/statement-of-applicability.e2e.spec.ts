/**
 * Issue 10, section 4: headings and the Statement of Applicability, over real HTTP.
 * - Excluding a heading excludes its assessable descendants (ISO 9001 8.3, the classic exclusion), says how many,
 *   and coverage counts them as excluded; including it again reverses exactly that. The nearest decision wins.
 * - requirementCoverage on a heading (ISO 9001 9.2) is the roll-up of its assessable descendants.
 * - statementOfApplicability reads every assessable requirement back, paged, with who set it and the linked controls.
 */
import { compareRefIds } from '../../src/graph/ref-id-order';
import { startTestServer, type TestServer } from '../support/server';

let t: TestServer;
let admin: string;
let editor: string;
let editorKeyId: string;
let adminKeyId: string;
let control: string;

const DESCENDANTS = ['8.3.1', '8.3.2', '8.3.3', '8.3.4', '8.3.5', '8.3.6'];

beforeAll(async () => {
  t = await startTestServer();
  admin = (await t.createOrganization('Acme')).adminKey;
  const keys = await t.gql(`mutation { e: createApiKey(role: EDITOR, name: "QMS editor") { id secret } }`, {}, admin);
  expect(keys.errors).toBeUndefined();
  editor = keys.data!.e.secret;
  editorKeyId = keys.data!.e.id;
  adminKeyId = (await t.ok(`{ me { keyId } }`, {}, admin)).me.keyId;
  control = (await t.ok(`mutation { createControl(input: { code: "QMS-DD", title: "Design reviews", status: IMPLEMENTED }) { id } }`, {}, admin)).createControl.id;
  await t.ok(`mutation($c: ID!) { a: linkControl(controlId: $c, framework: "ISO9001", refId: "8.3.2") { coverage } b: linkControl(controlId: $c, framework: "ISO9001", refId: "9.2.1") { coverage } }`, { c: control }, admin);
});
afterAll(() => t.close());
// Each test starts from an empty statement (this database holds this suite's organization alone), even after a failure.
afterEach(() => t.db.query(`DELETE FROM applicability`));

const SET = `mutation($r: String!, $a: Boolean!, $j: String!) { setApplicability(framework: "ISO9001", refId: $r, applicable: $a, justification: $j) {
  applicable justification descendantsAffected requirement { refId } } }`;
const set = async (refId: string, applicable: boolean, justification: string, key = editor) => (await t.ok(SET, { r: refId, a: applicable, j: justification }, key)).setApplicability;
const coverage = async () => (await t.ok(`{ coverage(frameworks: ["ISO9001"]) { full partial none excluded applicable score } }`, {}, admin)).coverage[0];
const status = async (refId: string) => (await t.ok(`query($r: String!) { requirementCoverage(framework: "ISO9001", refId: $r) { status heading rollUp { full partial none excluded score } weight } }`, { r: refId }, admin)).requirementCoverage;

/** The whole statement for ISO 9001, as one list keyed by refId. */
async function statement() {
  // `first` as a variable: the cost limit multiplies a literal `first` into the selection's cost.
  const data = await t.ok(`query($first: Int) { statementOfApplicability(framework: "ISO9001", first: $first) { totalCount edges { node {
    requirement { refId } applicable justification setBy setByName setAt inheritedFrom { refId } status weight controls { coverage control { code } } } } } }`, { first: 500 }, admin);
  return new Map<string, any>(data.statementOfApplicability.edges.map((e: any) => [e.node.requirement.refId, e.node]));
}

describe('excluding a heading (ISO 9001 8.3)', () => {
  it('excludes 8.3.1–8.3.6 with the same justification, says how many, and coverage counts them as excluded; including it again reverses that', async () => {
    const before = await coverage();
    expect(before.excluded).toBe(0);
    expect(before.full).toBe(2); // 8.3.2 and 9.2.1, through one control
    const excluded = await set('8.3', false, 'We do not design products: ISO 9001 8.3 does not apply');
    expect(excluded).toEqual({ applicable: false, justification: 'We do not design products: ISO 9001 8.3 does not apply', descendantsAffected: 6, requirement: { refId: '8.3' } });
    const after = await coverage();
    expect(after).toMatchObject({ excluded: 6, full: before.full - 1, none: before.none - 5 });
    // The denominator the dashboard shows: six fewer, and always full + partial + none.
    expect(after.applicable).toBe(before.applicable - 6);
    for (const c of [before, after]) expect(c.applicable).toBe(c.full + c.partial + c.none);
    for (const refId of DESCENDANTS) expect((await status(refId)).status).toBe('EXCLUDED');
    const lines = await statement();
    for (const refId of DESCENDANTS) {
      expect(lines.get(refId)).toMatchObject({ applicable: false, justification: 'We do not design products: ISO 9001 8.3 does not apply', inheritedFrom: { refId: '8.3' }, setBy: editorKeyId, setByName: 'QMS editor', status: 'EXCLUDED' });
    }

    const included = await set('8.3', true, 'We now design our own products');
    expect(included.descendantsAffected).toBe(6);
    expect(await coverage()).toEqual(before);
    expect((await status('8.3.2')).status).toBe('FULL');
    expect(lines.get('8.4.1')).toMatchObject({ applicable: true, justification: null, setBy: null, setAt: null, inheritedFrom: null });
  });

  it('records one audit event naming the descendants it changed', async () => {
    await set('8.3', false, 'No design');
    const events = await t.ok(`{ auditEvents(first: 500) { edges { node { operation entityType apiKeyId after } } } }`, {}, admin);
    const last = events.auditEvents.edges.map((e: any) => e.node).filter((e: any) => e.operation === 'setApplicability').at(-1);
    expect(last).toMatchObject({ entityType: 'applicability', apiKeyId: editorKeyId, after: { framework: 'ISO9001:2015', refId: '8.3', applicable: false, descendantsAffected: 6, descendants: DESCENDANTS } });
  });

  it('counts nothing for a repeat, or for a requirement without descendants', async () => {
    await set('8.3', false, 'No design');
    expect((await set('8.3', false, 'Still no design')).descendantsAffected).toBe(0);
    expect((await set('8.4.1', false, 'No external providers')).descendantsAffected).toBe(0);
  });

  it('leaves a descendant excluded on its own, with its own justification, when the heading is included again', async () => {
    await set('8.3.6', false, 'Design changes are made by our customer');
    expect((await set('8.3', false, 'No design')).descendantsAffected).toBe(5); // 8.3.6 was already excluded
    expect((await set('8.3', true, 'Design is back')).descendantsAffected).toBe(5);
    expect(await coverage()).toMatchObject({ excluded: 1 });
    const lines = await statement();
    expect(lines.get('8.3.6')).toMatchObject({ applicable: false, justification: 'Design changes are made by our customer', inheritedFrom: null, status: 'EXCLUDED' });
    expect(lines.get('8.3.5')).toMatchObject({ applicable: true, justification: 'Design is back', inheritedFrom: { refId: '8.3' } });
  });

  it('lets a descendant included on its own apply while the heading stays excluded (the nearest decision wins)', async () => {
    await set('8.3', false, 'No design');
    const own = await set('8.3.2', true, 'We do design the inputs of one product line');
    expect(own.descendantsAffected).toBe(0);
    expect(await coverage()).toMatchObject({ excluded: 5 });
    expect((await status('8.3.2')).status).toBe('FULL');
    const lines = await statement();
    expect(lines.get('8.3.2')).toMatchObject({ applicable: true, justification: 'We do design the inputs of one product line', inheritedFrom: null, status: 'FULL', controls: [{ coverage: 'FULL', control: { code: 'QMS-DD' } }] });
    expect(lines.get('8.3.1')).toMatchObject({ applicable: false, inheritedFrom: { refId: '8.3' } });
    // Excluding the whole of clause 8 does not overrule either decision below it.
    const clause8 = await set('8', false, 'Testing nested headings');
    expect(clause8.descendantsAffected).toBeGreaterThan(10);
    expect((await status('8.3.2')).status).toBe('FULL');
  });

  it('refuses a blank justification on a heading and changes nothing', async () => {
    const res = await t.gql(SET, { r: '8.3', a: false, j: '   ' }, editor);
    expect(res.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(res.errors![0].message).toMatch(/^justification: /);
    expect((await coverage()).excluded).toBe(0);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM applicability`))[0].n).toBe(0);
  });
});

describe('a heading is not a gap (ISO 9001 9.2)', () => {
  it('rolls up its assessable descendants and says it is a heading', async () => {
    expect(await status('9.2')).toEqual({ status: 'PARTIAL', heading: true, weight: 0.5, rollUp: { full: 1, partial: 0, none: 1, excluded: 0, score: 0.5 } });
    expect(await status('9.2.1')).toEqual({ status: 'FULL', heading: false, weight: 1, rollUp: null });
    expect(await status('9.3')).toMatchObject({ status: 'NONE', heading: true, rollUp: { full: 0, partial: 0, none: 3, excluded: 0, score: 0 } });
  });

  it('is FULL once every applicable descendant is, and EXCLUDED when all are excluded', async () => {
    await set('9.2.2', false, 'Audits are outsourced to the group', admin);
    expect(await status('9.2')).toEqual({ status: 'FULL', heading: true, weight: 1, rollUp: { full: 1, partial: 0, none: 0, excluded: 1, score: 1 } });
    await set('9.2', false, 'Testing', admin);
    expect(await status('9.2')).toMatchObject({ status: 'EXCLUDED', weight: 0, rollUp: { full: 0, excluded: 2 } });
  });
});

describe('statementOfApplicability', () => {
  it('lists every assessable requirement once, in refId order, paged by opaque cursors', async () => {
    const cov = await coverage();
    const all = await t.ok(`query($first: Int) { statementOfApplicability(framework: "ISO9001:2015", first: $first) { totalCount pageInfo { hasNextPage } edges { node { requirement { refId assessable } applicable setBy } } } }`, { first: 500 }, admin);
    const refIds = all.statementOfApplicability.edges.map((e: any) => e.node.requirement.refId);
    expect(all.statementOfApplicability.totalCount).toBe(cov.full + cov.partial + cov.none + cov.excluded);
    expect(refIds).toHaveLength(all.statementOfApplicability.totalCount);
    expect(new Set(refIds).size).toBe(refIds.length);
    expect(refIds).toEqual([...refIds].sort(compareRefIds));
    expect(refIds).toEqual(expect.arrayContaining([...DESCENDANTS, '9.2.1', '10.3']));
    expect(refIds).not.toContain('8.3');
    expect(all.statementOfApplicability.edges.every((e: any) => e.node.requirement.assessable && e.node.applicable && e.node.setBy === null)).toBe(true);

    const paged: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 20; i++) {
      const page: any = (await t.ok(`query($after: String) { statementOfApplicability(framework: "ISO9001", first: 7, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { requirement { refId } } } } }`, { after }, admin)).statementOfApplicability;
      paged.push(...page.edges.map((e: any) => e.node.requirement.refId));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(paged).toEqual(refIds);
  });

  it('shows who set a line and when, with the controls linked to it', async () => {
    const set = await t.ok(`mutation { setApplicability(framework: "ISO9001", refId: "9.2.1", applicable: true, justification: "Internal audits are run yearly") { updatedAt } }`, {}, admin);
    const lines = await statement();
    expect(lines.get('9.2.1')).toEqual({
      requirement: { refId: '9.2.1' },
      applicable: true,
      justification: 'Internal audits are run yearly',
      setBy: adminKeyId,
      setByName: expect.any(String),
      setAt: set.setApplicability.updatedAt,
      inheritedFrom: null,
      status: 'FULL',
      weight: 1,
      controls: [{ coverage: 'FULL', control: { code: 'QMS-DD' } }],
    });
  });

  it.each([
    ['an unknown framework', { framework: 'ISO9999' }, 'NOT_FOUND', /^framework: no framework "ISO9999" in the catalog; known: .*ISO9001:2015/],
    ['a malformed framework', { framework: 'iso 9001' }, 'BAD_USER_INPUT', /^framework: /],
    ['first over 500', { framework: 'ISO9001', first: 501 }, 'BAD_USER_INPUT', /^first: must be at most 500/],
    ['a negative first', { framework: 'ISO9001', first: -1 }, 'BAD_USER_INPUT', /^first: /],
    ['a cursor of another list', { framework: 'ISO9001', after: Buffer.from('c:3').toString('base64url') }, 'BAD_USER_INPUT', /^after: is not a cursor of this list/],
  ])('refuses %s with a coded error naming the argument', async (_name, vars, code, message) => {
    const res = await t.gql(`query($framework: String!, $first: Int, $after: String) { statementOfApplicability(framework: $framework, first: $first, after: $after) { totalCount } }`, { first: 10, ...vars }, admin);
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0].extensions!.code).toBe(code);
    expect(res.errors![0].message).toMatch(message);
  });

  it('needs a key, and any role will do', async () => {
    const query = `{ statementOfApplicability(framework: "ISO9001", first: 1) { totalCount } }`;
    expect((await t.gql(query)).errors?.[0].extensions!.code).toBe('UNAUTHENTICATED');
    const keys = await t.ok(`mutation { createApiKey(role: AUDITOR, name: "auditor") { secret } }`, {}, admin);
    expect((await t.ok(query, {}, keys.createApiKey.secret)).statementOfApplicability.totalCount).toBeGreaterThan(50);
  });
});
