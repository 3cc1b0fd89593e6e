import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { GraphqlContext } from '../../graphql/request-scope';
import type { Principal } from './principal';

/** The authenticated caller, verified once per request (by @RequireKey's guard first); UNAUTHENTICATED without a valid key. */
export const CurrentPrincipal = createParamDecorator(async (_data: unknown, context: ExecutionContext): Promise<Principal> => {
  const ctx = GqlExecutionContext.create(context).getContext<GraphqlContext>();
  return ctx.principal();
});
