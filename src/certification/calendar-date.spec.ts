import { addDays, addMonths, endOfYear, formatCalendarDate, parseCalendarDate } from './calendar-date';

const d = (s: string) => parseCalendarDate(s)!;
const f = formatCalendarDate;

describe('calendar dates', () => {
  it('reads real dates only', () => {
    expect(f(d('2024-02-29'))).toBe('2024-02-29');
    for (const bad of ['2025-02-29', '2031-02-30', '2025-13-01', '2025-00-10', '2025-1-1', '2025-01-01T00:00:00Z', '', 20250101, null]) {
      expect(parseCalendarDate(bad)).toBeNull();
    }
  });

  it('adds months, clamping to the end of a shorter month', () => {
    expect(f(addMonths(d('2024-02-29'), 12))).toBe('2025-02-28');
    expect(f(addMonths(d('2024-02-29'), 48))).toBe('2028-02-29');
    expect(f(addMonths(d('2025-01-31'), 1))).toBe('2025-02-28');
    expect(f(addMonths(d('2025-08-31'), 1))).toBe('2025-09-30');
    expect(f(addMonths(d('2025-12-15'), 1))).toBe('2026-01-15');
    expect(f(addMonths(d('2025-03-01'), 36))).toBe('2028-03-01');
  });

  it('adds days across month ends, leap days and year boundaries', () => {
    expect(f(addDays(d('2028-03-01'), -1))).toBe('2028-02-29');
    expect(f(addDays(d('2027-03-01'), -1))).toBe('2027-02-28');
    expect(f(addDays(d('2025-12-31'), 1))).toBe('2026-01-01');
    expect(f(addDays(d('2026-06-15'), -42))).toBe('2026-05-04');
    expect(f(endOfYear(d('2026-03-01'), 1))).toBe('2027-12-31');
  });
});
