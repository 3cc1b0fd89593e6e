import { headingRollUp } from './heading-roll-up';
import { requirementStatus } from './requirement-status';
import { STATUS_NAMES } from './status-code';
import { at, tinyCatalog, tinyTenant, type TinyLink } from './tiny-catalog.fixture';

// A 9001-like clause 9: heading 9 > heading 9.2 > 9.2.1, 9.2.2, and 9.3 under 9; E is an empty heading; A maps in.
const graph = tinyCatalog(
  {
    Q: [
      { ref: '9', assessable: false },
      { ref: '9.2', parent: '9', assessable: false },
      { ref: '9.2.1', parent: '9.2' },
      { ref: '9.2.2', parent: '9.2' },
      { ref: '9.3', parent: '9' },
      { ref: 'E', assessable: false },
    ],
    A: ['a1', 'a2'],
  },
  [['a1', 'EQUAL', 'a2'], ['a2', 'EQUAL', '9.2.2']],
);

function rollUp(links: TinyLink[], excluded: string[] = [], heading = '9.2', maxHops = 1) {
  const status = requirementStatus(graph, tinyTenant(graph, links, excluded), { maxHops });
  const r = headingRollUp(graph, status, at(graph, heading));
  return { ...r, status: STATUS_NAMES[r.status] };
}

describe('headingRollUp', () => {
  it('is NONE with every descendant counted as none when nothing covers it (not a gap of its own)', () => {
    expect(rollUp([])).toMatchObject({ status: 'NONE', weight: 0, inferred: false, counts: { full: 0, partial: 0, none: 2, excluded: 0, applicable: 2 } });
  });

  it('is PARTIAL, scored like a framework, when some but not all descendants are satisfied', () => {
    const r = rollUp([['c', '9.2.1', 'FULL']]);
    expect(r).toMatchObject({ status: 'PARTIAL', counts: { full: 1, none: 1, applicable: 2 } });
    expect(r.weight).toBeCloseTo(0.5, 12);
    const partial = rollUp([['c', '9.2.1', 'PARTIAL']]);
    expect(partial).toMatchObject({ status: 'PARTIAL', counts: { partial: 1, none: 1 } });
    expect(partial.weight).toBeCloseTo(0.25, 12);
  });

  it('is FULL only when every applicable descendant is FULL', () => {
    expect(rollUp([['c', '9.2.1', 'FULL'], ['d', '9.2.2', 'PARTIAL']]).status).toBe('PARTIAL');
    expect(rollUp([['c', '9.2.1', 'FULL'], ['d', '9.2.2', 'FULL']])).toMatchObject({ status: 'FULL', weight: 1 });
    expect(rollUp([['c', '9.2.1', 'FULL']], ['9.2.2'])).toMatchObject({ status: 'FULL', weight: 1, counts: { full: 1, excluded: 1, applicable: 1 } });
  });

  it('ignores a link to the heading itself', () => {
    expect(rollUp([['c', '9.2', 'FULL']])).toMatchObject({ status: 'NONE', counts: { none: 2 } });
  });

  it('rolls up nested headings over all assessable descendants', () => {
    expect(rollUp([['c', '9.2.1', 'FULL'], ['d', '9.2.2', 'FULL']], [], '9')).toMatchObject({ status: 'PARTIAL', counts: { full: 2, none: 1, applicable: 3 } });
  });

  it('is EXCLUDED when every descendant is excluded, through the heading or one by one', () => {
    expect(rollUp([['c', '9.2.1', 'FULL']], ['9.2'])).toMatchObject({ status: 'EXCLUDED', weight: 0, counts: { excluded: 2, applicable: 0 } });
    expect(rollUp([], ['9.2.1', '9.2.2'])).toMatchObject({ status: 'EXCLUDED' });
  });

  it('is NONE for a heading with no assessable descendant', () => {
    expect(rollUp([], [], 'E')).toMatchObject({ status: 'NONE', weight: 0, counts: { applicable: 0, excluded: 0 } });
  });

  it('is inferred only when all its covered descendants are inferred', () => {
    expect(rollUp([['c', 'a1', 'FULL']], [], '9.2', 2)).toMatchObject({ status: 'PARTIAL', inferred: true });
    expect(rollUp([['c', 'a1', 'FULL'], ['d', '9.2.1', 'FULL']], [], '9.2', 2)).toMatchObject({ status: 'FULL', inferred: false });
  });

  it('guards its arguments', () => {
    const status = requirementStatus(graph, tinyTenant(graph, []));
    expect(() => headingRollUp(graph, status, 99)).toThrow('graph/heading-roll-up: requirementIndex must be from 0 to 7, got 99');
    expect(() => headingRollUp(graph, { status: new Uint8Array(1), weight: new Float64Array(1), inferred: new Uint8Array(1) }, 0)).toThrow(
      'graph/heading-roll-up: status must hold status, weight and inferred arrays of length 8',
    );
  });
});
