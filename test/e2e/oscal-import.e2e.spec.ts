/**
 * Issue 12: OSCAL imports into an organization's own catalog over real HTTP (POST /import/oscal/catalog and
 * /import/oscal/mapping-collection): the SP 800-53 rev5 catalog becomes an own framework, the hand-written
 * mapping-collection from it to ISO 27001 a private mapping set, and ISO 27001 controls then cover 800-53 controls
 * through the private edges, with paths. A second organization sees none of it: its requests get exactly the answer for
 * a framework that does not exist.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readOscalCatalog } from '../../src/oscal/read-oscal-catalog';
import { postOscal } from '../support/oscal-http';
import { type CliRun, runCli } from '../support/cli';
import { startTestServer, type TestServer } from '../support/server';

const FIXTURES = path.resolve('test/fixtures/oscal');
const SP80053 = fs.readFileSync(path.join(FIXTURES, 'NIST_SP-800-53_rev5_catalog.2021-06-08.json'));
const TO_ISO = fs.readFileSync(path.join(FIXTURES, 'sp800-53-to-iso27001.mapping-collection.json'));

let t: TestServer;
const acme = { key: '', id: '' };
const globex = { key: '', id: '' };

beforeAll(async () => {
  t = await startTestServer();
  const a = await t.createOrganization('Acme Federal');
  Object.assign(acme, { key: a.adminKey, id: a.organizationId });
  const g = await t.createOrganization('Globex');
  Object.assign(globex, { key: g.adminKey, id: g.organizationId });
}, 60_000);
afterAll(async () => {
  await t.close();
});

describe('the SP 800-53 catalog and a mapping-collection to ISO 27001, into one organization', () => {
  it('imports the catalog: every control and enhancement, withdrawn ones kept but not assessable', async () => {
    const expected = readOscalCatalog(JSON.parse(SP80053.toString('utf8')));
    const controls = expected.requirements.filter((r) => r.kind !== 'group');
    expect(controls).toHaveLength(1189);
    const res = await postOscal(t, 'catalog?code=SP80053', SP80053, acme.key);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      frameworkCode: 'SP80053',
      version: '5.0.1',
      counts: {
        requirements: expected.requirements.length,
        assessable: controls.filter((r) => !r.withdrawn).length,
        withdrawn: controls.filter((r) => r.withdrawn).length,
        headings: 20,
      },
    });
    expect(res.body.tookMs).toEqual(expect.any(Number));

    const [framework] = await t.db.query<{ organization_id: string; kind: string; publisher: string; name: string; licence_note: string }>(
      `SELECT organization_id, kind, publisher, name, licence_note FROM framework WHERE code = 'SP80053'`,
    );
    expect(framework).toMatchObject({ organization_id: acme.id, kind: 'CONTROL_CATALOG', publisher: 'Joint Task Force, Interagency Working Group' });
    expect(framework.licence_note).toMatch(/organization answers for its licence/);
    const [ac2] = await t.db.query<{ ref_id: string; oscal_id: string; assessable: boolean; text: string; parent: string }>(
      `SELECT r.ref_id, r.oscal_id, r.assessable, r.text, p.ref_id AS parent FROM requirement r JOIN framework f ON f.id = r.framework_id
         LEFT JOIN requirement p ON p.id = r.parent_id WHERE f.code = 'SP80053' AND r.oscal_id = 'ac-2.3'`,
    );
    expect(ac2).toMatchObject({ ref_id: 'AC-2(3)', oscal_id: 'ac-2.3', assessable: true, parent: 'AC-2' });
    expect(ac2.text).toMatch(/\[Assignment: organization-defined/);
    const events = await t.db.query<{ operation: string; after: any }>(`SELECT operation, after FROM audit_event WHERE organization_id = $1 AND operation LIKE 'importOscal%'`, [acme.id]);
    expect(events).toEqual([{ operation: 'importOscalCatalog', after: expect.objectContaining({ code: 'SP80053', requirements: expected.requirements.length }) }]);
  });

  it('imports the mapping-collection as a private set; ISO 27001 controls then cover 800-53 controls through it, with paths', async () => {
    const res = await postOscal(t, 'mapping-collection?source=SP80053&target=ISO27001', TO_ISO, acme.key);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ mappingSet: 'sp80053-5.0.1__iso27001-2022', source: 'SP80053:5.0.1', target: 'ISO27001:2022', replaced: false, counts: { edges: 7, replacedEdges: 0, mappings: 1 } });
    const edges = await t.db.query<{ source: string; target: string; relationship: string; equivalent: boolean; coverage: number | null }>(
      `SELECT s.ref_id AS source, g.ref_id AS target, e.relationship, e.equivalent, e.coverage FROM crosswalk_edge e
         JOIN requirement s ON s.id = e.source_requirement_id JOIN requirement g ON g.id = e.target_requirement_id
        WHERE e.organization_id = $1 ORDER BY e.position`,
      [acme.id],
    );
    expect(edges.map((e) => `${e.source} ${e.relationship}${e.equivalent ? ' (equivalent)' : ''} ${e.target}`)).toEqual([
      'AC-1 INTERSECTS_WITH A.5.1',
      'AC-2 INTERSECTS_WITH A.5.18',
      'AC-3 SUBSET_OF A.5.15',
      'IA-2 EQUAL (equivalent) A.8.5',
      'AU-2 EQUAL A.8.15',
      'CM-3 SUPERSET_OF A.8.32',
      'PE-3 NOT_RELATED A.8.5',
    ]);

    // An implemented control linked to ISO 27001 A.8.15 covers SP 800-53 AU-2 through the private EQUAL edge.
    const before = (await t.ok(`{ coverage(frameworks: ["SP80053"]) { full partial } }`, {}, acme.key)).coverage[0];
    const { createControl } = await t.ok(`mutation { createControl(input: { code: "LOG-1", title: "Central logging", status: IMPLEMENTED }) { id } }`, {}, acme.key);
    await t.ok(`mutation($c: ID!) { linkControl(controlId: $c, framework: "ISO27001", refId: "A.8.15") { coverage } }`, { c: createControl.id }, acme.key);
    const after = (await t.ok(`{ coverage(frameworks: ["SP80053"]) { full partial framework { code } } }`, {}, acme.key)).coverage[0];
    expect(after.framework.code).toBe('SP80053');
    expect(after.full).toBe(before.full + 1);
    const au2 = (await t.ok(
      `{ requirementCoverage(framework: "SP80053", refId: "AU-2") { status paths { controls { code } steps { mappingSetPrivate relationship from { refId } to { refId } } } } }`,
      {},
      acme.key,
    )).requirementCoverage;
    expect(au2.status).toBe('FULL');
    expect(au2.paths[0]).toMatchObject({ controls: [{ code: 'LOG-1' }], steps: [{ mappingSetPrivate: true, from: { refId: 'A.8.15' }, to: { refId: 'AU-2' } }] });
  });

  it('imports the same collection again: the set\'s edges are replaced, not doubled', async () => {
    const res = await postOscal(t, 'mapping-collection?source=SP80053:5.0.1&target=ISO27001:2022', TO_ISO, acme.key);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ replaced: true, counts: { edges: 7, replacedEdges: 7 } });
    const [{ sets, edges }] = await t.db.query<{ sets: number; edges: number }>(
      `SELECT (SELECT count(*)::int FROM mapping_set WHERE organization_id = $1) AS sets, (SELECT count(*)::int FROM crosswalk_edge WHERE organization_id = $1) AS edges`,
      [acme.id],
    );
    expect({ sets, edges }).toEqual({ sets: 1, edges: 7 });
  });

  it('refuses the same catalog code and version again (409) and a public code (400), naming code', async () => {
    const again = await postOscal(t, 'catalog?code=SP80053', SP80053, acme.key);
    expect(again.status).toBe(409);
    expect(again.body.errors[0]).toMatchObject({ message: expect.stringMatching(/^code: .*SP80053:5\.0\.1 already.*delete/), extensions: { code: 'CONFLICT', field: 'code' } });
    const shadow = await postOscal(t, 'catalog?code=ISO27001', SP80053, acme.key);
    expect(shadow.status).toBe(400);
    expect(shadow.body.errors[0]).toMatchObject({ message: expect.stringMatching(/^code: "ISO27001" is a public framework's code/), extensions: { code: 'BAD_USER_INPUT', field: 'code' } });
  });
});

describe('a second organization', () => {
  it('cannot see or resolve the own code: the answers for a framework that does not exist', async () => {
    const own = await t.gql(`{ coverage(frameworks: ["SP80053"]) { full } }`, {}, globex.key);
    const none = await t.gql(`{ coverage(frameworks: ["NOSUCH"]) { full } }`, {}, globex.key);
    expect(own.errors?.[0].extensions.code).toBe('NOT_FOUND');
    expect(none.errors?.[0].extensions.code).toBe('NOT_FOUND');
    // The same message but for the name asked for: nothing says that SP80053 exists elsewhere.
    expect(own.errors?.[0].message.replace('SP80053', 'X')).toBe(none.errors?.[0].message.replace('NOSUCH', 'X'));

    const mapping = await postOscal(t, 'mapping-collection?source=SP80053&target=ISO27001', TO_ISO, globex.key);
    const missing = await postOscal(t, 'mapping-collection?source=NOSUCH&target=ISO27001', TO_ISO, globex.key);
    expect(mapping.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(mapping.body.errors[0].extensions).toEqual({ code: 'NOT_FOUND', field: 'source' });
    expect(mapping.body.errors[0].message.replace('SP80053', 'X')).toBe(missing.body.errors[0].message.replace('NOSUCH', 'X'));
    const [{ n }] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM framework WHERE organization_id = $1`, [globex.id]);
    expect(n).toBe(0);
  });

  it('may import a catalog under the same own code: codes are per organization', async () => {
    const res = await postOscal(t, 'catalog?code=SP80053&version=rev5', SP80053, globex.key);
    expect(res.status).toBe(200);
    expect(res.body.version).toBe('rev5');
  });
});

describe('npm run import -- oscal-catalog / oscal-mapping-collection', () => {
  function run(...args: string[]): Promise<CliRun> {
    return runCli('imports/cli/import.js', args, { cwd: FIXTURES, databaseUrl: t.server.databaseUrl });
  }

  it('imports a small catalog into the organization named by --org, with progress lines off a terminal', async () => {
    const org = await t.createOrganization('Command line OSCAL');
    const cli = await run('oscal-catalog', '--org', org.organizationId, '--code', 'BASIC', 'basic-catalog.json');
    expect(cli.stderr).toMatch(/import: read the document[\s\S]*import: committed/);
    expect(cli.stdout).toMatch(/imported basic-catalog\.json as own framework BASIC:[^ ]+: \d+ requirements/);
    expect(cli.status).toBe(0);
    const [{ n }] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM requirement WHERE organization_id = $1`, [org.organizationId]);
    expect(n).toBe(readOscalCatalog(JSON.parse(fs.readFileSync(path.join(FIXTURES, 'basic-catalog.json'), 'utf8'))).requirements.length);

    const again = await run('oscal-catalog', '--org', org.organizationId, '--code', 'BASIC', 'basic-catalog.json');
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/refused \(CONFLICT\): code: .*nothing was written/);
  });

  it('refuses a mapping-collection from a framework the organization does not have: exit 1, NOT_FOUND', async () => {
    const org = await t.createOrganization('Command line OSCAL refused');
    const cli = await run('oscal-mapping-collection', '--org', org.organizationId, '--source', 'SP80053', '--target', 'ISO27001', 'sp800-53-to-iso27001.mapping-collection.json');
    // This organization has no SP80053: NOT_FOUND, as for any framework that does not exist.
    expect(cli.status).toBe(1);
    expect(cli.stderr).toMatch(/refused \(NOT_FOUND\): source: no framework "SP80053"/);
  });

  it('answers usage errors with exit 2 and the usage', async () => {
    const noCode = await run('oscal-catalog', '--org', acme.id, 'basic-catalog.json');
    expect(noCode.status).toBe(2);
    expect(noCode.stderr).toMatch(/oscal-catalog needs --code[\s\S]*Usage: npm run import/);
    const stray = await run('oscal-catalog', '--org', acme.id, '--code', 'X', '--source', 'Y', 'basic-catalog.json');
    expect(stray.status).toBe(2);
    expect(stray.stderr).toMatch(/oscal-catalog takes no --source/);
  });
});
