import { ArgumentsHost, Catch, HttpException, Logger } from '@nestjs/common';
import { GqlExceptionFilter } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import { DomainError, ErrorCode } from './domain-error';

const logger = new Logger('GraphQL');

/**
 * The one place where errors become GraphQL errors. Domain errors keep their code and message; anything else is
 * logged and reaches the client as INTERNAL_SERVER_ERROR with a generic message, so no SQL or stack escapes.
 * Root resolvers reach it through GraphqlErrorFilter; field resolvers, which run without Nest's filters, through
 * formatGraphqlError.
 */
export function toGraphqlError(exception: unknown): GraphQLError {
  if (exception instanceof GraphQLError) return exception;
  if (exception instanceof DomainError) {
    return new GraphQLError(exception.message, {
      extensions: { code: exception.code, ...(exception.field ? { field: exception.field } : {}), ...exception.extensions },
    });
  }
  if (exception instanceof HttpException && exception.getStatus() < 500) {
    // Guards and pipes from Nest itself; our own validation pipe throws BadUserInputError instead.
    const status = exception.getStatus();
    const code = status === 401 ? ErrorCode.UNAUTHENTICATED : status === 403 ? ErrorCode.FORBIDDEN : status === 404 ? ErrorCode.NOT_FOUND : ErrorCode.BAD_USER_INPUT;
    return new GraphQLError(exception.message, { extensions: { code } });
  }
  logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
  return new GraphQLError('Internal server error', { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
}

@Catch()
export class GraphqlErrorFilter implements GqlExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType<string>() !== 'graphql') throw exception;
    return toGraphqlError(exception);
  }
}
