/**
 * Issue 12: the GraphQL edits of an organization's own catalog over real HTTP: createOwnMappingEdge,
 * deleteOwnMappingEdge and deleteOwnFramework, their effect on the next coverage read, their audit events, and their
 * refusals (clear, coded, naming the field, and changing no row).
 */
import { TenantDb } from '../../src/database/tenant-db';
import { tableVersions } from '../support/database';
import { insertOwnFramework } from '../support/own-catalog';
import { startTestServer, type TestServer } from '../support/server';

let t: TestServer;
let tenantDb: TenantDb;
const a = { orgId: '', admin: '', auditor: '' };
const b = { orgId: '', admin: '' };
const TABLES = ['organization', 'framework', 'requirement', 'mapping_set', 'crosswalk_edge', 'control_link', 'applicability', 'scope', 'management_system_framework', 'audit_event'];

const CREATE = `mutation($input: CreateOwnMappingEdgeInput!) { createOwnMappingEdge(input: $input) {
  source { refId } target { refId } relationship strength rationale note equivalent mappingSet { key own provenance { method status author licence } } } }`;
const DELETE_EDGE = `mutation($s: String!, $sr: String!, $t: String!, $tr: String!) { deleteOwnMappingEdge(source: $s, sourceRefId: $sr, target: $t, targetRefId: $tr) }`;
const DELETE_FW = `mutation($f: String!, $force: Boolean) { deleteOwnFramework(framework: $f, force: $force) {
  framework requirements mappingSets edges links applicabilityDecisions scopeEntries managementSystemEntries } }`;
const COVERAGE = `{ requirementCoverage(framework: "ISO27001", refId: "A.5.15") { status } }`;

beforeAll(async () => {
  t = await startTestServer();
  tenantDb = t.server.app.get(TenantDb);
  const orgA = await t.createOrganization('Acme');
  const orgB = await t.createOrganization('Globex');
  Object.assign(a, { orgId: orgA.organizationId, admin: orgA.adminKey });
  Object.assign(b, { orgId: orgB.organizationId, admin: orgB.adminKey });
  a.auditor = (await t.ok(`mutation { createApiKey(role: AUDITOR, name: "au") { secret } }`, {}, a.admin)).createApiKey.secret;
  await insertOwnFramework(tenantDb, a.orgId, {
    code: 'ACME-POL',
    requirements: [{ refId: 'P.1', title: 'Access' }, { refId: 'P.2', title: 'Backups' }, { refId: 'P.3', title: 'Logging' }],
  });
});
afterAll(() => t?.close());

const edge = (over: Record<string, unknown> = {}) => ({ source: 'ACME-POL', sourceRefId: 'P.1', target: 'ISO27001', targetRefId: 'A.5.15', relationship: 'EQUAL', ...over });

describe('createOwnMappingEdge and deleteOwnMappingEdge', () => {
  it('makes the own set (human, draft, the key\'s name, own licence), and the next coverage read follows the edge; deleting it undoes that', async () => {
    const control = (await t.ok(`mutation { createControl(input: { code: "AC-1", title: "Access", status: IMPLEMENTED }) { id } }`, {}, a.admin)).createControl.id;
    await t.ok(`mutation($c: ID!) { linkControl(controlId: $c, framework: "ACME-POL", refId: "P.1") { coverage } }`, { c: control }, a.admin);
    expect((await t.ok(COVERAGE, {}, a.admin)).requirementCoverage.status).toBe('NONE');

    const made = (await t.ok(CREATE, { input: edge({ note: 'same access rule' }) }, a.admin)).createOwnMappingEdge;
    expect(made).toEqual({
      source: { refId: 'P.1' }, target: { refId: 'A.5.15' }, relationship: 'EQUAL', strength: 10, rationale: 'SEMANTIC', note: 'same access rule', equivalent: false,
      mappingSet: { key: 'own__acme-pol-1__iso27001-2022', own: true, provenance: { method: 'HUMAN', status: 'DRAFT', author: 'first admin key', licence: "The organization's own" } },
    });
    expect((await t.ok(COVERAGE, {}, a.admin)).requirementCoverage.status).toBe('FULL');
    // B's coverage never sees A's edge.
    expect((await t.ok(COVERAGE, {}, b.admin)).requirementCoverage.status).toBe('NONE');

    // A second edge goes into the same set, with the default strength of its relationship.
    const second = (await t.ok(CREATE, { input: edge({ sourceRefId: 'P.2', targetRefId: 'A.8.13', relationship: 'SUBSET_OF' }) }, a.admin)).createOwnMappingEdge;
    expect(second).toMatchObject({ strength: 5, mappingSet: { key: 'own__acme-pol-1__iso27001-2022' } });

    expect((await t.ok(DELETE_EDGE, { s: 'ACME-POL', sr: 'P.1', t: 'ISO27001', tr: 'A.5.15' }, a.admin)).deleteOwnMappingEdge).toBe(true);
    expect((await t.ok(COVERAGE, {}, a.admin)).requirementCoverage.status).toBe('NONE');
    expect((await t.ok(DELETE_EDGE, { s: 'ACME-POL', sr: 'P.1', t: 'ISO27001', tr: 'A.5.15' }, a.admin)).deleteOwnMappingEdge).toBe(false);

    const events = (await t.ok(`{ auditEvents(first: 50) { edges { node { operation entityType before after } } } }`, {}, a.admin)).auditEvents.edges.map((e: any) => e.node);
    expect(events.map((e: any) => e.operation)).toEqual(expect.arrayContaining(['createOwnMappingSet', 'createOwnMappingEdge', 'deleteOwnMappingEdge']));
    expect(events.find((e: any) => e.operation === 'deleteOwnMappingEdge').before).toMatchObject({ sourceRefId: 'P.1', targetRefId: 'A.5.15', relationship: 'EQUAL' });
  });

  it('refuses an edge that exists (CONFLICT naming it), public or own', async () => {
    await t.ok(CREATE, { input: edge({ sourceRefId: 'P.3', targetRefId: 'A.8.15', relationship: 'INTERSECTS_WITH', strength: 3 }) }, a.admin);
    const before = await tableVersions(t.db, TABLES);
    const again = await t.gql(CREATE, { input: edge({ source: 'ISO27001', sourceRefId: 'A.8.15', target: 'ACME-POL', targetRefId: 'P.3', relationship: 'SUBSET_OF' }) }, a.admin);
    expect(again.errors![0].extensions.code).toBe('CONFLICT');
    expect(again.errors![0].message).toBe(
      "input: an edge P.3 INTERSECTS_WITH A.8.15 exists already in the organization's own mapping set own__acme-pol-1__iso27001-2022; delete it with deleteOwnMappingEdge first to change it",
    );
    expect(await tableVersions(t.db, TABLES)).toBe(before);
  });

  const BAD: Array<[string, Record<string, unknown>, string, RegExp]> = [
    ['an unknown relationship', { relationship: 'CONTAINS' }, 'BAD_USER_INPUT', /CONTAINS/],
    ['a strength above 10', { relationship: 'SUBSET_OF', strength: 11 }, 'BAD_USER_INPUT', /^input\.strength: must be from 0 to 10/],
    ['a strength EQUAL does not allow', { strength: 7 }, 'BAD_USER_INPUT', /^input\.strength: EQUAL takes strength 10, not 7$/],
    ['a strength 0 for a partial relationship', { relationship: 'INTERSECTS_WITH', strength: 0 }, 'BAD_USER_INPUT', /^input\.strength: INTERSECTS_WITH takes a strength from 1 to 9, not 0$/],
    ['a public-public edge', { source: 'ISO27001', sourceRefId: 'A.5.1', target: 'SOC2', targetRefId: 'CC6.1' }, 'BAD_USER_INPUT', /^input\.source: ISO27001:2022 and SOC2:2017 are both public frameworks/],
    ['an unknown refId', { sourceRefId: 'P.404' }, 'NOT_FOUND', /^input\.sourceRefId: ACME-POL:1 has no requirement "P\.404"$/],
    ['an unknown framework', { source: 'NOPE' }, 'NOT_FOUND', /^input\.source: no framework "NOPE"/],
  ];
  it.each(BAD)('refuses %s with a clear error, and changes no row', async (_name, over, code, message) => {
    const before = await tableVersions(t.db, TABLES);
    const res = await t.gql(CREATE, { input: edge({ sourceRefId: 'P.2', targetRefId: 'A.5.1', ...over }) }, a.admin);
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0].extensions.code).toBe(code);
    expect(res.errors![0].message).toMatch(message);
    expect(await tableVersions(t.db, TABLES)).toBe(before);
  });

  it("treats another organization's own code exactly as one that does not exist, and a public edge as none to delete", async () => {
    const before = await tableVersions(t.db, TABLES);
    const theirs = await t.gql(CREATE, { input: edge() }, b.admin);
    const none = await t.gql(CREATE, { input: edge({ source: 'ACME-NONE' }) }, b.admin);
    expect(theirs.errors![0].extensions).toEqual(none.errors![0].extensions);
    expect(theirs.errors![0].message.replace('ACME-POL', 'X')).toBe(none.errors![0].message.replace('ACME-NONE', 'X'));
    const del = await t.gql(DELETE_EDGE, { s: 'ACME-POL', sr: 'P.3', t: 'ISO27001', tr: 'A.8.15' }, b.admin);
    expect(del.errors![0].extensions.code).toBe('NOT_FOUND');
    expect(del.errors![0].message).not.toContain('ACME-POL:');
    // A public edge (ISO 27001 → ISO 42001 holds shipped edges) is never an own one.
    const publicEdge = await t.db.query<{ s: string; t: string }>(
      `SELECT rs.ref_id AS s, rt.ref_id AS t FROM crosswalk_edge e JOIN mapping_set m ON m.id = e.mapping_set_id
         JOIN requirement rs ON rs.id = e.source_requirement_id JOIN requirement rt ON rt.id = e.target_requirement_id
        WHERE m.key = 'iso27001-2022__iso42001-2023' LIMIT 1`);
    expect((await t.ok(DELETE_EDGE, { s: 'ISO27001', sr: publicEdge[0].s, t: 'ISO42001', tr: publicEdge[0].t }, a.admin)).deleteOwnMappingEdge).toBe(false);
    expect(await tableVersions(t.db, TABLES)).toBe(before);
  });

  it('is for ADMIN and EDITOR keys: an AUDITOR is FORBIDDEN and nothing changes', async () => {
    const before = await tableVersions(t.db, TABLES);
    for (const [query, variables] of [[CREATE, { input: edge() }], [DELETE_EDGE, { s: 'ACME-POL', sr: 'P.3', t: 'ISO27001', tr: 'A.8.15' }], [DELETE_FW, { f: 'ACME-POL' }]] as const) {
      const res = await t.gql(query, variables, a.auditor);
      expect(res.errors![0].extensions.code).toBe('FORBIDDEN');
    }
    expect(await tableVersions(t.db, TABLES)).toBe(before);
  });
});

describe('deleteOwnFramework', () => {
  it('refuses while it is used, naming the links (control code → refId), decisions, scope and management systems; force removes them with audit events', async () => {
    await insertOwnFramework(tenantDb, a.orgId, { code: 'ACME-CONTRACT', requirements: [{ refId: 'C.1' }, { refId: 'C.2' }] });
    const c = (await t.ok(`mutation { createControl(input: { code: "CT-9", title: "Contract", status: IMPLEMENTED }) { id } }`, {}, a.admin)).createControl.id;
    await t.ok(`mutation($c: ID!) {
      l1: linkControl(controlId: $c, framework: "ACME-CONTRACT", refId: "C.1") { coverage }
      l2: linkControl(controlId: $c, framework: "ACME-CONTRACT", refId: "C.2", coverage: PARTIAL) { coverage }
      a: setApplicability(framework: "ACME-CONTRACT", refId: "C.2", applicable: false, justification: "not in this contract") { applicable }
      s: setScope(frameworks: ["ISO27001", "ACME-CONTRACT"]) { code } }`, { c }, a.admin);
    // setManagementSystem takes public frameworks only so far: the row goes in directly.
    await t.db.query(
      `WITH m AS (INSERT INTO management_system (organization_id, name) VALUES ($1, 'Contract IMS') RETURNING id)
       INSERT INTO management_system_framework (organization_id, framework_id, management_system_id)
       SELECT $1, f.id, m.id FROM m, framework f WHERE f.organization_id = $1 AND f.code = 'ACME-CONTRACT'`, [a.orgId]);
    await t.ok(CREATE, { input: { source: 'ACME-CONTRACT', sourceRefId: 'C.1', target: 'ISO27001', targetRefId: 'A.5.1', relationship: 'SUPERSET_OF', strength: 8 } }, a.admin);

    const before = await tableVersions(t.db, TABLES);
    const refused = await t.gql(DELETE_FW, { f: 'ACME-CONTRACT' }, a.admin);
    expect(refused.errors![0].extensions).toMatchObject({ code: 'CONFLICT', field: 'framework' });
    expect(refused.errors![0].message).toBe(
      'framework: ACME-CONTRACT:1 is still used by 2 control links (CT-9 → C.1, CT-9 → C.2); 1 applicability decision; the scope; management system Contract IMS. ' +
        'Remove those first, or delete with force: true to remove them with it.',
    );
    expect(await tableVersions(t.db, TABLES)).toBe(before);

    const removed = (await t.ok(DELETE_FW, { f: 'ACME-CONTRACT', force: true }, a.admin)).deleteOwnFramework;
    expect(removed).toEqual({ framework: 'ACME-CONTRACT:1', requirements: 2, mappingSets: 1, edges: 1, links: 2, applicabilityDecisions: 1, scopeEntries: 1, managementSystemEntries: 1 });
    const owned = await t.db.query(`SELECT 1 FROM framework WHERE organization_id = $1 AND code = 'ACME-CONTRACT'`, [a.orgId]);
    expect(owned).toEqual([]);
    expect((await t.ok(`{ scope { code } }`, {}, a.admin)).scope.map((f: any) => f.code)).toEqual(['ISO27001']);
    const events = (await t.ok(`{ auditEvents(first: 100) { edges { node { operation entityType after } } } }`, {}, a.admin)).auditEvents.edges.map((e: any) => e.node);
    const removedBy = events.filter((e: any) => e.after?.reason === 'deleteOwnFramework').map((e: any) => e.operation).sort();
    expect(removedBy).toEqual(['clearApplicability', 'setManagementSystem', 'setScope', 'unlinkControl', 'unlinkControl']);
    expect(events.find((e: any) => e.operation === 'deleteOwnFramework')).toMatchObject({ entityType: 'framework', after: { removed: { links: 2 }, force: true } });
    // The own framework is gone from the organization's reads at once.
    const gone = await t.gql(`{ coverage(frameworks: ["ACME-CONTRACT"]) { score } }`, {}, a.admin);
    expect(gone.errors![0].extensions.code).toBe('NOT_FOUND');
  });

  it('deletes an unused own framework without force; a public, unknown or other organization\'s code is NOT_FOUND alike', async () => {
    await insertOwnFramework(tenantDb, a.orgId, { code: 'ACME-TMP', requirements: [{ refId: 'T.1' }] });
    const before = await tableVersions(t.db, TABLES);
    const answers = await Promise.all([
      t.gql(DELETE_FW, { f: 'ISO27001' }, a.admin),
      t.gql(DELETE_FW, { f: 'NOPE' }, a.admin),
    ]);
    const bAnswers = await Promise.all([t.gql(DELETE_FW, { f: 'ACME-TMP' }, b.admin), t.gql(DELETE_FW, { f: 'NOPE2' }, b.admin)]);
    expect(await tableVersions(t.db, TABLES)).toBe(before);
    expect(answers.map((r) => r.errors![0].message.replace(/"[^"]+"/, '"X"'))).toEqual([answers[1].errors![0].message.replace(/"[^"]+"/, '"X"'), answers[1].errors![0].message.replace(/"[^"]+"/, '"X"')]);
    expect(bAnswers[0].errors![0]).toEqual({ ...bAnswers[1].errors![0], message: bAnswers[1].errors![0].message.replace('NOPE2', 'ACME-TMP') });
    expect(bAnswers[0].errors![0].extensions.code).toBe('NOT_FOUND');
    const removed = (await t.ok(DELETE_FW, { f: 'ACME-TMP' }, a.admin)).deleteOwnFramework;
    expect(removed).toMatchObject({ framework: 'ACME-TMP:1', requirements: 1, links: 0 });
  });
});
