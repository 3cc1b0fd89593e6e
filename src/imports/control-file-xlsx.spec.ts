import type ExcelJS from 'exceljs';
import { deflateRawSync } from 'node:zlib';
import { readControlFile } from './control-file';
import { expectRefusal, xlsx } from './control-file.fixture';
import { CONTROL_FILE_LIMITS } from './control-file-limits';
import { buildZip, inlineRow, minimalXlsx } from './zip-builder.fixture';

describe('readControlFile: XLSX', () => {
  it('reads a workbook written by exceljs: headers in any order and case, unknown columns, blank rows, row numbers', async () => {
    const bytes = await xlsx([
      ['Title', 'CODE', 'Remarks', 'links', 'Status'],
      ['Access control', 'AC-1', 'n/a', 'ISO27001:A.5.15;SOC2:CC6.1=PARTIAL', 'IMPLEMENTED'],
      [],
      ['Backups', 'AC-2', null, null, 'PLANNED'],
    ]);
    const file = await readControlFile(bytes, 'xlsx');
    expect(file.columns).toEqual([
      { name: 'title', column: 'A' },
      { name: 'code', column: 'B' },
      { name: 'links', column: 'D' },
      { name: 'status', column: 'E' },
    ]);
    expect(file.unknownColumns).toEqual(['Remarks']);
    expect(file.rows).toEqual([
      { title: 'Access control', code: 'AC-1', links: ['ISO27001:A.5.15', 'SOC2:CC6.1=PARTIAL'], status: 'IMPLEMENTED' },
      { title: 'Backups', code: 'AC-2', links: [], status: 'PLANNED' },
    ]);
    expect(file.rowNumbers).toEqual([2, 4]);
  });

  it('reads rich text, hyperlinks, numbers, booleans and dates as their text', async () => {
    const bytes = await xlsx([
      ['code', 'title', 'owner', 'description', 'status'],
      [
        12.5,
        { richText: [{ text: 'Bold ', font: { bold: true } }, { text: 'and plain' }] },
        { text: 'Jane Doe', hyperlink: 'mailto:jane@example.com' },
        new Date('2026-03-04T00:00:00Z'),
        true,
      ],
    ]);
    const file = await readControlFile(bytes, 'xlsx');
    expect(file.rows).toEqual([{ code: '12.5', title: 'Bold and plain', owner: 'Jane Doe', description: '2026-03-04', status: 'TRUE' }]);
  });

  it('reads the sheet named "Controls" when there is one, else the first sheet in tab order', async () => {
    const named = await readControlFile(await xlsx([['code', 'title'], ['C-1', 'x']], 'controls', ['Cover']), 'xlsx');
    expect(named.rows).toEqual([{ code: 'C-1', title: 'x' }]);
    const first = await expectRefusal(await xlsx([['code', 'title'], ['C-1', 'x']], 'Inventory', ['Cover']), 'xlsx', 'MISSING_COLUMN');
    expect(first.message).toContain('"not"');
  });

  it('keeps a text cell that starts with "=" (a spreadsheet stores it as text, not a formula)', async () => {
    const file = await readControlFile(minimalXlsx(inlineRow(1, ['code', 'title']) + inlineRow(2, ['A', '=1+1'])), 'xlsx');
    expect(file.rows).toEqual([{ code: 'A', title: '=1+1' }]);
  });

  it('refuses a formula cell, naming the cell and saying to paste values', async () => {
    const rows: ExcelJS.CellValue[][] = [['code', 'title', 'owner']];
    for (let r = 2; r <= 7; r += 1) rows.push([`C${r}`, 't', 'o']);
    rows[6][2] = { formula: 'A1&"x"', result: 'C7x' };
    const err = await expectRefusal(await xlsx(rows), 'xlsx', 'FORMULA');
    expect(err.message).toContain('Cell C7');
    expect(err.message).toContain('Paste the values');
    expect(err).toMatchObject({ row: 7, column: 'C' });
  });

  it('refuses shared formulas as written by Excel (a master and its clones)', async () => {
    const sheet = `${inlineRow(1, ['code', 'title'])}<row r="2"><c r="A2" t="inlineStr"><is><t>A</t></is></c><c r="B2"><f t="shared" ref="B2:B3" si="0">1+1</f><v>2</v></c></row><row r="3"><c r="A3" t="inlineStr"><is><t>B</t></is></c><c r="B3"><f t="shared" si="0"/><v>2</v></c></row>`;
    const err = await expectRefusal(minimalXlsx(sheet), 'xlsx', 'FORMULA');
    expect(err.message).toContain('Cell B2');
  });

  it('refuses a value beyond the column limit, and more rows than the limit', async () => {
    const wide = Array.from({ length: 201 }, (_, i) => (i < 2 ? ['code', 'title'][i] : `extra ${i}`));
    const err = await expectRefusal(await xlsx([wide, ['A', 'b']]), 'xlsx', 'TOO_MANY_COLUMNS');
    expect(err.message).toContain('column GS');
    expect(err.message).toContain('at most 200');
    const rows = [['code', 'title'], ...Array.from({ length: 6 }, (_, i) => [`C${i}`, 't'])];
    await expect(readControlFile(await xlsx(rows.slice(0, 6)), 'xlsx', { maxRows: 5 })).resolves.toBeDefined();
    await expectRefusal(await xlsx(rows), 'xlsx', 'TOO_MANY_ROWS', { maxRows: 5 });
  });

  it('refuses a cell longer than the limit', async () => {
    const err = await expectRefusal(await xlsx([['code', 'title'], ['A', 'x'.repeat(20_001)]]), 'xlsx', 'CELL_TOO_LONG');
    expect(err.message).toContain('Cell B2');
  });
});

describe('readControlFile: hostile XLSX', () => {
  it.each([
    ['binary junk', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), 'not an XLSX'],
    ['CSV text', Buffer.from('code,title\nA,b\n'), 'not an XLSX'],
    ['an Excel 97-2003 file', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), '.xls'],
    ['a truncated zip', minimalXlsx(inlineRow(1, ['code', 'title'])).subarray(0, 200), 'damaged'],
    ['a zip that is not a workbook', buildZip([{ name: 'hello.txt', data: Buffer.from('hi') }]), 'xl/workbook.xml'],
  ])('refuses %s as NOT_XLSX', async (_what, bytes, said) => {
    const err = await expectRefusal(bytes, 'xlsx', 'NOT_XLSX');
    expect(err.message).toContain(said);
  });

  it('refuses a zip bomb from its directory alone: declared sizes over the limit', async () => {
    // 200 MB declared; the stored bytes are a few KB and never inflated.
    const sheet = { compressed: deflateRawSync(Buffer.alloc(1024 * 1024)), declaredSize: 200 * 1024 * 1024 };
    const err = await expectRefusal(minimalXlsx('', sheet), 'xlsx', 'ZIP_BOMB');
    expect(err.message).toContain('more than 100 MB');
  });

  it('refuses an entry with a ratio no spreadsheet has', async () => {
    const zeros = Buffer.alloc(8 * 1024 * 1024);
    const err = await expectRefusal(minimalXlsx('', { compressed: deflateRawSync(zeros), declaredSize: zeros.length }), 'xlsx', 'ZIP_BOMB');
    expect(err.message).toContain('xl/worksheets/sheet1.xml would inflate');
    expect(err.message).toContain('at most 200');
  });

  it('refuses a zip that lies about its sizes, stopping the inflation at the declared size', async () => {
    // Declares 1 KB; the deflate stream inflates to 64 MB of zeros (well within the ratio and total limits as declared).
    const lie = deflateRawSync(Buffer.alloc(64 * 1024 * 1024));
    const err = await expectRefusal(minimalXlsx('', { compressed: lie, declaredSize: 1024 }), 'xlsx', 'ZIP_BOMB');
    expect(err.message).toContain('inflates to more than it declares');
  });

  it('refuses too many zip entries', async () => {
    const many = buildZip(Array.from({ length: 1_001 }, (_, i) => ({ name: `f${i}.xml`, data: Buffer.from('x') })));
    const err = await expectRefusal(many, 'xlsx', 'ZIP_BOMB');
    expect(err.message).toContain('more than 1000 files');
  });

  it('refuses a 100,000-column row before exceljs reads it', async () => {
    const cells = Array.from({ length: 100_000 }, (_, i) => `<c t="inlineStr"><is><t>h${i}</t></is></c>`).join('');
    const err = await expectRefusal(minimalXlsx(`<row r="1">${cells}</row>`), 'xlsx', 'TOO_MANY_COLUMNS');
    expect(err.message).toContain('at most 200 columns');
  });

  it('refuses a sheet with more cells than exceljs should hold', async () => {
    const rows = Array.from({ length: 50 }, (_, r) => `<row r="${r + 2}">${'<c/>'.repeat(10)}</row>`).join('');
    await expectRefusal(minimalXlsx(rows), 'xlsx', 'TOO_MANY_CELLS', { maxSheetCells: 499 });
    await expect(readControlFile(minimalXlsx(inlineRow(1, ['code', 'title']) + rows), 'xlsx', { maxSheetCells: 502 })).resolves.toBeDefined();
  });

  it('refuses a file over the byte limit first, in either format', async () => {
    const big = Buffer.alloc(30 * 1024 * 1024, 0x61);
    for (const format of ['csv', 'xlsx'] as const) {
      const err = await expectRefusal(big, format, 'FILE_TOO_LARGE');
      expect(err.message).toContain(`at most ${CONTROL_FILE_LIMITS.maxFileBytes} bytes (10 MB)`);
    }
  });
});
