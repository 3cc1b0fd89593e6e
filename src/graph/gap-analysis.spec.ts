import { assumedStatus } from './assumed-status';
import { gapAnalysis } from './gap-analysis';
import { requirementStatus } from './requirement-status';
import { at, tinyCatalog, tinyTenant } from './tiny-catalog.fixture';

describe('gapAnalysis', () => {
  // Have: ISO (i1..i3). Target: AI (t1 EQUAL i1; t2 partly from i2 and i3; t3 untouched; t4 excluded; tx a parent).
  const graph = tinyCatalog(
    { ISO: ['i1', 'i2', 'i3'], AI: [{ ref: 'tx', assessable: false }, { ref: 't1', parent: 'tx' }, 't2', 't3', 't4'] },
    [
      ['i1', 'EQUAL', 't1'],
      ['i2', 'SUBSET_OF', 't2', 4],
      ['i3', 'INTERSECTS_WITH', 't2', 6],
      ['i3', 'NOT_RELATED', 't3'],
      ['i1', 'EQUAL', 't4'],
    ],
  );
  const ids = (list: number[]) => list.map((r) => graph.requirementId(r));

  it('lists the target requirements that are not FULL, with their status, sources and touching controls', () => {
    const tenant = tinyTenant(graph, [['k1', 'i1', 'FULL'], ['k2', 'i2', 'FULL'], ['k3', 'i3', 'FULL'], ['plan', 't3', 'FULL', 'PLANNED']], ['t4']);
    const result = gapAnalysis(graph, requirementStatus(graph, tenant), 1);
    expect(result.framework).toBe(1);
    expect(result.coverage).toMatchObject({ full: 1, partial: 1, none: 1, excluded: 1 });
    expect(ids(result.gaps.map((g) => g.requirement))).toEqual(['t2', 't3']);
    const [t2, t3] = result.gaps;
    expect(t2).toMatchObject({ status: 'PARTIAL', weight: 0.6, inferred: false });
    expect(t2.sources.map((s) => [graph.requirementId(s.source), s.relationship, s.strength, s.hops[0].mappingSetId, s.weight])).toEqual([
      ['i3', 'INTERSECTS_WITH', 6, 'ms:ISO->AI', 0.6],
      ['i2', 'SUBSET_OF', 4, 'ms:ISO->AI', 0.4],
    ]);
    expect(t2.controls.map((c) => c.controlId)).toEqual(['k3', 'k2']); // the stronger path first
    expect(t3).toMatchObject({ status: 'NONE', weight: 0, sources: [] });
    expect(t3.controls.map((c) => [c.controlId, c.status])).toEqual([['plan', 'PLANNED']]);
  });

  it('works from a hypothetical "have": frameworks assumed fully satisfied', () => {
    const result = gapAnalysis(graph, assumedStatus(graph, [0]), 1, { maxSources: 1 });
    expect(ids(result.gaps.map((g) => g.requirement))).toEqual(['t2', 't3']);
    expect(result.gaps[0].sources).toHaveLength(1);
    expect(result.gaps[0].sources[0]).toMatchObject({ source: at(graph, 'i3'), controls: [] });
    expect(result.gaps[0].controls).toEqual([]);
  });

  it('has no gaps when the target is fully covered, and lists everything when nothing is', () => {
    expect(gapAnalysis(graph, assumedStatus(graph, [1]), 1).gaps).toEqual([]);
    expect(gapAnalysis(graph, assumedStatus(graph, []), 1).gaps).toHaveLength(4);
  });

  it('guards its arguments', () => {
    const have = assumedStatus(graph, [0]);
    expect(() => gapAnalysis(graph, have, 2)).toThrow('graph/gap-analysis: targetFrameworkIndex must be a framework index from 0 to 1, got 2');
    expect(() => gapAnalysis(graph, have, 1, { maxSources: -1 })).toThrow('graph/gap-analysis: maxSources must be a non-negative integer, got -1');
    expect(() => gapAnalysis(graph, {} as never, 1)).toThrow('graph/gap-analysis: have must be a RequirementStatus for this graph');
  });
});
