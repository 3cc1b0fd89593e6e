/**
 * Issue 12's round trip, over real HTTP: an OSCAL mapping-collection imported into one organization, exported, then
 * imported into a second organization and exported again, gives the same maps (relationships, equivalent-to,
 * coverage, confidence, remarks, qualifiers, map uuids, sources and targets), every document valid against the kept
 * schema. The catalog goes round the same way: the exported catalog imported again exports the same controls.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { OscalCatalogDocument, OscalControl, OscalGroup, OscalMappingCollectionDocument } from '../../src/oscal/oscal-types';
import { validateOscal } from '../../src/oscal/validate-oscal';
import { postOscal } from '../support/oscal-http';
import { startTestServer, type TestServer } from '../support/server';
import { download } from '../support/spreadsheets';

const FIXTURES = path.resolve('test/fixtures/oscal');
const SP80053 = fs.readFileSync(path.join(FIXTURES, 'NIST_SP-800-53_rev5_catalog.2021-06-08.json'));
const TO_ISO = fs.readFileSync(path.join(FIXTURES, 'sp800-53-to-iso27001.mapping-collection.json'));

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
}, 60_000);
afterAll(() => t?.close());

async function exported<T>(route: string, key: string): Promise<T> {
  const res = await download(`${t.url}/export/oscal/${route}`, key);
  expect(res.status).toBe(200);
  return res.json() as T;
}

/** The maps of every mapping, as the collection states them (the document's own uuid and dates aside). */
const maps = (doc: OscalMappingCollectionDocument) => doc['mapping-collection'].mappings.map((m) => m.maps);

it('export → import → export gives the same maps, and the same catalog controls', async () => {
  const first = await t.createOrganization('Round trip, first');
  const second = await t.createOrganization('Round trip, second');
  for (const org of [first, second]) expect((await postOscal(t, 'catalog?code=SP80053', SP80053, org.adminKey)).status).toBe(200);
  expect((await postOscal(t, 'mapping-collection?source=SP80053&target=ISO27001', TO_ISO, first.adminKey)).status).toBe(200);

  const once = await exported<OscalMappingCollectionDocument>('mapping-collection?source=SP80053&target=ISO27001', first.adminKey);
  expect(validateOscal('mapping-collection', once)).toEqual({ ok: true, problems: [] });
  expect(maps(once)[0]).toHaveLength(7);
  const imported = await postOscal(t, 'mapping-collection?source=SP80053&target=ISO27001', JSON.stringify(once), second.adminKey);
  expect(imported.status).toBe(200);
  expect(imported.body.counts.edges).toBe(7);
  const twice = await exported<OscalMappingCollectionDocument>('mapping-collection?source=SP80053&target=ISO27001', second.adminKey);
  expect(validateOscal('mapping-collection', twice)).toEqual({ ok: true, problems: [] });
  expect(maps(twice)).toEqual(maps(once));
  // What the round trip must keep, in the documents themselves: equivalent-to stays equivalent-to, and so on.
  expect(maps(twice)[0].map((m) => m.relationship)).toEqual(['intersects-with', 'intersects-with', 'subset-of', 'equivalent-to', 'equal-to', 'superset-of', 'no-relationship']);
  expect(twice['mapping-collection'].provenance).toEqual(once['mapping-collection'].provenance);

  // The catalog: exported from the first organization, imported into a third under the same code, exported again.
  const third = await t.createOrganization('Round trip, third');
  const catalog = await exported<OscalCatalogDocument>('catalog?framework=SP80053', first.adminKey);
  expect(validateOscal('catalog', catalog)).toEqual({ ok: true, problems: [] });
  expect((await postOscal(t, 'catalog?code=SP80053&version=5.0.1', JSON.stringify(catalog), third.adminKey)).status).toBe(200);
  const again = await exported<OscalCatalogDocument>('catalog?framework=SP80053', third.adminKey);
  const controls = (doc: OscalCatalogDocument) => {
    const out: Array<{ id?: string; title: string; props?: OscalControl['props']; parts?: OscalControl['parts'] }> = [];
    const walk = (items: Array<OscalGroup | OscalControl> | undefined) => {
      for (const item of items ?? []) {
        if ('controls' in item || 'groups' in item) walk([...((item as OscalGroup).groups ?? []), ...(item.controls ?? [])]);
        out.push({ id: item.id, title: item.title, props: item.props, parts: item.parts });
      }
    };
    walk([...(doc.catalog.groups ?? []), ...(doc.catalog.controls ?? [])]);
    return out;
  };
  expect(controls(again)).toHaveLength(controls(catalog).length);
  expect(controls(again)).toEqual(controls(catalog));
});
