import fc from 'fast-check';
import { writeCsv } from '../exports/csv-writer';
import { writeXlsx } from '../exports/xlsx-writer';
import { readControlFile, type ControlFileFormat } from './control-file';
import { xlsx } from './control-file.fixture';
import { ImportFileError } from './import-file-error';

/** Whatever the bytes, the reader answers rows or an ImportFileError: never another error, never a hang. */
async function onlyImportFileErrors(bytes: Buffer, format: ControlFileFormat): Promise<boolean> {
  try {
    await readControlFile(bytes, format);
    return true;
  } catch (err) {
    if (err instanceof ImportFileError) return true;
    throw err;
  }
}

/**
 * What an exported text reads back as: itself, trimmed, empty as null; except that a leading ' before = + - @ tab CR
 * is always taken as the escape (as Excel does), so a text that really starts that way loses its '.
 */
function readBackAs(text: string): string | null {
  const unescaped = /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
  return unescaped.trim() || null;
}

describe('readControlFile: arbitrary input', () => {
  it.each(['csv', 'xlsx'] as const)('arbitrary bytes as %s never throw anything but ImportFileError', async (format) => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), (bytes) => onlyImportFileErrors(Buffer.from(bytes), format)),
      { numRuns: 300 },
    );
  });

  it('arbitrary text as CSV (quotes, commas, line breaks, "=") never throws anything but ImportFileError', async () => {
    const piece = fc.oneof(fc.constantFrom('"', ',', '\n', '\r\n', '=', "'", ';', 'code', 'title', ' '), fc.string({ maxLength: 5 }));
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 60 }), (pieces) => onlyImportFileErrors(Buffer.from(pieces.join(''), 'utf8'), 'csv')),
      { numRuns: 500 },
    );
  });

  it('a damaged workbook (bytes changed or cut off) never throws anything but ImportFileError', async () => {
    const good = await xlsx([['code', 'title', 'links'], ['A-1', 'Access', 'ISO27001:A.5.15'], ['A-2', 'Backups', '']]);
    const damage = fc.oneof(
      fc.record({ cut: fc.integer({ min: 0, max: good.length }) }),
      fc.record({ at: fc.array(fc.tuple(fc.integer({ min: 0, max: good.length - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }) }),
    );
    await fc.assert(
      fc.asyncProperty(damage, (d) => {
        const bytes = Buffer.from(good);
        if ('at' in d) for (const [i, b] of d.at) bytes[i] = b;
        return onlyImportFileErrors('cut' in d ? bytes.subarray(0, d.cut) : bytes, 'xlsx');
      }),
      { numRuns: 200 },
    );
  });

  it('text exported by our CSV writer reads back as the same text, trimmed (readBackAs)', async () => {
    const special = fc.constantFrom("'", '=', '+', '-', '@', '\t', '\r', '\n', '"', ',', ';', ' ');
    const text = fc.string({ unit: fc.oneof(special, fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 })), maxLength: 20 }).filter((t) => !t.includes('\0'));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(text, text), { minLength: 1, maxLength: 5 }), async (pairs) => {
        const bytes = writeCsv({ name: 'c', columns: [{ header: 'code', width: 1 }, { header: 'title', width: 1 }], rows: pairs.map(([a, b], i) => [`C${i}`, `${a}${b}`]) });
        const file = await readControlFile(bytes, 'csv');
        const expected = pairs.map(([a, b]) => readBackAs(`${a}${b}`));
        expect(file.rows.map((r) => r.title)).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('text exported by our XLSX writer reads back as the same text, trimmed (readBackAs)', async () => {
    // No bare CR: XML reads it as LF (exceljs writes it unescaped), so no XLSX carries one back, escaped or not.
    const unit = fc.constantFrom('=', '+', '-', '@', '\t', '\n', "'", ' ', 'a', 'é', '"', ',', ';', '中', '😀');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string({ unit, maxLength: 12 }), { minLength: 1, maxLength: 4 }), async (titles) => {
        const bytes = await writeXlsx({
          title: 'x',
          generatedAt: new Date('2026-12-06T00:00:00Z'),
          readMe: [],
          sheets: [{ name: 'Controls', columns: [{ header: 'code', width: 1 }, { header: 'title', width: 1 }], rows: titles.map((t, i) => [`C${i}`, t]) }],
        });
        const file = await readControlFile(bytes, 'xlsx');
        expect(file.rows.map((r) => r.title)).toEqual(titles.map(readBackAs));
      }),
      { numRuns: 60 },
    );
  });
});
