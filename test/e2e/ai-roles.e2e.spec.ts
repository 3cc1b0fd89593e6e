/**
 * Issue 14, AI roles, over HTTP on the shipped catalog: an organization that only uses AI (AI_CUSTOMER) is offered
 * the ISO 42001 Annex A controls that concern producers, providers or partners only; accepting them writes exclusions
 * into its Statement of Applicability, attributed to the accepting key, and takes them out of the coverage
 * denominator. A refId that is not a suggestion refuses the whole call. Declarations and AI systems stay within their
 * organization, and only ADMIN and EDITOR keys change them.
 */
import { startTestServer, type TestServer } from '../support/server';

let t: TestServer;
let admin: string;
let auditor: string;
let other: string;

const SUGGESTIONS = `query($f: String!) { roleApplicability(framework: $f) { roles justification requirement { refId kind aiRoles roleNote } } }`;
const ACCEPT = `mutation($f: String!, $r: [String!]!) { acceptRoleSuggestions(framework: $f, refIds: $r) { applicable justification requirement { refId } } }`;
const COVERAGE = `{ coverage(frameworks: ["ISO42001"]) { full partial none excluded score } }`;
const SOA = `{ statementOfApplicability(framework: "ISO42001", first: 500) { edges { node { requirement { refId } applicable justification setBy } } } }`;

beforeAll(async () => {
  t = await startTestServer();
  admin = (await t.createOrganization('Uses AI Ltd')).adminKey;
  other = (await t.createOrganization('Builds AI Ltd')).adminKey;
  auditor = (await t.ok(`mutation { createApiKey(role: AUDITOR, name: "auditor") { secret } }`, {}, admin)).createApiKey.secret;
});
afterAll(() => t?.close());

describe('the tags in the catalog', () => {
  it('Requirement.aiRoles: Annex A controls are tagged, clauses are null (every role)', async () => {
    const { a, c } = await t.ok(`{ a: requirement(framework: "ISO42001", refId: "A.6.1.2") { aiRoles roleNote } c: requirement(framework: "ISO42001", refId: "6.1.4") { aiRoles roleNote } }`);
    expect(a).toEqual({ aiRoles: ['AI_PRODUCER'], roleNote: expect.stringContaining('develops') });
    expect(c).toEqual({ aiRoles: null, roleNote: null });
  });
});

describe('an AI customer', () => {
  it('has no declaration at first, and no suggestions while it holds no role', async () => {
    expect((await t.ok(`{ aiRoles { roles } }`, {}, admin)).aiRoles).toBeNull();
    expect((await t.ok(SUGGESTIONS, { f: 'ISO42001' }, admin)).roleApplicability).toEqual([]);
  });

  it('declares AI_CUSTOMER and is offered exactly the Annex A controls no customer concerns', async () => {
    const { setAiRoles } = await t.ok(`mutation { setAiRoles(roles: [AI_CUSTOMER]) { roles setBy setAt } }`, {}, admin);
    expect(setAiRoles).toEqual({ roles: ['AI_CUSTOMER'], setBy: expect.any(String), setAt: expect.any(String) });

    const { roleApplicability } = await t.ok(SUGGESTIONS, { f: 'ISO42001' }, admin);
    const refIds = roleApplicability.map((s: any) => s.requirement.refId);
    // Computed independently of the service: every tagged Annex A control whose tag lacks AI_CUSTOMER.
    const { requirements } = await t.ok(`{ requirements(framework: "ISO42001", first: 500) { edges { node { refId kind assessable aiRoles } } } }`);
    const expected = requirements.edges.map((e: any) => e.node).filter((r: any) => r.assessable && r.aiRoles && !r.aiRoles.includes('AI_CUSTOMER')).map((r: any) => r.refId);
    expect(refIds).toEqual(expected);
    expect(refIds).toEqual(expect.arrayContaining(['A.6.1.2', 'A.6.1.3', 'A.6.2.3', 'A.7.2']));
    expect(refIds).not.toEqual(expect.arrayContaining(['A.9.2']));
    for (const s of roleApplicability) {
      expect(s.requirement.kind).toBe('control');
      expect(s.roles).not.toContain('AI_CUSTOMER');
      expect(s.justification).toContain('AI customer');
      expect(s.justification).toContain(s.requirement.roleNote);
    }
  });

  it('accepting the suggestions excludes them in the SoA, attributed to the key, and shrinks the coverage denominator', async () => {
    const before = (await t.ok(COVERAGE, {}, admin)).coverage[0];
    expect(before.excluded).toBe(0);
    const refIds = (await t.ok(SUGGESTIONS, { f: 'ISO42001' }, admin)).roleApplicability.map((s: any) => s.requirement.refId);

    const { acceptRoleSuggestions } = await t.ok(ACCEPT, { f: 'ISO42001', r: refIds }, admin);
    expect(acceptRoleSuggestions.map((a: any) => [a.requirement.refId, a.applicable])).toEqual(refIds.map((r: string) => [r, false]));

    const after = (await t.ok(COVERAGE, {}, admin)).coverage[0];
    expect(after.excluded).toBe(refIds.length);
    expect(after.full + after.partial + after.none).toBe(before.full + before.partial + before.none - refIds.length);

    const lines = (await t.ok(SOA, {}, admin)).statementOfApplicability.edges.map((e: any) => e.node);
    const a612 = lines.find((l: any) => l.requirement.refId === 'A.6.1.2');
    expect(a612).toMatchObject({ applicable: false, justification: expect.stringContaining('Suggested by AI role'), setBy: expect.any(String) });
    expect(lines.find((l: any) => l.requirement.refId === 'A.9.2')).toMatchObject({ applicable: true });

    const { auditEvents } = await t.ok(`{ auditEvents(first: 500) { edges { node { operation } } } }`, {}, admin);
    expect(auditEvents.edges.filter((e: any) => e.node.operation === 'acceptRoleSuggestion')).toHaveLength(refIds.length);
  });

  it('an AI system with the producer role takes the producer-only controls out of the suggestions', async () => {
    const { createAiSystem } = await t.ok(`mutation { createAiSystem(input: { name: "Fine-tuned triage model", roles: [AI_PRODUCER], description: "Trained in house" }) { id name roles } }`, {}, admin);
    expect(createAiSystem).toMatchObject({ name: 'Fine-tuned triage model', roles: ['AI_PRODUCER'] });
    const refIds = (await t.ok(SUGGESTIONS, { f: 'ISO42001' }, admin)).roleApplicability.map((s: any) => s.requirement.refId);
    // Every tag without AI_CUSTOMER names AI_PRODUCER (mappings/README.md), so customer plus producer leaves nothing.
    expect(refIds).toEqual([]);
    const { updateAiSystem } = await t.ok(`mutation($id: ID!) { updateAiSystem(id: $id, input: { roles: [AI_CUSTOMER] }) { roles description } }`, { id: createAiSystem.id }, admin);
    expect(updateAiSystem).toEqual({ roles: ['AI_CUSTOMER'], description: 'Trained in house' });
    expect((await t.ok(SUGGESTIONS, { f: 'ISO42001' }, admin)).roleApplicability.map((s: any) => s.requirement.refId)).toContain('A.6.1.2');
    expect((await t.ok(`mutation($id: ID!) { deleteAiSystem(id: $id) }`, { id: createAiSystem.id }, admin)).deleteAiSystem).toBe(true);
    expect((await t.ok(`{ aiSystems { id } }`, {}, admin)).aiSystems).toEqual([]);
  });
});

describe('the aiRoles filter', () => {
  it('keeps requirements tagged with a given role and every untagged one, in coverage, gap analysis and the SoA alike', async () => {
    const { requirements } = await t.ok(`{ requirements(framework: "ISO42001", first: 500) { edges { node { refId assessable aiRoles } } } }`);
    const assessable = requirements.edges.map((e: any) => e.node).filter((r: any) => r.assessable);
    const kept = assessable.filter((r: any) => !r.aiRoles || r.aiRoles.includes('AI_PRODUCER')).map((r: any) => r.refId);
    expect(kept.length).toBeLessThan(assessable.length);
    expect(kept).toEqual(expect.arrayContaining(['4.1', 'A.6.1.2']));
    expect(kept).not.toContain('A.9.2');

    const filtered = await t.ok(`{
      coverage(frameworks: ["ISO42001"], aiRoles: [AI_PRODUCER]) { full partial none excluded }
      gapAnalysis(target: "ISO42001", aiRoles: [AI_PRODUCER]) { gaps { requirement { refId } } coverage { full partial none excluded } }
      statementOfApplicability(framework: "ISO42001", first: 500, aiRoles: [AI_PRODUCER]) { totalCount edges { node { requirement { refId } } } }
    }`, {}, other);
    const c = filtered.coverage[0];
    expect(c.full + c.partial + c.none + c.excluded).toBe(kept.length);
    expect(filtered.gapAnalysis.coverage).toEqual(c);
    expect(filtered.gapAnalysis.gaps.every((g: any) => kept.includes(g.requirement.refId))).toBe(true);
    expect(filtered.statementOfApplicability.totalCount).toBe(kept.length);
    expect(filtered.statementOfApplicability.edges.map((e: any) => e.node.requirement.refId).sort()).toEqual([...kept].sort());

    const unfiltered = (await t.ok(`{ coverage(frameworks: ["ISO42001"]) { full partial none excluded } }`, {}, other)).coverage[0];
    expect(unfiltered.full + unfiltered.partial + unfiltered.none + unfiltered.excluded).toBe(assessable.length);
  });

  it('refuses an empty role list, naming the argument', async () => {
    const res = await t.gql(`{ coverage(aiRoles: []) { score } }`, {}, other);
    expect(res.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringContaining('aiRoles') });
  });
});

describe('refusals change nothing', () => {
  it('a refId that is not a current suggestion is BAD_USER_INPUT naming it, and no line is written', async () => {
    const soa = await t.ok(SOA, {}, other);
    await t.ok(`mutation { setAiRoles(roles: [AI_CUSTOMER]) { roles } }`, {}, other);
    const res = await t.gql(ACCEPT, { f: 'ISO42001', r: ['A.6.1.2', 'A.9.2'] }, other);
    expect(res.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringMatching(/^refIds\[1\]: "A\.9\.2" is not a current role suggestion/) });
    expect(await t.ok(SOA, {}, other)).toEqual(soa);
  });

  it('a clause is never a suggestion', async () => {
    const res = await t.gql(ACCEPT, { f: 'ISO42001', r: ['6.1.4'] }, other);
    expect(res.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('bad roles, empty lists and blank names are refused with the field named', async () => {
    const empty = await t.gql(`mutation { setAiRoles(roles: []) { roles } }`, {}, admin);
    expect(empty.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringContaining('roles') });
    const bad = await t.gql(`mutation { setAiRoles(roles: [AI_DEVELOPER]) { roles } }`, {}, admin);
    expect(bad.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const blank = await t.gql(`mutation { createAiSystem(input: { name: "  ", roles: [AI_CUSTOMER] }) { id } }`, {}, admin);
    expect(blank.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringContaining('input.name') });
    expect((await t.ok(`{ aiRoles { roles } }`, {}, admin)).aiRoles.roles).toEqual(['AI_CUSTOMER']);
  });

  it('a second AI system of the same name is CONFLICT', async () => {
    await t.ok(`mutation { createAiSystem(input: { name: "Chatbot", roles: [AI_CUSTOMER] }) { id } }`, {}, admin);
    const res = await t.gql(`mutation { createAiSystem(input: { name: "Chatbot", roles: [AI_PROVIDER] }) { id } }`, {}, admin);
    expect(res.errors?.[0]).toMatchObject({ extensions: { code: 'CONFLICT' }, message: expect.stringContaining('input.name') });
  });
});

describe('roles and tenants', () => {
  it('an AUDITOR reads but cannot write', async () => {
    expect((await t.ok(`{ aiRoles { roles } aiSystems { name } }`, {}, auditor)).aiRoles.roles).toEqual(['AI_CUSTOMER']);
    const res = await t.gql(`mutation { setAiRoles(roles: [AI_PRODUCER]) { roles } }`, {}, auditor);
    expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it("another organization neither sees nor touches this one's AI systems", async () => {
    const { aiSystems } = await t.ok(`{ aiSystems { id name } }`, {}, admin);
    const id = aiSystems[0].id;
    expect((await t.ok(`{ aiSystems { id } }`, {}, other)).aiSystems).toEqual([]);
    for (const mutation of [`mutation($id: ID!) { deleteAiSystem(id: $id) }`, `mutation($id: ID!) { updateAiSystem(id: $id, input: { name: "Mine now" }) { id } }`]) {
      const res = await t.gql(mutation, { id }, other);
      expect([res.data, res.errors?.[0].extensions?.code]).toEqual([null, 'NOT_FOUND']);
    }
    expect((await t.ok(`{ aiSystems { id name } }`, {}, admin)).aiSystems).toEqual(aiSystems);
  });

  it('an unauthenticated caller gets UNAUTHENTICATED', async () => {
    const res = await t.gql(`{ roleApplicability(framework: "ISO42001") { roles } }`);
    expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});
