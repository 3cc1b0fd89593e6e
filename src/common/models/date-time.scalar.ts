import { GraphQLISODateTime } from '@nestjs/graphql';
import { GraphQLScalarType, Kind } from 'graphql';

const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

/**
 * An ISO-8601 date-time with a time zone (`2027-01-31T00:00:00Z`, `2027-01-31T01:00:00+01:00`), as a Date; anything
 * else, including dates the calendar does not have (`2031-02-30`), numbers and JavaScript's lenient formats, as an
 * invalid Date, for the argument's validator to refuse with a message naming the argument.
 */
export function parseIsoDateTime(value: unknown): Date {
  const match = typeof value === 'string' ? ISO_DATE_TIME.exec(value) : null;
  if (!match) return new Date(NaN);
  const [, year, month, day, hour, minute, second = '0', offsetHours = '0', offsetMinutes = '0'] = match.map((part) => part as string);
  const calendar = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  const real =
    calendar.getUTCFullYear() === Number(year) && calendar.getUTCMonth() === Number(month) - 1 && calendar.getUTCDate() === Number(day) &&
    Number(hour) < 24 && Number(minute) < 60 && Number(second) < 60 && Number(offsetHours) < 24 && Number(offsetMinutes) < 60;
  return real ? new Date(value as string) : new Date(NaN);
}

/**
 * The schema's DateTime: GraphQLISODateTime's name, description and output, read strictly on input (parseIsoDateTime)
 * instead of through `new Date(value)`, which takes numbers, arrays, "2030" and rolls 2031-02-30 over to March.
 */
export const DateTimeScalar = new GraphQLScalarType({
  name: GraphQLISODateTime.name,
  description: GraphQLISODateTime.description,
  serialize: (value) => GraphQLISODateTime.serialize(value),
  parseValue: parseIsoDateTime,
  parseLiteral: (ast) => parseIsoDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
});
