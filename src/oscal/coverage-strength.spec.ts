import { coverageFromStrength, DEFAULT_PARTIAL_STRENGTH, strengthFromCoverage } from './coverage-strength';

describe('strengthFromCoverage', () => {
  it('gives EQUAL 10 and NOT_RELATED 0 whatever the coverage', () => {
    expect(strengthFromCoverage('EQUAL', 0.2)).toBe(10);
    expect(strengthFromCoverage('EQUAL', undefined)).toBe(10);
    expect(strengthFromCoverage('NOT_RELATED', 0.9)).toBe(0);
  });

  it('keeps partial relationships within 1–9', () => {
    expect(strengthFromCoverage('SUBSET_OF', 0)).toBe(1);
    expect(strengthFromCoverage('SUBSET_OF', 0.04)).toBe(1);
    expect(strengthFromCoverage('SUPERSET_OF', 0.96)).toBe(9);
    expect(strengthFromCoverage('INTERSECTS_WITH', 1)).toBe(9);
    expect(strengthFromCoverage('INTERSECTS_WITH', 0.35)).toBe(4);
    expect(strengthFromCoverage('INTERSECTS_WITH', undefined)).toBe(DEFAULT_PARTIAL_STRENGTH);
  });

  it('round-trips every strength through coverage', () => {
    for (let strength = 1; strength <= 9; strength += 1) expect(strengthFromCoverage('SUBSET_OF', coverageFromStrength(strength))).toBe(strength);
    expect(coverageFromStrength(10)).toBe(1);
    expect(coverageFromStrength(0)).toBe(0);
  });
});
