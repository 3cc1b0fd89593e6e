import { XLSX_TYPE } from '../exports/xlsx-writer';
import { readUpload, UnsupportedUpload } from './upload';

const CSV = Buffer.from('code,title\nAC-01,Access policy\n');

function form(parts: Array<{ name: string; filename?: string; type?: string; body: Buffer }>, boundary = 'x-boundary-1'): { type: string; body: Buffer } {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = `form-data; name="${part.name}"${part.filename !== undefined ? `; filename="${part.filename}"` : ''}`;
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${part.type ? `Content-Type: ${part.type}\r\n` : ''}\r\n`), part.body, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { type: `multipart/form-data; boundary=${boundary}`, body: Buffer.concat(chunks) };
}

describe('readUpload: the file in an import request', () => {
  it('takes the body itself by its Content-Type: text/csv (UTF-8) or XLSX', async () => {
    await expect(readUpload('text/csv', CSV)).resolves.toEqual({ bytes: CSV, format: 'csv' });
    await expect(readUpload('text/csv; charset=UTF-8; header=present', CSV)).resolves.toEqual({ bytes: CSV, format: 'csv' });
    await expect(readUpload(XLSX_TYPE, CSV)).resolves.toEqual({ bytes: CSV, format: 'xlsx' });
  });

  it('takes the one file of a form, its format from its name, else its type', async () => {
    const byName = form([{ name: 'file', filename: 'controls.CSV', type: 'application/octet-stream', body: CSV }, { name: 'note', body: Buffer.from('hello') }]);
    await expect(readUpload(byName.type, byName.body)).resolves.toEqual({ bytes: CSV, format: 'csv' });
    const byType = form([{ name: 'upload', filename: 'blob', type: XLSX_TYPE, body: CSV }]);
    await expect(readUpload(byType.type, byType.body)).resolves.toEqual({ bytes: CSV, format: 'xlsx' });
    const excelCsv = form([{ name: 'file', filename: 'inventory', type: 'application/vnd.ms-excel', body: CSV }]);
    await expect(readUpload(excelCsv.type, excelCsv.body)).resolves.toMatchObject({ format: 'csv' });
  });

  it.each([
    ['no body', 'text/csv', undefined, /no file/],
    ['an empty body', 'text/csv', Buffer.alloc(0), /no file/],
    ['JSON', 'application/json', { rows: [] }, /JSON is not an import file/],
    ['another type', 'text/plain', CSV, /Content-Type text\/plain is not taken/],
    ['no type', undefined, CSV, /no Content-Type/],
    ['CSV in another charset', 'text/csv; charset=latin1', CSV, /charset latin1/],
    ['a form without a boundary', 'multipart/form-data; foo=bar', CSV, /without a boundary/],
  ])('refuses %s with 415-worthy UnsupportedUpload naming what it takes', async (_case, type, body, message) => {
    const refusal = readUpload(type, body);
    await expect(refusal).rejects.toBeInstanceOf(UnsupportedUpload);
    await expect(refusal).rejects.toThrow(message);
    await expect(refusal).rejects.toThrow(/text\/csv .*multipart\/form-data/);
  });

  it('refuses a form without exactly one file of a known kind', async () => {
    const none = form([{ name: 'note', body: Buffer.from('hello') }]);
    await expect(readUpload(none.type, none.body)).rejects.toThrow(/without a file/);
    const two = form([{ name: 'a', filename: 'a.csv', body: CSV }, { name: 'b', filename: 'b.csv', body: CSV }]);
    await expect(readUpload(two.type, two.body)).rejects.toThrow(/more than one file/);
    const pdf = form([{ name: 'file', filename: 'controls.pdf', type: 'application/pdf', body: CSV }]);
    await expect(readUpload(pdf.type, pdf.body)).rejects.toThrow(/"controls.pdf" of type application\/pdf/);
  });
});
