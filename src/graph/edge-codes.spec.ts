import { compose } from './compose';
import { composeCodes, inverseCode, NO_RATIONALE, passesStatus, rationaleCode, rationaleOf, relationshipCode, relationshipOf } from './edge-codes';
import { inverse, RATIONALES, RELATIONSHIPS } from './relationship';

describe('edge codes', () => {
  it('round-trips every relationship and rationale, and rejects anything else', () => {
    for (const r of RELATIONSHIPS) expect(relationshipOf(relationshipCode(r))).toBe(r);
    for (const r of [...RATIONALES, null]) expect(rationaleOf(rationaleCode(r))).toBe(r);
    expect(rationaleCode(null)).toBe(NO_RATIONALE);
    expect([relationshipCode('SAME'), rationaleCode('VIBES'), rationaleCode(undefined)]).toEqual([-1, -1, -1]);
  });

  it('composes and inverts over codes exactly as over names', () => {
    for (const a of RELATIONSHIPS) {
      expect(relationshipOf(inverseCode(relationshipCode(a)))).toBe(inverse(a));
      for (const b of RELATIONSHIPS) {
        const code = composeCodes(relationshipCode(a), relationshipCode(b));
        expect(code < 0 ? null : relationshipOf(code)).toBe(compose(a, b));
      }
    }
  });

  it('lets EQUAL and SUPERSET_OF alone hand status on', () => {
    expect(RELATIONSHIPS.filter((r) => passesStatus(relationshipCode(r)))).toEqual(['EQUAL', 'SUPERSET_OF']);
  });
});
