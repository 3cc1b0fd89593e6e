import yauzl from 'yauzl';
import type { ControlFileLimits } from './control-file-limits';
import { ImportFileError } from './import-file-error';
import { SheetCellCounter } from './sheet-cell-counter';

/**
 * Checks an XLSX's zip before exceljs reads it, because exceljs (through JSZip) inflates every entry into memory with
 * no limit. yauzl reads the central directory (the zip's own table of contents, the one JSZip follows too):
 * - too many entries, a declared uncompressed total over the limit, or an entry with a ratio no spreadsheet has
 *   (a zip bomb) are refused from the directory alone, before inflating a byte;
 * - then every entry is inflated as a stream and its bytes are counted and thrown away: yauzl stops a stream that
 *   yields more than its entry declared, so a zip that lies about its sizes costs at most the declared total;
 * - worksheet XML is counted cell by cell as it streams (sheet-cell-counter.ts), so a sheet too wide or too big for
 *   exceljs's in-memory model is refused here.
 * Only a zip that passes is handed to exceljs, which then inflates the same bytes to the same, already counted, sizes.
 */
export type ZipSummary = { entries: string[] };

const WORKSHEET = /^xl\/worksheets\/[^/]+\.xml$/i;

function openZip(bytes: Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false }, (err, zip) =>
      err || !zip ? reject(err ?? new Error('no zip')) : resolve(zip),
    );
  });
}

function readEntries(zip: yauzl.ZipFile, max: number): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: yauzl.Entry[] = [];
    zip.on('entry', (entry: yauzl.Entry) => {
      entries.push(entry);
      if (entries.length > max) {
        zip.close();
        reject(bomb(`it holds more than ${max} files (a workbook holds a few dozen)`));
      } else zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', reject);
    zip.readEntry();
  });
}

function inflate(zip: yauzl.ZipFile, entry: yauzl.Entry, onChunk: (chunk: Buffer) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err || !stream) return reject(err ?? new Error('no stream'));
      stream.on('data', (chunk: Buffer) => {
        try {
          onChunk(chunk);
        } catch (refusal) {
          stream.destroy();
          reject(refusal as Error);
        }
      });
      stream.on('error', reject);
      stream.on('end', () => resolve());
    });
  });
}

function bomb(why: string): ImportFileError {
  return new ImportFileError('ZIP_BOMB', `The file was refused as a zip bomb: ${why}. Save the sheet again from a spreadsheet program as an ordinary .xlsx workbook.`);
}

function notXlsx(why: string): ImportFileError {
  return new ImportFileError('NOT_XLSX', `The file is not a readable XLSX workbook: ${why}. Send an .xlsx workbook (Excel 2007 or later, LibreOffice "Excel 2007-365"), or the sheet as CSV.`);
}

export async function inspectXlsxZip(bytes: Buffer, limits: ControlFileLimits): Promise<ZipSummary> {
  let zip: yauzl.ZipFile;
  let entries: yauzl.Entry[];
  try {
    zip = await openZip(bytes);
    entries = await readEntries(zip, limits.maxZipEntries);
  } catch (err) {
    if (err instanceof ImportFileError) throw err;
    throw notXlsx(`its zip structure is damaged (${(err as Error).message})`);
  }
  try {
    let declared = 0;
    for (const entry of entries) {
      if (entry.isEncrypted()) throw notXlsx(`${entry.fileName} is encrypted; remove the workbook's password`);
      declared += entry.uncompressedSize;
      if (declared > limits.maxUncompressedBytes) {
        throw bomb(`its files would inflate to more than ${mib(limits.maxUncompressedBytes)} (the limit)`);
      }
      const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
      if (entry.uncompressedSize > limits.ratioFloorBytes && ratio > limits.maxCompressionRatio) {
        throw bomb(`${entry.fileName} would inflate ${Math.round(ratio)} times (at most ${limits.maxCompressionRatio} is accepted)`);
      }
    }
    for (const entry of entries) {
      if (entry.fileName.endsWith('/')) continue;
      const counter = WORKSHEET.test(entry.fileName) ? new SheetCellCounter() : undefined;
      await inflate(zip, entry, (chunk) => {
        if (counter) checkSheet(counter.push(chunk), limits);
      });
    }
  } catch (err) {
    if (err instanceof ImportFileError) throw err;
    const message = (err as Error).message;
    if (message.startsWith('too many bytes')) throw bomb(`a file inside it inflates to more than it declares (${message})`);
    throw notXlsx(`a file inside it cannot be read (${message})`);
  } finally {
    zip.close();
  }
  const names = entries.map((e) => e.fileName);
  if (!names.some((n) => n.toLowerCase() === 'xl/workbook.xml')) throw notXlsx('it is a zip file but holds no workbook (xl/workbook.xml)');
  return { entries: names };
}

/** More raw cells in one row than Excel's 16,384 columns, or more in a sheet than exceljs should hold. */
export const MAX_RAW_CELLS_PER_ROW = 16_384;

function checkSheet(count: { cells: number; widestRow: number; widestRowIndex: number }, limits: ControlFileLimits): void {
  if (count.widestRow > MAX_RAW_CELLS_PER_ROW) {
    throw new ImportFileError(
      'TOO_MANY_COLUMNS',
      `The sheet's row ${count.widestRowIndex} has more than ${MAX_RAW_CELLS_PER_ROW} cells; at most ${limits.maxColumns} columns are accepted.`,
    );
  }
  if (count.cells > limits.maxSheetCells) {
    throw new ImportFileError(
      'TOO_MANY_CELLS',
      `A sheet has more than ${limits.maxSheetCells} cells; at most ${limits.maxRows} data rows of at most ${limits.maxColumns} columns are accepted.`,
    );
  }
}

function mib(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MB`;
}
