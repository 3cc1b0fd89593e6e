import { isContainment, type Relationship } from '../graph/relationship';
import type { EdgeDoc, FrameworkDoc, MappingFiles, MappingSetDoc, ParsedFile, RequirementDoc } from './mapping-files';
import { frameworkKey, validateMappingFiles } from './mapping-files.validator';

const lineOf = () => 7;

function req(id: string, parent?: string, extra: Partial<RequirementDoc> = {}): RequirementDoc {
  return { id, ...(parent === undefined ? {} : { parent }), title: `Title ${id}`, kind: 'clause', ...extra };
}

function framework(code: string, version: string, requirements: RequirementDoc[], file = `frameworks/${code}-${version}.yaml`, name = code): ParsedFile<FrameworkDoc> {
  const doc: FrameworkDoc = { code, version, name, publisher: 'Pub', kind: 'CONTROL_CATALOG', licence: 'CC0', sources: [{ title: 'S' }], requirements };
  return { file, doc, lineOf };
}

/** An edge that meets the strict-containment rules: containment comes with evidence, weak containment with a note. */
function edge(source: string, target: string, relationship: Relationship = 'INTERSECTS_WITH', strength = 5): EdgeDoc {
  const grounds = isContainment(relationship) ? { evidence: [`${source}'s only demand, made by ${target} too`], ...(strength <= 3 ? { note: 'Why so weak a containment.' } : {}) } : {};
  return { source, target, relationship, rationale: 'SEMANTIC', strength, ...grounds };
}

function mappingSet(id: string, source: string, target: string, edges: EdgeDoc[], extra: Partial<MappingSetDoc> = {}, file = `crosswalks/${id}.yaml`): ParsedFile<MappingSetDoc> {
  const doc: MappingSetDoc = {
    id,
    name: id,
    source,
    target,
    comprehensive: false,
    provenance: { method: 'human', status: 'draft', author: 'A', date: '2026-01-31', licence: 'CC0', sources: [{ title: 'S' }] },
    edges,
    ...extra,
  };
  return { file, doc, lineOf };
}

function validate(frameworks: ParsedFile<FrameworkDoc>[], mappingSets: ParsedFile<MappingSetDoc>[] = []) {
  const files: MappingFiles = { frameworks, mappingSets, contentHash: 'abc123' };
  return validateMappingFiles(files);
}

/** SRC:1 with a heading "1" over "1.1" and "1.2", and a leaf "2"; TGT:1 with leaves "A", "B" and a heading "X" over "X.1". */
const SRC = () => framework('SRC', '1', [req('1'), req('1.1', '1'), req('1.2', '1'), req('2')]);
const TGT = () => framework('TGT', '1', [req('A'), req('B'), req('X'), req('X.1', 'X')]);

describe('validateMappingFiles: requirement trees', () => {
  it('accepts a well-formed framework and copies it into the catalog', () => {
    const { catalog, errors } = validate([SRC()]);
    expect(errors).toEqual([]);
    expect(catalog.contentHash).toBe('abc123');
    expect(catalog.frameworks).toHaveLength(1);
    const { requirements, ...rest } = catalog.frameworks[0];
    expect(rest).toEqual({
      code: 'SRC',
      version: '1',
      name: 'SRC',
      publisher: 'Pub',
      kind: 'CONTROL_CATALOG',
      description: null,
      licence: 'CC0',
      sources: [{ title: 'S' }],
    });
    expect(requirements[1]).toEqual({
      refId: '1.1',
      parentRefId: '1',
      title: 'Title 1.1',
      text: null,
      kind: 'clause',
      assessable: true,
      hsClause: null,
      noMappingReason: null,
      aiRoles: null,
      roleNote: null,
      position: 1,
      depth: 1,
    });
  });

  it.each([
    ['a duplicate requirement id', [req('1'), req('2'), req('1')], '/requirements/2/id', 'duplicate requirement id; first defined at /requirements/0', '1'],
    ['a parent that is not in the file', [req('1'), req('1.1', '9')], '/requirements/1/parent', 'parent is not a requirement id in this file', '9'],
    ['a requirement that is its own parent', [req('1'), req('2', '2')], '/requirements/1/parent', 'a requirement cannot be its own parent', '2'],
  ])('reports %s', (_case, requirements, path, message, value) => {
    const { errors } = validate([framework('F', '1', requirements)]);
    expect(errors).toEqual([{ file: 'frameworks/F-1.yaml', line: 7, path, message, value }]);
  });

  it('reports a 2-cycle and a 3-cycle once each, naming their ids, and still gives every requirement a depth', () => {
    const requirements = [
      req('root'),
      req('tail', 'a'), // hangs off the 2-cycle, is walked first
      req('a', 'b'),
      req('b', 'a'),
      req('c', 'e'),
      req('d', 'c'),
      req('e', 'd'),
    ];
    const { catalog, errors } = validate([framework('F', '1', requirements)]);
    expect(errors).toEqual([
      { file: 'frameworks/F-1.yaml', line: 7, path: '/requirements/2/parent', message: 'cycle in the requirement tree: a → b → a', value: 'a' },
      { file: 'frameworks/F-1.yaml', line: 7, path: '/requirements/4/parent', message: 'cycle in the requirement tree: c → e → d → c', value: 'c' },
    ]);
    const depths = catalog.frameworks[0].requirements.map((r) => [r.refId, r.depth]);
    expect(depths).toEqual([['root', 0], ['tail', 1], ['a', 0], ['b', 0], ['c', 0], ['d', 0], ['e', 0]]);
  });

  it('computes depth and position on a small tree whatever the order of the rows', () => {
    const requirements = [req('1.1.1', '1.1'), req('1'), req('1.1', '1'), req('1.2', '1'), req('2'), req('1.1.1.1', '1.1.1')];
    const { catalog, errors } = validate([framework('F', '1', requirements)]);
    expect(errors).toEqual([]);
    expect(catalog.frameworks[0].requirements.map((r) => [r.refId, r.parentRefId, r.position, r.depth])).toEqual([
      ['1.1.1', '1.1', 0, 2],
      ['1', null, 1, 0],
      ['1.1', '1', 2, 1],
      ['1.2', '1', 3, 1],
      ['2', null, 4, 0],
      ['1.1.1.1', '1.1.1', 5, 3],
    ]);
  });

  it('makes leaves assessable and parents not, unless the file says otherwise', () => {
    const requirements = [
      req('1'),
      req('1.1', '1'),
      req('2', undefined, { assessable: true }),
      req('2.1', '2', { assessable: false }),
      req('3'),
      req('4', undefined, { assessable: false }),
    ];
    const { catalog } = validate([framework('F', '1', requirements)]);
    expect(catalog.frameworks[0].requirements.map((r) => [r.refId, r.assessable])).toEqual([
      ['1', false],
      ['1.1', true],
      ['2', true],
      ['2.1', false],
      ['3', true],
      ['4', false],
    ]);
  });

  it('reports a framework code and version defined twice, keeping the first file', () => {
    const first = framework('F', '1', [req('1')], 'frameworks/a.yaml', 'First');
    const second = framework('F', '1', [req('1')], 'frameworks/b.yaml', 'Second');
    const other = framework('F', '2', [req('1')], 'frameworks/c.yaml', 'Other version');
    const { catalog, errors } = validate([first, second, other]);
    expect(errors).toEqual([{ file: 'frameworks/b.yaml', line: 7, path: '/code', message: 'F:1 is already defined in frameworks/a.yaml', value: 'F:1' }]);
    expect(catalog.frameworks.map((f) => f.name)).toEqual(['First', 'Other version']);
    expect(frameworkKey('F', '1')).toBe('F:1');
  });
});

describe('validateMappingFiles: mapping sets', () => {
  it('accepts a valid set and records its frameworks', () => {
    const set = mappingSet('s', 'SRC:1', 'TGT:1', [edge('1.1', 'A')]);
    const { catalog, errors } = validate([SRC(), TGT()], [set]);
    expect(errors).toEqual([]);
    expect(catalog.mappingSets).toEqual([
      { key: 's', file: 'crosswalks/s.yaml', doc: set.doc, sourceCode: 'SRC', sourceVersion: '1', targetCode: 'TGT', targetVersion: '1' },
    ]);
  });

  it('reports a mapping set id used twice, keeping the first set', () => {
    const a = mappingSet('s', 'SRC:1', 'TGT:1', [], {}, 'crosswalks/a.yaml');
    const b = mappingSet('s', 'TGT:1', 'SRC:1', [], {}, 'crosswalks/b.yaml');
    const { catalog, errors } = validate([SRC(), TGT()], [a, b]);
    expect(errors).toEqual([{ file: 'crosswalks/b.yaml', line: 7, path: '/id', message: 'mapping set id is already used by crosswalks/a.yaml', value: 's' }]);
    expect(catalog.mappingSets.map((s) => s.file)).toEqual(['crosswalks/a.yaml']);
  });

  it.each([
    ['source', 'NOPE:1', 'TGT:1', [['/source', 'NOPE:1']]],
    ['target', 'SRC:1', 'SRC:2', [['/target', 'SRC:2']]],
    ['source and target', 'A:1', 'B:1', [['/source', 'A:1'], ['/target', 'B:1']]],
  ])('reports a %s framework that no file defines, and drops the set', (_case, source, target, expected) => {
    const { catalog, errors } = validate([SRC(), TGT()], [mappingSet('s', source, target, [edge('1.1', 'A')])]);
    expect(errors).toEqual(
      expected.map(([path, value]) => ({ file: 'crosswalks/s.yaml', line: 7, path, message: `no framework file defines ${value}; known: SRC:1, TGT:1`, value })),
    );
    expect(catalog.mappingSets).toEqual([]);
    expect(catalog.stats).toEqual([]);
  });

  it.each([
    ['source', edge('9', 'A'), '/edges/0/source', 'no requirement with this id in SRC:1', '9'],
    ['target', edge('1.1', 'Z'), '/edges/0/target', 'no requirement with this id in TGT:1', 'Z'],
  ])('reports an edge %s that is not in its framework', (_case, e, path, message, value) => {
    const { errors } = validate([SRC(), TGT()], [mappingSet('s', 'SRC:1', 'TGT:1', [e])]);
    expect(errors).toEqual([{ file: 'crosswalks/s.yaml', line: 7, path, message, value }]);
  });

  it('reports an edge from a requirement to itself within one framework, but not the same id across frameworks', () => {
    const same = validate([SRC()], [mappingSet('s', 'SRC:1', 'SRC:1', [edge('1.1', '1.2'), edge('2', '2')])]);
    expect(same.errors).toEqual([{ file: 'crosswalks/s.yaml', line: 7, path: '/edges/1/target', message: 'an edge cannot join a requirement to itself', value: '2' }]);
    const across = validate([SRC(), framework('OTHER', '1', [req('2')])], [mappingSet('s', 'SRC:1', 'OTHER:1', [edge('2', '2')])]);
    expect(across.errors).toEqual([]);
  });

  it('reports a duplicate edge, whatever its relationship', () => {
    const edges = [edge('1.1', 'A', 'EQUAL', 10), edge('1.2', 'A'), edge('1.1', 'A', 'SUBSET_OF', 3)];
    const { errors } = validate([SRC(), TGT()], [mappingSet('s', 'SRC:1', 'TGT:1', edges)]);
    expect(errors).toEqual([{ file: 'crosswalks/s.yaml', line: 7, path: '/edges/2', message: 'duplicate edge 1.1 → A; first at /edges/0', value: undefined }]);
  });

  it.each<[Relationship, number, string | null]>([
    ['EQUAL', 10, null],
    ['EQUAL', 9, 'exactly 10'],
    ['NOT_RELATED', 0, null],
    ['NOT_RELATED', 1, 'exactly 0'],
    ['SUBSET_OF', 1, null],
    ['SUBSET_OF', 0, '1 to 9'],
    ['SUPERSET_OF', 9, null],
    ['SUPERSET_OF', 10, '1 to 9'],
    ['INTERSECTS_WITH', 5, null],
    ['INTERSECTS_WITH', 10, '1 to 9'],
    ['INTERSECTS_WITH', 0, '1 to 9'],
  ])('checks the strength of a %s edge: %i', (relationship, strength, allowed) => {
    const { errors } = validate([SRC(), TGT()], [mappingSet('s', 'SRC:1', 'TGT:1', [edge('1.1', 'A', relationship, strength)])]);
    expect(errors).toEqual(
      allowed === null
        ? []
        : [{ file: 'crosswalks/s.yaml', line: 7, path: '/edges/0/strength', message: `${relationship} edges take strength ${allowed} (NIST IR 8278A)`, value: strength }],
    );
  });

  const HINT = 'is not assessable; map its assessable children, or set allowNonAssessable: true on the set';

  it('reports edges to requirements that are not assessable', () => {
    const { errors } = validate([SRC(), TGT()], [mappingSet('s', 'SRC:1', 'TGT:1', [edge('1', 'A'), edge('2', 'X')])]);
    expect(errors).toEqual([
      { file: 'crosswalks/s.yaml', line: 7, path: '/edges/0/source', message: `SRC:1 1 ${HINT}`, value: '1' },
      { file: 'crosswalks/s.yaml', line: 7, path: '/edges/1/target', message: `TGT:1 X ${HINT}`, value: 'X' },
    ]);
  });

  it.each([
    ['allowNonAssessable: true', { allowNonAssessable: true }, []],
    ['allowNonAssessable: false', { allowNonAssessable: false }, ['/edges/0/source', '/edges/1/target']],
  ])('applies %s on the set', (_case, extra, paths) => {
    const { errors } = validate([SRC(), TGT()], [mappingSet('s', 'SRC:1', 'TGT:1', [edge('1', 'A'), edge('2', 'X')], extra)]);
    expect(errors.map((e) => e.path)).toEqual(paths);
  });

  it('counts rows, relationships, and touched against assessable requirements per set', () => {
    const src = framework('SRC', '1', [req('1'), req('1.1', '1'), req('1.2', '1'), req('2'), req('3')]);
    const tgt = framework('TGT', '1', [req('A'), req('B'), req('C'), req('X'), req('X.1', 'X')]);
    const edges = [
      edge('1.1', 'A', 'EQUAL', 10),
      edge('1.1', 'B', 'SUBSET_OF', 5),
      edge('1.2', 'B', 'INTERSECTS_WITH', 3),
      edge('1.2', 'A', 'INTERSECTS_WITH', 4),
      edge('2', 'X.1', 'NOT_RELATED', 0),
      edge('2', 'A', 'SUPERSET_OF', 6),
    ];
    const { catalog, errors } = validate([src, tgt], [mappingSet('s', 'SRC:1', 'TGT:1', edges)]);
    expect(errors).toEqual([]);
    expect(catalog.stats).toEqual([
      {
        key: 's',
        file: 'crosswalks/s.yaml',
        source: 'SRC:1',
        target: 'TGT:1',
        rows: 6,
        relationships: { EQUAL: 1, SUBSET_OF: 1, SUPERSET_OF: 1, INTERSECTS_WITH: 2, NOT_RELATED: 1 },
        sourceTouched: 3,
        sourceAssessable: 4,
        targetTouched: 3,
        targetAssessable: 4,
      },
    ]);
  });
});

describe('validateMappingFiles: strict containment (issue 9)', () => {
  const check = (edges: EdgeDoc[], frameworks = [SRC(), TGT()], source = 'SRC:1', target = 'TGT:1') =>
    validate(frameworks, [mappingSet('s', source, target, edges)]).errors;
  const bare = (relationship: Relationship, strength: number, extra: Partial<EdgeDoc> = {}): EdgeDoc => ({ source: '1.1', target: 'A', relationship, rationale: 'SEMANTIC', strength, ...extra });

  it.each([
    ['EQUAL', 10],
    ['SUBSET_OF', 7],
    ['SUPERSET_OF', 7],
  ] as const)('refuses a %s edge without evidence, naming the edge and the way out', (relationship, strength) => {
    const errors = check([bare(relationship, strength)]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ path: '/edges/0', message: expect.stringMatching(new RegExp(`^${relationship} edge 1\\.1 → A needs evidence: .*or type it INTERSECTS_WITH$`)) });
    expect(check([bare(relationship, strength, { evidence: ['the demand, and where the container makes it'] })])).toEqual([]);
  });

  it('refuses evidence on INTERSECTS_WITH and NOT_RELATED: evidence grounds containment only', () => {
    const errors = check([bare('INTERSECTS_WITH', 5, { evidence: ['a shared demand of both'] }), { ...bare('NOT_RELATED', 0, { evidence: ['nothing shared at all'] }), target: 'B' }]);
    expect(errors.map((e) => e.path)).toEqual(['/edges/0/evidence', '/edges/1/evidence']);
    expect(errors[0].message).toMatch(/a INTERSECTS_WITH edge takes none/);
  });

  it('needs a note on containment at strength 3 or less, and not above', () => {
    const evidence = ['the demand, and where the container makes it'];
    expect(check([bare('SUBSET_OF', 3, { evidence })]).map((e) => e.path)).toEqual(['/edges/0/strength']);
    expect(check([bare('SUBSET_OF', 3, { evidence, note: 'Contained, but a small part of the container.' })])).toEqual([]);
    expect(check([bare('SUBSET_OF', 4, { evidence })])).toEqual([]);
    expect(check([bare('INTERSECTS_WITH', 2)])).toEqual([]);
  });

  const MSS = (code: string, kind = 'clause') => {
    const f = framework(code, '1', [req('7.2', undefined, { kind }), req('A.1', undefined, { kind: 'control' })]);
    f.doc.kind = 'MANAGEMENT_SYSTEM_STANDARD';
    return f;
  };
  const conditional = (source: string, target: string, relationship: Relationship = 'EQUAL'): EdgeDoc => ({
    source,
    target,
    relationship,
    rationale: 'SYNTACTIC',
    strength: relationship === 'EQUAL' ? 10 : relationship === 'NOT_RELATED' ? 0 : 7,
    condition: 'SAME_MANAGEMENT_SYSTEM',
    ...(isContainment(relationship) ? { evidence: ['competence of people doing the work, with records'] } : {}),
  });

  it('allows SAME_MANAGEMENT_SYSTEM between clauses of two management-system standards', () => {
    expect(check([conditional('7.2', '7.2')], [MSS('ISMS'), MSS('AIMS')], 'ISMS:1', 'AIMS:1')).toEqual([]);
  });

  it('refuses SAME_MANAGEMENT_SYSTEM on a control, or where either side is not a management-system standard', () => {
    const onControl = check([conditional('A.1', '7.2')], [MSS('ISMS'), MSS('AIMS')], 'ISMS:1', 'AIMS:1');
    expect(onControl).toHaveLength(1);
    expect(onControl[0]).toMatchObject({ path: '/edges/0/condition', message: expect.stringMatching(/clause-level requirements of two management-system standards only; here ISMS:1 A\.1 is a control/) });
    const notMss = check([conditional('7.2', '7.2')], [MSS('ISMS'), framework('SOC', '1', [req('7.2')])], 'ISMS:1', 'SOC:1');
    expect(notMss.map((e) => e.path)).toEqual(['/edges/0/condition']);
  });

  it('refuses a condition on an edge that claims no containment', () => {
    const errors = check([conditional('7.2', '7.2', 'INTERSECTS_WITH')], [MSS('ISMS'), MSS('AIMS')], 'ISMS:1', 'AIMS:1');
    expect(errors.map((e) => [e.path, e.message])).toEqual([['/edges/0/condition', expect.stringMatching(/already reads the same without it/)]]);
  });
});

describe('validateMappingFiles: AI-role tags', () => {
  const NOTE = 'Concerns whoever builds the model.';
  function mss(requirements: RequirementDoc[]): ParsedFile<FrameworkDoc> {
    const f = framework('MSS', '1', requirements);
    f.doc.kind = 'MANAGEMENT_SYSTEM_STANDARD';
    return f;
  }

  it('loads a tagged Annex control with its roles in canonical order and its note', () => {
    const { catalog, errors } = validate([
      mss([req('4'), req('A'), req('A.1', 'A', { kind: 'control', aiRoles: ['AI_PARTNER', 'AI_PRODUCER'], roleNote: NOTE })]),
    ]);
    expect(errors).toEqual([]);
    expect(catalog.frameworks[0].requirements[2]).toMatchObject({ refId: 'A.1', aiRoles: ['AI_PRODUCER', 'AI_PARTNER'], roleNote: NOTE });
    expect(catalog.frameworks[0].requirements[0]).toMatchObject({ refId: '4', aiRoles: null, roleNote: null });
  });

  it('refuses a tag on a clause of a management-system standard (clauses 4–10 bind every role)', () => {
    const { errors } = validate([mss([req('4'), req('4.1', '4', { aiRoles: ['AI_PRODUCER'], roleNote: NOTE })])]);
    expect(errors).toEqual([
      expect.objectContaining({
        path: '/requirements/1/aiRoles',
        message: 'MSS 4.1 is a management-system clause, mandatory for every role; tag Annex controls only, and leave clauses untagged',
        value: ['AI_PRODUCER'],
      }),
    ]);
  });

  it('allows a tag on a clause-kind requirement of a framework that is not a management-system standard', () => {
    const { errors } = validate([framework('RMF', '1', [req('MAP 1.1', undefined, { aiRoles: ['AI_PRODUCER'], roleNote: NOTE })])]);
    expect(errors).toEqual([]);
  });

  it('refuses a tag without its roleNote, and a roleNote without a tag', () => {
    const { errors } = validate([
      mss([req('A'), req('A.1', 'A', { kind: 'control', aiRoles: ['AI_CUSTOMER'] }), req('A.2', 'A', { kind: 'control', roleNote: NOTE })]),
    ]);
    expect(errors.map((e) => [e.path, e.message])).toEqual([
      ['/requirements/1/aiRoles', 'MSS A.1 has aiRoles but no roleNote; say in our own words why it concerns AI_CUSTOMER'],
      ['/requirements/2/roleNote', 'roleNote explains an aiRoles tag; add aiRoles, or drop the note (untagged means every role)'],
    ]);
  });
});
