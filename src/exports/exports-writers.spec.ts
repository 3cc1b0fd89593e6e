import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { writeCsv } from './csv-writer';
import { neutralizeFormula } from './formula-injection';
import type { Workbook } from './sheet';
import { writeXlsx } from './xlsx-writer';

const HOSTILE = ['=HYPERLINK("http://x","y")', '-1+1', '@SUM(A1:A2)', '\t=1', '+1', '\r=1'];

function book(rows: Array<Array<string | number | Date | null>>): Workbook {
  return {
    title: 'Test export',
    generatedAt: new Date('2026-12-05T10:00:00Z'),
    readMe: ['What the numbers mean.'],
    sheets: [
      {
        name: 'Lines',
        heading: ['Acme Ltd', 'Generated 2026-12-05'],
        columns: [
          { header: 'Ref ID', width: 10 },
          { header: 'Text', width: 40, wrap: true },
          { header: 'Status', width: 12, status: true },
        ],
        rows,
      },
    ],
  };
}

async function readXlsx(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  return wb;
}

describe('neutralizeFormula', () => {
  it.each(HOSTILE)('prefixes %j with an apostrophe', (text) => {
    expect(neutralizeFormula(text)).toBe(`'${text}`);
  });

  it.each(['A.5.1', 'plain text', '', "'already quoted", ' =leading space', 'x=1'])('leaves %j alone', (text) => {
    expect(neutralizeFormula(text)).toBe(text);
  });
});

describe('writeCsv', () => {
  it('writes RFC 4180: header row, CRLF, quotes around commas, quotes and line breaks', () => {
    const csv = writeCsv(book([['A.5.1', 'a, b "quoted"\nsecond line', 'FULL'], ['A.5.2', null, 'NONE']]).sheets[0]).toString('utf8');
    expect(csv.startsWith('\uFEFFRef ID,Text,Status\r\n')).toBe(true);
    expect(csv).toContain('A.5.1,"a, b ""quoted""\nsecond line",FULL\r\n');
    expect(parse(csv, { bom: true, columns: true })).toEqual([
      { 'Ref ID': 'A.5.1', Text: 'a, b "quoted"\nsecond line', Status: 'FULL' },
      { 'Ref ID': 'A.5.2', Text: '', Status: 'NONE' },
    ]);
  });

  it('neutralizes formula-looking text in every cell, read back with csv-parse', () => {
    const csv = writeCsv(book(HOSTILE.map((text) => [text, text, 'NONE'])).sheets[0]);
    const rows = parse(csv, { bom: true, from_line: 2, relax_column_count: false }) as string[][];
    expect(rows.map((r) => r[0])).toEqual(HOSTILE.map((text) => `'${text}`));
    expect(rows.map((r) => r[1])).toEqual(HOSTILE.map((text) => `'${text}`));
  });

  it('writes numbers as numbers and dates as ISO-8601', () => {
    const csv = writeCsv({ name: 'S', columns: [{ header: 'n', width: 5 }, { header: 'd', width: 5 }], rows: [[-3, new Date('2026-01-02T03:04:05Z')]] });
    expect(parse(csv, { bom: true, from_line: 2 })).toEqual([['-3', '2026-01-02T03:04:05.000Z']]);
  });
});

describe('writeXlsx', () => {
  it('puts a "Read me" sheet first, then the sheet with its heading, a bold frozen header row with an autofilter, and the widths asked for', async () => {
    const wb = await readXlsx(await writeXlsx(book([['A.5.1', 'x', 'FULL']])));
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(['Read me', 'Lines']);
    const readMe = wb.getWorksheet('Read me')!;
    expect(readMe.getCell('A1').value).toBe('Test export');
    expect(readMe.getColumn(1).values).toContain('What the numbers mean.');
    const ws = wb.getWorksheet('Lines')!;
    expect(ws.getCell('A1').value).toBe('Acme Ltd');
    expect(ws.getCell('A2').value).toBe('Generated 2026-12-05');
    expect(ws.getRow(4).values).toEqual([undefined, 'Ref ID', 'Text', 'Status']);
    expect(ws.getRow(4).getCell(1).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
    expect(ws.autoFilter).toBeDefined();
    expect(JSON.stringify(ws.autoFilter)).toMatch(/A4.*C4|"row":4/);
    expect(ws.getColumn(2).width).toBe(40);
    expect(ws.getCell('B5').alignment?.wrapText).toBe(true);
    expect(ws.getRow(5).values).toEqual([undefined, 'A.5.1', 'x', 'FULL']);
  });

  it('colour-codes the status column by conditional formatting, one rule per status', async () => {
    const wb = await readXlsx(await writeXlsx(book([['A.5.1', 'x', 'FULL'], ['A.5.2', 'y', 'NONE']])));
    const ws = wb.getWorksheet('Lines')!;
    const formatting = (ws as unknown as { conditionalFormattings: Array<{ ref: string; rules: Array<{ formulae: string[] }> }> }).conditionalFormattings;
    expect(formatting).toHaveLength(1);
    expect(formatting[0].ref).toBe('C5:C6');
    expect(formatting[0].rules.map((r) => r.formulae[0])).toEqual(['"FULL"', '"PARTIAL"', '"NONE"', '"EXCLUDED"']);
  });

  it('writes formula-looking text as string cells with a leading apostrophe, never as formulas', async () => {
    const wb = await readXlsx(await writeXlsx(book(HOSTILE.map((text) => [text, text, 'NONE']))));
    const ws = wb.getWorksheet('Lines')!;
    HOSTILE.forEach((text, i) => {
      for (const column of [1, 2]) {
        const cell = ws.getRow(5 + i).getCell(column);
        expect(cell.type).toBe(ExcelJS.ValueType.String);
        // XML reads a bare carriage return back as a line feed; the apostrophe in front is what matters.
        expect(cell.value).toBe(`'${text}`.replace(/\r/g, '\n'));
      }
    });
    let formulas = 0;
    wb.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => (formulas += cell.type === ExcelJS.ValueType.Formula ? 1 : 0))));
    expect(formulas).toBe(0);
  });

  it('writes text holding characters XML cannot carry as a readable workbook, each such character shown as U+FFFD', async () => {
    // A title may hold them (only NUL and lone surrogates are refused on input); U+FFFE made the whole file unreadable.
    const title = 'Backup\uFFFE policy\u0001 \uFFFF end';
    const wb = await readXlsx(await writeXlsx(book([[title, 'b', 'c']])));
    const texts: string[] = [];
    wb.getWorksheet('Lines')!.eachRow((row) => row.eachCell((cell) => texts.push(String(cell.value))));
    expect(texts).toContain('Backup\uFFFD policy\uFFFD \uFFFD end');
  });

  it('keeps numbers and dates as typed cells', async () => {
    const wb = await readXlsx(await writeXlsx({ ...book([]), sheets: [{ name: 'S', columns: [{ header: 'n', width: 5 }, { header: 'd', width: 5 }], rows: [[7, new Date('2026-01-02T03:04:05Z')]] }] }));
    const ws = wb.getWorksheet('S')!;
    expect(ws.getCell('A2').value).toBe(7);
    expect((ws.getCell('B2').value as Date).toISOString()).toBe('2026-01-02T03:04:05.000Z');
  });

  it('refuses a description that would make a broken file', async () => {
    await expect(writeXlsx({ ...book([]), sheets: [{ name: 'a/b', columns: [], rows: [] }] })).rejects.toThrow(/not a valid Excel sheet name/);
    await expect(writeXlsx(book([['only one cell']]))).rejects.toThrow(/1 cells for 3 columns/);
  });
});
