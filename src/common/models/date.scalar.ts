import { GraphQLScalarType, Kind } from 'graphql';

/**
 * A calendar date, `YYYY-MM-DD`, with no time of day or zone: certification dates and audit deadlines. On input any
 * string is handed over as it is, so that the operation reading it can refuse an impossible date (2031-02-30) with a
 * message naming the field (BAD_USER_INPUT), as it does for every other bad value; non-strings fail the scalar.
 */
export const CalendarDateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A calendar date, YYYY-MM-DD (ISO 8601), without time of day or time zone; for example 2026-06-15.',
  serialize: (value) => {
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    if (typeof value === 'string') return value;
    throw new TypeError('Date: expected a YYYY-MM-DD string');
  },
  parseValue: (value) => {
    if (typeof value !== 'string') throw new TypeError('Date: expected a string YYYY-MM-DD, such as 2026-06-15');
    return value;
  },
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new TypeError('Date: expected a string YYYY-MM-DD, such as 2026-06-15');
    return ast.value;
  },
});
