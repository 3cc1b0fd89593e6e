import { normalizeControlRef, requirementLookup } from './normalize-control-ref';

describe('normalizeControlRef', () => {
  it.each([
    ['AC-02', 'ac-2'],
    ['ac-2', 'ac-2'],
    ['AC-2(03)', 'ac-2(3)'],
    ['ac-02.03', 'ac-2.3'],
    ['A.05.15', 'a.5.15'],
    ['  GOVERN   1.1 ', 'govern 1.1'],
    ['CC6.1', 'cc6.1'],
    ['AC-10', 'ac-10'],
    ['AC-0', 'ac-0'],
    ['AC-00', 'ac-0'],
    ['SI-100', 'si-100'],
  ])('%s → %s', (ref, normal) => {
    expect(normalizeControlRef(ref)).toBe(normal);
  });

  it('keeps numbers that differ apart', () => {
    expect(normalizeControlRef('AC-2')).not.toBe(normalizeControlRef('AC-20'));
    expect(normalizeControlRef('AC-2(1)')).not.toBe(normalizeControlRef('AC-2(10)'));
    expect(normalizeControlRef('A.5.1')).not.toBe(normalizeControlRef('A.5.15'));
  });
});

describe('requirementLookup', () => {
  const ac2 = { refId: 'AC-2', oscalId: 'ac-2' };
  const ac23 = { refId: 'AC-2(3)', oscalId: 'ac-2.3' };
  const iso = { refId: 'A.5.15' };
  const find = requirementLookup([ac2, ac23, iso]);

  it('finds a requirement by OSCAL id or label, in any case, zero-padded or not', () => {
    expect(find('ac-2')).toBe(ac2);
    expect(find('AC-02')).toBe(ac2);
    expect(find('ac-02.03')).toBe(ac23);
    expect(find('ac-2(3)')).toBe(ac23);
    expect(find('a.05.15')).toBe(iso);
  });

  it('finds nothing for an unknown reference', () => {
    expect(find('AC-3')).toBeUndefined();
    expect(find('')).toBeUndefined();
  });

  it('prefers an exact match, and refuses a normalized key two requirements share', () => {
    const padded = { refId: 'X-01' };
    const plain = { refId: 'X-1' };
    const lookup = requirementLookup([padded, plain]);
    expect(lookup('x-01')).toBe(padded);
    expect(lookup('X-1')).toBe(plain);
    expect(lookup('X-001')).toBeUndefined();
  });
});
