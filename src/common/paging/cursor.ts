import { BadUserInputError } from '../errors/domain-error';

/**
 * Opaque cursors for keyset paging: base64url of `<kind>:<position>`. Clients must treat them as opaque; the kind
 * stops a cursor of one list from being used on another.
 */
export function encodeCursor(kind: string, position: number): string {
  return Buffer.from(`${kind}:${position}`, 'utf8').toString('base64url');
}

export function decodeCursor(kind: string, cursor: string | null | undefined, field = 'after'): number | undefined {
  if (cursor === undefined || cursor === null) return undefined;
  const match = /^([a-z]+):(\d{1,9})$/.exec(cursor.length <= 64 ? Buffer.from(cursor, 'base64url').toString('utf8') : '');
  if (!match || match[1] !== kind) {
    throw new BadUserInputError(field, 'is not a cursor of this list; pass an endCursor or edge cursor this list returned');
  }
  return Number(match[2]);
}
