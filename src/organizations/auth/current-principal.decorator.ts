import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { GraphqlContext } from '../../graphql/graphql-context';
import type { Principal } from './principal';

/** The authenticated caller; only on resolvers guarded by @RequireKey (which resolves it first). */
export const CurrentPrincipal = createParamDecorator(async (_data: unknown, context: ExecutionContext): Promise<Principal> => {
  const ctx = GqlExecutionContext.create(context).getContext<GraphqlContext>();
  if (!ctx.principal) throw new Error('CurrentPrincipal used on a resolver without @RequireKey');
  return ctx.principal;
});
