import { Args, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Framework } from '../catalog/models/framework.model';
import type { GraphqlContext } from '../graphql/request-scope';
import { CurrentPrincipal } from '../organizations/auth/current-principal.decorator';
import type { Principal } from '../organizations/auth/principal';
import { RequireKey } from '../organizations/auth/roles.decorator';
import { ManagementSystemsService } from './management-systems.service';
import { DeleteManagementSystemArgs, ManagementSystem, SetManagementSystemArgs } from './models/management-system.model';

@Resolver(() => ManagementSystem)
@RequireKey()
export class ManagementSystemsResolver {
  constructor(private readonly service: ManagementSystemsService) {}

  @Query(() => [ManagementSystem], {
    description:
      "The organization's declared management systems, by name. Coverage, gaps, common controls and SOC 2+ scope read SAME_MANAGEMENT_SYSTEM " +
      'crosswalks as typed only between frameworks of one system.',
  })
  managementSystems(@CurrentPrincipal() principal: Principal): Promise<ManagementSystem[]> {
    return this.service.list(principal.organizationId);
  }

  @Mutation(() => ManagementSystem, {
    description:
      'Declares that one management system covers these standards, replacing the frameworks of an existing system of that name (ADMIN, EDITOR). ' +
      'A standard belongs to at most one system; ISO27701 only in the system that holds ISO27001. Audited.',
  })
  @RequireKey('ADMIN', 'EDITOR')
  setManagementSystem(@CurrentPrincipal() principal: Principal, @Args() args: SetManagementSystemArgs): Promise<ManagementSystem> {
    return this.service.set(principal, args.name, args.frameworks);
  }

  @Mutation(() => Boolean, { description: 'Deletes a management system declaration (ADMIN, EDITOR); its standards then count as separate systems. Audited.' })
  @RequireKey('ADMIN', 'EDITOR')
  deleteManagementSystem(@CurrentPrincipal() principal: Principal, @Args() args: DeleteManagementSystemArgs): Promise<boolean> {
    return this.service.delete(principal, args.id);
  }

  @ResolveField(() => [Framework], { description: 'The framework versions this system covers, by code and version.' })
  frameworks(system: ManagementSystem, _args: unknown, ctx: GraphqlContext): Framework[] {
    const ids = new Set(system.frameworkIds);
    return ctx.catalog.frameworks.filter((f) => ids.has(f.id));
  }
}
