import { applicabilityCascade, assessableDescendants, DECISION_APPLICABLE, DECISION_EXCLUDED } from './applicability-cascade';
import { requirementStatus } from './requirement-status';
import { STATUS_NAMES } from './status-code';
import { at, tinyCatalog, tinyTenant } from './tiny-catalog.fixture';

// A 9001-like clause 8: heading 8 > heading 8.3 > 8.3.1–8.3.3, and 8.4 directly under 8; X is another framework.
const graph = tinyCatalog({
  Q: [
    { ref: '8', assessable: false },
    { ref: '8.3', parent: '8', assessable: false },
    { ref: '8.3.1', parent: '8.3' },
    { ref: '8.3.2', parent: '8.3' },
    { ref: '8.3.3', parent: '8.3' },
    { ref: '8.4', parent: '8' },
    '9.1',
  ],
  X: ['x1'],
});

function cascade(decided: Record<string, 'in' | 'out'>) {
  const decisions = new Uint8Array(graph.requirementCount);
  for (const [id, d] of Object.entries(decided)) decisions[at(graph, id)] = d === 'in' ? DECISION_APPLICABLE : DECISION_EXCLUDED;
  const result = applicabilityCascade(graph, decisions);
  const excluded = ['8', '8.3', '8.3.1', '8.3.2', '8.3.3', '8.4', '9.1', 'x1'].filter((id) => result.excluded[at(graph, id)] === 1);
  const by = (id: string) => (result.decidedBy[at(graph, id)] < 0 ? null : graph.refId(result.decidedBy[at(graph, id)]));
  return { excluded, by };
}

describe('applicabilityCascade', () => {
  it('applies everything when nothing is decided', () => {
    expect(cascade({})).toMatchObject({ excluded: [] });
    expect(cascade({}).by('8.3.1')).toBeNull();
  });

  it('excluding a heading excludes every descendant, and names the heading as the deciding requirement', () => {
    const { excluded, by } = cascade({ '8.3': 'out' });
    expect(excluded).toEqual(['8.3', '8.3.1', '8.3.2', '8.3.3']);
    expect(by('8.3.2')).toBe('8.3');
    expect(by('8.4')).toBeNull();
  });

  it('cascades through nested headings', () => {
    expect(cascade({ '8': 'out' }).excluded).toEqual(['8', '8.3', '8.3.1', '8.3.2', '8.3.3', '8.4']);
  });

  it('lets the nearest decision win: a descendant included on its own applies under an excluded heading', () => {
    const { excluded, by } = cascade({ '8.3': 'out', '8.3.2': 'in' });
    expect(excluded).toEqual(['8.3', '8.3.1', '8.3.3']);
    expect(by('8.3.2')).toBe('8.3.2');
  });

  it('keeps a descendant excluded on its own when its heading is included again', () => {
    expect(cascade({ '8.3': 'in', '8.3.1': 'out' }).excluded).toEqual(['8.3.1']);
    expect(cascade({ '8': 'out', '8.3': 'in' }).excluded).toEqual(['8', '8.4']);
  });

  it('guards its arguments', () => {
    expect(() => applicabilityCascade(graph, new Uint8Array(2))).toThrow('graph/applicability-cascade: decisions must hold one code per requirement (8)');
  });
});

describe('assessableDescendants', () => {
  it('lists the assessable requirements below a heading, at any depth, and not the heading itself', () => {
    expect(assessableDescendants(graph, at(graph, '8')).map((r) => graph.refId(r))).toEqual(['8.3.1', '8.3.2', '8.3.3', '8.4']);
    expect(assessableDescendants(graph, at(graph, '8.3')).map((r) => graph.refId(r))).toEqual(['8.3.1', '8.3.2', '8.3.3']);
    expect(assessableDescendants(graph, at(graph, '9.1'))).toEqual([]);
  });
});

describe('the tenant state reads exclusions down the tree', () => {
  it('gives the descendants of an excluded heading EXCLUDED status, even where a control covers them', () => {
    const status = requirementStatus(graph, tinyTenant(graph, [['c', '8.3.1', 'FULL'], ['d', '8.4', 'FULL']], ['8.3']));
    expect(['8.3.1', '8.3.2', '8.4'].map((id) => STATUS_NAMES[status.status[at(graph, id)]])).toEqual(['EXCLUDED', 'EXCLUDED', 'FULL']);
  });

  it('lets an own inclusion stop the cascade', () => {
    const status = requirementStatus(graph, tinyTenant(graph, [['c', '8.3.1', 'FULL']], ['8.3'], ['8.3.1']));
    expect(['8.3.1', '8.3.2'].map((id) => STATUS_NAMES[status.status[at(graph, id)]])).toEqual(['FULL', 'EXCLUDED']);
  });
});
