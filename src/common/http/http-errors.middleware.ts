import type { NextFunction, Request, Response } from 'express';

/** The JSON answer, in the GraphQL error shape with a code, for a request that could not be read (or a failure). */
export function httpErrorBody(status: number): { errors: Array<{ message: string; extensions: { code: string } }> } {
  let message = status < 500 ? 'request: could not be read' : 'Internal server error';
  if (status === 413) message = 'request body: larger than the server accepts (REQUEST_BODY_LIMIT); send a smaller query';
  else if (status === 400) message = 'request body: not valid JSON; send {"query": "...", "variables": {...}}';
  return { errors: [{ message, extensions: { code: status < 500 ? 'BAD_USER_INPUT' : 'INTERNAL_SERVER_ERROR' } }] };
}

/**
 * The last word on errors that happen before GraphQL sees the request (a body over the limit, malformed JSON): a JSON
 * answer in the GraphQL error shape, with a code, and never Express's HTML page with its stack trace.
 */
export function httpErrors(error: unknown, _req: Request, res: Response, next: NextFunction): void {
  if (res.headersSent) return next(error);
  const e = error as { status?: number; statusCode?: number; getStatus?: () => number };
  const status = e.getStatus?.() ?? e.status ?? e.statusCode ?? 500;
  res.status(status).json(httpErrorBody(status));
}
