import { ValidateBy } from 'class-validator';

/** The latest instant accepted: PostgreSQL and every client can write it as a plain four-digit-year ISO-8601 date. */
export const LATEST_DATE_TIME = new Date('9999-12-31T23:59:59.999Z');

/** Whether `value` is a valid Date in the future and before the year 10000. */
export function isFutureDateTime(value: unknown): value is Date {
  return value instanceof Date && !Number.isNaN(value.getTime()) && value.getTime() > Date.now() && value.getTime() <= LATEST_DATE_TIME.getTime();
}

/** What a future date-time must look like, with an example a month ahead. */
export function futureDateTimeRule(): string {
  return `an ISO-8601 date-time in the future and before the year 10000, such as ${new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10)}T00:00:00Z`;
}

/**
 * A DateTime argument that must lie in the future (checked when the request is validated) and before the year 10000.
 * The DateTime scalar hands over a Date, an invalid one for text it cannot read.
 */
export function IsFutureDateTime(): PropertyDecorator {
  return ValidateBy({
    name: 'isFutureDateTime',
    validator: {
      validate: isFutureDateTime,
      defaultMessage: () => `must be ${futureDateTimeRule()}`,
    },
  });
}
