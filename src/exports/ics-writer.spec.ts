import { escapeText, foldLine, writeIcs } from './ics-writer';

describe('ics writer', () => {
  it('escapes TEXT values', () => {
    expect(escapeText('a;b,c\\d\ne')).toBe('a\\;b\\,c\\\\d\\ne');
  });

  it('folds at 75 octets without splitting a UTF-8 character', () => {
    const line = `DESCRIPTION:${'é'.repeat(100)}`;
    const folded = foldLine(line).split('\r\n');
    expect(folded.every((l) => Buffer.byteLength(l, 'utf8') <= 75)).toBe(true);
    expect(folded.slice(1).every((l) => l.startsWith(' '))).toBe(true);
    expect(folded.map((l, i) => (i === 0 ? l : l.slice(1))).join('')).toBe(line);
    expect(foldLine('SHORT:1')).toBe('SHORT:1');
  });

  it('writes all-day events with CRLF line ends, a DTSTAMP and the day after as DTEND', () => {
    const text = writeIcs({ name: 'Plan', generatedAt: new Date('2026-12-06T04:05:06.789Z'), events: [{ uid: 'x@crosswalk', date: '2028-02-29', summary: 'S', description: 'D' }] });
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.split('\r\n').some((l) => l.includes('\n'))).toBe(false);
    expect(text).toContain('\r\nDTSTAMP:20261206T040506Z\r\n');
    expect(text).toContain('\r\nDTSTART;VALUE=DATE:20280229\r\nDTEND;VALUE=DATE:20280301\r\n');
    expect(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
  });
});
