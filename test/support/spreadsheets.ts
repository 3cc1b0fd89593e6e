/** Downloads an export over HTTP and reads it back with the libraries that wrote it (exceljs, csv-parse). */
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';

export interface Download {
  status: number;
  headers: Headers;
  body: Buffer;
  /** The JSON body of a refusal. */
  json<T = { errors: Array<{ message: string; extensions: Record<string, unknown> }> }>(): T;
}

export async function download(url: string, key?: string): Promise<Download> {
  const response = await fetch(url, { headers: key ? { authorization: `Bearer ${key}` } : {} });
  const body = Buffer.from(await response.arrayBuffer());
  return { status: response.status, headers: response.headers, body, json: () => JSON.parse(body.toString('utf8')) };
}

export async function readWorkbook(body: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  return wb;
}

export interface Table {
  /** The lines above the header row. */
  heading: string[];
  header: string[];
  /** Each row as plain values (text, number, date; null when empty), one per column of the header. */
  rows: Array<Array<ExcelJS.CellValue>>;
  /** Each row's cells, to check their types. */
  cells: ExcelJS.Cell[][];
}

/** A sheet as a table: the header row is the frozen one (ySplit), as the writer freezes it. */
export function table(ws: ExcelJS.Worksheet): Table {
  const headerRow = (ws.views[0] as { ySplit?: number } | undefined)?.ySplit ?? 1;
  const width = ws.getRow(headerRow).cellCount;
  const values = (r: number) => Array.from({ length: width }, (_, c) => ws.getRow(r).getCell(c + 1).value ?? null);
  const heading = Array.from({ length: Math.max(0, headerRow - 2) }, (_, i) => String(ws.getCell(i + 1, 1).value));
  const rows: Array<Array<ExcelJS.CellValue>> = [];
  const cells: ExcelJS.Cell[][] = [];
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    rows.push(values(r));
    cells.push(Array.from({ length: width }, (_, c) => ws.getRow(r).getCell(c + 1)));
  }
  return { heading, header: values(headerRow).map(String), rows, cells };
}

/** A CSV export as its header and rows of text. */
export function readCsv(body: Buffer): { header: string[]; rows: string[][] } {
  const [header, ...rows] = parse(body, { bom: true }) as string[][];
  return { header, rows };
}

/** Every text of every cell of every sheet, to search for what must not be there. */
export function allText(wb: ExcelJS.Workbook): string {
  const out: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => out.push(String(cell.value)))));
  return out.join('\n');
}
