/**
 * Organizations, keys, controls, links, scope and the Statement of Applicability over real HTTP: the checklist for
 * every operation is no key -> wrong role -> bad id -> another tenant's id -> the happy path, and every change leaves
 * an audit event.
 */
import { spawnSync } from 'node:child_process';
import { startTestServer, type TestServer } from '../support/server';

let t: TestServer;
let admin: string;
let editor: string;
let auditor: string;
let other: string;

beforeAll(async () => {
  t = await startTestServer();
  admin = (await t.createOrganization('Acme')).adminKey;
  other = (await t.createOrganization('Globex')).adminKey;
  const keys = await t.gql(`mutation { e: createApiKey(role: EDITOR, name: "ed") { secret role } a: createApiKey(role: AUDITOR, name: "au") { secret role } }`, {}, admin);
  expect(keys.errors).toBeUndefined();
  editor = keys.data!.e.secret;
  auditor = keys.data!.a.secret;
});
afterAll(() => t.close());

const code = (res: { errors?: Array<{ extensions: { code: string } }> }) => res.errors?.[0]?.extensions.code;

describe('authentication and roles', () => {
  it('answers me for each key with its organization and role', async () => {
    expect((await t.gql(`{ me { organizationName role } }`, {}, admin)).data!.me).toEqual({ organizationName: 'Acme', role: 'ADMIN' });
    expect((await t.gql(`{ me { role } }`, {}, editor)).data!.me).toEqual({ role: 'EDITOR' });
    expect((await t.gql(`{ me { organizationName role } }`, {}, other)).data!.me).toEqual({ organizationName: 'Globex', role: 'ADMIN' });
  });

  it.each([
    ['no key', undefined],
    ['a malformed key', 'not-a-key'],
    ['a forged key with real-looking ids', `cwk_${'A'.repeat(43)}_${'B'.repeat(43)}`],
  ])('refuses %s with UNAUTHENTICATED and no data', async (_name, key) => {
    const res = await t.gql(`{ controls { totalCount } }`, {}, key);
    expect(code(res)).toBe('UNAUTHENTICATED');
    expect(res.data).toBeNull();
  });

  it('keeps the catalog public', async () => {
    expect((await t.gql(`{ frameworks { code } }`)).errors).toBeUndefined();
  });

  it('refuses writes to an AUDITOR and key management to an EDITOR with FORBIDDEN', async () => {
    expect(code(await t.gql(`mutation { createControl(input: { code: "X-1", title: "x" }) { id } }`, {}, auditor))).toBe('FORBIDDEN');
    expect(code(await t.gql(`mutation { createApiKey(role: ADMIN, name: "escalate") { secret } }`, {}, editor))).toBe('FORBIDDEN');
    expect(code(await t.gql(`{ auditEvents { totalCount } }`, {}, editor))).toBe('FORBIDDEN');
  });

  it('stops a revoked key at once', async () => {
    const created = await t.gql(`mutation { createApiKey(role: EDITOR, name: "temp") { id secret } }`, {}, admin);
    const { id, secret } = created.data!.createApiKey;
    expect((await t.gql(`{ me { role } }`, {}, secret)).data!.me.role).toBe('EDITOR');
    expect((await t.gql(`mutation($id: ID!) { revokeApiKey(id: $id) }`, { id }, admin)).data!.revokeApiKey).toBe(true);
    expect(code(await t.gql(`{ me { role } }`, {}, secret))).toBe('UNAUTHENTICATED');
    expect((await t.gql(`mutation($id: ID!) { revokeApiKey(id: $id) }`, { id }, admin)).data!.revokeApiKey).toBe(false);
  });
});

describe('controls', () => {
  let id: string;

  it('creates, reads, lists and pages controls', async () => {
    const created = await t.gql(`mutation { createControl(input: { code: "AC-01", title: "Access policy", owner: "CISO", status: IMPLEMENTED }) {
      id code title owner status version description } }`, {}, editor);
    expect(created.errors).toBeUndefined();
    id = created.data!.createControl.id;
    expect(created.data!.createControl).toMatchObject({ code: 'AC-01', owner: 'CISO', status: 'IMPLEMENTED', version: 1, description: null });
    await t.gql(`mutation { createControl(input: { code: "AC-02", title: "Reviews" }) { id } }`, {}, editor);
    const page = await t.gql(`{ controls(first: 1) { totalCount edges { node { code } } pageInfo { hasNextPage endCursor } } }`, {}, auditor);
    expect(page.data!.controls).toMatchObject({ totalCount: 2, edges: [{ node: { code: 'AC-01' } }], pageInfo: { hasNextPage: true } });
    const next = await t.gql(`query($a: String) { controls(first: 5, after: $a) { edges { node { code status } } } }`, { a: page.data!.controls.pageInfo.endCursor }, auditor);
    expect(next.data!.controls.edges).toEqual([{ node: { code: 'AC-02', status: 'PLANNED' } }]);
    expect((await t.gql(`{ controls(filter: { status: IMPLEMENTED }) { totalCount } }`, {}, admin)).data!.controls.totalCount).toBe(1);
  });

  it('rejects a duplicate code with CONFLICT and a bad input with BAD_USER_INPUT naming the field', async () => {
    const dup = await t.gql(`mutation { createControl(input: { code: "AC-01", title: "again" }) { id } }`, {}, editor);
    expect(dup.errors![0]).toMatchObject({ extensions: { code: 'CONFLICT', field: 'input.code' } });
    const bad = await t.gql(`mutation { createControl(input: { code: "  spaces ", title: "" }) { id } }`, {}, editor);
    expect(bad.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.code' });
    expect(bad.errors![0].message).toMatch(/^input\.code: must be 1 to 64 letters.*also input\.title: must not be empty/);
  });

  it('updates with optimistic locking: a stale version is a CONFLICT and changes nothing', async () => {
    const ok = await t.gql(`mutation($id: ID!) { updateControl(id: $id, expectedVersion: 1, input: { title: "Access control policy" }) { title version } }`, { id }, editor);
    expect(ok.data!.updateControl).toEqual({ title: 'Access control policy', version: 2 });
    const stale = await t.gql(`mutation($id: ID!) { updateControl(id: $id, expectedVersion: 1, input: { title: "lost update" }) { version } }`, { id }, editor);
    expect(stale.errors![0]).toMatchObject({ extensions: { code: 'CONFLICT', field: 'expectedVersion' } });
    expect(stale.errors![0].message).toMatch(/at version 2, not 1/);
    expect((await t.gql(`query($id: ID!) { control(id: $id) { title version } }`, { id }, auditor)).data!.control).toEqual({ title: 'Access control policy', version: 2 });
  });

  it('treats another organization\'s control as not there (no IDOR), and a non-UUID id as bad input', async () => {
    expect((await t.gql(`query($id: ID!) { control(id: $id) { code } }`, { id }, other)).data!.control).toBeNull();
    const update = await t.gql(`mutation($id: ID!) { updateControl(id: $id, expectedVersion: 2, input: { title: "pwned" }) { id } }`, { id }, other);
    expect(code(update)).toBe('NOT_FOUND');
    expect(code(await t.gql(`mutation($id: ID!) { deleteControl(id: $id) }`, { id }, other))).toBe('NOT_FOUND');
    expect(code(await t.gql(`mutation($id: ID!) { linkControl(controlId: $id, framework: "ISO27001", refId: "A.5.1") { coverage } }`, { id }, other))).toBe('NOT_FOUND');
    const notUuid = await t.gql(`{ control(id: "1; DROP TABLE control") { id } }`, {}, admin);
    expect(notUuid.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    expect((await t.gql(`query($id: ID!) { control(id: $id) { title } }`, { id }, admin)).data!.control.title).toBe('Access control policy');
  });

  it('links a control to requirements in several frameworks, relinks, and unlinks', async () => {
    const link = await t.gql(`mutation($id: ID!) {
      a: linkControl(controlId: $id, framework: "ISO27001", refId: "A.5.15") { coverage requirement { refId framework { code } } control { code } }
      b: linkControl(controlId: $id, framework: "SOC2:2017", refId: "CC6.1", coverage: PARTIAL) { coverage } }`, { id }, editor);
    expect(link.errors).toBeUndefined();
    expect(link.data!.a).toEqual({ coverage: 'FULL', requirement: { refId: 'A.5.15', framework: { code: 'ISO27001' } }, control: { code: 'AC-01' } });
    await t.gql(`mutation($id: ID!) { linkControl(controlId: $id, framework: "SOC2", refId: "CC6.1", coverage: FULL) { coverage } }`, { id }, editor);
    const links = await t.gql(`query($id: ID!) { control(id: $id) { links { coverage requirement { refId } } } }`, { id }, auditor);
    expect(links.data!.control.links).toEqual([{ coverage: 'FULL', requirement: { refId: 'A.5.15' } }, { coverage: 'FULL', requirement: { refId: 'CC6.1' } }]); // by framework code, then document order
    expect((await t.gql(`mutation($id: ID!) { unlinkControl(controlId: $id, framework: "SOC2", refId: "CC6.1") }`, { id }, editor)).data!.unlinkControl).toBe(true);
    expect((await t.gql(`mutation($id: ID!) { unlinkControl(controlId: $id, framework: "SOC2", refId: "CC6.1") }`, { id }, editor)).data!.unlinkControl).toBe(false);
    const missing = await t.gql(`mutation($id: ID!) { linkControl(controlId: $id, framework: "ISO27001", refId: "A.99.1") { coverage } }`, { id }, editor);
    expect(missing.errors![0]).toMatchObject({ extensions: { code: 'NOT_FOUND', field: 'refId' } });
  });
});

describe('scope and the Statement of Applicability', () => {
  it('sets the scope, resolving CODE to the newest version, and refuses an unknown framework', async () => {
    const res = await t.gql(`mutation { setScope(frameworks: ["ISO27001", "ISO42001:2023", "ISO27001:2022"]) { code version } }`, {}, editor);
    expect(res.data!.setScope).toEqual([{ code: 'ISO27001', version: '2022' }, { code: 'ISO42001', version: '2023' }]);
    expect((await t.gql(`{ scope { code } }`, {}, auditor)).data!.scope.map((f: any) => f.code).sort()).toEqual(['ISO27001', 'ISO42001']);
    const bad = await t.gql(`mutation { setScope(frameworks: ["ISO27001", "NOPE"]) { code } }`, {}, editor);
    expect(bad.errors![0]).toMatchObject({ extensions: { code: 'NOT_FOUND', field: 'frameworks[1]' } });
    expect((await t.gql(`{ scope { code } }`, {}, auditor)).data!.scope).toHaveLength(2);
  });

  it('records applicability with a required justification', async () => {
    const ok = await t.gql(`mutation { setApplicability(framework: "ISO27001", refId: "A.7.4", applicable: false, justification: "No premises of our own") {
      applicable justification requirement { refId } } }`, {}, editor);
    expect(ok.data!.setApplicability).toEqual({ applicable: false, justification: 'No premises of our own', requirement: { refId: 'A.7.4' } });
    const empty = await t.gql(`mutation { setApplicability(framework: "ISO27001", refId: "A.7.4", applicable: true, justification: "") { applicable } }`, {}, editor);
    expect(empty.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'justification' } });
  });
});

describe('the audit trail', () => {
  it('has an event for every change, with key, operation, before and after, readable by ADMIN and AUDITOR only', async () => {
    const res = await t.gql(`{ auditEvents(first: 500) { totalCount edges { node { operation entityType apiKeyId before after } } } }`, {}, auditor);
    expect(res.errors).toBeUndefined();
    const ops = res.data!.auditEvents.edges.map((e: any) => e.node.operation);
    expect(ops.slice(0, 3)).toEqual(['createOrganization', 'createApiKey', 'createApiKey']);
    expect(ops).toEqual(expect.arrayContaining(['createControl', 'updateControl', 'linkControl', 'unlinkControl', 'setScope', 'setApplicability', 'revokeApiKey']));
    const update = res.data!.auditEvents.edges.find((e: any) => e.node.operation === 'updateControl').node;
    expect(update.before).toMatchObject({ title: 'Access policy', version: 1 });
    expect(update.after).toMatchObject({ title: 'Access control policy', version: 2 });
    expect(update.apiKeyId).toEqual(expect.any(String));
    // The other tenant sees only its own.
    const theirs = await t.gql(`{ auditEvents { edges { node { operation } } } }`, {}, other);
    expect(theirs.data!.auditEvents.edges.map((e: any) => e.node.operation)).toEqual(['createOrganization', 'createApiKey']);
  });

  it('cannot be rewritten, even by the database owner', async () => {
    await expect(t.db.query(`UPDATE audit_event SET operation = 'nothing'`)).rejects.toThrow(/append-only/);
    await expect(t.db.query(`DELETE FROM audit_event`)).rejects.toThrow(/append-only/);
    await expect(t.db.query(`TRUNCATE audit_event`)).rejects.toThrow(/append-only/);
  });
});

describe('npm run org:create', () => {
  it('prints the new organization and its key once, on a line starting with "API key: ", and the key works', async () => {
    const run = spawnSync(process.execPath, ['dist/src/organizations/cli/create-org.js', '--name', 'Initech'], {
      env: { ...process.env, DATABASE_URL: t.db.url },
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    const key = /^API key: (\S+)$/m.exec(run.stdout)?.[1];
    expect(key).toMatch(/^cwk_/);
    expect((await t.gql(`{ me { organizationName role } }`, {}, key)).data!.me).toEqual({ organizationName: 'Initech', role: 'ADMIN' });
    const [stored] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM api_key WHERE secret_hash = encode(sha256($1::bytea), 'hex')`, [key]);
    expect(stored.n).toBe(1);
    const [plain] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM api_key WHERE secret_hash = $1`, [key]);
    expect(plain.n).toBe(0);
  });

  it('gives the first key an expiry with --expires-at, and refuses one that is not in the future, creating nothing', async () => {
    const cli = (...flags: string[]) =>
      spawnSync(process.execPath, ['dist/src/organizations/cli/create-org.js', ...flags], { env: { ...process.env, DATABASE_URL: t.db.url }, encoding: 'utf8' });
    const run = cli('--name', 'Expiring Co', '--expires-at', '2031-01-31T00:00:00Z');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Expires: 2031-01-31T00:00:00.000Z$/m);
    const key = /^API key: (\S+)$/m.exec(run.stdout)![1];
    expect((await t.gql('{ apiKeys { role expiresAt } }', {}, key)).data!.apiKeys).toEqual([{ role: 'ADMIN', expiresAt: '2031-01-31T00:00:00.000Z' }]);
    const [before] = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM organization');
    for (const bad of ['2020-01-01T00:00:00Z', '2031-02-30T00:00:00Z', '2031', 'next year']) {
      const refused = cli('--name', 'Never Co', '--expires-at', bad);
      expect([bad, refused.status]).toEqual([bad, 2]);
      expect(refused.stderr).toContain(`--expires-at must be an ISO-8601 date-time in the future and before the year 10000, such as `);
      expect(refused.stderr).toContain(`got "${bad}"`);
    }
    const [after] = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM organization');
    expect(after.n).toBe(before.n);
  });

  it('refuses a missing name with usage and exit 2', () => {
    const run = spawnSync(process.execPath, ['dist/src/organizations/cli/create-org.js'], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--name must be 1 to 200 characters/);
  });
});
