import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DomainError, ErrorCode } from '../errors/domain-error';
import { httpErrorBody } from './http-errors.middleware';

const logger = new Logger('Routes');

const STATUS: Record<string, number> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.NOT_FOUND]: 400, // a parameter names nothing in the catalog; the route itself exists
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.CONFLICT]: 409,
};

/**
 * Every refusal on an HTTP route beside GraphQL (GET /export/…, POST /import/…), whoever refuses (the controller, the
 * services it calls, or the global validation pipe, which refuses NUL characters in any query parameter): JSON in the
 * GraphQL error shape with the code GraphQL would give, its field and extensions, and an HTTP status (the rate limit:
 * 429 with Retry-After). Anything unexpected is logged and answers 500 without details.
 */
@Catch()
export class RouteRefusals implements ExceptionFilter {
  catch(error: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (error instanceof DomainError) return refuse(reply, error);
    logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    void reply.code(500).type('application/json; charset=utf-8').header('cache-control', 'no-store').send(httpErrorBody(500));
  }
}

function refuse(reply: FastifyReply, error: DomainError): void {
  const retry = error.extensions.retryAfterSeconds;
  if (retry !== undefined) void reply.header('retry-after', String(retry));
  const status = retry !== undefined ? 429 : (STATUS[error.code] ?? 400);
  send(reply, status, { message: error.message, code: error.code, field: error.field, extensions: error.extensions });
}

export function send(reply: FastifyReply, status: number, e: { message: string; code: string; field?: string; extensions?: Readonly<Record<string, unknown>> }): void {
  const extensions = { code: e.code, ...(e.field ? { field: e.field } : {}), ...(e.extensions ?? {}) };
  void reply.code(status).type('application/json; charset=utf-8').header('cache-control', 'no-store').send({ errors: [{ message: e.message, extensions }] });
}
