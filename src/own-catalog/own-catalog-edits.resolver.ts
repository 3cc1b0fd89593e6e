import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { Crosswalk } from '../crosswalks/models/crosswalk.model';
import type { GraphqlContext } from '../graphql/request-scope';
import { CurrentPrincipal } from '../organizations/auth/current-principal.decorator';
import type { Principal } from '../organizations/auth/principal';
import { RequireKey } from '../organizations/auth/roles.decorator';
import {
  CreateOwnMappingEdgeArgs,
  DeleteOwnFrameworkArgs,
  DeleteOwnFrameworkResult,
  DeleteOwnMappingEdgeArgs,
} from './models/own-catalog-edits.models';
import { OwnCatalogEditsService } from './own-catalog-edits.service';
import { OwnCatalogs } from './own-catalogs';

/**
 * The GraphQL edits of an organization's own catalog (issue 12). Thin: each mutation is one service call; an edge's
 * `source`, `target` and `mappingSet` fields are then read from the organization's catalog as it stands after the
 * write (read into the request scope here, as tenant fields do), so own requirements resolve.
 */
@Resolver()
@RequireKey()
export class OwnCatalogEditsResolver {
  constructor(
    private readonly service: OwnCatalogEditsService,
    private readonly ownCatalogs: OwnCatalogs,
  ) {}

  @Mutation(() => DeleteOwnFrameworkResult, {
    description:
      "Deletes one of the organization's own frameworks (ADMIN, EDITOR) with its requirements, and the own mapping sets and edges " +
      'that touch it. Refused (CONFLICT, naming them) while controls link to its requirements or applicability decisions, the scope ' +
      'or a management system use it; `force: true` removes those first, with audit events. A public or unknown code is NOT_FOUND.',
  })
  @RequireKey('ADMIN', 'EDITOR')
  deleteOwnFramework(@CurrentPrincipal() principal: Principal, @Context() ctx: GraphqlContext, @Args() args: DeleteOwnFrameworkArgs): Promise<DeleteOwnFrameworkResult> {
    return this.service.deleteOwnFramework(principal, ctx.catalog, args.framework, args.force);
  }

  @Mutation(() => Crosswalk, {
    description:
      "Adds one crosswalk edge by hand to the organization's own mapping set from the source framework to the target (ADMIN, EDITOR), " +
      'made (human, draft) when there is none. At least one side must be an own framework. An edge already joining the two requirements ' +
      'is a CONFLICT; strength follows the relationship (EQUAL 10, NOT_RELATED 0, the others 1–9).',
  })
  @RequireKey('ADMIN', 'EDITOR')
  async createOwnMappingEdge(@CurrentPrincipal() principal: Principal, @Context() ctx: GraphqlContext, @Args() args: CreateOwnMappingEdgeArgs): Promise<Crosswalk> {
    const edge = await this.service.createOwnMappingEdge(principal, ctx.catalog, args.input);
    ctx.own = (await this.ownCatalogs.forOrganization(principal.organizationId, ctx.catalog)).own;
    return edge;
  }

  @Mutation(() => Boolean, {
    description:
      "Removes one of the organization's own crosswalk edges, named as stored from source to target (ADMIN, EDITOR); false when " +
      'there is none. Public edges are never the organization\'s, so they are never removed.',
  })
  @RequireKey('ADMIN', 'EDITOR')
  deleteOwnMappingEdge(@CurrentPrincipal() principal: Principal, @Context() ctx: GraphqlContext, @Args() args: DeleteOwnMappingEdgeArgs): Promise<boolean> {
    return this.service.deleteOwnMappingEdge(principal, ctx.catalog, args);
  }
}
