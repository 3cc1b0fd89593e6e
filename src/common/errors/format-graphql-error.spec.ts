import type { GraphQLFormattedError } from 'graphql';
import { formatGraphqlError } from './format-graphql-error';

const STACK = ['Error: relation "x" does not exist', '    at Query.run (/app/dist/x.js:1:1)'];
const LOCATIONS = [{ line: 1, column: 3 }];
const PATH = ['framework', 'requirements'];

function internal(extensions?: Record<string, unknown>): GraphQLFormattedError {
  return { message: 'select * from secret failed', locations: LOCATIONS, path: PATH, ...(extensions ? { extensions } : {}) };
}

describe('formatGraphqlError in production', () => {
  const format = formatGraphqlError(true);

  it('hides the message and stack trace of an internal error', () => {
    expect(format(internal({ code: 'INTERNAL_SERVER_ERROR', stacktrace: STACK }))).toEqual({
      message: 'Internal server error',
      locations: LOCATIONS,
      path: PATH,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });

  it.each([
    ['no extensions', undefined],
    ['no code', { stacktrace: STACK }],
    ['a code that is not a string', { code: 500, stacktrace: STACK }],
  ])('treats an error with %s as internal', (_case, extensions) => {
    expect(format(internal(extensions))).toEqual({
      message: 'Internal server error',
      locations: LOCATIONS,
      path: PATH,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });

  it.each(['BAD_USER_INPUT', 'NOT_FOUND', 'GRAPHQL_VALIDATION_FAILED'])('keeps the message, code and other extensions of a %s error, but not its stack trace', (code) => {
    const formatted = format({ message: 'first: must be at most 100', path: PATH, extensions: { code, field: 'first', stacktrace: STACK } });
    expect(formatted).toEqual({ message: 'first: must be at most 100', path: PATH, extensions: { code, field: 'first' } });
  });

  it('leaves out locations and path when there are none', () => {
    const formatted = format({ message: 'Syntax Error: Unexpected Name "x".', extensions: { code: 'GRAPHQL_PARSE_FAILED' } });
    expect(formatted).toEqual({ message: 'Syntax Error: Unexpected Name "x".', extensions: { code: 'GRAPHQL_PARSE_FAILED' } });
    expect(Object.keys(formatted)).toEqual(['message', 'extensions']);
  });
});

describe('formatGraphqlError outside production', () => {
  const format = formatGraphqlError(false);

  it('keeps the message and stack trace of an internal error', () => {
    expect(format(internal({ code: 'INTERNAL_SERVER_ERROR', stacktrace: STACK }))).toEqual({
      message: 'select * from secret failed',
      locations: LOCATIONS,
      path: PATH,
      extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: STACK },
    });
  });

  it('adds the INTERNAL_SERVER_ERROR code to an error without one, keeping its stack trace', () => {
    expect(format({ message: 'boom', extensions: { stacktrace: STACK } })).toEqual({
      message: 'boom',
      extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: STACK },
    });
    expect(format({ message: 'boom' })).toEqual({ message: 'boom', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });

  it('drops the stack trace of a domain error', () => {
    expect(format({ message: 'framework: not found', extensions: { code: 'NOT_FOUND', field: 'framework', stacktrace: STACK } })).toEqual({
      message: 'framework: not found',
      extensions: { code: 'NOT_FOUND', field: 'framework' },
    });
  });
});
