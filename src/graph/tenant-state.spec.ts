import { type TenantInput, tenantState } from './tenant-state';
import { at, tinyCatalog } from './tiny-catalog.fixture';

const graph = tinyCatalog({ A: ['a1', 'a2', 'a3'] });

function input(overrides: Partial<TenantInput> = {}): TenantInput {
  return {
    controls: [
      { id: 'c1', code: 'C-1', status: 'IMPLEMENTED' },
      { id: 'c2', code: 'C-2', status: 'PLANNED' },
    ],
    links: [
      { controlId: 'c1', requirementId: 'a3', coverage: 'FULL' },
      { controlId: 'c2', requirementId: 'a1', coverage: 'PARTIAL' },
      { controlId: 'c1', requirementId: 'a1', coverage: 'PARTIAL' },
    ],
    excludedRequirementIds: ['a2'],
    ...overrides,
  };
}

describe('tenantState', () => {
  it('indexes controls, groups links by requirement in input order, and flags exclusions', () => {
    const state = tenantState(graph, input());
    expect(state.controls.map((c) => c.code)).toEqual(['C-1', 'C-2']);
    expect(Array.from(state.implemented)).toEqual([1, 0]);
    expect(Array.from(state.linkOffsets)).toEqual([0, 2, 2, 3]);
    expect(Array.from(state.linkControl)).toEqual([1, 0, 0]);
    expect(Array.from(state.linkFull)).toEqual([0, 0, 1]);
    expect(Array.from(state.excluded)).toEqual([0, 1, 0]);
    expect([state.ignoredLinks, state.ignoredExclusions]).toEqual([0, 0]);
  });

  it('ignores, and counts, links and exclusions naming unknown requirements, and links naming unknown controls', () => {
    const state = tenantState(graph, input({
      links: [
        { controlId: 'c1', requirementId: 'gone', coverage: 'FULL' },
        { controlId: 'nobody', requirementId: 'a1', coverage: 'FULL' },
        { controlId: 'c1', requirementId: 'a2', coverage: 'FULL' },
      ],
      excludedRequirementIds: new Set(['gone', 'a3']),
    }));
    expect(Array.from(state.linkOffsets)).toEqual([0, 0, 1, 1]);
    expect(Array.from(state.excluded)).toEqual([0, 0, 1]);
    expect([state.ignoredLinks, state.ignoredExclusions]).toEqual([2, 1]);
    expect(at(graph, 'a2')).toBe(1);
  });

  it('handles an organization with nothing, and an empty catalog', () => {
    const empty = tenantState(graph, { controls: [], links: [], excludedRequirementIds: [] });
    expect([empty.linkControl.length, Array.from(empty.linkOffsets)]).toEqual([0, [0, 0, 0, 0]]);
    expect(tenantState(tinyCatalog({}), input()).linkOffsets).toEqual(Int32Array.from([0]));
  });

  it.each<[string, Partial<TenantInput>, string]>([
    ['a duplicate control', { controls: [{ id: 'c1', code: 'a', status: 'PLANNED' }, { id: 'c1', code: 'b', status: 'PLANNED' }] }, 'duplicate control id "c1"'],
    ['an unknown control status', { controls: [{ id: 'c1', code: 'a', status: 'DONE' as never }] }, 'control "c1" has status "DONE"; expected one of PLANNED, IN_PROGRESS, IMPLEMENTED, NOT_APPLICABLE'],
    ['an unknown coverage', { links: [{ controlId: 'c1', requirementId: 'a1', coverage: 'MOSTLY' as never }] }, 'link c1 → a1 has coverage "MOSTLY"; expected FULL or PARTIAL'],
    ['missing exclusions', { excludedRequirementIds: undefined as never }, 'expected { controls, links, excludedRequirementIds }'],
  ])('refuses %s', (_case, overrides, message) => {
    expect(() => tenantState(graph, input(overrides))).toThrow(`graph/tenant-state: ${message}`);
  });
});
