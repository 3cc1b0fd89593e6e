import ExcelJS from 'exceljs';
import { readControlFile, type ControlFileFormat } from './control-file';
import type { ControlFileLimits } from './control-file-limits';
import { ImportFileError, type ImportFileErrorCode } from './import-file-error';

/** Helpers for the control file specs: files made in memory, and the refusal a file gets. */
export const csv = (text: string) => Buffer.from(text, 'utf8');

export async function xlsx(rows: ExcelJS.CellValue[][], sheetName = 'Sheet1', before: string[] = []): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const name of before) wb.addWorksheet(name).addRow(['not', 'this', 'one']);
  const ws = wb.addWorksheet(sheetName);
  rows.forEach((values, i) => {
    const row = ws.getRow(i + 1);
    values.forEach((value, c) => {
      if (value !== null && value !== undefined) row.getCell(c + 1).value = value;
    });
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function refusal(bytes: Buffer, format: ControlFileFormat, limits: Partial<ControlFileLimits> = {}): Promise<ImportFileError> {
  try {
    await readControlFile(bytes, format, limits);
  } catch (err) {
    if (err instanceof ImportFileError) return err;
    throw err;
  }
  throw new Error('expected the file to be refused');
}

export async function expectRefusal(bytes: Buffer, format: ControlFileFormat, code: ImportFileErrorCode, limits: Partial<ControlFileLimits> = {}): Promise<ImportFileError> {
  const err = await refusal(bytes, format, limits);
  expect(err.code).toBe(code);
  return err;
}

