import { BadUserInputError, ErrorCode } from '../errors/domain-error';
import { decodeCursor, encodeCursor } from './cursor';

const MESSAGE = 'after: is not a cursor of this list; pass an endCursor or edge cursor this list returned';

describe('cursor', () => {
  it.each([0, 1, 42, 999_999_999])('round-trips position %i', (position) => {
    expect(decodeCursor('r', encodeCursor('r', position))).toBe(position);
  });

  it('encodes as base64url of kind:position', () => {
    expect(encodeCursor('e', 17)).toBe(Buffer.from('e:17').toString('base64url'));
    expect(encodeCursor('e', 17)).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it.each([undefined, null])('reads %p as no cursor', (cursor) => {
    expect(decodeCursor('r', cursor)).toBeUndefined();
  });

  it.each([
    ['a cursor of another list', encodeCursor('e', 3)],
    ['garbage', 'not a cursor!'],
    ['an empty string', ''],
    ['a negative position', Buffer.from('r:-1').toString('base64url')],
    ['a position of ten digits', Buffer.from('r:1234567890').toString('base64url')],
    ['a plain, unencoded cursor', 'r:3'],
    // Padding is ignored when decoding, so only the length limit stops this one.
    ['an over-long string', encodeCursor('r', 5) + '='.repeat(61)],
  ])('rejects %s with BAD_USER_INPUT naming after', (_case, cursor) => {
    let error: unknown;
    try {
      decodeCursor('r', cursor);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(BadUserInputError);
    expect(error).toMatchObject({ code: ErrorCode.BAD_USER_INPUT, field: 'after', message: MESSAGE });
  });

  it('names another field when asked to', () => {
    expect(() => decodeCursor('r', 'xyz', 'before')).toThrow(/^before: is not a cursor of this list/);
  });
});
