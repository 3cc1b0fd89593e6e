/**
 * Hostile OSCAL documents, generated with fast-check (as test/e2e/hostile-input.e2e.spec.ts does for mutations):
 * whatever arrives, the readers either read it or throw OscalDocumentError with a JSON path and a message, never an
 * exception of another kind. Targeted properties: unknown relationship values, dangling references, duplicate IDs and
 * deeply nested groups are refused with the path of the culprit.
 */
import fc from 'fast-check';
import { OscalDocumentError, OscalUnmatchedReferencesError } from './oscal-error';
import { mappingCollection, oneMap, oscalFixture, resolverOver } from './oscal-test-support.fixture';
import { readOscalCatalog } from './read-oscal-catalog';
import { readOscalMappingCollection } from './read-oscal-mapping-collection';

fc.configureGlobal({ seed: Number(process.env.HOSTILE_SEED ?? 20261206), numRuns: Number(process.env.HOSTILE_NUM_RUNS ?? 300) });

const SOURCES = ['ac-1', 'ac-2', 'ac-3'].map((id) => ({ refId: id.toUpperCase(), oscalId: id }));
const TARGETS = ['A.5.1', 'A.5.15', 'A.8.5'].map((refId) => ({ refId }));
const resolve = resolverOver(SOURCES, TARGETS);
const RELATIONSHIPS = ['equivalent-to', 'equal-to', 'subset-of', 'superset-of', 'intersects-with', 'no-relationship'];

const SMALL_CATALOG = {
  catalog: {
    uuid: '11111111-1111-4111-8111-111111111111',
    metadata: { title: 'Small', 'last-modified': '2026-01-01T00:00:00Z', version: '1', 'oscal-version': '1.2.2' },
    groups: [
      {
        id: 'g1',
        title: 'Group',
        controls: [
          {
            id: 'c-1',
            title: 'One',
            params: [{ id: 'c-1_prm_1', label: 'a value' }],
            props: [{ name: 'label', value: 'C-1' }],
            parts: [{ id: 'c-1_smt', name: 'statement', prose: 'Do {{ insert: param, c-1_prm_1 }}.', parts: [{ name: 'item', prose: 'more' }] }],
            controls: [{ id: 'c-1.1', title: 'One point one' }],
          },
          { id: 'c-2', title: 'Two', props: [{ name: 'status', value: 'withdrawn' }] },
        ],
      },
    ],
  },
};
const SMALL_COLLECTION = mappingCollection(
  RELATIONSHIPS.map((relationship, i) => oneMap(SOURCES[i % 3].oscalId, TARGETS[Math.floor(i / 2) % 3].refId, relationship, { coverage: { 'target-coverage': 0.5 } })),
);

type Reader = (doc: unknown) => unknown;
const readers: Record<string, Reader> = {
  catalog: (doc) => readOscalCatalog(doc),
  'mapping-collection': (doc) => readOscalMappingCollection(doc, resolve),
};

/** Reads, and says how it went; an exception that is not OscalDocumentError fails the property. */
function outcome(read: Reader, doc: unknown): 'read' | OscalDocumentError {
  try {
    read(doc);
    return 'read';
  } catch (error) {
    if (error instanceof OscalDocumentError) {
      expect(error.problems.length).toBeGreaterThan(0);
      for (const problem of error.problems) {
        expect(problem.path).toMatch(/^\$/);
        expect(problem.message.length).toBeGreaterThan(0);
      }
      expect(error.code).toBe('BAD_USER_INPUT');
      return error;
    }
    throw error;
  }
}

/** Every path to a value inside `doc`. */
function pathsOf(doc: unknown): Array<Array<string | number>> {
  const out: Array<Array<string | number>> = [];
  const stack: Array<[unknown, Array<string | number>]> = [[doc, []]];
  while (stack.length > 0) {
    const [value, path] = stack.pop()!;
    out.push(path);
    if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) stack.push([child, [...path, Array.isArray(value) ? Number(key) : key]]);
    }
  }
  return out;
}

type Mutation = { op: 'replace'; value: unknown } | { op: 'delete' } | { op: 'add'; key: string; value: unknown } | { op: 'duplicate' };
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('replace' as const), value: fc.oneof(fc.jsonValue(), fc.string({ unit: 'binary' }), fc.constantFrom('', ' x', 'AC-02', '-1', 1e308, -0, null)) }),
  fc.record({ op: fc.constant('delete' as const) }),
  fc.record({ op: fc.constant('add' as const), key: fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'id', 'ns')), value: fc.jsonValue() }),
  fc.record({ op: fc.constant('duplicate' as const) }),
);

function mutate(doc: unknown, path: Array<string | number>, change: Mutation): unknown {
  const copy = structuredClone(doc) as Record<string | number, unknown>;
  if (path.length === 0) return change.op === 'replace' ? change.value : copy;
  const parent = path.slice(0, -1).reduce<Record<string | number, unknown>>((node, key) => node[key] as Record<string | number, unknown>, copy);
  const key = path[path.length - 1];
  if (change.op === 'replace') parent[key] = change.value;
  else if (change.op === 'delete') {
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete parent[key];
  } else if (change.op === 'add') {
    const target = parent[key];
    if (target !== null && typeof target === 'object' && !Array.isArray(target)) Object.defineProperty(target, change.key, { value: change.value, enumerable: true, configurable: true, writable: true });
  } else if (Array.isArray(parent)) parent.push(structuredClone(parent[Number(key)]));
  return copy;
}

describe.each([
  ['catalog', SMALL_CATALOG],
  ['mapping-collection', SMALL_COLLECTION],
])('hostile %s documents', (kind, valid) => {
  const read = readers[kind];
  const paths = pathsOf(valid);

  it('reads the valid starting point', () => {
    expect(outcome(read, valid)).toBe('read');
  });

  it('reads or refuses with a coded OscalDocumentError any JSON value at all', () => {
    fc.assert(fc.property(fc.jsonValue(), (doc) => void outcome(read, doc)));
    fc.assert(fc.property(fc.jsonValue(), (inner) => void outcome(read, { [kind]: inner })));
  });

  it('reads or refuses with a coded OscalDocumentError every mutation of a valid document', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(paths.length - 1), mutation), { minLength: 1, maxLength: 4 }), (changes) => {
        let doc: unknown = valid;
        for (const [index, change] of changes) {
          const available = pathsOf(doc);
          doc = mutate(doc, available[index % available.length], change);
        }
        void outcome(read, doc);
      }),
    );
  });
});

describe('hostile mapping-collections: targeted', () => {
  it('refuses every unknown relationship value at its path', () => {
    fc.assert(
      fc.property(fc.string().filter((s) => !RELATIONSHIPS.includes(s)), (relationship) => {
        const error = outcome(readers['mapping-collection'], mappingCollection([oneMap('ac-1', 'A.5.1', relationship)]));
        expect(error).toBeInstanceOf(OscalDocumentError);
        expect((error as OscalDocumentError).problems[0].path).toBe('$.mapping-collection.mappings[0].maps[0].relationship');
      }),
    );
  });

  it('lists every dangling reference, and only those', () => {
    const known = ['ac-1', 'ac-02', 'AC-3'];
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...known), fc.stringMatching(/^[a-z]{2}-[0-9]{1,3}$/)), { minLength: 1, maxLength: 12 }), (refs) => {
        // One target per map, so that no pair is mapped twice.
        const targets = refs.map((_, i) => ({ refId: `T-${i + 1}` }));
        const lookup = resolverOver(SOURCES, targets);
        const doc = mappingCollection(refs.map((ref, i) => oneMap(ref, targets[i].refId, 'intersects-with')));
        const dangling = new Set(refs.filter((ref) => lookup('source', ref, 'control') === undefined));
        const result = outcome((d) => readOscalMappingCollection(d, lookup), doc);
        if (dangling.size === 0) {
          expect(result).toBe('read');
          return;
        }
        expect(result).toBeInstanceOf(OscalUnmatchedReferencesError);
        expect(new Set((result as OscalUnmatchedReferencesError).references.map((r) => r.ref))).toEqual(dangling);
      }),
    );
  });
});

describe('hostile catalogs: targeted', () => {
  it('refuses a duplicated control anywhere, naming the duplicate id', () => {
    const catalog = oscalFixture('basic-catalog.json') as { catalog: { groups: Array<{ groups?: Array<{ controls?: unknown[] }> }> } };
    const controls = catalog.catalog.groups.flatMap((g) => g.groups ?? []).filter((g) => g.controls && g.controls.length > 0);
    fc.assert(
      fc.property(fc.nat(controls.length - 1), fc.nat(50), (which, at) => {
        const copy = structuredClone(catalog);
        const group = copy.catalog.groups.flatMap((g) => g.groups ?? []).filter((g) => g.controls && g.controls.length > 0)[which];
        const list = group.controls!;
        list.splice(at % (list.length + 1), 0, structuredClone(list[at % list.length]));
        const error = outcome(readers.catalog, copy);
        expect(error).toBeInstanceOf(OscalDocumentError);
        expect((error as OscalDocumentError).message).toMatch(/duplicate (label|id|param id)/);
      }),
      { numRuns: 50 },
    );
  });

  it('refuses deeply nested groups with a clear error at any depth past the limit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 65, max: 30_000 }), (levels) => {
        let group: object = { id: 'leaf', title: 'leaf', controls: [{ id: 'c-1', title: 'c' }] };
        for (let i = 0; i < levels; i += 1) group = { title: `g${i}`, groups: [group] };
        const error = outcome(readers.catalog, { catalog: { ...SMALL_CATALOG.catalog, groups: [group] } });
        expect(error).toBeInstanceOf(OscalDocumentError);
        expect((error as OscalDocumentError).message).toMatch(/nests deeper than 128 levels/);
      }),
      { numRuns: 20 },
    );
  });
});
