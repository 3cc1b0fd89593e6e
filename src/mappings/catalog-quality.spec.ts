import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isContainment, type Relationship } from '../graph/relationship';
import { checkCatalogQuality } from './catalog-quality';
import type { FrameworkDoc, MappingSetDoc, ParsedFile, QualityPolicyDoc, RequirementDoc } from './mapping-files';
import { readQualityPolicy } from './mapping-files.reader';
import { validateMappingFiles } from './mapping-files.validator';

const lineOf = () => 3;
const req = (id: string, parent?: string, extra: Partial<RequirementDoc> = {}): RequirementDoc => ({ id, ...(parent ? { parent } : {}), title: id, kind: 'control', ...extra });
const framework = (code: string, requirements: RequirementDoc[]): ParsedFile<FrameworkDoc> => ({
  file: `frameworks/${code}.yaml`,
  lineOf,
  doc: { code, version: '1', name: code, publisher: 'P', kind: 'CONTROL_CATALOG', licence: 'CC0', sources: [{ title: 'S' }], requirements },
});
const set = (id: string, edges: Array<[string, string, Relationship]>): ParsedFile<MappingSetDoc> => ({
  file: `crosswalks/${id}.yaml`,
  lineOf,
  doc: {
    id,
    name: id,
    source: 'S:1',
    target: 'T:1',
    comprehensive: true,
    provenance: { method: 'human', status: 'draft', author: 'A', date: '2026-01-01', licence: 'CC0', sources: [{ title: 'S' }] },
    edges: edges.map(([source, target, relationship]) => ({
      source,
      target,
      relationship,
      rationale: 'SEMANTIC' as const,
      strength: relationship === 'EQUAL' ? 10 : relationship === 'NOT_RELATED' ? 0 : 5,
      ...(isContainment(relationship) ? { evidence: [`${source}'s one demand, made by ${target} as well`] } : {}),
    })),
  },
});

/** S:1 has a heading A over a1, a2, a3 and a top-level leaf b; T:1 has leaves t1, t2. */
function check(edges: Array<[string, string, Relationship]>, policy: QualityPolicyDoc, extra: Partial<RequirementDoc> = {}) {
  const { catalog, errors } = validateMappingFiles({
    frameworks: [framework('S', [req('A'), req('a1', 'A'), req('a2', 'A'), req('a3', 'A', extra), req('b')]), framework('T', [req('t1'), req('t2')])],
    mappingSets: [set('s-t', edges)],
    contentHash: 'h',
  });
  expect(errors).toEqual([]);
  return checkCatalogQuality(catalog, { file: 'quality.yaml', lineOf, doc: policy });
}

describe('checkCatalogQuality: coverage', () => {
  it('counts assessable requirements below `under` that a relationship touches, from either end', () => {
    const { report, errors } = check([['a1', 't1', 'EQUAL'], ['a2', 't2', 'SUBSET_OF']], {
      coverage: [{ framework: 'S:1', under: 'A', minimumShare: 0.6 }, { framework: 'T:1', minimumShare: 1 }],
    });
    expect(errors).toEqual([]);
    expect(report.coverage).toEqual([
      { framework: 'S:1', under: 'A', minimumShare: 0.6, assessable: 3, covered: 2, excused: 0, uncovered: ['a3'] },
      { framework: 'T:1', under: undefined, minimumShare: 1, assessable: 2, covered: 2, excused: 0, uncovered: [] },
    ]);
  });

  it('fails under the bar, naming the requirements without a relationship', () => {
    const { errors } = check([['a1', 't1', 'EQUAL']], { coverage: [{ framework: 'S:1', under: 'A', minimumShare: 1 }] });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ file: 'quality.yaml', path: '/coverage/0/minimumShare', line: 3 });
    expect(errors[0].message).toMatch(/1 of 3 assessable .*33\.3%.*100% bar; without one: a2, a3$/);
  });

  it('does not count NOT_RELATED as a relationship', () => {
    const { report } = check([['a1', 't1', 'NOT_RELATED']], { coverage: [{ framework: 'T:1', minimumShare: 0 }] });
    expect(report.coverage[0]).toMatchObject({ covered: 0, uncovered: ['t1', 't2'] });
  });

  it('accepts a noMappingReason as accounting for a requirement', () => {
    const { report, errors } = check([['a1', 't1', 'EQUAL'], ['a2', 't1', 'EQUAL']], { coverage: [{ framework: 'S:1', under: 'A', minimumShare: 1 }] }, {
      noMappingReason: 'No counterpart exists in T, see the set description.',
    });
    expect(errors).toEqual([]);
    expect(report.coverage[0]).toMatchObject({ covered: 2, excused: 1, uncovered: [] });
  });

  it('reports a rule naming a framework or a root that is not there', () => {
    const { errors } = check([], { coverage: [{ framework: 'X:1', minimumShare: 1 }, { framework: 'S:1', under: 'b', minimumShare: 1 }] });
    expect(errors.map((e) => e.path)).toEqual(['/coverage/0/framework', '/coverage/1/under']);
  });
});

describe('checkCatalogQuality: relationship mix, a statistic with no bar', () => {
  it('reports the share of EQUAL, SUBSET_OF and SUPERSET_OF over all edges, and passes however low it is', () => {
    const edges: Array<[string, string, Relationship]> = [['a1', 't1', 'EQUAL'], ['a2', 't1', 'SUPERSET_OF'], ['a3', 't1', 'INTERSECTS_WITH'], ['b', 't2', 'NOT_RELATED']];
    expect(check(edges, {}).report).toMatchObject({ strongShare: 0.5, edges: 4 });
    const weak = check([['a1', 't1', 'INTERSECTS_WITH'], ['a2', 't2', 'INTERSECTS_WITH']], {});
    expect(weak.report.strongShare).toBe(0);
    expect(weak.errors).toEqual([]);
  });

  it('lists the sets whose relationships are all INTERSECTS_WITH, NOT_RELATED aside, without refusing them', () => {
    const only = check([['a1', 't1', 'INTERSECTS_WITH'], ['a2', 't2', 'NOT_RELATED']], {});
    expect(only.report.intersectsOnlySets).toEqual(['s-t']);
    expect(only.errors).toEqual([]);
    expect(check([['a1', 't1', 'INTERSECTS_WITH'], ['a2', 't2', 'SUBSET_OF']], {}).report.intersectsOnlySets).toEqual([]);
  });

  it('refuses the withdrawn quota fields, so a stale quality.yaml cannot silently keep one', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-quality-'));
    try {
      fs.writeFileSync(path.join(dir, 'quality.yaml'), 'strongRelationshipShare: 0.3\n');
      const { errors } = readQualityPolicy(dir);
      expect(errors).toHaveLength(1);
      expect(JSON.stringify(errors[0])).toMatch(/strongRelationshipShare/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
