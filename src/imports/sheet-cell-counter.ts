/**
 * Counts the cells (`<c …>` elements) of a worksheet's XML as it is inflated, chunk by chunk, without parsing it:
 * exceljs builds an object for every cell it reads, so a sheet with millions of cells (or a 100,000-cell row) must be
 * refused before exceljs sees it. Tags are ASCII and a UTF-8 continuation byte is never `<`, so bytes are scanned as
 * they are; the few bytes of a tag cut by a chunk boundary are carried over to the next chunk.
 */
export type SheetCellCount = { cells: number; rows: number; widestRow: number; widestRowIndex: number };

const LT = 0x3c;
/** Longest look-ahead needed: `<row` and the byte after it. */
const LOOK_AHEAD = 5;

function endsName(byte: number): boolean {
  // space, tab, LF, CR, '/', '>'
  return byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d || byte === 0x2f || byte === 0x3e;
}

export class SheetCellCounter {
  private tail: Buffer = Buffer.alloc(0);
  private inRow = 0;
  readonly count: SheetCellCount = { cells: 0, rows: 0, widestRow: 0, widestRowIndex: 0 };

  push(chunk: Buffer): SheetCellCount {
    const buf = this.tail.length === 0 ? chunk : Buffer.concat([this.tail, chunk]);
    const stop = buf.length - LOOK_AHEAD;
    let i = buf.indexOf(LT);
    while (i !== -1 && i <= stop) {
      if (buf[i + 1] === 0x63 /* c */ && endsName(buf[i + 2])) {
        this.count.cells += 1;
        this.inRow += 1;
        if (this.inRow > this.count.widestRow) {
          this.count.widestRow = this.inRow;
          this.count.widestRowIndex = this.count.rows;
        }
      } else if (buf[i + 1] === 0x72 /* r */ && buf[i + 2] === 0x6f /* o */ && buf[i + 3] === 0x77 /* w */ && endsName(buf[i + 4])) {
        this.count.rows += 1;
        this.inRow = 0;
      }
      i = buf.indexOf(LT, i + 1);
    }
    this.tail = i === -1 ? Buffer.alloc(0) : Buffer.from(buf.subarray(i));
    return this.count;
  }
}
