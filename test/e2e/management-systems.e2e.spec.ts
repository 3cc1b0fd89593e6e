/**
 * Issue 9, over HTTP on the shipped catalog: an organization links an implemented control to ISO27001 7.2 alone.
 * ISO42001 7.2 is not FULL while the two standards run as separate management systems, because the EQUAL edge between
 * them holds only within one system (SAME_MANAGEMENT_SYSTEM). Declaring one system for ISO27001 and ISO42001 makes it
 * FULL, and its path says why; deleting the system takes it back. Bad declarations are refused and change nothing,
 * and another organization never sees or touches the declaration.
 */
import { startTestServer, type TestServer } from '../support/server';

let t: TestServer;
let admin: string;
let auditor: string;
let other: string;

const STATUS = `query($f: String!, $r: String!) {
  requirementCoverage(framework: $f, refId: $r) {
    status weight
    paths { source { refId framework { code } } steps { relationship strength condition conditionMet from { refId } to { refId } } }
  }
}`;
const SYSTEMS = `{ managementSystems { id name frameworks { code version } } }`;
const SET = `mutation($n: String!, $f: [String!]!) { setManagementSystem(name: $n, frameworks: $f) { id name frameworks { code } } }`;

async function ok(query: string, variables: Record<string, unknown> = {}, key = admin) {
  const res = await t.gql(query, variables, key);
  expect(res.errors).toBeUndefined();
  return res.data!;
}
const aims72 = async (key = admin) => (await ok(STATUS, { f: 'ISO42001', r: '7.2' }, key)).requirementCoverage;
const fromIsms72 = (coverage: any) => coverage.paths.find((p: any) => p.source.framework.code === 'ISO27001' && p.source.refId === '7.2');

beforeAll(async () => {
  t = await startTestServer();
  admin = (await t.createOrganization('Integrated Ltd')).adminKey;
  other = (await t.createOrganization('Other Org')).adminKey;
  auditor = (await ok(`mutation { createApiKey(role: AUDITOR, name: "auditor") { secret } }`)).createApiKey.secret;
  const { createControl } = await ok(`mutation { createControl(input: { code: "HR-01", title: "Competence management", status: IMPLEMENTED }) { id } }`);
  await ok(`mutation($c: ID!) { linkControl(controlId: $c, framework: "ISO27001", refId: "7.2") { coverage } }`, { c: createControl.id });
});
afterAll(() => t?.close());

describe('the catalog shows the condition and the evidence', () => {
  it('ISO27001 7.2 EQUAL ISO42001 7.2 holds only within one management system, with its evidence', async () => {
    const { requirement } = await ok(`{ requirement(framework: "ISO27001", refId: "7.2") {
      crosswalks(framework: "ISO42001") { relationship condition evidence target { refId } } } }`);
    const edge = requirement.crosswalks.find((c: any) => c.target.refId === '7.2');
    expect(edge).toMatchObject({ relationship: 'EQUAL', condition: 'SAME_MANAGEMENT_SYSTEM' });
    expect(edge.evidence.length).toBeGreaterThan(0);
  });

  it('an INTERSECTS_WITH edge has no evidence and no condition', async () => {
    const { requirement } = await ok(`{ requirement(framework: "ISO27001", refId: "6.1.3") {
      crosswalks(framework: "ISO42001") { relationship condition evidence target { refId } } } }`);
    expect(requirement.crosswalks.find((c: any) => c.target.refId === '6.1.3')).toEqual({ relationship: 'INTERSECTS_WITH', condition: null, evidence: [], target: { refId: '6.1.3' } });
  });
});

describe('one control on ISO27001 7.2, and ISO42001 7.2', () => {
  it('is not FULL while no management system is declared: the conditional EQUAL reads as INTERSECTS_WITH at 9', async () => {
    const coverage = await aims72();
    expect(coverage).toMatchObject({ status: 'PARTIAL', weight: 0.9 });
    expect(fromIsms72(coverage).steps).toEqual([
      { relationship: 'INTERSECTS_WITH', strength: 9, condition: 'SAME_MANAGEMENT_SYSTEM', conditionMet: false, from: { refId: '7.2' }, to: { refId: '7.2' } },
    ]);
  });

  it('is FULL once one system holds ISO27001 and ISO42001, and the path says the condition was met; deleting the system takes it back', async () => {
    const before = (await ok(`{ coverage(frameworks: ["ISO42001"]) { full partial } }`)).coverage[0];
    const { setManagementSystem } = await ok(SET, { n: 'Integrated ISMS and AIMS', f: ['ISO27001', 'ISO42001:2023'] });
    expect(setManagementSystem.name).toBe('Integrated ISMS and AIMS');
    expect(setManagementSystem.frameworks.map((f: any) => f.code).sort()).toEqual(['ISO27001', 'ISO42001']);

    const coverage = await aims72();
    expect(coverage).toMatchObject({ status: 'FULL', weight: 1 });
    expect(fromIsms72(coverage).steps).toEqual([
      { relationship: 'EQUAL', strength: 10, condition: 'SAME_MANAGEMENT_SYSTEM', conditionMet: true, from: { refId: '7.2' }, to: { refId: '7.2' } },
    ]);
    // The framework totals move with it: one more FULL, one fewer PARTIAL.
    const after = (await ok(`{ coverage(frameworks: ["ISO42001"]) { full partial } }`)).coverage[0];
    expect(after).toEqual({ full: before.full + 1, partial: before.partial - 1 });
    // An auditor reads the same answer, and the declaration.
    expect((await aims72(auditor)).status).toBe('FULL');
    expect((await ok(SYSTEMS, {}, auditor)).managementSystems).toHaveLength(1);

    expect((await ok(`mutation($id: ID!) { deleteManagementSystem(id: $id) }`, { id: setManagementSystem.id })).deleteManagementSystem).toBe(true);
    expect(await aims72()).toMatchObject({ status: 'PARTIAL', weight: 0.9 });
    expect((await ok(SYSTEMS)).managementSystems).toEqual([]);
  });

  it('ISO42001 9.2.2 stays partial even in one system: 42001 asks for audit objectives too', async () => {
    const { createControl } = await ok(`mutation { createControl(input: { code: "AUD-01", title: "Audit programme", status: IMPLEMENTED }) { id } }`);
    await ok(`mutation($c: ID!) { linkControl(controlId: $c, framework: "ISO27001", refId: "9.2.2") { coverage } }`, { c: createControl.id });
    const { setManagementSystem } = await ok(SET, { n: 'IMS', f: ['ISO27001', 'ISO42001'] });
    const { requirementCoverage } = await ok(STATUS, { f: 'ISO42001', r: '9.2.2' });
    expect(requirementCoverage.status).toBe('PARTIAL');
    await ok(`mutation($id: ID!) { deleteManagementSystem(id: $id) }`, { id: setManagementSystem.id });
  });
});

describe('declarations: upsert by name, at most one system per standard, and bad input that changes nothing', () => {
  const code = (res: any) => res.errors?.[0]?.extensions?.code;

  it('upserts by name, and records every change in the audit trail', async () => {
    const first = (await ok(SET, { n: 'ISMS', f: ['ISO27001'] })).setManagementSystem;
    const second = (await ok(SET, { n: 'ISMS', f: ['ISO27001', 'ISO27701', 'ISO9001'] })).setManagementSystem;
    expect(second.id).toBe(first.id);
    expect(second.frameworks.map((f: any) => f.code).sort()).toEqual(['ISO27001', 'ISO27701', 'ISO9001']);
    const { auditEvents } = await ok(`{ auditEvents(first: 500) { edges { node { operation entityType entityId before after } } } }`);
    const events = auditEvents.edges.map((e: any) => e.node).filter((e: any) => e.entityId === first.id);
    expect(events.slice(-2)).toEqual([
      { operation: 'setManagementSystem', entityType: 'management_system', entityId: first.id, before: null, after: { name: 'ISMS', frameworks: ['ISO27001:2022'] } },
      {
        operation: 'setManagementSystem',
        entityType: 'management_system',
        entityId: first.id,
        before: { name: 'ISMS', frameworks: ['ISO27001:2022'] },
        after: { name: 'ISMS', frameworks: ['ISO27001:2022', 'ISO27701:2019', 'ISO9001:2015'] },
      },
    ]);
  });

  it.each([
    ['a framework already in another system, naming that system', { n: 'AIMS', f: ['ISO42001', 'ISO9001'] }, 'frameworks[1]', /ISO9001:2015 already belongs to the management system "ISMS"/],
    ['a standard that is not a management-system standard', { n: 'AIMS', f: ['ISO42001', 'SOC2'] }, 'frameworks[1]', /SOC2:2017 is not a management-system standard/],
    ['ISO27701 outside the system that holds ISO27001', { n: 'PIMS', f: ['ISO27701'] }, 'frameworks[0]', /extends the ISO27001 management system.*add ISO27001/],
    ['no framework', { n: 'Empty', f: [] }, 'frameworks', /at least one framework/],
    ['a blank name', { n: '   ', f: ['ISO42001'] }, 'name', /must not be blank/],
    ['an unknown framework', { n: 'X', f: ['ISO14001'] }, 'frameworks[0]', /no framework "ISO14001" in the catalog; known: /],
  ])('refuses %s, and changes nothing', async (_what, variables, field, message) => {
    const before = await ok(SYSTEMS);
    const res = await t.gql(SET, variables, admin);
    expect(res.status).toBe(200);
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0].extensions).toMatchObject({ field });
    expect(['BAD_USER_INPUT', 'NOT_FOUND']).toContain(code(res));
    expect(res.errors![0].message).toMatch(message);
    expect(await ok(SYSTEMS)).toEqual(before);
  });

  it('lets an AUDITOR read but not declare or delete', async () => {
    const [system] = (await ok(SYSTEMS)).managementSystems;
    expect(code(await t.gql(SET, { n: 'Sneaky', f: ['ISO42001'] }, auditor))).toBe('FORBIDDEN');
    expect(code(await t.gql(`mutation($id: ID!) { deleteManagementSystem(id: $id) }`, { id: system.id }, auditor))).toBe('FORBIDDEN');
    expect(code(await t.gql(SYSTEMS))).toBe('UNAUTHENTICATED');
  });

  it('keeps organizations apart: another sees none, cannot delete it (as if it did not exist), and may declare the same standards', async () => {
    const [system] = (await ok(SYSTEMS)).managementSystems;
    expect((await ok(SYSTEMS, {}, other)).managementSystems).toEqual([]);
    const res = await t.gql(`mutation($id: ID!) { deleteManagementSystem(id: $id) }`, { id: system.id }, other);
    expect(code(res)).toBe('NOT_FOUND');
    const missing = await t.gql(`mutation($id: ID!) { deleteManagementSystem(id: $id) }`, { id: '00000000-0000-4000-8000-000000000000' }, other);
    expect(missing.errors![0].message).toBe(res.errors![0].message.replace(system.id, '00000000-0000-4000-8000-000000000000'));
    expect((await ok(SET, { n: 'ISMS', f: ['ISO27001', 'ISO42001'] }, other)).setManagementSystem.name).toBe('ISMS');
    // Its declaration changes nothing for the first organization, whose ISMS still holds ISO27001 without ISO42001.
    expect((await ok(SYSTEMS)).managementSystems).toEqual([system]);
    expect((await aims72()).status).toBe('PARTIAL');
  });
});

describe('frameworkOverlap: separate systems unless asked', () => {
  it('counts more of ISO42001 FULL from ISO27001 with assumeSameManagementSystem: true', async () => {
    const overlap = async (assume: boolean) =>
      (await ok(`query($a: Boolean!) { frameworkOverlap(frameworks: ["ISO27001", "ISO42001"], assumeSameManagementSystem: $a) { source { code } target { code } full partial } }`, { a: assume }, ''))
        .frameworkOverlap.find((o: any) => o.source.code === 'ISO27001' && o.target.code === 'ISO42001');
    const separate = await overlap(false);
    const together = await overlap(true);
    expect(together.full).toBeGreaterThan(separate.full);
    expect(together.full + together.partial).toBe(separate.full + separate.partial);
    const { frameworkOverlap } = await ok(`{ frameworkOverlap(frameworks: ["ISO27001", "ISO42001"]) { source { code } target { code } full } }`, {}, '');
    expect(frameworkOverlap.find((o: any) => o.source.code === 'ISO27001' && o.target.code === 'ISO42001').full).toBe(separate.full);
  });
});
