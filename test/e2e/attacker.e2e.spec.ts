/**
 * The attacker's suite (issue 5, item 2): two organizations, A (the target) and B (the attacker), over real HTTP in
 * production mode. Every tenant query and mutation of the schema gets a row in CASES, and the schema is read at test
 * time (schema.gql and live introspection): an operation without a row fails the suite. Each row is attacked with no
 * key, a revoked key, the wrong role, B's key on A's ids (IDOR) and ids that are not UUIDs; every attack must answer
 * the exact code, change nothing (checksum of every tenant table) and leak nothing of A. Then the public catalog is
 * walked through every nested field, and B's reads are searched for A's data.
 */
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import {
  buildClientSchema, buildSchema, getIntrospectionQuery, getNamedType, type GraphQLField, type GraphQLObjectType,
  type GraphQLOutputType, type GraphQLSchema, type IntrospectionQuery, isNonNullType, isObjectType,
} from 'graphql';
import { TenantDb } from '../../src/database/tenant-db';
import { tableChecksum } from '../support/database';
import { insertOwnFramework, insertOwnMappingSet } from '../support/own-catalog';
import { type GraphqlResponse, startTestServer, type TestServer } from '../support/server';
import { allText, download, readWorkbook } from '../support/spreadsheets';

const ROLES = ['ADMIN', 'EDITOR', 'AUDITOR'] as const;
type Role = (typeof ROLES)[number];
type Kind = 'query' | 'mutation';
const TENANT_TABLES = ['organization', 'api_key', 'control', 'control_link', 'scope', 'applicability', 'audit_event', 'management_system', 'management_system_framework',
  // Issue 12: an organization's own frameworks and crosswalks live in the catalog tables.
  'framework', 'requirement', 'mapping_set', 'crosswalk_edge',
  // Issue 14: AI roles.
  'ai_role_declaration', 'ai_system'];
const NOT_A_UUID = "1' OR '1'='1";
const A_NAME = 'Acme Attack Target';
const CODE1 = 'ZQX-ACME-SECRET-01';
const CODE2 = 'ZQX-ACME-SECRET-02';
const OWNER = 'ZQX-ACME-OWNER';
const JUSTIFICATION = 'ZQX-ACME-JUSTIFICATION no premises';
const SYSTEM = 'ZQX-ACME-IMS';
const VENDOR = 'ZQX-ACME-VENDOR';
/** A's own framework (issue 12), its requirement's title and its own mapping set's key. */
const OWN_CODE = 'ZQX-ACME-OWNFW';
const OWN_TITLE = 'ZQX-ACME-OWN-REQUIREMENT';
const OWN_SET = 'zqx-acme-own-set';
/** A code nobody has: what B must get for A's own code. */
const NO_CODE = 'ZQX-NO-SUCH-FW';
/** A's AI system (issue 14). */
const AI_SYSTEM = 'ZQX-ACME-AISYSTEM';

let t: TestServer;
let live: GraphQLSchema;
const a = { orgId: '', admin: '', editor: '', auditor: '', spare: '', spareId: '', revoked: '', control1: '', control2: '', system: '', vendor: '', aiSystem: '' };
const b = { orgId: '', admin: '', control: '' };
let secrets: string[] = []; // everything of A that B must never see

interface Case {
  kind: Kind;
  /** Roles that may call it; the others must get FORBIDDEN. Default: every role. */
  roles?: readonly Role[];
  /** Arguments, using A's real ids: every attack aims at A's data. */
  vars: () => Record<string, unknown>;
  /** The ID arguments and whose id they take. */
  ids?: Record<string, 'control' | 'apiKey' | 'managementSystem' | 'vendor' | 'aiSystem'>;
  /**
   * Aims at A's own framework by its code (issue 12): `vars` with the code given instead. B naming A's code must get
   * exactly the answer for a code nobody has.
   */
  ownCode?: (code: string) => Record<string, unknown>;
}
const WRITERS: Role[] = ['ADMIN', 'EDITOR'];
const CASES: Record<string, Case> = {
  me: { kind: 'query', vars: () => ({}) },
  scope: { kind: 'query', vars: () => ({}) },
  controls: { kind: 'query', vars: () => ({ first: 500 }) },
  control: { kind: 'query', vars: () => ({ id: a.control1 }), ids: { id: 'control' } },
  coverage: { kind: 'query', vars: () => ({ frameworks: ['ISO27001', 'SOC2'] }) },
  requirementCoverage: { kind: 'query', vars: () => ({ framework: 'ISO27001', refId: 'A.5.15' }) },
  gapAnalysis: { kind: 'query', vars: () => ({ target: 'SOC2' }) },
  commonControls: { kind: 'query', vars: () => ({ frameworks: ['ISO42001', 'NIST-AI-RMF'] }) },
  soc2PlusScope: { kind: 'query', vars: () => ({ additional: ['ISO42001'] }) },
  statementOfApplicability: { kind: 'query', vars: () => ({ framework: 'ISO27001', first: 500 }) },
  auditEvents: { kind: 'query', roles: ['ADMIN', 'AUDITOR'], vars: () => ({ first: 500 }) },
  createControl: { kind: 'mutation', roles: WRITERS, vars: () => ({ input: { code: 'ZQX-NEW', title: 'planted' } }) },
  updateControl: { kind: 'mutation', roles: WRITERS, vars: () => ({ id: a.control1, expectedVersion: 1, input: { title: 'pwned', status: 'PLANNED' } }), ids: { id: 'control' } },
  deleteControl: { kind: 'mutation', roles: WRITERS, vars: () => ({ id: a.control1 }), ids: { id: 'control' } },
  linkControl: { kind: 'mutation', roles: WRITERS, vars: () => ({ controlId: a.control2, framework: 'ISO27001', refId: 'A.5.1', coverage: 'PARTIAL' }), ids: { controlId: 'control' } },
  unlinkControl: { kind: 'mutation', roles: WRITERS, vars: () => ({ controlId: a.control1, framework: 'ISO27001', refId: 'A.5.15' }), ids: { controlId: 'control' } },
  setScope: { kind: 'mutation', roles: WRITERS, vars: () => ({ frameworks: ['ISO9001'] }) },
  setApplicability: { kind: 'mutation', roles: WRITERS, vars: () => ({ framework: 'ISO27001', refId: 'A.7.4', applicable: true, justification: 'pwned' }) },
  apiKeys: { kind: 'query', roles: ['ADMIN'], vars: () => ({}) },
  createApiKey: { kind: 'mutation', roles: ['ADMIN'], vars: () => ({ role: 'ADMIN', name: 'backdoor', expiresAt: '2099-01-01T00:00:00Z' }) },
  revokeApiKey: { kind: 'mutation', roles: ['ADMIN'], vars: () => ({ id: a.spareId }), ids: { id: 'apiKey' } },
  managementSystems: { kind: 'query', vars: () => ({}) },
  certificationPlan: { kind: 'query', vars: () => ({ certifications: [{ framework: 'ISO27001', certificationDate: '2025-03-01' }, { framework: 'ISO42001', stage2Date: '2026-06-15' }], integrated: true }) },
  setManagementSystem: { kind: 'mutation', roles: WRITERS, vars: () => ({ name: 'Pwned IMS', frameworks: ['ISO27001', 'ISO42001', 'ISO9001'] }) },
  deleteManagementSystem: { kind: 'mutation', roles: WRITERS, vars: () => ({ id: a.system }), ids: { id: 'managementSystem' } },
  // Rows name controls by code, never by id: the code resolves in the caller's organization only (see the import suite below).
  ownFrameworks: { kind: 'query', vars: () => ({}) },
  ownFramework: { kind: 'query', vars: () => ({ framework: OWN_CODE }) },
  ownMappingSets: { kind: 'query', vars: () => ({}) },
  deleteOwnFramework: { kind: 'mutation', roles: WRITERS, vars: () => ({ framework: OWN_CODE, force: true }), ownCode: (code) => ({ framework: code, force: true }) },
  createOwnMappingEdge: {
    kind: 'mutation',
    roles: WRITERS,
    vars: () => ({ input: { source: OWN_CODE, sourceRefId: 'Z.1', target: 'ISO27001', targetRefId: 'A.5.2', relationship: 'EQUAL' } }),
    ownCode: (code) => ({ input: { source: code, sourceRefId: 'Z.1', target: 'ISO27001', targetRefId: 'A.5.2', relationship: 'EQUAL' } }),
  },
  deleteOwnMappingEdge: {
    kind: 'mutation',
    roles: WRITERS,
    vars: () => ({ source: OWN_CODE, sourceRefId: 'Z.1', target: 'ISO27001', targetRefId: 'A.5.15' }),
    ownCode: (code) => ({ source: code, sourceRefId: 'Z.1', target: 'ISO27001', targetRefId: 'A.5.15' }),
  },
  vendors: { kind: 'query', vars: () => ({}) },
  vendor: { kind: 'query', vars: () => ({ id: a.vendor }), ids: { id: 'vendor' } },
  vendorQuestionnaire: { kind: 'query', vars: () => ({ frameworks: ['ISO27001', 'ISO42001'] }) },
  vendorCoverage: { kind: 'query', vars: () => ({ vendorId: a.vendor }), ids: { vendorId: 'vendor' } },
  vendorRequirementCoverage: { kind: 'query', vars: () => ({ vendorId: a.vendor, framework: 'ISO42001', refId: '9.2.1' }), ids: { vendorId: 'vendor' } },
  createVendor: { kind: 'mutation', roles: WRITERS, vars: () => ({ input: { name: 'Pwned vendor' } }) },
  deleteVendor: { kind: 'mutation', roles: WRITERS, vars: () => ({ id: a.vendor }), ids: { id: 'vendor' } },
  // Issue 14: AI roles. B has declared AI_CUSTOMER too, and its own calls keep it a customer only, so that its own
  // acceptRoleSuggestions (A.6.1.2, a producer-only control) succeeds on its own SoA whatever order the cases run in.
  aiRoles: { kind: 'query', vars: () => ({}) },
  setAiRoles: { kind: 'mutation', roles: WRITERS, vars: () => ({ roles: ['AI_CUSTOMER'] }) },
  aiSystems: { kind: 'query', vars: () => ({}) },
  createAiSystem: { kind: 'mutation', roles: WRITERS, vars: () => ({ input: { name: 'Planted system', roles: ['AI_CUSTOMER'] } }) },
  updateAiSystem: { kind: 'mutation', roles: WRITERS, vars: () => ({ id: a.aiSystem, input: { name: 'pwned', roles: ['AI_SUBJECT'] } }), ids: { id: 'aiSystem' } },
  deleteAiSystem: { kind: 'mutation', roles: WRITERS, vars: () => ({ id: a.aiSystem }), ids: { id: 'aiSystem' } },
  roleApplicability: { kind: 'query', vars: () => ({ framework: 'ISO42001' }) },
  acceptRoleSuggestions: { kind: 'mutation', roles: WRITERS, vars: () => ({ framework: 'ISO42001', refIds: ['A.6.1.2'] }) },
  importControls: { kind: 'mutation', roles: WRITERS, vars: () => ({ rows: [{ code: 'GLX-IMP-01', title: 'imported', status: 'IMPLEMENTED', links: ['ISO27001:A.5.1'] }] }) },
};
/** Public catalog roots, with arguments: answered without a key. */
const PUBLIC: Record<string, Record<string, unknown>> = {
  frameworks: {},
  framework: { framework: 'ISO27001' },
  requirement: { framework: 'ISO27001', refId: 'A.5.15' },
  requirements: { framework: 'SOC2', first: 1 },
  mappingSets: { source: 'ISO27001' },
  frameworkOverlap: { frameworks: ['ISO27001', 'SOC2'] },
  frameworkOverlapDetail: { source: 'ISO27001', target: 'SOC2' },
};
/** Every object type the public roots can reach. A new edge out of the catalog must be added here, deliberately. */
const PUBLIC_TYPES = ['CoverageStep', 'Crosswalk', 'CrosswalkConnection', 'CrosswalkEdge', 'Framework', 'FrameworkOverlap', 'FrameworkOverlapDetail',
  'MappingSet', 'OverlapPath', 'OverlapRequirement', 'PageInfo', 'Provenance', 'Requirement', 'RequirementConnection', 'RequirementEdge', 'SourceDocument'];
/** Types that carry tenant data. */
const TENANT_TYPES = ['Control', 'ControlLink', 'ControlConnection', 'ControlEdge', 'Applicability', 'AuditEvent', 'AuditEventConnection',
  'AuditEventEdge', 'Principal', 'CreatedApiKey', 'CoverageControl', 'CoveragePath', 'FrameworkCoverage', 'RequirementCoverage', 'Gap', 'GapReport',
  'ManagementSystem', 'HeadingRollUp', 'StatementOfApplicabilityConnection', 'StatementOfApplicabilityEntry', 'StatementOfApplicabilityEntryEdge', 'ApiKey',
  'ControlImportReport', 'ImportProblem', 'AiRoleDeclaration', 'AiSystem', 'RoleSuggestion'];

const root = (schema: GraphQLSchema, kind: Kind) => (kind === 'query' ? schema.getQueryType() : schema.getMutationType())!;
const fieldOf = (kind: Kind, op: string) => root(live, kind).getFields()[op];

/**
 * A selection of every field of `type`. Tenant mode: tenant types are expanded (a type already on the path is cut to
 * __typename) and catalog types stop at their id. Public mode: each type is expanded once per document, pages of 1.
 */
function selection(type: GraphQLOutputType, mode: 'tenant' | 'public', path: string[] = [], seen = new Set<string>()): string {
  const named = getNamedType(type);
  if (!isObjectType(named)) return '';
  if (mode === 'tenant' && PUBLIC_TYPES.includes(named.name)) return ` { __typename${'id' in named.getFields() ? ' id' : ''} }`;
  if (path.includes(named.name) || (mode === 'public' && seen.has(named.name))) return ' { __typename }';
  seen.add(named.name);
  const parts = Object.values(named.getFields())
    .filter((f) => f.args.every((arg) => !isNonNullType(arg.type) || arg.defaultValue !== undefined))
    .map((f) => `${f.name}${f.args.some((arg) => arg.name === 'first') ? '(first: 1)' : ''}${selection(f.type, mode, [...path, named.name], seen)}`);
  return ` { __typename ${parts.join(' ')} }`;
}

/** A document for one root field, its variables declared from the schema's own argument types. */
function document(kind: Kind, op: string, vars: Record<string, unknown>, mode: 'tenant' | 'public' = 'tenant'): string {
  const field: GraphQLField<unknown, unknown> = fieldOf(kind, op);
  const args = field.args.filter((arg) => arg.name in vars);
  const defs = args.length ? `(${args.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(', ')})` : '';
  const call = args.length ? `(${args.map((arg) => `${arg.name}: $${arg.name}`).join(', ')})` : '';
  return `${kind}${defs} { ${op}${call}${selection(field.type, mode)} }`;
}

const call = (op: string, vars: Record<string, unknown>, key?: string) => t.gql(document(CASES[op].kind, op, vars), vars, key);
const checksum = () => tableChecksum(t.db, TENANT_TABLES);
const leaked = (res: unknown) => secrets.filter((s) => JSON.stringify(res).includes(s));
/** What `data` is when the field fails: null bubbles up through a non-null field. */
const failedData = (op: string) => (isNonNullType(fieldOf(CASES[op].kind, op).type) ? null : { [op]: null });
const errorOf = (res: GraphqlResponse) => {
  expect(res.errors).toHaveLength(1);
  return res.errors![0];
};

/** A's state as A sees it, including that its spare key still works. */
async function snapshotA() {
  const state = await Promise.all([
    `{ me { organizationId organizationName role } scope { code version } coverage(frameworks: ["ISO27001", "SOC2"]) { framework { id } full partial none excluded score } }`,
    `{ controls(first: 50) { totalCount edges { node { id code title description owner status version updatedAt links { coverage requirement { id } } } } } }`,
    `{ auditEvents(first: 500) { totalCount edges { node { id operation } } } }`,
    `{ managementSystems { id name updatedAt frameworks { id } } }`,
    `{ aiRoles { roles setBy setAt } aiSystems { id name roles description updatedAt } }`,
  ].map((query) => t.ok(query, {}, a.admin)));
  const spare = await t.gql(`{ me { keyId role } }`, {}, a.spare);
  return { state, spare: spare.data ?? spare.errors };
}

beforeAll(async () => {
  // The walks below select every field of every type, several levels deep: far more than one request may ask for.
  // The query cost limit is not what keeps tenants apart, so it is set out of the way here; query-cost.e2e.spec.ts
  // tests it.
  t = await startTestServer({ env: { NODE_ENV: 'production', QUERY_MAX_COST: '10000000' } });
  const introspection = await t.gql<IntrospectionQuery>(getIntrospectionQuery());
  live = buildClientSchema(introspection.data!);
  const orgA = await t.createOrganization(A_NAME);
  const orgB = await t.createOrganization('Globex Attacker');
  Object.assign(a, { orgId: orgA.organizationId, admin: orgA.adminKey });
  Object.assign(b, { orgId: orgB.organizationId, admin: orgB.adminKey });
  const keys = await t.ok(`mutation { e: createApiKey(role: EDITOR, name: "ed") { id secret } u: createApiKey(role: AUDITOR, name: "au") { id secret }
    s: createApiKey(role: EDITOR, name: "spare") { id secret } r: createApiKey(role: ADMIN, name: "to revoke") { id secret } }`, {}, a.admin);
  Object.assign(a, { editor: keys.e.secret, auditor: keys.u.secret, spare: keys.s.secret, spareId: keys.s.id, revoked: keys.r.secret });
  expect((await t.ok(`mutation($id: ID!) { revokeApiKey(id: $id) }`, { id: keys.r.id }, a.admin)).revokeApiKey).toBe(true);
  const controls = await t.ok(`mutation($o: String) {
    c1: createControl(input: { code: "${CODE1}", title: "Access policy", owner: $o, status: IMPLEMENTED }) { id }
    c2: createControl(input: { code: "${CODE2}", title: "Reviews", description: "ZQX-ACME-DESCRIPTION", status: IMPLEMENTED }) { id } }`, { o: OWNER }, a.editor);
  Object.assign(a, { control1: controls.c1.id, control2: controls.c2.id });
  await t.ok(`mutation($c1: ID!, $c2: ID!, $j: String!) {
    l1: linkControl(controlId: $c1, framework: "ISO27001", refId: "A.5.15") { coverage }
    l2: linkControl(controlId: $c1, framework: "SOC2", refId: "CC6.1", coverage: PARTIAL) { coverage }
    l3: linkControl(controlId: $c2, framework: "ISO42001", refId: "A.2.2") { coverage }
    s: setScope(frameworks: ["ISO27001", "SOC2"]) { code }
    p: setApplicability(framework: "ISO27001", refId: "A.7.4", applicable: false, justification: $j) { applicable } }`,
  { c1: a.control1, c2: a.control2, j: JUSTIFICATION }, a.editor);
  a.system = (await t.ok(`mutation($n: String!) { setManagementSystem(name: $n, frameworks: ["ISO27001", "ISO42001"]) { id } }`, { n: SYSTEM }, a.editor)).setManagementSystem.id;
  b.control = (await t.ok(`mutation { createControl(input: { code: "GLX-01", title: "Globex own" }) { id } }`, {}, b.admin)).createControl.id;
  await t.ok(`mutation { setAiRoles(roles: [AI_CUSTOMER]) { roles } }`, {}, a.editor);
  a.aiSystem = (await t.ok(`mutation($n: String!) { createAiSystem(input: { name: $n, roles: [AI_PROVIDER], description: "ZQX-ACME-AI-DESCRIPTION" }) { id } }`, { n: AI_SYSTEM }, a.editor)).createAiSystem.id;
  await t.ok(`mutation { setAiRoles(roles: [AI_CUSTOMER]) { roles } }`, {}, b.admin);
  const tenantDb = t.server.app.get(TenantDb);
  const own = await insertOwnFramework(tenantDb, a.orgId, { code: OWN_CODE, requirements: [{ refId: 'Z.1', title: OWN_TITLE, text: 'ZQX-ACME-OWN-TEXT' }] });
  const [iso] = await t.db.query<{ f: string; r: string }>(
    `SELECT f.id AS f, r.id AS r FROM framework f JOIN requirement r ON r.framework_id = f.id WHERE f.code = 'ISO27001' AND f.organization_id IS NULL AND r.ref_id = 'A.5.15'`);
  a.vendor = (await t.ok(`mutation($n: String!) { createVendor(input: { name: $n, contact: "ZQX-ACME-VENDOR-CONTACT" }) { id } }`, { n: VENDOR }, a.editor)).createVendor.id;
  const ownSet = await insertOwnMappingSet(tenantDb, a.orgId, { key: OWN_SET, sourceFrameworkId: own.id, targetFrameworkId: iso.f, edges: [{ sourceId: own.requirements.get('Z.1')!, targetId: iso.r, relationship: 'EQUAL', strength: 10 }] });
  const keyIds = await Promise.all([a.admin, a.editor, a.auditor].map(async (key) => (await t.ok(`{ me { keyId } }`, {}, key)).me.keyId as string));
  secrets = [a.orgId, A_NAME, CODE1, CODE2, OWNER, JUSTIFICATION, 'ZQX-ACME', a.control1, a.control2, a.spareId, keys.r.id, a.system, ...keyIds,
    OWN_CODE, OWN_TITLE, OWN_SET, own.id, own.requirements.get('Z.1')!, ownSet, VENDOR, a.vendor, AI_SYSTEM, a.aiSystem];
});
afterAll(() => t?.close());

describe('the table covers the whole API', () => {
  it('has a case for every tenant query and mutation of schema.gql and of the live schema, and no case for anything else', () => {
    const fromFile = buildSchema(fs.readFileSync('schema.gql', 'utf8'));
    const ops = new Set<string>();
    for (const schema of [fromFile, live]) for (const kind of ['query', 'mutation'] as const) for (const op of Object.keys(root(schema, kind).getFields())) ops.add(`${kind} ${op}`);
    const covered = [...Object.entries(CASES).map(([op, c]) => `${c.kind} ${op}`), ...Object.keys(PUBLIC).map((op) => `query ${op}`)];
    expect([...ops].filter((op) => !covered.includes(op))).toEqual([]); // an operation without a case
    expect(covered.filter((op) => !ops.has(op))).toEqual([]); // a case without an operation
  });

  it('knows every ID argument of every tenant operation, and its roles match the schema description', () => {
    for (const [op, c] of Object.entries(CASES)) {
      const field = fieldOf(c.kind, op);
      expect([op, field.args.filter((arg) => getNamedType(arg.type).name === 'ID').map((arg) => arg.name).sort()]).toEqual([op, Object.keys(c.ids ?? {}).sort()]);
      const documented = /\((ADMIN(?:, EDITOR| only)?|ADMIN, AUDITOR)\)/.exec(field.description ?? '')?.[1].replace(' only', '').split(', ') ?? [...ROLES];
      expect([op, documented]).toEqual([op, [...(c.roles ?? ROLES)]]);
    }
  });

  it.each(Object.entries(PUBLIC))('keeps %s public: it answers without a key', async (op, vars) => {
    const res = await t.gql(document('query', op, vars, 'public'), vars);
    expect(res.errors).toBeUndefined();
    expect(res.data![op]).not.toBeNull();
  });
});

describe("B's reads never contain A's data", () => {
  const queries = Object.keys(CASES).filter((op) => CASES[op].kind === 'query');

  it.each(queries)('%s with B\'s key: every field, and not one of A\'s ids, codes or texts', async (op) => {
    const res = await call(op, CASES[op].vars(), b.admin);
    // A query that must return something for an id (vendorCoverage) refuses A's id as it refuses one that does not exist.
    if (CASES[op].ids && isNonNullType(fieldOf('query', op).type)) expect(errorOf(res).extensions.code).toBe('NOT_FOUND');
    else expect(res.errors).toBeUndefined();
    expect(leaked(res)).toEqual([]);
  });

  it('the same reads with A\'s key do show A\'s data, so the search above can find it', async () => {
    for (const op of ['me', 'controls', 'control', 'requirementCoverage', 'gapAnalysis', 'auditEvents', 'managementSystems', 'statementOfApplicability', 'ownFrameworks', 'ownFramework', 'ownMappingSets', 'vendors', 'vendor', 'vendorCoverage', 'aiSystems']) {
      const res = await call(op, CASES[op].vars(), a.auditor);
      expect(res.errors).toBeUndefined();
      expect([op, leaked(res).length > 0]).toEqual([op, true]);
    }
  });

  it('answers B exactly with B\'s own organization, controls, audit trail and an empty coverage', async () => {
    const data = await t.ok(`{ me { organizationId organizationName role } controls { totalCount edges { node { id code } } } scope { code }
      auditEvents { edges { node { operation entityId } } } coverage(frameworks: ["ISO27001", "SOC2"]) { full partial excluded }
      requirementCoverage(framework: "ISO27001", refId: "A.5.15") { status paths { controls { code } } } }`, {}, b.admin);
    expect(data.me).toEqual({ organizationId: b.orgId, organizationName: 'Globex Attacker', role: 'ADMIN' });
    expect(data.controls).toEqual({ totalCount: 1, edges: [{ node: { id: b.control, code: 'GLX-01' } }] });
    expect(data.scope).toEqual([]);
    expect(data.auditEvents.edges.map((e: any) => e.node.operation)).toEqual(['createOrganization', 'createApiKey', 'createControl', 'setAiRoles']);
    expect(data.coverage).toEqual([{ full: 0, partial: 0, excluded: 0 }, { full: 0, partial: 0, excluded: 0 }]);
    expect(data.requirementCoverage).toEqual({ status: 'NONE', paths: [] });
    const mine = await t.ok(`{ coverage(frameworks: ["ISO27001", "SOC2"]) { full partial excluded } }`, {}, a.admin);
    expect(mine.coverage[0]).toMatchObject({ full: 1, excluded: 1 }); // A's own coverage is not zero: the zeros above are B's
    expect(mine.coverage[1].partial).toBeGreaterThan(0);
  });

  it('pages of B\'s controls and audit events, from any cursor, never reach A\'s rows', async () => {
    const controls = await t.ok(`{ controls(first: 1, filter: { search: "ZQX" }) { totalCount edges { node { code } } } }`, {}, b.admin);
    expect(controls.controls).toEqual({ totalCount: 0, edges: [] });
    const events = await t.ok(`query($c: String) { auditEvents(first: 500, after: $c) { totalCount edges { node { id } } } }`, { c: Buffer.from('a:0').toString('base64url') }, b.admin);
    expect(leaked(events)).toEqual([]);
  });
});

describe('the public catalog leads to no tenant data', () => {
  it('reaches exactly the catalog types, none of which carries tenant data', () => {
    const reached = new Set<string>();
    const walk = (type: GraphQLOutputType) => {
      const named = getNamedType(type);
      if (!isObjectType(named) || reached.has(named.name)) return;
      reached.add(named.name);
      for (const f of Object.values((named as GraphQLObjectType).getFields())) walk(f.type);
    };
    for (const op of Object.keys(PUBLIC)) walk(fieldOf('query', op).type);
    expect([...reached].filter((name) => TENANT_TYPES.includes(name))).toEqual([]);
    expect([...reached].sort()).toEqual(PUBLIC_TYPES);
    for (const name of PUBLIC_TYPES) {
      for (const f of Object.values((live.getType(name) as GraphQLObjectType).getFields())) expect(`${name}.${f.name}: ${getNamedType(f.type).name}`).not.toMatch(/: JSON$/);
    }
  });

  it.each(Object.entries(PUBLIC))('walks %s through every nested field: the same answer with no key, B\'s key and A\'s key, and none of A\'s data', async (op, vars) => {
    const query = document('query', op, vars, 'public');
    const [anonymous, asB, asA] = await Promise.all([t.gql(query, vars), t.gql(query, vars, b.admin), t.gql(query, vars, a.admin)]);
    expect(anonymous.errors).toBeUndefined();
    expect(JSON.stringify(anonymous.data).length).toBeGreaterThan(200);
    expect(asB).toEqual(anonymous);
    expect(asA).toEqual(anonymous);
    expect(leaked(anonymous)).toEqual([]);
  });
});

describe("A's own frameworks (issue 12) stay out of every public field", () => {
  const PUBLIC_READS: Array<[string, (code: string) => string]> = [
    ['frameworks', () => `{ frameworks { code name } }`],
    ['framework', (code) => `{ framework(framework: "${code}") { id code name requirements(first: 5) { edges { node { refId title text } } } } }`],
    ['requirement', (code) => `{ requirement(framework: "${code}", refId: "Z.1") { id refId title text } }`],
    ['mappingSets', () => `{ mappingSets(source: "ISO27001") { key own } m2: mappingSets(target: "ISO27001") { key own } }`],
    ['crosswalks of A.5.15', () => `{ requirement(framework: "ISO27001", refId: "A.5.15") { crosswalks { source { refId title } target { refId title } mappingSet { key } } } }`],
  ];
  it.each(PUBLIC_READS)("%s: the same answer with no key, B's key and A's key as for a code nobody has, and none of A's own rows", async (_name, query) => {
    const [anonymous, asB, asA] = await Promise.all([t.gql(query(OWN_CODE)), t.gql(query(OWN_CODE), {}, b.admin), t.gql(query(OWN_CODE), {}, a.admin)]);
    const nobody = await t.gql(query(NO_CODE));
    expect(asB).toEqual(anonymous);
    expect(asA).toEqual(anonymous);
    expect(JSON.parse(JSON.stringify(anonymous).replaceAll(OWN_CODE, NO_CODE))).toEqual(nobody);
    // The code asked for is echoed back in a NOT_FOUND, as any code is; nothing else of A's may show.
    expect(leaked(JSON.stringify(anonymous).replaceAll(OWN_CODE, NO_CODE))).toEqual([]);
  });

  it("A reaches its own framework through the OSCAL export with its own key; B's export of it is the answer for a code nobody has", async () => {
    const mine = await download(`${t.url}/export/oscal/catalog?framework=${OWN_CODE}`, a.auditor);
    expect(mine.status).toBe(200);
    expect(mine.body.toString()).toContain(OWN_TITLE);
    for (const path of ['catalog?framework=', 'mapping-collection?target=ISO27001&source=']) {
      const theirs = await download(`${t.url}/export/oscal/${path}${OWN_CODE}`, b.admin);
      const nobody = await download(`${t.url}/export/oscal/${path}${NO_CODE}`, b.admin);
      expect(theirs.status).toBe(nobody.status);
      expect(theirs.body.toString().replaceAll(OWN_CODE, NO_CODE)).toBe(nobody.body.toString());
      expect(leaked(theirs.body.toString().replaceAll(OWN_CODE, NO_CODE))).toEqual([]);
    }
  });
});

describe.each(Object.keys(CASES))('attacks on %s', (op) => {
  const c = CASES[op];
  let before: string;
  beforeEach(async () => {
    before = await checksum();
  });

  it('no key: UNAUTHENTICATED, no data, the same message as anywhere, nothing changed', async () => {
    const res = await call(op, c.vars());
    const baseline = errorOf(await t.gql(`{ me { role } }`));
    expect(baseline).toMatchObject({ path: ['me'], extensions: { code: 'UNAUTHENTICATED' } });
    expect(errorOf(res)).toEqual({ message: baseline.message, locations: expect.any(Array), path: [op], extensions: { code: 'UNAUTHENTICATED' } });
    expect(res.data).toEqual(failedData(op));
    expect(leaked(res)).toEqual([]);
    expect(await checksum()).toBe(before);
  });

  it("A's revoked ADMIN key: UNAUTHENTICATED, answered exactly like a forged key, nothing changed", async () => {
    const res = await call(op, c.vars(), a.revoked);
    const forged = await call(op, c.vars(), a.revoked.slice(0, -1) + (a.revoked.endsWith('A') ? 'B' : 'A'));
    expect(errorOf(res).extensions).toEqual({ code: 'UNAUTHENTICATED' });
    expect(res).toEqual(forged);
    expect(res.data).toEqual(failedData(op));
    expect(await checksum()).toBe(before);
  });

  const wrong = ROLES.filter((role) => !(c.roles ?? ROLES).includes(role));
  if (wrong.length > 0) {
    it.each(wrong)("A's %s key: FORBIDDEN, nothing changed", async (role) => {
      const res = await call(op, c.vars(), { ADMIN: a.admin, EDITOR: a.editor, AUDITOR: a.auditor }[role]);
      expect(errorOf(res).extensions).toEqual({ code: 'FORBIDDEN' });
      expect(res.data).toEqual(failedData(op));
      expect(leaked(res)).toEqual([]);
      expect(await checksum()).toBe(before);
    });
  }

  if (c.ownCode) {
    const aimed = c.ownCode;
    it("B's key naming A's own framework: exactly the answer for a code nobody has, and A unchanged", async () => {
      const stateBefore = await snapshotA();
      const res = await call(op, aimed(OWN_CODE), b.admin);
      const missing = await call(op, aimed(NO_CODE), b.admin);
      expect(errorOf(res).extensions.code).toBe('NOT_FOUND');
      expect(JSON.parse(JSON.stringify(res).replaceAll(OWN_CODE, NO_CODE))).toEqual(missing);
      expect(leaked(missing)).toEqual([]);
      expect(await snapshotA()).toEqual(stateBefore);
      expect(await checksum()).toBe(before);
    });
  } else if (c.ids) {
    const ids = c.ids;
    it("B's key with A's id: the same answer as an id that does not exist, and A unchanged", async () => {
      const stateBefore = await snapshotA();
      const res = await call(op, c.vars(), b.admin);
      const missing = await call(op, { ...c.vars(), ...Object.fromEntries(Object.keys(ids).map((arg) => [arg, randomUUID()])) }, b.admin);
      expect(res).toEqual(missing);
      if (c.kind === 'query' && !isNonNullType(fieldOf(c.kind, op).type)) {
        expect(res).toEqual({ status: 200, data: { [op]: null } });
      } else {
        expect(errorOf(res).extensions).toEqual({ code: 'NOT_FOUND', field: Object.keys(ids)[0] });
        expect(res.data).toEqual(failedData(op));
      }
      expect(leaked(res)).toEqual([]);
      expect(await snapshotA()).toEqual(stateBefore);
      expect(await checksum()).toBe(before);
    });

    it.each(Object.keys(ids))('an %s that is not a UUID: BAD_USER_INPUT naming it, nothing changed', async (arg) => {
      const res = await call(op, { ...c.vars(), [arg]: NOT_A_UUID }, a.admin);
      expect(errorOf(res).extensions).toEqual({ code: 'BAD_USER_INPUT', field: arg });
      expect(errorOf(res).message).toMatch(new RegExp(`^${arg}: must be an? .*id \\(a UUID\\)$`));
      expect(res.data).toEqual(failedData(op));
      expect(await checksum()).toBe(before);
    });
  } else {
    it("B's key (no id to aim with): B's own answer, none of A's data, and A unchanged", async () => {
      const stateBefore = await snapshotA();
      const res = await call(op, c.vars(), b.admin);
      expect(res.errors).toBeUndefined();
      expect(leaked(res)).toEqual([]);
      expect(await snapshotA()).toEqual(stateBefore);
    });
  }
});

describe('existence oracles', () => {
  it("B can take A's control code: no CONFLICT reveals that A uses it, and A is untouched", async () => {
    const stateBefore = await snapshotA();
    const created = await t.ok(`mutation { createControl(input: { code: "${CODE1}", title: "probe" }) { id code } }`, {}, b.admin);
    expect(created.createControl.code).toBe(CODE1);
    const renamed = await t.ok(`mutation($id: ID!) { updateControl(id: $id, expectedVersion: 1, input: { code: "${CODE2}" }) { code version } }`, { id: created.createControl.id }, b.admin);
    expect(renamed.updateControl).toEqual({ code: CODE2, version: 2 });
    expect((await t.ok(`mutation($id: ID!) { deleteControl(id: $id) }`, { id: created.createControl.id }, b.admin)).deleteControl).toBe(true);
    expect(await snapshotA()).toEqual(stateBefore);
  });

  it("a key that names A's organization with B's key id, or the reverse, is refused like any unknown key", async () => {
    const reference = await t.gql(`{ me { role } }`, {}, a.revoked);
    const ids = (key: string) => key.slice(4, 47); // cwk_<43 chars of ids>_<43 chars of secret>
    const random = (key: string) => key.slice(48);
    const [aIds, bIds] = [a.admin, b.admin].map(ids);
    const swap = (ids: string, other: string) => Buffer.concat([Buffer.from(ids, 'base64url').subarray(0, 16), Buffer.from(other, 'base64url').subarray(16)]).toString('base64url');
    for (const forged of [`cwk_${swap(aIds, bIds)}_${random(b.admin)}`, `cwk_${swap(bIds, aIds)}_${random(a.admin)}`]) {
      expect(await t.gql(`{ me { role } }`, {}, forged)).toEqual(reference);
    }
  });
});

describe('the spreadsheet exports (issue 13)', () => {
  const SOA = ['ISO27001', 'ISO42001', 'SOC2'].flatMap((f) => [`soa.xlsx?framework=${f}`, `soa.csv?framework=${f}`]);
  /** Every cell of a download, as text: what B's export must not contain. */
  const cells = async (file: string, key?: string) => {
    const res = await download(`${t.url}/export/${file}`, key);
    expect(res.status).toBe(200);
    return file.includes('.xlsx') ? allText(await readWorkbook(res.body)) : res.body.toString('utf8');
  };

  it.each(SOA)("B's %s holds not one of A's ids, codes or texts; A's own does", async (file) => {
    expect(leaked(await cells(file, b.admin))).toEqual([]);
    if (file.includes('ISO27001')) expect(leaked(await cells(file, a.auditor)).length).toBeGreaterThan(0);
  });

  // soc2-plus: A declared ISO 27001 and 42001 one management system, which changes what merges; B sees none of it.
  it.each(['soc2-plus.xlsx?additional=ISO42001,ISO27701', 'soc2-plus.csv?additional=ISO42001,ISO27701&sheet=Merged requirements'])(
    "B's %s holds not one of A's ids, codes or texts; A's own workbook does",
    async (file) => {
      expect(leaked(await cells(file, b.admin))).toEqual([]);
      if (file.includes('.xlsx')) expect(leaked(await cells(file, a.auditor)).length).toBeGreaterThan(0);
    },
  );

  // common-controls: the groups are read under A's management system; B's hold nothing of A's.
  it.each(['common-controls.xlsx?frameworks=ISO27001,ISO42001', 'common-controls.csv?frameworks=ISO27001,ISO42001&sheet=Requirements'])(
    "B's %s holds not one of A's ids, codes or texts; A's own workbook does",
    async (file) => {
      expect(leaked(await cells(file, b.admin))).toEqual([]);
      if (file.includes('.xlsx')) expect(leaked(await cells(file, a.auditor)).length).toBeGreaterThan(0);
    },
  );

  const COVERAGE = [
    'coverage.xlsx?frameworks=ISO27001,SOC2,ISO42001', 'coverage.csv?frameworks=ISO27001,SOC2,ISO42001&sheet=ISO27001%202022',
    'gaps.xlsx?target=ISO42001', 'gaps.csv?target=SOC2', 'gaps.xlsx?target=ISO9001&have=ISO27001',
  ];
  it.each(COVERAGE)("B's %s holds not one of A's ids, codes or texts; A's own does", async (file) => {
    expect(leaked(await cells(file, b.admin))).toEqual([]);
    if (!file.includes('have=')) expect(leaked(await cells(file, a.auditor)).length).toBeGreaterThan(0);
  });

  it("A's revoked key, a forged key and no key: 401 worded as GraphQL words it, and no file", async () => {
    const forged = a.revoked.slice(0, -1) + (a.revoked.endsWith('A') ? 'B' : 'A');
    for (const key of [a.revoked, forged, undefined]) {
      const graphql = await t.gql(`{ statementOfApplicability(framework: "ISO27001") { totalCount } }`, {}, key);
      for (const file of ['soa.xlsx?framework=ISO27001', 'coverage.xlsx?frameworks=ISO27001', 'gaps.xlsx?target=SOC2']) {
        const res = await download(`${t.url}/export/${file}`, key);
        expect(res.status).toBe(401);
        expect(res.headers.get('content-disposition')).toBeNull();
        expect(res.json().errors).toEqual([{ message: graphql.errors![0].message, extensions: { code: 'UNAUTHENTICATED' } }]);
      }
    }
  });
});

describe('the control inventory import (issue 13)', () => {
  const IMPORT = `mutation($rows: [ControlRowInput!]!, $mode: ImportMode) { importControls(rows: $rows, mode: $mode) { ok importId created updated unchanged linksAdded linksRemoved problems { row column value reason } } }`;
  const EVENTS = `query($id: ID) { auditEvents(first: 500, filter: { importId: $id }) { totalCount edges { node { id operation entityId before after importId } } } }`;

  it("B importing A's control codes creates B's own controls: A's controls, links and coverage are untouched, and nothing of A shows", async () => {
    const stateBefore = await snapshotA();
    const rows = [
      { code: CODE1, title: 'B takes the code', status: 'IMPLEMENTED', links: ['ISO27001:A.5.15', 'SOC2:CC6.1'] },
      { code: CODE2, title: 'and the other', links: [] }, // REPLACE with no links: would strip A's CODE2 links if it reached A
    ];
    const res = await t.ok(IMPORT, { rows }, b.admin);
    expect(res.importControls).toMatchObject({ ok: true, created: 2, updated: 0, unchanged: 0, linksAdded: 2, linksRemoved: 0, problems: [] });
    expect(leaked(res)).toEqual([]);
    expect(await snapshotA()).toEqual(stateBefore);
    const mine = await t.ok(`{ controls(filter: { search: "ZQX-ACME" }) { edges { node { id title } } } }`, {}, b.admin);
    expect(mine.controls.edges.map((e: any) => e.node.title).sort()).toEqual(['B takes the code', 'and the other']);
    expect(mine.controls.edges.map((e: any) => e.node.id)).not.toContain(a.control1);
  });

  it("an import's id is visible to its own organization's audit trail only", async () => {
    const res = await t.ok(IMPORT, { rows: [{ code: 'ZQX-ACME-IMPORTED', title: 'A imports', links: ['ISO27001:A.5.2'] }] }, a.editor);
    const importId = res.importControls.importId as string;
    const own = await t.ok(EVENTS, { id: importId }, a.auditor);
    expect(own.auditEvents.totalCount).toBe(2);
    expect(own.auditEvents.edges.map((e: any) => e.node.importId)).toEqual([importId, importId]);
    const theirs = await t.ok(EVENTS, { id: importId }, b.admin);
    expect(theirs.auditEvents).toEqual({ totalCount: 0, edges: [] });
    // B's whole trail holds B's own import of A's codes (above), but nothing of A's import.
    const all = JSON.stringify(await t.ok(EVENTS, { id: null }, b.admin));
    expect([importId, 'ZQX-ACME-IMPORTED', a.orgId].filter((s) => all.includes(s))).toEqual([]);
  });
});
