import type { FastifyRequest } from 'fastify';
import type { CatalogSnapshot } from '../../catalog/catalog-snapshot';
import { ExecutionBudget } from '../../graphql/execution-budget.plugin';
import { RequestScope } from '../../graphql/request-scope';
import { DomainError, ErrorCode } from '../errors/domain-error';

/**
 * What a command-line tool passes where the services take a request's scope (npm run export, npm run import): the
 * catalog snapshot, no time or size budget, and no key, since whoever runs it has the database already.
 */
export function commandLineScope(catalog: CatalogSnapshot): RequestScope {
  const noKey = () => Promise.reject(new DomainError(ErrorCode.UNAUTHENTICATED, 'the command line has no key'));
  return new RequestScope({ headers: {} } as FastifyRequest, catalog, new ExecutionBudget({ maxMs: Infinity, maxBytes: Infinity }), noKey);
}
