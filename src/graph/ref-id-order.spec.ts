import { compareRefIds } from './ref-id-order';

describe('compareRefIds', () => {
  it.each([
    ['A.5.9', 'A.5.10'],
    ['CC2.1', 'CC10.1'],
    ['4.4', '10.1'],
    ['9.2', '9.2.1'],
    ['GOVERN 1.1', 'GOVERN 1.2'],
    ['GOVERN 6.2', 'MAP 1.1'],
    ['01', '1'], // same number: plain string order decides
    ['A.5', 'B.1'],
  ])('puts %s before %s', (a, b) => {
    expect(compareRefIds(a, b)).toBeLessThan(0);
    expect(compareRefIds(b, a)).toBeGreaterThan(0);
  });

  it('finds equal ids equal, the empty id first, and sorts a list naturally', () => {
    expect(compareRefIds('A.1', 'A.1')).toBe(0);
    expect(compareRefIds('', 'A')).toBeLessThan(0);
    expect(['A.10', 'A.2', 'A.1.3', 'A.1'].sort(compareRefIds)).toEqual(['A.1', 'A.1.3', 'A.2', 'A.10']);
  });
});
