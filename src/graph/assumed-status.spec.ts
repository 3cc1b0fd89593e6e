import { assumedStatus } from './assumed-status';
import { STATUS_NAMES } from './status-code';
import { at, tinyCatalog } from './tiny-catalog.fixture';

describe('assumedStatus', () => {
  const graph = tinyCatalog({ A: [{ ref: 'ax', assessable: false }, 'a1'], B: ['b1', 'b2'] }, [
    ['a1', 'INTERSECTS_WITH', 'b1', 3],
    ['ax', 'EQUAL', 'b2'],
  ]);

  it('takes every assessable requirement of the frameworks as FULL, and explains without controls', () => {
    const status = assumedStatus(graph, [0]);
    expect(Array.from(status.status, (s) => STATUS_NAMES[s])).toEqual(['NONE', 'FULL', 'PARTIAL', 'NONE']);
    expect(status.explain(at(graph, 'b1'))).toEqual([expect.objectContaining({ source: at(graph, 'a1'), controls: [], weight: 0.3 })]);
    expect(status.controlsTouching(at(graph, 'b1'))).toEqual([]);
  });

  it('assumes nothing for no frameworks, and guards its arguments', () => {
    expect(Array.from(assumedStatus(graph, []).status)).toEqual([0, 0, 0, 0]);
    expect(() => assumedStatus(graph, [2])).toThrow('graph/assumed-status: frameworkIndexes must be a framework index from 0 to 1, got 2');
    expect(() => assumedStatus(graph, [0], { maxHops: 4 })).toThrow('graph/assumed-status: maxHops must be an integer from 1 to 3, got 4');
  });
});
