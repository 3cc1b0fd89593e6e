/**
 * Issue 12: GET /export/oscal/catalog and /export/oscal/mapping-collection over real HTTP, for public frameworks and
 * mapping sets and for an organization's own. Every document is validated against the kept JSON Schemas
 * (validateOscal), and checked against what GraphQL answers for the same rows.
 */
import { TenantDb } from '../../src/database/tenant-db';
import type { OscalCatalogDocument, OscalControl, OscalGroup, OscalMappingCollectionDocument } from '../../src/oscal/oscal-types';
import { validateOscal } from '../../src/oscal/validate-oscal';
import { insertOwnFramework, insertOwnMappingSet } from '../support/own-catalog';
import { startTestServer, type TestServer } from '../support/server';
import { download } from '../support/spreadsheets';

let t: TestServer;
const a = { orgId: '', admin: '', auditor: '', ownFrameworkId: '' };
const b = { orgId: '', admin: '' };
const MAP_UUID = '3f0c8a1e-2b4d-4e6f-8a9b-0c1d2e3f4a5b';

beforeAll(async () => {
  t = await startTestServer();
  const orgA = await t.createOrganization('Acme');
  const orgB = await t.createOrganization('Globex');
  Object.assign(a, { orgId: orgA.organizationId, admin: orgA.adminKey });
  Object.assign(b, { orgId: orgB.organizationId, admin: orgB.adminKey });
  a.auditor = (await t.ok(`mutation { createApiKey(role: AUDITOR, name: "au") { secret } }`, {}, a.admin)).createApiKey.secret;
  const tenantDb = t.server.app.get(TenantDb);
  const own = await insertOwnFramework(tenantDb, a.orgId, {
    code: 'ACME-POL',
    version: '2026',
    name: 'Acme security policy',
    requirements: [
      { refId: 'P', title: 'Policies', kind: 'clause', assessable: false },
      { refId: 'P.1', parent: 'P', title: 'Access', text: 'Acme own statement on access.', guidance: 'Acme own guidance.', oscalId: 'acme-p-1' },
      { refId: 'P.2', parent: 'P', title: 'Backups', text: 'Acme own statement on backups.' },
      { refId: 'P.3', parent: 'P', title: 'Retired', withdrawn: true },
    ],
  });
  a.ownFrameworkId = own.id;
  const iso = async (refId: string) => (await t.db.query<{ id: string }>(
    `SELECT r.id FROM requirement r JOIN framework f ON f.id = r.framework_id WHERE f.code = 'ISO27001' AND f.organization_id IS NULL AND r.ref_id = $1`, [refId]))[0].id;
  const isoFramework = (await t.db.query<{ id: string }>(`SELECT id FROM framework WHERE code = 'ISO27001' AND organization_id IS NULL`))[0].id;
  await insertOwnMappingSet(tenantDb, a.orgId, {
    key: 'acme-pol__iso27001',
    name: 'Acme policy to ISO 27001',
    sourceFrameworkId: own.id,
    targetFrameworkId: isoFramework,
    edges: [
      { sourceId: own.requirements.get('P.1')!, targetId: await iso('A.5.15'), relationship: 'EQUAL', equivalent: true, strength: 10, condition: 'SAME_MANAGEMENT_SYSTEM', oscalUuid: MAP_UUID },
      { sourceId: own.requirements.get('P.2')!, targetId: await iso('A.8.13'), relationship: 'SUBSET_OF', strength: 6, coverage: 0.55, confidenceScore: { category: 'high' }, note: 'Acme remark' },
    ],
  });
});
afterAll(() => t?.close());

const get = (path: string, key?: string) => download(`${t.url}/export/oscal/${path}`, key);

function everyItem(doc: OscalCatalogDocument): Array<OscalControl | OscalGroup> {
  const out: Array<OscalControl | OscalGroup> = [];
  const stack: Array<OscalControl | OscalGroup> = [...(doc.catalog.groups ?? []), ...(doc.catalog.controls ?? [])];
  while (stack.length > 0) {
    const item = stack.pop()!;
    out.push(item);
    stack.push(...((item as OscalGroup).groups ?? []), ...(item.controls ?? []));
  }
  return out;
}
const labelOf = (item: OscalControl | OscalGroup) => item.props?.find((p) => p.name === 'label')?.value;

describe('GET /export/oscal/catalog', () => {
  it('writes a public NIST framework with its text, valid against the catalog schema, one item per requirement', async () => {
    const res = await get('catalog?framework=NIST-AI-RMF', a.auditor);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="oscal-catalog_NIST-AI-RMF-1\.0_\d{4}-\d\d-\d\d\.json"$/);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const doc = res.json() as OscalCatalogDocument;
    expect(validateOscal('catalog', doc)).toEqual({ ok: true, problems: [] });
    const count = (await t.ok(`{ framework(framework: "NIST-AI-RMF") { requirementCount } }`)).framework.requirementCount;
    const items = everyItem(doc);
    expect(items).toHaveLength(count);
    const govern11 = items.find((i) => labelOf(i) === 'GOVERN 1.1')!;
    const text = (await t.ok(`{ requirement(framework: "NIST-AI-RMF", refId: "GOVERN 1.1") { text } }`)).requirement.text;
    expect(text).toBeTruthy();
    expect(govern11.parts?.find((p) => p.name === 'statement')?.prose).toBe(text);
  });

  it('writes ISO 27001 with ids and titles only: no statement text, and says so', async () => {
    const res = await get('catalog?framework=ISO27001:2022', a.admin);
    expect(res.status).toBe(200);
    const doc = res.json() as OscalCatalogDocument;
    expect(validateOscal('catalog', doc)).toEqual({ ok: true, problems: [] });
    const items = everyItem(doc);
    expect(items.length).toBeGreaterThan(93);
    expect(items.every((i) => i.parts === undefined)).toBe(true);
    expect(doc.catalog.metadata.remarks).toContain('identifiers and titles only');
    expect(items.find((i) => labelOf(i) === 'A.5.15')?.title).toBeTruthy();
  });

  it("writes the organization's own framework with its text, guidance, OSCAL id and withdrawn control", async () => {
    const res = await get('catalog?framework=ACME-POL', a.auditor);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('oscal-catalog_ACME-POL-2026_');
    const doc = res.json() as OscalCatalogDocument;
    expect(validateOscal('catalog', doc)).toEqual({ ok: true, problems: [] });
    const items = everyItem(doc);
    expect(items.map(labelOf).sort()).toEqual(['P', 'P.1', 'P.2', 'P.3']);
    const p1 = items.find((i) => labelOf(i) === 'P.1')!;
    expect(p1.id).toBe('acme-p-1');
    expect(p1.parts).toEqual([
      { id: 'acme-p-1_smt', name: 'statement', prose: 'Acme own statement on access.' },
      { id: 'acme-p-1_gdn', name: 'guidance', prose: 'Acme own guidance.' },
    ]);
    expect(items.find((i) => labelOf(i) === 'P.3')!.props).toContainEqual({ name: 'status', value: 'withdrawn' });
  });

  it("refuses another organization's own code exactly as a code that does not exist", async () => {
    const theirs = await get('catalog?framework=ACME-POL', b.admin);
    const none = await get('catalog?framework=ACME-NONE', b.admin);
    // A parameter naming nothing is NOT_FOUND with 400, as on every export.
    expect(theirs.status).toBe(400);
    expect(none.status).toBe(400);
    expect(theirs.json().errors[0].extensions).toEqual({ code: 'NOT_FOUND', field: 'framework' });
    expect(theirs.json().errors[0].message.replace('ACME-POL', 'X')).toBe(none.json().errors[0].message.replace('ACME-NONE', 'X'));
    expect(theirs.body.toString()).not.toContain('Acme');
  });

  it('refuses without a key (401), a missing or unknown parameter (400, naming it), and an unknown export (404)', async () => {
    const noKey = await get('catalog?framework=ISO27001');
    expect(noKey.status).toBe(401);
    expect(noKey.json().errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(noKey.headers.get('content-disposition')).toBeNull();
    const missing = await get('catalog', a.admin);
    expect(missing.status).toBe(400);
    expect(missing.json().errors[0]).toMatchObject({ message: expect.stringMatching(/^framework: is required/), extensions: { code: 'BAD_USER_INPUT', field: 'framework' } });
    const extra = await get('catalog?framework=ISO27001&format=xml', a.admin);
    expect(extra.status).toBe(400);
    expect(extra.json().errors[0].message).toBe('format: unknown parameter; this export takes framework');
    const bad = await get('catalog?framework=' + encodeURIComponent('ISO 27001;DROP'), a.admin);
    expect(bad.status).toBe(400);
    expect(bad.json().errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'framework' });
    const unknown = await get('profile?framework=ISO27001', a.admin);
    expect(unknown.status).toBe(404);
    expect(unknown.json().errors[0].message).toContain('/export/oscal/catalog, /export/oscal/mapping-collection');
  });
});

describe('GET /export/oscal/mapping-collection', () => {
  it('writes the public ISO 27001 → ISO 42001 set: valid, one map per edge as GraphQL reads them, with provenance', async () => {
    const res = await get('mapping-collection?source=ISO27001&target=ISO42001', a.auditor);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/filename="oscal-mapping-collection_ISO27001-2022_ISO42001-2023_\d{4}-\d\d-\d\d\.json"/);
    const doc = res.json() as OscalMappingCollectionDocument;
    expect(validateOscal('mapping-collection', doc)).toEqual({ ok: true, problems: [] });
    const sets = (await t.ok(`{ mappingSets(source: "ISO27001", target: "ISO42001") { key edgeCount provenance { method status author } } }`)).mappingSets;
    expect(sets.length).toBe(1);
    const collection = doc['mapping-collection'];
    expect(collection.mappings).toHaveLength(1);
    expect(collection.mappings[0].maps).toHaveLength(sets[0].edgeCount);
    expect(collection.provenance).toMatchObject({ method: sets[0].provenance.method.toLowerCase(), status: sets[0].provenance.status.toLowerCase() });
    expect(collection.metadata.parties).toEqual([expect.objectContaining({ name: sets[0].provenance.author })]);
    const source = collection['back-matter']!.resources!.find((r) => `#${r.uuid}` === collection.mappings[0]['source-resource'].href)!;
    expect(source.description).toBe('The source of this mapping is this catalog: Crosswalk framework ISO27001:2022.');
    const relationships = new Set(collection.mappings[0].maps.map((m) => m.relationship));
    expect([...relationships].every((r) => ['equal-to', 'subset-of', 'superset-of', 'intersects-with', 'no-relationship'].includes(r))).toBe(true);
    // The conditional Harmonized Structure edges carry the qualifier.
    expect(collection.mappings[0].maps.some((m) => m.qualifiers?.[0]?.category === 'restricted')).toBe(true);
  });

  it("writes the organization's own set with what was kept: equivalent-to, the coverage, the confidence, the qualifier, the map uuid", async () => {
    const res = await get('mapping-collection?source=ACME-POL&target=ISO27001', a.admin);
    expect(res.status).toBe(200);
    const doc = res.json() as OscalMappingCollectionDocument;
    expect(validateOscal('mapping-collection', doc)).toEqual({ ok: true, problems: [] });
    const [p1, p2] = doc['mapping-collection'].mappings[0].maps;
    expect(p1).toMatchObject({ uuid: MAP_UUID, relationship: 'equivalent-to', sources: [{ type: 'control', 'id-ref': 'acme-p-1' }], targets: [{ type: 'control', 'id-ref': 'A.5.15' }] });
    expect(p1.qualifiers).toEqual([expect.objectContaining({ subject: 'both', category: 'restricted' })]);
    expect(p1.coverage).toEqual({ 'target-coverage': 1, 'generation-method': 'crosswalk-strength-over-10' });
    expect(p2).toMatchObject({ relationship: 'subset-of', coverage: { 'target-coverage': 0.55 }, 'confidence-score': { category: 'high' }, remarks: 'Acme remark' });
    expect(doc['mapping-collection'].provenance).toMatchObject({ method: 'human', status: 'draft' });
  });

  it('answers 404 naming both frameworks when no set runs from source to target (sets are directed)', async () => {
    const res = await get('mapping-collection?source=ISO27001&target=ACME-POL', a.admin);
    expect(res.status).toBe(404);
    expect(res.json().errors[0].extensions).toEqual({ code: 'NOT_FOUND', field: 'source' });
    expect(res.json().errors[0].message).toMatch(/^source: no mapping set from ISO27001:2022 to ACME-POL:2026; .*source=ACME-POL:2026&target=ISO27001:2022/);
  });

  it("refuses another organization's own code exactly as one that does not exist, and the missing target names itself", async () => {
    const theirs = await get('mapping-collection?source=ACME-POL&target=ISO27001', b.admin);
    const none = await get('mapping-collection?source=ACME-NONE&target=ISO27001', b.admin);
    expect(theirs.status).toBe(400);
    expect(theirs.json().errors[0].extensions).toEqual({ code: 'NOT_FOUND', field: 'source' });
    expect(theirs.json().errors[0].message.replace('ACME-POL', 'X')).toBe(none.json().errors[0].message.replace('ACME-NONE', 'X'));
    const noTarget = await get('mapping-collection?source=ISO27001', a.admin);
    expect(noTarget.status).toBe(400);
    expect(noTarget.json().errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'target' });
  });
});
