import { Readable } from 'node:stream';
import { Busboy, type BusboyInstance } from '@fastify/busboy';
import { DomainError, ErrorCode } from '../common/errors/domain-error';
import { contentTypeCharset } from '../common/http/http-errors.middleware';
import { XLSX_TYPE } from '../exports/xlsx-writer';

/** A file sent to an import route, and the format its content type (or, in a form, its name) gives. */
export interface Upload {
  bytes: Buffer;
  format: 'csv' | 'xlsx';
}

/** What an import route answers for a body it cannot take: 415, naming what it takes. */
export class UnsupportedUpload extends DomainError {
  constructor(detail: string) {
    super(
      ErrorCode.BAD_USER_INPUT,
      `request body: ${detail}; send the file as the body with Content-Type text/csv (UTF-8) or ${XLSX_TYPE}, ` +
        'or as the one file of a multipart/form-data form (a .csv or .xlsx file)',
      'file',
    );
  }
}

/** The format a media type names: text/csv (UTF-8) or XLSX; undefined for anything else. */
function formatOfType(contentType: string): Upload['format'] | undefined {
  const type = contentType.split(';')[0].trim().toLowerCase();
  if (type === XLSX_TYPE) return 'xlsx';
  if (type !== 'text/csv') return undefined;
  const charset = contentTypeCharset(contentType);
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') throw new UnsupportedUpload(`CSV in charset ${charset.slice(0, 40)}`);
  return 'csv';
}

/**
 * The file in a request body read as bytes (readBodiesAsExpress's `files`): the body itself, when its Content-Type is
 * text/csv or the XLSX type; or the one file of a multipart/form-data form, its format from its file name's extension
 * (.csv or .xlsx), else its part's content type (browsers send a CSV as text/csv or application/vnd.ms-excel).
 */
export async function readUpload(contentType: string | undefined, body: unknown): Promise<Upload> {
  if (contentType?.toLowerCase().startsWith('application/json')) throw new UnsupportedUpload('JSON is not an import file (GraphQL takes rows as JSON: importControls)');
  if (!Buffer.isBuffer(body) || body.length === 0) throw new UnsupportedUpload('no file');
  if (!contentType) throw new UnsupportedUpload('no Content-Type');
  if (/^multipart\/form-data\s*;/i.test(contentType)) return fileOfForm(contentType, body);
  const format = formatOfType(contentType);
  if (!format) throw new UnsupportedUpload(`Content-Type ${contentType.split(';')[0].trim().slice(0, 80)} is not taken`);
  return { bytes: body, format };
}

function fileOfForm(contentType: string, body: Buffer): Promise<Upload> {
  return new Promise((resolve, reject) => {
    const files: Array<{ name: string; type: string; chunks: Buffer[] }> = [];
    let failed = false;
    const fail = (error: Error) => {
      if (failed) return;
      failed = true;
      reject(error);
    };
    let parser: BusboyInstance;
    try {
      parser = new Busboy({ headers: { 'content-type': contentType }, limits: { files: 2, fields: 20, parts: 30, fieldSize: 1024, headerPairs: 20 } });
    } catch {
      return fail(new UnsupportedUpload('a multipart/form-data form without a boundary'));
    }
    parser.on('file', (_field, stream, filename, _encoding, mimeType) => {
      const file = { name: filename ?? '', type: mimeType ?? '', chunks: [] as Buffer[] };
      files.push(file);
      stream.on('data', (chunk: Buffer) => file.chunks.push(chunk));
    });
    parser.on('filesLimit', () => fail(new UnsupportedUpload('a form with more than one file')));
    parser.on('error', () => fail(new UnsupportedUpload('a multipart/form-data form that could not be read')));
    parser.on('finish', () => {
      if (failed) return;
      if (files.length !== 1) return fail(new UnsupportedUpload(files.length === 0 ? 'a form without a file' : 'a form with more than one file'));
      const [file] = files;
      const extension = /\.(csv|xlsx)$/i.exec(file.name)?.[1]?.toLowerCase() as Upload['format'] | undefined;
      let format: Upload['format'] | undefined = extension;
      try {
        format ??= file.type === 'application/vnd.ms-excel' ? 'csv' : formatOfType(file.type);
      } catch (error) {
        return fail(error as Error);
      }
      if (!format) return fail(new UnsupportedUpload(`a file ${JSON.stringify(file.name.slice(0, 80))} of type ${file.type.slice(0, 80) || 'unknown'}`));
      resolve({ bytes: Buffer.concat(file.chunks), format });
    });
    Readable.from([body]).pipe(parser);
  });
}
