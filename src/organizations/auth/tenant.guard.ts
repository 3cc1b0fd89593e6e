import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { GraphqlContext } from '../../graphql/request-scope';
import type { Role } from '../role';
import { requireRole } from './require-role';
import { ROLES_KEY } from './roles-key';

/** Resolves the request's API key once per request, and checks the role the resolver asks for. */
@Injectable()
export class TenantGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const ctx = GqlExecutionContext.create(context).getContext<GraphqlContext>();
    const principal = await ctx.principal();
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [context.getHandler(), context.getClass()]) ?? [];
    requireRole(principal, roles);
    return true;
  }
}
