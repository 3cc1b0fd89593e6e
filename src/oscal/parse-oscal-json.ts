import { OscalDocumentError } from './oscal-error';

/** JSON bytes (a request body, a file) as a document; malformed JSON is an OscalDocumentError at `$` saying where parsing stopped. */
export function parseOscalJson(bytes: Buffer): unknown {
  if (bytes.length === 0) throw new OscalDocumentError([{ path: '$', message: 'is empty; an OSCAL JSON document was expected' }]);
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown;
  } catch (error) {
    const detail = (error as Error).message.replace(/\s+/g, ' ').slice(0, 160);
    throw new OscalDocumentError([{ path: '$', message: `is not valid JSON (${detail})` }]);
  }
}
