/**
 * Calendar dates (`YYYY-MM-DD`, no time of day, no time zone) for the certification planner. Dates are handled as
 * UTC midnights so that adding months or days never meets a daylight-saving shift.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** The date as a UTC midnight, or null for anything that is not a real `YYYY-MM-DD` date (2031-02-30, 2025-13-01, 2025-1-1). */
export function parseCalendarDate(value: unknown): Date | null {
  const match = typeof value === 'string' ? ISO_DATE.exec(value) : null;
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls impossible days over into the next month; a real date survives the round trip.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date;
}

export function formatCalendarDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** `date` moved by whole calendar months; a day the target month lacks becomes its last day (2024-02-29 + 12 months = 2025-02-28). */
export function addMonths(date: Date, months: number): Date {
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(date.getUTCDate(), lastDay)));
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}

/** 31 December of the date's year plus `years`. */
export function endOfYear(date: Date, years = 0): Date {
  return new Date(Date.UTC(date.getUTCFullYear() + years, 11, 31));
}

export function yearOf(date: Date): number {
  return date.getUTCFullYear();
}
