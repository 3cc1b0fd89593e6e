import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Requirement } from '../catalog/models/requirement.model';
import { toConnection } from '../common/paging/connection.model';
import { decodeCursor, encodeCursor } from '../common/paging/cursor';
import { type GraphqlContext, ScopeKey } from '../graphql/request-scope';
import { OwnCatalogs } from '../own-catalog/own-catalogs';
import { RequireKey } from '../organizations/auth/roles.decorator';
import { CurrentPrincipal } from '../organizations/auth/current-principal.decorator';
import type { Principal } from '../organizations/auth/principal';
import { ControlLoaders } from './control.loaders';
import { ControlsService } from './controls.service';
import { ControlConnection } from './models/control-connection.model';
import { ControlIdArgs, ControlsArgs, CreateControlArgs, LinkArgs, LinkControlArgs, UpdateControlArgs } from './models/control.inputs';
import { Control, ControlLink } from './models/control.model';

/** This request's loaders for the caller's organization (keyed by it, so keys never cross tenants). */
const CONTROL_LOADERS = new ScopeKey<Map<string, ControlLoaders>>('control loaders');

function loadersFor(ctx: GraphqlContext, service: ControlsService, principal: Principal): ControlLoaders {
  const byOrganization = ctx.once(CONTROL_LOADERS, () => new Map<string, ControlLoaders>());
  let loaders = byOrganization.get(principal.organizationId);
  if (!loaders) byOrganization.set(principal.organizationId, (loaders = new ControlLoaders(service, principal.organizationId)));
  return loaders;
}

@Resolver(() => Control)
@RequireKey()
export class ControlsResolver {
  constructor(private readonly service: ControlsService) {}

  @Query(() => ControlConnection, { description: "The organization's controls, ordered by code, a page at a time; `filter` narrows them (all its conditions must hold)." })
  async controls(@CurrentPrincipal() principal: Principal, @Args() args: ControlsArgs) {
    const after = decodeCursor('c', args.after);
    const page = await this.service.listControls(principal, args.filter, args.first, after === undefined ? 0 : after + 1);
    return toConnection(page, args.first, after, (c) => encodeCursor('c', c.position), (c) => c);
  }

  @Query(() => Control, { nullable: true, description: "One of the organization's controls; null when it has none with this id." })
  async control(@CurrentPrincipal() principal: Principal, @Context() ctx: GraphqlContext, @Args() args: ControlIdArgs): Promise<Control | null> {
    return loadersFor(ctx, this.service, principal).control.load(args.id);
  }

  @Mutation(() => Control, { description: 'Creates a control (ADMIN, EDITOR). A code already in use is a CONFLICT.' })
  @RequireKey('ADMIN', 'EDITOR')
  createControl(@CurrentPrincipal() principal: Principal, @Args() args: CreateControlArgs): Promise<Control> {
    return this.service.createControl(principal, args.input);
  }

  @Mutation(() => Control, { description: 'Changes a control (ADMIN, EDITOR). A stale expectedVersion is a CONFLICT and changes nothing.' })
  @RequireKey('ADMIN', 'EDITOR')
  updateControl(@CurrentPrincipal() principal: Principal, @Args() args: UpdateControlArgs): Promise<Control> {
    return this.service.updateControl(principal, args.id, args.input, args.expectedVersion);
  }

  @Mutation(() => Boolean, { description: 'Deletes a control and its links (ADMIN, EDITOR).' })
  @RequireKey('ADMIN', 'EDITOR')
  deleteControl(@CurrentPrincipal() principal: Principal, @Args() args: ControlIdArgs): Promise<boolean> {
    return this.service.deleteControl(principal, args.id);
  }

  @Mutation(() => ControlLink, { description: 'Links a control to a requirement of any framework, FULL or PARTIAL (ADMIN, EDITOR); relinking changes the coverage.' })
  @RequireKey('ADMIN', 'EDITOR')
  linkControl(@CurrentPrincipal() principal: Principal, @Args() args: LinkControlArgs): Promise<ControlLink> {
    return this.service.linkControl(principal, args);
  }

  @Mutation(() => Boolean, { description: 'Removes a link (ADMIN, EDITOR); false when there was none.' })
  @RequireKey('ADMIN', 'EDITOR')
  unlinkControl(@CurrentPrincipal() principal: Principal, @Args() args: LinkArgs): Promise<boolean> {
    return this.service.unlinkControl(principal, args);
  }

  @ResolveField(() => [ControlLink], { description: 'The requirements this control is linked to.' })
  links(@Parent() control: Control, @CurrentPrincipal() principal: Principal, @Context() ctx: GraphqlContext): Promise<ControlLink[]> {
    return loadersFor(ctx, this.service, principal).links.load(control.id);
  }
}

@Resolver(() => ControlLink)
@RequireKey()
export class ControlLinkResolver {
  constructor(
    private readonly controls: ControlsService,
    private readonly ownCatalogs: OwnCatalogs,
  ) {}

  @ResolveField(() => Control, { description: 'The control.' })
  async control(@Parent() link: ControlLink, @CurrentPrincipal() principal: Principal, @Context() ctx: GraphqlContext): Promise<Control> {
    return (await loadersFor(ctx, this.controls, principal).control.load(link.controlId))!;
  }

  @ResolveField(() => Requirement, { description: 'The requirement it satisfies: public, or one of the organization\'s own.' })
  requirement(link: ControlLink, _args: unknown, ctx: GraphqlContext): Requirement | Promise<Requirement> {
    // A link to an own requirement: read the organization's own catalog once for the request (no statement otherwise).
    return ctx.requirementById(link.requirementId) ?? this.ownRequirement(link, ctx);
  }

  private async ownRequirement(link: ControlLink, ctx: GraphqlContext): Promise<Requirement> {
    const principal = await ctx.principal();
    return (await this.ownCatalogs.forRequest(ctx, principal.organizationId)).requirement(link.requirementId)!;
  }
}
