import { formatCalendarDate, parseCalendarDate } from './calendar-date';
import { certificationCycle } from './certification-cycle';

const d = (s: string) => parseCalendarDate(s)!;
const dates = (c: ReturnType<typeof certificationCycle>) => c.audits.map((a) => `${a.kind} ${formatCalendarDate(a.dueBy)}`);

describe('certificationCycle', () => {
  it('a certified standard: surveillance within 12 months, the next calendar year, recertification before the three years end', () => {
    const cycle = certificationCycle({ framework: 'A', certificationDate: d('2025-03-01') });
    expect(formatCalendarDate(cycle.expires)).toBe('2028-03-01');
    // 2028 is a leap year: the day before 1 March is 29 February.
    expect(dates(cycle)).toEqual(['SURVEILLANCE_1 2026-03-01', 'SURVEILLANCE_2 2027-12-31', 'RECERTIFICATION 2028-02-29']);
  });

  it('a planned Stage 2: Stage 1 six weeks before, the decision 30 days after, the cycle from the decision', () => {
    const cycle = certificationCycle({ framework: 'B', stage2Date: d('2026-06-15') });
    expect(formatCalendarDate(cycle.decision)).toBe('2026-07-15');
    expect(dates(cycle)).toEqual(['STAGE_1 2026-05-04', 'STAGE_2 2026-06-15', 'SURVEILLANCE_1 2027-07-15', 'SURVEILLANCE_2 2028-12-31', 'RECERTIFICATION 2029-07-14']);
  });

  it('a decision on a leap day: the anniversaries fall on 28 February', () => {
    expect(dates(certificationCycle({ framework: 'A', certificationDate: d('2024-02-29') }))).toEqual([
      'SURVEILLANCE_1 2025-02-28', 'SURVEILLANCE_2 2026-12-31', 'RECERTIFICATION 2027-02-27',
    ]);
  });

  it('a Stage 2 at a year end carries the decision into the next year', () => {
    const cycle = certificationCycle({ framework: 'A', stage2Date: d('2025-12-20') });
    expect(formatCalendarDate(cycle.decision)).toBe('2026-01-19');
    expect(dates(cycle)).toEqual(['STAGE_1 2025-11-08', 'STAGE_2 2025-12-20', 'SURVEILLANCE_1 2027-01-19', 'SURVEILLANCE_2 2028-12-31', 'RECERTIFICATION 2029-01-18']);
  });

  it('a decision on 1 January: the second surveillance still comes before the recertification', () => {
    expect(dates(certificationCycle({ framework: 'A', certificationDate: d('2025-01-01') }))).toEqual([
      'SURVEILLANCE_1 2026-01-01', 'SURVEILLANCE_2 2027-12-30', 'RECERTIFICATION 2027-12-31',
    ]);
  });

  it('a month end: 31 August gives 31 August, and the recertification the day before expiry', () => {
    expect(dates(certificationCycle({ framework: 'A', certificationDate: d('2025-08-31') }))).toEqual([
      'SURVEILLANCE_1 2026-08-31', 'SURVEILLANCE_2 2027-12-31', 'RECERTIFICATION 2028-08-30',
    ]);
  });

  it('refuses both dates or none', () => {
    expect(() => certificationCycle({ framework: 'A' })).toThrow(/exactly one/);
    expect(() => certificationCycle({ framework: 'A', certificationDate: d('2025-01-01'), stage2Date: d('2025-01-01') })).toThrow(/exactly one/);
  });
});
