/**
 * The shipped crosswalks through the API: what a GRC tool asking about a requirement gets is exactly what the
 * mapping files declare, with relationship, strength and sources, in both directions.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { inverse, type Relationship } from '../../src/graph/relationship';
import { startTestServer, type TestServer } from '../support/server';

interface FileEdge { source: string; target: string; relationship: Relationship; strength: number }
const sets = fs.readdirSync('mappings/crosswalks').map((file) => parse(fs.readFileSync(path.join('mappings/crosswalks', file), 'utf8')));

/** Every edge touching (code, refId) in the files, read from that requirement. */
function expectedReadings(code: string, refId: string) {
  return sets.flatMap((set) =>
    (set.edges as FileEdge[]).flatMap((e) => {
      const readings = [];
      if (set.source.startsWith(`${code}:`) && e.source === refId) readings.push({ key: set.id, other: e.target, relationship: e.relationship, strength: e.strength, reversed: false });
      if (set.target.startsWith(`${code}:`) && e.target === refId) readings.push({ key: set.id, other: e.source, relationship: inverse(e.relationship), strength: e.strength, reversed: true });
      return readings;
    }),
  );
}

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

it.each([
  ['ISO42001', 'A.6.2.8'],
  ['SOC2', 'CC6.1'],
  ['ISO27001', '9.2.2'],
  ['NIST-AI-RMF', 'GOVERN 1.1'],
])('%s %s: the API returns every edge of the files, typed, weighed and sourced', async (code, refId) => {
  const res = await t.gql(`query($f: String!, $r: String!) { requirement(framework: $f, refId: $r) {
    crosswalks { relationship strength reversed rationale target { refId } mappingSet { key provenance { sources { title } } } } } }`, { f: code, r: refId });
  expect(res.errors).toBeUndefined();
  const got = res.data!.requirement.crosswalks.map((c: any) => ({ key: c.mappingSet.key, other: c.target.refId, relationship: c.relationship, strength: c.strength, reversed: c.reversed }));
  const sortKey = (x: { key: string; other: string }) => `${x.key} ${x.other}`;
  const expected = expectedReadings(code, refId);
  expect(expected.length).toBeGreaterThan(0);
  expect([...got].sort((a, b) => sortKey(a).localeCompare(sortKey(b)))).toEqual([...expected].sort((a, b) => sortKey(a).localeCompare(sortKey(b))));
  for (const c of res.data!.requirement.crosswalks) {
    expect(c.rationale).toMatch(/^(SYNTACTIC|SEMANTIC|FUNCTIONAL)$/);
    expect(c.mappingSet.provenance.sources.length).toBeGreaterThan(0);
  }
});

it('lists every shipped mapping set with its edge count and provenance', async () => {
  const res = await t.gql(`{ mappingSets { key edgeCount provenance { method status sources { title } } } }`);
  const byKey = Object.fromEntries(res.data!.mappingSets.map((s: any) => [s.key, s]));
  for (const set of sets) {
    expect(byKey[set.id]).toMatchObject({ edgeCount: set.edges.length, provenance: { method: set.provenance.method.toUpperCase(), status: set.provenance.status.toUpperCase() } });
  }
  expect(Object.keys(byKey)).toHaveLength(sets.length);
});
