import { OscalDocumentError, OscalUnmatchedReferencesError } from './oscal-error';
import { readOscalMappingCollection } from './read-oscal-mapping-collection';
import { ISO_ANNEX_A, mappingCollection, oneMap, oscalFixture, resolverOver, SP800_53_TO_ISO, sp80053Requirements } from './oscal-test-support.fixture';

const TINY_SOURCES = [
  { refId: 'AC-1', oscalId: 'ac-1' },
  { refId: 'AC-2', oscalId: 'ac-2' },
  { refId: 'AC-3', oscalId: 'ac-3' },
];
const resolve = resolverOver(TINY_SOURCES, ISO_ANNEX_A);

function refusal(doc: unknown, resolver = resolve): OscalDocumentError {
  try {
    readOscalMappingCollection(doc, resolver);
  } catch (error) {
    if (error instanceof OscalDocumentError) return error;
    throw error;
  }
  throw new Error('the mapping-collection was read');
}

describe('readOscalMappingCollection: the SP 800-53 → ISO 27001 fixture', () => {
  const read = readOscalMappingCollection(oscalFixture(SP800_53_TO_ISO), resolverOver(sp80053Requirements(), ISO_ANNEX_A));
  const edge = (source: string) => read.edges.find((e) => e.source.refId === source)!;

  it('reads one edge per map, matching zero-padded and upper-case references', () => {
    expect(read.edges.map((e) => `${e.source.refId} ${e.relationship} ${e.target.refId}`)).toEqual([
      'AC-1 INTERSECTS_WITH A.5.1',
      'AC-2 INTERSECTS_WITH A.5.18',
      'AC-3 SUBSET_OF A.5.15',
      'IA-2 EQUAL A.8.5',
      'AU-2 EQUAL A.8.15',
      'CM-3 SUPERSET_OF A.8.32',
      'PE-3 NOT_RELATED A.8.5',
    ]);
  });

  it('keeps equivalent-to apart from equal-to', () => {
    expect(edge('IA-2')).toMatchObject({ relationship: 'EQUAL', equivalent: true, strength: 10 });
    expect(edge('AU-2')).toMatchObject({ relationship: 'EQUAL', equivalent: false, strength: 10 });
  });

  it('turns coverage into strength, rationale, remarks into note, and keeps confidence-score', () => {
    expect(edge('AC-3')).toMatchObject({ strength: 6, coverage: 0.6, rationale: 'FUNCTIONAL', confidenceScore: { category: 'medium' } });
    expect(edge('CM-3')).toMatchObject({ strength: 8, rationale: 'SEMANTIC', confidenceScore: { percentage: 0.9 } });
    expect(edge('PE-3')).toMatchObject({ strength: 0, coverage: null });
    expect(edge('AC-1').note).toMatch(/^AC-1 asks for access control policy/);
    expect(read.edges.every((e) => e.condition === null)).toBe(true);
  });

  it('reads the provenance', () => {
    expect(read.provenance).toMatchObject({ method: 'human', status: 'draft', oscalStatus: 'draft', rationale: 'SEMANTIC' });
  });
});

describe('readOscalMappingCollection: every relationship value', () => {
  it.each([
    ['equal-to', 'EQUAL', false, 10],
    ['equivalent-to', 'EQUAL', true, 10],
    ['subset-of', 'SUBSET_OF', false, 7],
    ['superset-of', 'SUPERSET_OF', false, 7],
    ['intersects-with', 'INTERSECTS_WITH', false, 7],
    ['no-relationship', 'NOT_RELATED', false, 0],
  ])('%s → %s', (oscal, relationship, equivalent, strength) => {
    const read = readOscalMappingCollection(mappingCollection([oneMap('ac-1', 'A.5.1', oscal, { coverage: { 'target-coverage': 0.7 } })]), resolve);
    expect(read.edges).toHaveLength(1);
    expect(read.edges[0]).toMatchObject({ relationship, equivalent, strength });
  });

  it('refuses an unknown relationship value, naming the path and the accepted values', () => {
    const error = refusal(mappingCollection([oneMap('ac-1', 'A.5.1', 'same-as')]));
    expect(error.problems[0].path).toBe('$.mapping-collection.mappings[0].maps[0].relationship');
    expect(error.message).toContain('equivalent-to, equal-to, subset-of, superset-of, intersects-with, no-relationship');
  });

  it('refuses a relationship of another namespace', () => {
    const error = refusal(mappingCollection([oneMap('ac-1', 'A.5.1', 'same-as', { ns: 'https://example.org/ns' })]));
    expect(error.problems[0]).toMatchObject({ path: '$.mapping-collection.mappings[0].maps[0].relationship' });
    expect(error.message).toMatch(/namespace https:\/\/example.org\/ns/);
  });
});

describe('readOscalMappingCollection: strength and scope', () => {
  it('takes coverage from the map, else the mapping, else the provenance; 5 without any; partials stay 1–9', () => {
    const doc = mappingCollection(
      [
        oneMap('ac-1', 'A.5.1', 'subset-of', { coverage: { 'target-coverage': 0.3 } }),
        oneMap('ac-2', 'A.5.1', 'subset-of'),
        oneMap('ac-3', 'A.5.1', 'intersects-with', { coverage: { 'target-coverage': 1 } }),
        oneMap('ac-3', 'A.5.15', 'intersects-with', { coverage: { 'target-coverage': 0 } }),
      ],
      { coverage: { 'target-coverage': 0.4 } },
    );
    expect(readOscalMappingCollection(doc, resolve).edges.map((e) => e.strength)).toEqual([3, 4, 9, 1]);
    const bare = mappingCollection([oneMap('ac-1', 'A.5.1', 'subset-of')]);
    expect(readOscalMappingCollection(bare, resolve).edges[0].strength).toBe(5);
  });

  it('makes an edge for every source and target of a map', () => {
    const map = { ...oneMap('ac-1', 'A.5.1', 'intersects-with'), sources: [{ type: 'control', 'id-ref': 'ac-1' }, { type: 'control', 'id-ref': 'ac-2' }] };
    const read = readOscalMappingCollection(mappingCollection([map]), resolve);
    expect(read.edges.map((e) => e.source.refId)).toEqual(['AC-1', 'AC-2']);
    expect(read.edges.every((e) => e.oscalUuid === null)).toBe(true);
  });
});

describe('readOscalMappingCollection: the SAME_MANAGEMENT_SYSTEM qualifier', () => {
  const qualifier = { subject: 'both', predicate: 'has-requirement', category: 'restricted', description: 'SAME_MANAGEMENT_SYSTEM: one system.' };

  it('maps back to the condition', () => {
    const read = readOscalMappingCollection(mappingCollection([oneMap('ac-1', 'A.5.1', 'equal-to', { qualifiers: [qualifier] })]), resolve);
    expect(read.edges[0]).toMatchObject({ condition: 'SAME_MANAGEMENT_SYSTEM', note: null });
  });

  it('keeps any other qualifier in the note', () => {
    const other = { subject: 'target', predicate: 'has-incompatibility', category: 'blocked', description: 'Needs a badge reader.' };
    const read = readOscalMappingCollection(mappingCollection([oneMap('ac-1', 'A.5.1', 'subset-of', { qualifiers: [other], remarks: 'Why.' })]), resolve);
    expect(read.edges[0]).toMatchObject({ condition: null, note: 'Why.\nQualifier (target has-incompatibility, blocked): Needs a badge reader.' });
  });

  it('refuses it on a relationship that is not containment', () => {
    const error = refusal(mappingCollection([oneMap('ac-1', 'A.5.1', 'intersects-with', { qualifiers: [qualifier] })]));
    expect(error.problems[0].path).toBe('$.mapping-collection.mappings[0].maps[0].qualifiers');
  });
});

describe('readOscalMappingCollection: refusals', () => {
  it('lists every unmatched reference, once each, and returns no edge', () => {
    const doc = mappingCollection([
      oneMap('ac-1', 'A.5.1', 'equal-to'),
      oneMap('zz-9', 'A.5.1', 'equal-to'),
      oneMap('zz-9', 'A.9.9', 'equal-to'),
      oneMap('ac-2', 'A.9.9', 'equal-to'),
    ]);
    const error = refusal(doc);
    expect(error).toBeInstanceOf(OscalUnmatchedReferencesError);
    expect((error as OscalUnmatchedReferencesError).references).toEqual([
      { side: 'source', ref: 'zz-9', path: '$.mapping-collection.mappings[0].maps[1].sources[0].id-ref', count: 2 },
      { side: 'target', ref: 'A.9.9', path: '$.mapping-collection.mappings[0].maps[2].targets[0].id-ref', count: 2 },
    ]);
    expect(error.message).toMatch(/^\$\.mapping-collection\.mappings\[0\]\.maps\[1\]\.sources\[0\]\.id-ref: source "zz-9" matches no requirement/);
    expect(error.message).toMatch(/and 1 more problem/);
  });

  it('refuses duplicate map uuids and a pair mapped twice', () => {
    const a = oneMap('ac-1', 'A.5.1', 'equal-to');
    expect(refusal(mappingCollection([a, { ...oneMap('ac-2', 'A.5.1', 'equal-to'), uuid: (a as { uuid: string }).uuid }])).problems[0]).toMatchObject({
      path: '$.mapping-collection.mappings[0].maps[1].uuid',
    });
    expect(refusal(mappingCollection([a, oneMap('AC-01', 'a.5.1', 'subset-of')])).problems[0]).toMatchObject({
      path: '$.mapping-collection.mappings[0].maps[1]',
      message: expect.stringContaining('$.mapping-collection.mappings[0].maps[0]'),
    });
  });

  it('refuses wrong types and missing fields with their path', () => {
    expect(refusal(mappingCollection([oneMap('ac-1', 'A.5.1', 'equal-to', { coverage: { 'target-coverage': '0.5' } })])).problems[0].path).toBe(
      '$.mapping-collection.mappings[0].maps[0].coverage.target-coverage',
    );
    expect(refusal(mappingCollection([oneMap('ac-1', 'A.5.1', 'equal-to', { coverage: { 'target-coverage': 1.5 } })])).message).toMatch(/<= 1/);
    expect(refusal(mappingCollection([])).problems[0].path).toBe('$.mapping-collection.mappings[0].maps');
    expect(refusal({ 'mapping-collection': { uuid: 'x' } }).problems[0].path).toBe('$.mapping-collection');
    expect(refusal([]).problems[0].path).toBe('$');
  });
});
