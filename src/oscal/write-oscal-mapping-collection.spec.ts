import type { ResolvableRequirement } from './normalize-control-ref';
import { OscalDocumentError } from './oscal-error';
import { ISO_ANNEX_A, oscalFixture, resolverOver, SP800_53_TO_ISO, sp80053Requirements } from './oscal-test-support.fixture';
import { readOscalMappingCollection } from './read-oscal-mapping-collection';
import { validateOscal } from './validate-oscal';
import { type OscalEdgeInput, type OscalMappingSetInput, writeOscalMappingCollection, writeOscalMappingCollections } from './write-oscal-mapping-collection';

const SET: OscalMappingSetInput = {
  key: 'iso27001-2022__iso42001-2023',
  name: 'ISO/IEC 27001:2022 → ISO/IEC 42001:2023',
  description: 'Harmonized Structure clauses and Annex A',
  source: { code: 'ISO27001', version: '2022', name: 'ISO/IEC 27001' },
  target: { code: 'ISO42001', version: '2023', name: 'ISO/IEC 42001' },
  provenance: {
    method: 'hybrid',
    status: 'complete',
    author: 'Crosswalk authors',
    date: '2026-11-30',
    licence: 'CC BY 4.0 (the mapping judgements)',
    sources: [{ title: 'ISO/IEC Directives Part 1, Annex SL', url: 'https://www.iso.org/directives' }, { title: 'Our own reading' }],
  },
};
const OPTIONS = { lastModified: '2026-12-06T00:00:00Z' };

const req = (refId: string): ResolvableRequirement => ({ refId });
const EDGES: OscalEdgeInput[] = [
  { source: req('4.1'), target: req('4.1'), relationship: 'EQUAL', rationale: 'SYNTACTIC', strength: 10, condition: 'SAME_MANAGEMENT_SYSTEM', note: 'Identical HS text.' },
  { source: req('6.1.3'), target: req('6.1.4'), relationship: 'INTERSECTS_WITH', rationale: 'SEMANTIC', strength: 4 },
  { source: req('A.5.1'), target: req('A.2.2'), relationship: 'SUBSET_OF', rationale: 'SEMANTIC', strength: 7, confidenceScore: { category: 'high' } },
  { source: req('A.5.15'), target: req('A.3.2'), relationship: 'SUPERSET_OF', rationale: 'FUNCTIONAL', strength: 8 },
  { source: req('A.8.5'), target: req('A.6.2.6'), relationship: 'EQUAL', equivalent: true, rationale: 'SEMANTIC', strength: 10 },
  { source: req('A.8.15'), target: req('A.6.2.8'), relationship: 'NOT_RELATED', rationale: 'SEMANTIC', strength: 0, confidenceScore: { percentage: 0.25 } },
];
const targets = [...new Set(EDGES.map((e) => e.target.refId))].map(req);
const sources = [...new Set(EDGES.map((e) => e.source.refId))].map(req);

describe('writeOscalMappingCollection', () => {
  const doc = writeOscalMappingCollection(SET, EDGES, OPTIONS);
  const collection = doc['mapping-collection'];

  it('writes a document that validates against the mapping-collection schema', () => {
    expect(validateOscal('mapping-collection', doc)).toEqual({ ok: true, problems: [] });
  });

  it('writes provenance, method, status and that the source and target are these catalogs', () => {
    expect(collection.provenance).toMatchObject({ method: 'hybrid', status: 'complete', 'matching-rationale': 'semantic', 'mapping-description': SET.description });
    expect(collection.metadata).toMatchObject({ title: SET.name, 'oscal-version': '1.2.2', remarks: 'Licence: CC BY 4.0 (the mapping judgements)' });
    const mapping = collection.mappings[0];
    expect(mapping['source-resource']).toMatchObject({ type: 'catalog', props: [{ name: 'framework', value: 'ISO27001:2022' }] });
    const resource = collection['back-matter']!.resources!.find((r) => `#${r.uuid}` === mapping['source-resource'].href);
    expect(resource?.description).toBe('The source of this mapping is this catalog: Crosswalk framework ISO27001:2022.');
  });

  it('writes each relationship as its OSCAL value, strength as coverage, the condition as a qualifier', () => {
    const maps = collection.mappings[0].maps;
    expect(maps.map((m) => m.relationship)).toEqual(['equal-to', 'intersects-with', 'subset-of', 'superset-of', 'equivalent-to', 'no-relationship']);
    expect(maps.map((m) => m.coverage?.['target-coverage'])).toEqual([1, 0.4, 0.7, 0.8, 1, 0]);
    expect(maps[0].qualifiers).toEqual([expect.objectContaining({ subject: 'both', predicate: 'has-requirement', category: 'restricted' })]);
    expect(maps[0].remarks).toBe('Identical HS text.');
    expect(maps[2]['confidence-score']).toEqual({ category: 'high' });
    expect(maps[1].qualifiers).toBeUndefined();
  });

  it('round-trips: write → read → write gives the same maps', () => {
    const read = readOscalMappingCollection(doc, resolverOver(sources, targets));
    expect(read.edges.map((e) => [e.relationship, e.equivalent, e.strength, e.rationale, e.condition])).toEqual(
      EDGES.map((e) => [e.relationship, e.equivalent ?? false, e.strength, e.rationale, e.condition ?? null]),
    );
    const again = writeOscalMappingCollection(SET, read.edges, OPTIONS);
    expect(again['mapping-collection'].mappings[0].maps).toEqual(collection.mappings[0].maps);
    expect(again).toEqual(doc);
  });

  it('round-trips the hand-written fixture through the OSCAL ids it was read with', () => {
    const resolve = resolverOver(sp80053Requirements(), ISO_ANNEX_A);
    const first = readOscalMappingCollection(oscalFixture(SP800_53_TO_ISO), resolve);
    const written = writeOscalMappingCollection(SET, first.edges, OPTIONS);
    expect(validateOscal('mapping-collection', written).ok).toBe(true);
    const second = readOscalMappingCollection(written, resolve);
    const rewritten = writeOscalMappingCollection(SET, second.edges, OPTIONS);
    expect(rewritten['mapping-collection'].mappings[0].maps).toEqual(written['mapping-collection'].mappings[0].maps);
    expect(written['mapping-collection'].mappings[0].maps.map((m) => m.sources[0]['id-ref'])).toEqual(['ac-1', 'ac-2', 'ac-3', 'ia-2', 'au-2', 'cm-3', 'pe-3']);
  });

  it('writes the coverage an import kept as it came, and derives it from strength otherwise', () => {
    const kept = writeOscalMappingCollection(SET, [{ ...EDGES[1], coverage: 0.37 }, EDGES[2]], OPTIONS);
    expect(validateOscal('mapping-collection', kept).ok).toBe(true);
    expect(kept['mapping-collection'].mappings[0].maps.map((m) => m.coverage)).toEqual([
      { 'target-coverage': 0.37 },
      { 'target-coverage': 0.7, 'generation-method': 'crosswalk-strength-over-10' },
    ]);
  });

  it('writes several sets between the same frameworks as one collection, one mapping each with its own provenance', () => {
    const own: OscalMappingSetInput = { ...SET, key: 'own-set', name: 'Our own edges', description: null, provenance: { ...SET.provenance, method: 'human', status: 'draft', sources: [] } };
    const both = writeOscalMappingCollections([{ set: SET, edges: EDGES }, { set: own, edges: [EDGES[1]] }], OPTIONS);
    expect(validateOscal('mapping-collection', both)).toEqual({ ok: true, problems: [] });
    const mappings = both['mapping-collection'].mappings;
    expect(mappings.map((m) => m.maps.length)).toEqual([EDGES.length, 1]);
    expect(mappings[1]).toMatchObject({ method: 'human', status: 'draft', 'mapping-description': 'Our own edges' });
    expect(mappings[1]['source-resource'].href).not.toBe(mappings[0]['source-resource'].href);
    const uuids = both['mapping-collection']['back-matter']!.resources!.map((r) => r.uuid);
    expect(new Set(uuids).size).toBe(uuids.length);
    expect(() => writeOscalMappingCollections([], OPTIONS)).toThrow(OscalDocumentError);
  });

  it('refuses a set without edges: an OSCAL mapping needs a map', () => {
    expect(() => writeOscalMappingCollection(SET, [], OPTIONS)).toThrow(OscalDocumentError);
  });
});
