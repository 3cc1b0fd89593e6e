/**
 * Issue 12: hostile OSCAL documents sent to POST /import/oscal/… over real HTTP are refused with a clear error (a code
 * and the JSON path of the first problem) and change no row in any table: wrong types (fast-check), a body past the
 * limit, invalid JSON, unknown relationship values, dangling references, duplicate IDs and pairs, deeply nested
 * groups, a public code, the organization's limits (a server started with small OWN_*_MAX).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { tableVersions } from '../support/database';
import { postOscal } from '../support/oscal-http';
import { startTestServer, type TestServer } from '../support/server';

fc.configureGlobal({ seed: Number(process.env.HOSTILE_SEED ?? 20261206) });

const FIXTURES = path.resolve('test/fixtures/oscal');
const BASIC = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'basic-catalog.json'), 'utf8')) as Record<string, any>;
const TO_ISO = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'sp800-53-to-iso27001.mapping-collection.json'), 'utf8')) as Record<string, any>;
const TABLES = ['organization', 'framework', 'requirement', 'mapping_set', 'crosswalk_edge', 'audit_event', 'control_link'];
/** basic-catalog.json holds 4 groups and 4 controls; the limits leave room for it once, and for 3 edges. */
const LIMITS = { OWN_FRAMEWORKS_MAX: '2', OWN_REQUIREMENTS_MAX: '12', OWN_EDGES_MAX: '3' };

let t: TestServer;
let key = '';
let auditor = '';

/** A mapping-collection from the own BASIC framework to ISO 27001 with these maps. */
function collection(maps: object[]): Record<string, any> {
  const doc = structuredClone(TO_ISO);
  doc['mapping-collection'].mappings[0].maps = maps;
  return doc;
}
const map = (uuid: string, source: string, target: string, relationship = 'intersects-with') => ({
  uuid, relationship, sources: [{ type: 'control', 'id-ref': source }], targets: [{ type: 'control', 'id-ref': target }],
});
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

beforeAll(async () => {
  t = await startTestServer({ env: LIMITS });
  const org = await t.createOrganization('Hostile OSCAL');
  key = org.adminKey;
  auditor = (await t.ok(`mutation { createApiKey(role: AUDITOR, name: "Auditor") { secret } }`, {}, key)).createApiKey.secret;
  expect((await postOscal(t, 'catalog?code=BASIC', JSON.stringify(BASIC), key)).status).toBe(200);
  expect((await postOscal(t, 'mapping-collection?source=BASIC&target=ISO27001', JSON.stringify(collection([map(uuid(1), 's1.1.1', 'A.5.1')])), key)).status).toBe(200);
}, 60_000);
afterAll(async () => {
  await t.close();
});

/** Sends it, expects `status` with code BAD_USER_INPUT (unless `code`) and the path, and no row changed anywhere. */
async function refused(route: string, body: string | Buffer, status: number, expected: { path?: string | RegExp; message?: RegExp; code?: string; type?: string; k?: string } = {}) {
  const before = await tableVersions(t.db, TABLES);
  const res = await postOscal(t, route, body, expected.k ?? key, expected.type);
  expect({ status: res.status, body: res.body }).toMatchObject({ status, body: { errors: [{ extensions: { code: expected.code ?? 'BAD_USER_INPUT' } }] } });
  const error = res.body.errors[0];
  if (expected.path !== undefined) expect(error.extensions.path).toEqual(typeof expected.path === 'string' ? expected.path : expect.stringMatching(expected.path));
  if (expected.message) expect(error.message).toMatch(expected.message);
  expect(await tableVersions(t.db, TABLES)).toBe(before);
  return error;
}

describe('documents that are not valid OSCAL: 400 with the JSON path', () => {
  it('invalid JSON', async () => {
    await refused('catalog?code=HOSTILE', '{"catalog": {', 400, { path: '$', message: /not valid JSON/ });
    await refused('catalog?code=HOSTILE', '', 400, { path: '$', message: /empty/ });
  });

  it('wrong types anywhere in a catalog (fast-check)', async () => {
    // Every value of the document, by its path; each run puts a value of another JSON type in one of them.
    const paths: Array<Array<string | number>> = [];
    const walk = (value: unknown, at: Array<string | number>) => {
      if (at.length > 0) paths.push(at);
      if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...at, i]));
      else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, [...at, k]);
    };
    walk(BASIC, []);
    const otherType = (value: unknown) =>
      fc.constantFrom<unknown>(42, true, null, 'text', [], {}).filter((v) => (Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v) !== (Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value));
    const mutation = fc.nat({ max: paths.length - 1 }).chain((i) => {
      const at = paths[i];
      const original = at.reduce<any>((v, k) => v[k], BASIC);
      return otherType(original).map((replacement) => ({ at, replacement }));
    });
    await fc.assert(
      fc.asyncProperty(mutation, async ({ at, replacement }) => {
        const doc = structuredClone(BASIC);
        const parent = at.slice(0, -1).reduce<any>((v, k) => v[k], doc);
        parent[at[at.length - 1]] = replacement;
        const error = await refused('catalog?code=HOSTILE', JSON.stringify(doc), 400);
        expect(error.extensions.path).toMatch(/^\$/);
        // The path named is the changed value or leads to it (a schema may refuse the object that holds it).
        const changed = `$.${at.join('.')}`.replace(/\.(\d+)/g, '[$1]');
        expect(changed.startsWith(error.extensions.path)).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it('an unknown relationship value, with its path', async () => {
    await refused('mapping-collection?source=BASIC&target=ISO27001', JSON.stringify(collection([map(uuid(2), 's1.1.1', 'A.5.2', 'kind-of-like')])), 400, {
      path: '$.mapping-collection.mappings[0].maps[0].relationship',
    });
  });

  it('deeply nested groups', async () => {
    let group: Record<string, any> = { id: 'deep', title: 'Deep', controls: [{ id: 'deep-1', title: 'Deep control' }] };
    for (let i = 0; i < 200; i++) group = { id: `g${i}`, title: `Level ${i}`, groups: [group] };
    const doc = structuredClone(BASIC);
    doc.catalog.groups = [group];
    await refused('catalog?code=HOSTILE', JSON.stringify(doc), 400, { path: /^\$\.catalog\.groups\[0\](\.groups\[0\])+/, message: /nests deeper than \d+ levels/ });
  });

  it('a body past IMPORT_BODY_LIMIT: 413 naming the setting', async () => {
    const big = Buffer.alloc(26 * 1024 * 1024, ' ');
    const res = await postOscal(t, 'catalog?code=HOSTILE', big, key);
    expect(res.status).toBe(413);
    expect(res.body.errors[0].message).toMatch(/IMPORT_BODY_LIMIT/);
  });

  it('not JSON: 415 naming what is taken', async () => {
    await refused('catalog?code=HOSTILE', JSON.stringify(BASIC), 415, { type: 'text/plain', message: /application\/json/ });
  });
});

describe('valid OSCAL that does not fit: 422 with the JSON path', () => {
  it('dangling references, every one listed', async () => {
    const doc = collection([map(uuid(3), 'nope-1', 'A.5.1'), map(uuid(4), 's1.1.1', 'A.99.1'), map(uuid(5), 'nope-1', 'A.5.3')]);
    const error = await refused('mapping-collection?source=BASIC&target=ISO27001', JSON.stringify(doc), 422, { path: '$.mapping-collection.mappings[0].maps[0].sources[0].id-ref' });
    expect(error.extensions.problems.map((p: any) => p.message)).toEqual([
      expect.stringMatching(/source "nope-1" matches no requirement.*named 2 times/),
      expect.stringMatching(/target "A.99.1" matches no requirement/),
    ]);
  });

  it('duplicate IDs in a catalog', async () => {
    const doc = structuredClone(BASIC);
    doc.catalog.groups[1].groups[0].controls[0].id = 's1.1.1';
    const error = await refused('catalog?code=HOSTILE', JSON.stringify(doc), 422, { message: /duplicate id "s1.1.1"/ });
    expect(error.extensions.path).toMatch(/^\$\.catalog\.groups\[1\]/);
  });

  it('two maps of the same pair, naming both paths', async () => {
    const doc = collection([map(uuid(6), 's1.1.1', 'A.5.2'), map(uuid(7), 'S1.1.1', 'A.05.2')]);
    await refused('mapping-collection?source=BASIC&target=ISO27001', JSON.stringify(doc), 422, {
      path: '$.mapping-collection.mappings[0].maps[1]',
      message: /same source and target as \$\.mapping-collection\.mappings\[0\]\.maps\[0\]/,
    });
  });

  it('past the organization\'s limits (OWN_*_MAX)', async () => {
    const requirements = await refused('catalog?code=SECOND', JSON.stringify(BASIC), 422, { path: '$', message: /OWN_REQUIREMENTS_MAX/ });
    expect(requirements.extensions).toMatchObject({ reason: 'LIMIT_EXCEEDED', limit: 12, have: 8, adding: 8 });
    const doc = collection([1, 2, 3, 4].map((n) => map(uuid(10 + n), 's1.1.1', `A.5.${n}`)));
    await refused('mapping-collection?source=BASIC&target=ISO27001', JSON.stringify(doc), 422, { message: /OWN_EDGES_MAX/ });
    // The hand edits count against the same limit: two more edges fit (1 of 3 is used), the third is refused.
    const own = await t.ok(`{ ownFramework(framework: "BASIC") { requirements(filter: { assessable: true }, first: 2) { edges { node { refId } } } } }`, {}, key);
    const sourceRefId = own.ownFramework.requirements.edges[1].node.refId;
    const create = (target: string) => t.gql(`mutation($i: CreateOwnMappingEdgeInput!) { createOwnMappingEdge(input: $i) { strength } }`,
      { i: { source: 'BASIC', sourceRefId, target: 'ISO27001', targetRefId: target, relationship: 'INTERSECTS_WITH' } }, key);
    for (const target of ['A.5.2', 'A.5.3']) expect((await create(target)).errors).toBeUndefined();
    const before = await tableVersions(t.db, TABLES);
    const past = await create('A.5.4');
    expect(past.errors?.[0]).toMatchObject({ message: expect.stringMatching(/OWN_EDGES_MAX/), extensions: { code: 'BAD_USER_INPUT', reason: 'LIMIT_EXCEEDED', limit: 3, have: 3, adding: 1 } });
    expect(await tableVersions(t.db, TABLES)).toBe(before);
  });
});

describe('references and parameters', () => {
  it('a public code may not be shadowed; an existing own code and version conflicts', async () => {
    await refused('catalog?code=ISO27001', JSON.stringify(BASIC), 400, { message: /^code: "ISO27001" is a public framework's code/ });
    await refused('catalog?code=BASIC', JSON.stringify(BASIC), 409, { code: 'CONFLICT', message: /^code: .*BASIC:.* already/ });
  });

  it('two public frameworks, an unknown one, bad parameters', async () => {
    await refused('mapping-collection?source=SOC2&target=ISO27001', JSON.stringify(TO_ISO), 400, { message: /^source: .*both public frameworks/ });
    await refused('mapping-collection?source=NOSUCH&target=ISO27001', JSON.stringify(TO_ISO), 404, { code: 'NOT_FOUND', message: /^source: no framework "NOSUCH"/ });
    await refused('catalog?code=lower-case', JSON.stringify(BASIC), 400, { message: /^code: "lower-case" is not a framework code/ });
    await refused('catalog', JSON.stringify(BASIC), 400, { message: /^code: required/ });
    await refused('catalog?code=X&version=%20bad', JSON.stringify(BASIC), 400, { message: /^version: / });
    await refused('catalog?code=X&organization=other', JSON.stringify(BASIC), 400, { message: /^organization: unknown parameter/ });
  });

  it('needs a key with role ADMIN or EDITOR', async () => {
    await refused('catalog?code=AUDITED', JSON.stringify(BASIC), 403, { k: auditor, code: 'FORBIDDEN' });
    const res = await postOscal(t, 'catalog?code=ANON', JSON.stringify(BASIC), undefined);
    expect(res.status).toBe(401);
  });
});
