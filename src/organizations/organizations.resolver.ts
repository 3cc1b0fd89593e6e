import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Framework } from '../catalog/models/framework.model';
import type { GraphqlContext } from '../graphql/request-scope';
import { CurrentPrincipal } from './auth/current-principal.decorator';
import type { Principal as PrincipalType } from './auth/principal';
import { RequireKey } from './auth/roles.decorator';
import { ApiKey } from './models/api-key.model';
import { CreateApiKeyArgs, RevokeApiKeyArgs, SetScopeArgs } from './models/organization.args';
import { CreatedApiKey, Principal } from './models/principal.model';
import { OrganizationsService } from './organizations.service';
import { ScopeService } from './scope.service';

@Resolver()
@RequireKey()
export class OrganizationsResolver {
  constructor(
    private readonly organizations: OrganizationsService,
    private readonly scopes: ScopeService,
  ) {}

  @Query(() => Principal, { description: 'Who is calling: the organization and role of the API key.' })
  async me(@CurrentPrincipal() principal: PrincipalType): Promise<Principal> {
    return { ...principal, organizationName: await this.organizations.organizationName(principal.organizationId) };
  }

  @Query(() => [Framework], { description: "The framework versions in the organization's scope." })
  async scope(@CurrentPrincipal() principal: PrincipalType, @Context() ctx: GraphqlContext): Promise<Framework[]> {
    const ids = new Set(await this.scopes.scope(principal.organizationId));
    return ctx.catalog.frameworks.filter((f) => ids.has(f.id));
  }

  @Query(() => [ApiKey], { description: "The organization's API keys, revoked and expired ones included, oldest first (ADMIN only)." })
  @RequireKey('ADMIN')
  apiKeys(@CurrentPrincipal() principal: PrincipalType): Promise<ApiKey[]> {
    return this.organizations.listApiKeys(principal);
  }

  @Mutation(() => CreatedApiKey, { description: 'Creates an API key, optionally expiring (ADMIN only). The secret is shown once.' })
  @RequireKey('ADMIN')
  createApiKey(@CurrentPrincipal() principal: PrincipalType, @Args() args: CreateApiKeyArgs): Promise<CreatedApiKey> {
    return this.organizations.createApiKey(principal, args.role, args.name, args.expiresAt ?? null);
  }

  @Mutation(() => Boolean, { description: 'Revokes an API key of the organization (ADMIN only); false when already revoked.' })
  @RequireKey('ADMIN')
  revokeApiKey(@CurrentPrincipal() principal: PrincipalType, @Args() args: RevokeApiKeyArgs): Promise<boolean> {
    return this.organizations.revokeApiKey(principal, args.id);
  }

  @Mutation(() => [Framework], { description: "Replaces the organization's scope (ADMIN, EDITOR)." })
  @RequireKey('ADMIN', 'EDITOR')
  setScope(@CurrentPrincipal() principal: PrincipalType, @Args() args: SetScopeArgs): Promise<Framework[]> {
    return this.scopes.setScope(principal, args.frameworks);
  }
}
