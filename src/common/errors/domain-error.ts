/**
 * Typed domain errors. Services throw these, never HTTP or GraphQL errors; one filter (graphql-error.filter.ts) turns
 * each into a GraphQL error whose `extensions.code` is the code below, and whose message names the offending argument
 * or field and says what would be accepted.
 */
export enum ErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** The argument or input field at fault (`first`, `filter.search`), when there is one. */
    readonly field?: string,
    /** More for the client to act on, sent as further `extensions` (the rate limit's `retryAfterSeconds`). */
    readonly extensions: Readonly<Record<string, string | number>> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class BadUserInputError extends DomainError {
  constructor(field: string, message: string) {
    super(ErrorCode.BAD_USER_INPUT, `${field}: ${message}`, field);
  }
}

export class NotFoundError extends DomainError {
  constructor(field: string, message: string) {
    super(ErrorCode.NOT_FOUND, `${field}: ${message}`, field);
  }
}
