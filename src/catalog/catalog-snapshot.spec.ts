import { CatalogSnapshot, type CatalogRows } from './catalog-snapshot';
import { CrosswalkDirection } from '../crosswalks/models/enums';
import type { EdgeRow, MappingSetRow } from '../crosswalks/crosswalk-rows';
import type { Framework } from './models/framework.model';
import type { Requirement } from './models/requirement.model';

const framework = (id: string, code: string, version: string): Framework =>
  ({ id, code, version, name: code, publisher: 'P', kind: 'standard', description: null, licenceNote: null, sources: [] }) as unknown as Framework;
const requirement = (id: string, frameworkId: string, refId: string, position: number, parentId: string | null = null, extra: Partial<Requirement> = {}): Requirement => ({
  id, frameworkId, refId, position, parentId, title: `Title ${refId}`, text: null, kind: parentId ? 'control' : 'clause',
  assessable: parentId !== null, hsClause: null, depth: parentId ? 1 : 0, ...extra,
});
const set = (id: string, key: string, sourceFrameworkId: string, targetFrameworkId: string): MappingSetRow =>
  ({ id, key, name: key, description: null, sourceFrameworkId, targetFrameworkId, method: 'EXPERT', status: 'DRAFT', author: 'a', publishedOn: '2026-01-01', licence: 'CC-BY-4.0', comprehensive: false, sources: [], sourceFile: `${key}.yaml` }) as unknown as MappingSetRow;
const edge = (mappingSetId: string, sourceId: string, targetId: string, position: number, relationship: EdgeRow['relationship'] = 'SUBSET_OF'): EdgeRow =>
  ({ mappingSetId, sourceId, targetId, position, relationship, rationale: null, strength: relationship === 'EQUAL' ? 10 : 5, note: null, evidence: [], condition: null });

// Two versions of A, one of B. Rows arrive in no particular order: the snapshot orders them itself.
const rows: CatalogRows = {
  version: 7,
  frameworks: [framework('fb', 'B', '1'), framework('fa2', 'A', '2'), framework('fa1', 'A', '1')],
  requirements: [
    requirement('a2', 'fa2', '4.2', 2, 'a0'),
    requirement('a0', 'fa2', '4', 0),
    requirement('a1', 'fa2', '4.1', 1, 'a0', { text: 'Understand the ORGANIZATION' }),
    requirement('b1', 'fb', 'X.1', 0),
    requirement('b2', 'fb', 'X.2', 1),
    requirement('old', 'fa1', '4', 0),
  ],
  mappingSets: [set('s2', 'z-b-to-a', 'fb', 'fa2'), set('s1', 'a-a-to-b', 'fa2', 'fb')],
  edges: [edge('s2', 'b2', 'a1', 0, 'SUPERSET_OF'), edge('s1', 'a1', 'b1', 1), edge('s1', 'a2', 'b2', 0, 'EQUAL')],
};
const catalog = new CatalogSnapshot(rows);

it('orders frameworks by code then version, and resolves CODE to the newest version', () => {
  expect(catalog.frameworks.map((f) => `${f.code}:${f.version}`)).toEqual(['A:1', 'A:2', 'B:1']);
  expect(catalog.resolveFramework('A', 'framework').id).toBe('fa2');
  expect(catalog.resolveFramework('A:1', 'framework').id).toBe('fa1');
  expect(catalog.findFramework('C', 'framework')).toBeNull();
  expect(() => catalog.resolveFramework('C', 'target')).toThrow(/target: no framework "C" in the catalog; known: A:1, A:2, B:1/);
  expect(() => catalog.resolveFramework('a b', 'target')).toThrow(/target: "a b" is not a framework reference/);
});

it('reads requirements by id, by ref and as children in document order', () => {
  expect(catalog.requirementByRef('fa2', '4.1')?.id).toBe('a1');
  expect(catalog.requirementByRef('fa1', '4.1')).toBeNull();
  expect(catalog.children('a0').map((r) => r.refId)).toEqual(['4.1', '4.2']);
  expect(catalog.children('a1')).toEqual([]);
  expect(catalog.requirement('nope')).toBeNull();
  expect(catalog.requirementCount('fa2', false)).toBe(3);
  expect(catalog.requirementCount('fa2', true)).toBe(2);
});

it('pages requirements after a position, with one row more to tell a next page, and the filtered total', () => {
  const first = catalog.requirementPage('fa2', undefined, 2, undefined);
  expect(first.rows.map((r) => r.refId)).toEqual(['4', '4.1', '4.2']);
  expect(first.totalCount).toBe(3);
  expect(catalog.requirementPage('fa2', undefined, 2, 1).rows.map((r) => r.refId)).toEqual(['4.2']);
  expect(catalog.requirementPage('fa2', { assessable: true }, 10, undefined).rows.map((r) => r.refId)).toEqual(['4.1', '4.2']);
  expect(catalog.requirementPage('fa2', { topLevel: true }, 10, undefined).rows.map((r) => r.refId)).toEqual(['4']);
  expect(catalog.requirementPage('fa2', { parentRefId: '4' }, 10, undefined).totalCount).toBe(2);
  expect(catalog.requirementPage('fa2', { parentRefId: 'none' }, 10, undefined).totalCount).toBe(0);
  // search: ref ID, title or text, ignoring case
  expect(catalog.requirementPage('fa2', { search: 'organization' }, 10, undefined).rows.map((r) => r.refId)).toEqual(['4.1']);
  expect(catalog.requirementPage('fa2', { search: 'TITLE 4.2' }, 10, undefined).rows.map((r) => r.refId)).toEqual(['4.2']);
});

it("reads a requirement's crosswalks from its side, by mapping-set key then file order, reversing those stored the other way", () => {
  const all = catalog.crosswalks('a1', { direction: CrosswalkDirection.BOTH });
  expect(all.map((c) => [c.mappingSetId, c.sourceId, c.targetId, c.relationship, c.reversed])).toEqual([
    ['s1', 'a1', 'b1', 'SUBSET_OF', false],
    ['s2', 'a1', 'b2', 'SUBSET_OF', true], // stored b2 SUPERSET_OF a1
  ]);
  expect(catalog.crosswalks('a1', { direction: CrosswalkDirection.OUTGOING }).map((c) => c.targetId)).toEqual(['b1']);
  expect(catalog.crosswalks('a1', { direction: CrosswalkDirection.INCOMING }).map((c) => c.targetId)).toEqual(['b2']);
  expect(catalog.crosswalks('a1', { direction: CrosswalkDirection.BOTH, otherFrameworkIds: ['fa1'] })).toEqual([]);
  expect(catalog.crosswalks('b2', { direction: CrosswalkDirection.BOTH }).map((c) => [c.mappingSetId, c.targetId, c.relationship])).toEqual([
    ['s1', 'a2', 'EQUAL'],
    ['s2', 'a1', 'SUPERSET_OF'],
  ]);
});

it('lists mapping sets by key, filtered by source and target, and pages their edges in file order', () => {
  expect(catalog.mappingSets.map((s) => s.key)).toEqual(['a-a-to-b', 'z-b-to-a']);
  expect(catalog.listMappingSets(['fb'], undefined).map((s) => s.id)).toEqual(['s2']);
  expect(catalog.listMappingSets(undefined, ['fb']).map((s) => s.id)).toEqual(['s1']);
  expect(catalog.edgeCount('s1')).toBe(2);
  expect(catalog.edgePage('s1', 1, undefined)).toEqual({ rows: [rows.edges[2], rows.edges[1]], totalCount: 2 });
  expect(catalog.edgePage('s1', 1, 0).rows).toEqual([rows.edges[1]]);
  expect(catalog.mappingSet('s2')?.provenance.sourceFile).toBe('z-b-to-a.yaml');
});

it('builds the engine graph from the same rows', () => {
  expect(catalog.version).toBe(7);
  expect(catalog.graph.frameworkCount).toBe(3);
  expect(catalog.graph.requirementCount).toBe(6);
  expect(catalog.graph.edgeCount).toBe(3);
});
