import { Args, Context, Query, Resolver } from '@nestjs/graphql';
import { FrameworkArgs } from '../catalog/models/catalog.args';
import { Framework } from '../catalog/models/framework.model';
import { MappingSetsArgs } from '../crosswalks/models/crosswalk.args';
import { MappingSet } from '../crosswalks/models/mapping-set.model';
import type { GraphqlContext } from '../graphql/request-scope';
import { CurrentPrincipal } from '../organizations/auth/current-principal.decorator';
import type { Principal } from '../organizations/auth/principal';
import { RequireKey } from '../organizations/auth/roles.decorator';
import { OwnCatalogs } from './own-catalogs';

/**
 * The tenant fields that reach an organization's own frameworks and mapping sets (issue 12). They return the same
 * types as the public catalog's fields, so `requirements(first:, after:)`, `crosswalks` and `edges` page and read
 * alike; the fields below them find own rows through the request's `own` catalog (request-scope.ts). Public fields
 * (`frameworks`, `framework`, `mappingSets`, …) never return own rows, with or without a key.
 */
@Resolver()
export class OwnFrameworksResolver {
  constructor(private readonly ownCatalogs: OwnCatalogs) {}

  @Query(() => [Framework], {
    description: "The organization's own frameworks (imported OSCAL catalogs, its policies, contract clauses), by code and version.",
  })
  @RequireKey()
  async ownFrameworks(@CurrentPrincipal() principal: Principal, @Context() ctx: GraphqlContext): Promise<readonly Framework[]> {
    return (await this.ownCatalogs.forRequest(ctx, principal.organizationId)).own.frameworks;
  }

  @Query(() => Framework, {
    nullable: true,
    description:
      "One of the organization's own frameworks: CODE for its newest version, CODE:VERSION for a given one. Null when " +
      'the organization has none by that reference (public frameworks are read with `framework`).',
  })
  @RequireKey()
  async ownFramework(@CurrentPrincipal() principal: Principal, @Context() ctx: GraphqlContext, @Args() args: FrameworkArgs): Promise<Framework | null> {
    return (await this.ownCatalogs.forRequest(ctx, principal.organizationId)).own.findFramework(args.framework, 'framework');
  }

  @Query(() => [MappingSet], {
    description:
      "The organization's own mapping sets (imported OSCAL mapping collections and hand-made edges), by key. `source` " +
      'and `target` may name public or own frameworks.',
  })
  @RequireKey()
  async ownMappingSets(@CurrentPrincipal() principal: Principal, @Context() ctx: GraphqlContext, @Args() args: MappingSetsArgs): Promise<MappingSet[]> {
    const catalog = await this.ownCatalogs.forRequest(ctx, principal.organizationId);
    const source = args.source ? [catalog.resolveFramework(args.source, 'source').id] : undefined;
    const target = args.target ? [catalog.resolveFramework(args.target, 'target').id] : undefined;
    return catalog.own.listMappingSets(source, target);
  }
}
