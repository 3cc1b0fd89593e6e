/**
 * iCalendar (RFC 5545) by hand, for the certification plan's calendar: no iCalendar library is installed. Only what
 * the plan needs: all-day events (DTSTART;VALUE=DATE, DTEND the day after, 3.6.1), each with a stable UID and a
 * DTSTAMP. Lines end in CRLF and are folded at 75 octets (3.1), never inside a UTF-8 character; TEXT values escape
 * backslash, semicolon, comma and newline (3.3.11).
 */

export interface CalendarEvent {
  /** Globally unique and stable across exports of the same event, so a calendar updates it instead of adding one. */
  uid: string;
  /** The all-day event's date, YYYY-MM-DD. */
  date: string;
  summary: string;
  description: string;
}

export interface Calendar {
  /** The calendar's name (X-WR-CALNAME, which common clients show). */
  name: string;
  generatedAt: Date;
  events: CalendarEvent[];
}

export const ICS_TYPE = 'text/calendar; charset=utf-8';

/** A TEXT value (RFC 5545 3.3.11). */
export function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

/** One content line folded at 75 octets: continuation lines start with a space (RFC 5545 3.1). */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    // The first line holds 75 octets; each continuation holds 74 after its leading space.
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

const basicDate = (date: string) => date.replace(/-/g, '');
const stamp = (date: Date) => date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return basicDate(d.toISOString().slice(0, 10));
}

export function writeIcs(calendar: Calendar): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Crosswalk//Certification plan//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', `X-WR-CALNAME:${escapeText(calendar.name)}`];
  for (const event of calendar.events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${event.uid}`,
      `DTSTAMP:${stamp(calendar.generatedAt)}`,
      `DTSTART;VALUE=DATE:${basicDate(event.date)}`,
      `DTEND;VALUE=DATE:${nextDay(event.date)}`,
      `SUMMARY:${escapeText(event.summary)}`,
      `DESCRIPTION:${escapeText(event.description)}`,
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
