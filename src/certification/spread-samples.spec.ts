import { type SampleItem, spreadSamples } from './spread-samples';

const item = (ids: string, priority = false): SampleItem => ({
  requirements: ids.split(' ').map((id) => ({ id, framework: id.split('.')[0] })),
  priority,
});
const ids = (items: SampleItem[]) => items.map((i) => i.requirements.map((r) => r.id).join('+'));

describe('spreadSamples', () => {
  it('samples every item once, priority items at the first audit, the rest balanced', () => {
    const items = [item('A.1'), item('A.2'), item('A.3', true), item('A.4'), item('A.5', true)];
    const { perAudit, unplaced } = spreadSamples([['A'], ['A']], items);
    expect(perAudit.map(ids)).toEqual([['A.3', 'A.5', 'A.4'], ['A.1', 'A.2']]);
    expect(unplaced).toEqual([]);
    expect(perAudit.flat()).toHaveLength(items.length);
  });

  it('a shared item goes once to an audit holding all its standards', () => {
    const { perAudit } = spreadSamples([['A'], ['A', 'B'], ['B']], [item('A.1 B.1'), item('A.2'), item('B.2')]);
    expect(perAudit.map(ids)).toEqual([['A.2'], ['A.1+B.1'], ['B.2']]);
  });

  it('is split per standard when no audit holds all of them, and unplaced when its standard has no audit', () => {
    const { perAudit, unplaced } = spreadSamples([['A'], ['B']], [item('A.1 B.1', true), item('C.1')]);
    expect(perAudit.map(ids)).toEqual([['A.1'], ['B.1']]);
    expect(ids(unplaced)).toEqual(['C.1']);
  });

  it('with no items, nothing is sampled', () => {
    expect(spreadSamples([['A']], []).perAudit).toEqual([[]]);
  });
});
