import { writeCsv } from '../exports/csv-writer';
import { writeXlsx } from '../exports/xlsx-writer';
import { readControlFile, splitLinks } from './control-file';
import { csv, expectRefusal, xlsx } from './control-file.fixture';
import { CONTROL_FILE_LIMITS } from './control-file-limits';
import { inlineRow, minimalXlsx } from './zip-builder.fixture';

describe('readControlFile: columns', () => {
  it('matches headers by name in any order and case, trimmed, and reports unknown ones', async () => {
    const file = await readControlFile(csv(' Status ,TITLE,Notes,code,Links\nIMPLEMENTED,Access control,ignored,AC-1,ISO27001:A.5.15\n'), 'csv');
    expect(file.columns).toEqual([
      { name: 'status', column: 'A' },
      { name: 'title', column: 'B' },
      { name: 'code', column: 'D' },
      { name: 'links', column: 'E' },
    ]);
    expect(file.unknownColumns).toEqual(['Notes']);
    expect(file.rows).toEqual([{ status: 'IMPLEMENTED', title: 'Access control', code: 'AC-1', links: ['ISO27001:A.5.15'] }]);
    expect(file.rowNumbers).toEqual([2]);
  });

  it('leaves absent columns out and gives empty cells as null (links as [])', async () => {
    const file = await readControlFile(csv('code,title,owner,links\nAC-1,,  ,\n'), 'csv');
    expect(file.rows).toEqual([{ code: 'AC-1', title: null, owner: null, links: [] }]);
    expect(file.rows[0]).not.toHaveProperty('description');
  });

  it.each([
    ['title,owner\nx,y\n', ['"code"']],
    ['code,owner\nx,y\n', ['"title"']],
    ['owner\nx\n', ['"code"', '"title"']],
  ])('refuses a header without the required columns: %j', async (text, named) => {
    const err = await expectRefusal(csv(text), 'csv', 'MISSING_COLUMN');
    for (const name of named) expect(err.message).toContain(name);
    expect(err.message).toContain('code and title are required');
    expect(err.row).toBe(1);
  });

  it('hints at ";"-separated files', async () => {
    const err = await expectRefusal(csv('code;title\nx;y\n'), 'csv', 'MISSING_COLUMN');
    expect(err.message).toContain('separated by ";"');
  });

  it('refuses a known column named twice, naming both letters', async () => {
    const err = await expectRefusal(csv('code,title,Code\nx,y,z\n'), 'csv', 'DUPLICATE_COLUMN');
    expect(err.message).toContain('columns A and C');
    expect(err.column).toBe('C');
  });

  it('refuses an empty file, or one of blank lines, as having no header', async () => {
    await expectRefusal(csv(''), 'csv', 'NO_HEADER');
    await expectRefusal(csv('\r\n,,\r\n\r\n'), 'csv', 'NO_HEADER');
    await expectRefusal(await xlsx([]), 'xlsx', 'NO_HEADER');
  });

  it('splits links on ";", trimmed, empties dropped', () => {
    expect(splitLinks(' ISO27001:A.5.1 ;SOC2:CC6.1=PARTIAL;; ;')).toEqual(['ISO27001:A.5.1', 'SOC2:CC6.1=PARTIAL']);
  });
});

describe('readControlFile: CSV', () => {
  it('reads a UTF-8 byte-order mark, CRLF, quoted commas, quotes and line breaks, and keeps the row numbers a spreadsheet shows', async () => {
    const text = '\uFEFFcode,title,description,links\r\nAC-1,"Access, control","Line one\nline ""two""",ISO27001:A.5.15; SOC2:CC6.1=PARTIAL\r\n\r\n,,,\r\nAC-2,Backups,,\r\n\r\n\r\n';
    const file = await readControlFile(csv(text), 'csv');
    expect(file.columns.map((c) => c.name)).toEqual(['code', 'title', 'description', 'links']);
    expect(file.rows).toEqual([
      { code: 'AC-1', title: 'Access, control', description: 'Line one\nline "two"', links: ['ISO27001:A.5.15', 'SOC2:CC6.1=PARTIAL'] },
      { code: 'AC-2', title: 'Backups', description: null, links: [] },
    ]);
    // Records 3 and 4 are blank (skipped, still counted), and so are the trailing ones.
    expect(file.rowNumbers).toEqual([2, 5]);
  });

  it('reads accented text and a header that is not on the first line', async () => {
    const file = await readControlFile(csv('\n\ncode,title\nA-1,Sécurité des données\n'), 'csv');
    expect(file.rows).toEqual([{ code: 'A-1', title: 'Sécurité des données' }]);
    expect(file.rowNumbers).toEqual([4]);
  });

  it.each([
    ['binary junk', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]), 'NUL byte'],
    ['invalid UTF-8 (Latin-1)', Buffer.from('code,title\nA,caf\xe9\n', 'latin1'), 'not UTF-8'],
    ['UTF-16', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('code,title\n', 'utf16le')]), 'UTF-16'],
    ['an XLSX sent as CSV', minimalXlsx(inlineRow(1, ['code', 'title'])), 'XLSX'],
  ])('refuses %s as NOT_CSV', async (_what, bytes, said) => {
    const err = await expectRefusal(bytes, 'csv', 'NOT_CSV');
    expect(err.message).toContain(said);
  });

  it.each([
    ['a quote never closed', 'code,title\nA,"open\nB,x\n', 2],
    ['text after a closing quote', 'code,title\nA,ok\nB,"x"y\n', 3],
    ['a quote inside an unquoted cell', 'code,title\nA,ok\nB,15" screen\n', 3],
  ])('refuses broken quoting (%s) with the line', async (_what, text, line) => {
    const err = await expectRefusal(csv(text), 'csv', 'BROKEN_QUOTING');
    expect(err.line).toBe(line);
    expect(err.message).toContain(`line ${line}`);
    expect(err.message).toContain('double quotes');
  });

  it('refuses a 100,000-column header, before csv-parse builds it', async () => {
    const header = Array.from({ length: 100_000 }, (_, i) => `c${i}`).join(',');
    const err = await expectRefusal(csv(`${header}\n`), 'csv', 'TOO_MANY_COLUMNS');
    expect(err.message).toContain('at most 200');
    expect(err.row).toBe(1);
  });

  it('counts columns as RFC 4180 does: commas inside quotes do not count, a wide data row does', async () => {
    const quoted = `"${','.repeat(500)}"`;
    await expect(readControlFile(csv(`code,title\nA,${quoted}\n`), 'csv')).resolves.toMatchObject({ rows: [{ code: 'A', title: ','.repeat(500) }] });
    const err = await expectRefusal(csv(`code,title\nA,b\nC,d${',x'.repeat(300)}\n`), 'csv', 'TOO_MANY_COLUMNS');
    expect(err.row).toBe(3);
  });

  it('counts the columns of the whole file before csv-parse reads a record (a wide row is found past an earlier bad cell)', async () => {
    // Were records parsed first, row 2's formula would be what is reported.
    const err = await expectRefusal(csv(`code,title\nA,=1+1\nB,c${',x'.repeat(300)}\n`), 'csv', 'TOO_MANY_COLUMNS');
    expect(err.row).toBe(3);
  });

  it('refuses more data rows than the limit, saying the limit, and accepts exactly the limit', async () => {
    const rows = (n: number) => csv(`code,title\n${Array.from({ length: n }, (_, i) => `C${i},t\n`).join('')}\n\n`);
    await expect(readControlFile(rows(5), 'csv', { maxRows: 5 })).resolves.toMatchObject({ rowNumbers: [2, 3, 4, 5, 6] });
    const err = await expectRefusal(rows(6), 'csv', 'TOO_MANY_ROWS', { maxRows: 5 });
    expect(err.message).toContain('at most 5');
    expect(err.row).toBe(7);
  });

  it('refuses the default row limit (50,000) plus one', async () => {
    const body = Array.from({ length: CONTROL_FILE_LIMITS.maxRows + 1 }, (_, i) => `C${i},t`).join('\n');
    const err = await expectRefusal(csv(`code,title\n${body}\n`), 'csv', 'TOO_MANY_ROWS');
    expect(err.message).toContain('at most 50000');
  });

  it('refuses a cell longer than the limit, naming it', async () => {
    const err = await expectRefusal(csv(`code,title\nA,${'x'.repeat(20_001)}\n`), 'csv', 'CELL_TOO_LONG');
    expect(err.message).toContain('Cell B2');
    expect(err.message).toContain('at most 20000');
    await expect(readControlFile(csv(`code,title\nA,${'x'.repeat(20_000)}\n`), 'csv')).resolves.toBeDefined();
  });

  it('refuses cells that start with "=" as formulas, naming the cell', async () => {
    const err = await expectRefusal(csv('code,title,owner\nA,ok,x\nB,fine,"=HYPERLINK(""http://x"",""y"")"\n'), 'csv', 'FORMULA');
    expect(err.message).toContain('Cell C3');
    expect(err.message).toContain('Paste the values');
    expect(err).toMatchObject({ row: 3, column: 'C' });
    expect(JSON.parse(JSON.stringify(err))).toEqual({ code: 'FORMULA', message: err.message, row: 3, column: 'C' });
  });

  it('keeps "+", "-" and "@" text, which are not refused', async () => {
    const file = await readControlFile(csv('code,title,owner\nA,-1 day,@team\nB,+44 20,x\n'), 'csv');
    expect(file.rows.map((r) => [r.title, r.owner])).toEqual([['-1 day', '@team'], ['+44 20', 'x']]);
  });
});

const ESCAPED = ['=HYPERLINK("http://x","y")', '-1+1', '@SUM(A1:A2)', '+1', "'plain quote", 'x=1'];

describe("readControlFile: the ' escape of our exports", () => {
  it('reads an exported CSV back as the same text', async () => {
    const bytes = writeCsv({ name: 'Controls', columns: [{ header: 'code', width: 1 }, { header: 'title', width: 1 }], rows: ESCAPED.map((t, i) => [`C${i}`, t]) });
    expect(bytes.toString('utf8')).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
    const file = await readControlFile(bytes, 'csv');
    expect(file.rows.map((r) => r.title)).toEqual(ESCAPED);
  });

  it('reads an exported XLSX back as the same text (the "Controls" sheet, not the "Read me" one first)', async () => {
    const bytes = await writeXlsx({
      title: 'Controls',
      generatedAt: new Date('2026-12-05T00:00:00Z'),
      readMe: ['x'],
      sheets: [{ name: 'Controls', columns: [{ header: 'code', width: 1 }, { header: 'title', width: 1 }], rows: ESCAPED.map((t, i) => [`C${i}`, t]) }],
    });
    const file = await readControlFile(bytes, 'xlsx');
    expect(file.rows.map((r) => r.title)).toEqual(ESCAPED);
    expect(file.rowNumbers[0]).toBe(2);
  });
});
