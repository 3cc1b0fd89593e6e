import { Args, Context, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { RequirementCoverage } from '../coverage/models/coverage.models';
import type { GraphqlContext } from '../graphql/request-scope';
import { CurrentPrincipal } from '../organizations/auth/current-principal.decorator';
import type { Principal } from '../organizations/auth/principal';
import { RequireKey } from '../organizations/auth/roles.decorator';
import { Vendor } from './models/vendor.model';
import { VendorCoverage, VendorCoverageArgs, VendorRequirementCoverageArgs } from './models/vendor-coverage.model';
import { VendorCoverageService } from './vendor-coverage.service';
import { VendorsService } from './vendors.service';

@Resolver(() => VendorCoverage)
export class VendorCoverageResolver {
  constructor(
    private readonly service: VendorCoverageService,
    private readonly vendors: VendorsService,
  ) {}

  @Query(() => VendorCoverage, { description: "Coverage from a vendor's imported answers, by the same engine as `coverage`; NOT_FOUND for a vendor the organization does not have." })
  @RequireKey()
  vendorCoverage(@CurrentPrincipal() principal: Principal, @Context() ctx: GraphqlContext, @Args() args: VendorCoverageArgs): Promise<VendorCoverage> {
    return this.service.vendorCoverage(ctx, principal, args.vendorId, args.frameworks);
  }

  @Query(() => RequirementCoverage, { description: "One requirement's status from a vendor's answers, with every path; a path's controls are the questions (code Q-001, …) whose answers meet it." })
  @RequireKey()
  vendorRequirementCoverage(@CurrentPrincipal() principal: Principal, @Context() ctx: GraphqlContext, @Args() args: VendorRequirementCoverageArgs): Promise<RequirementCoverage> {
    return this.service.vendorRequirementCoverage(ctx, principal, args.vendorId, args.framework, args.refId);
  }

  @ResolveField(() => Vendor, { description: 'The vendor.' })
  async vendor(@Parent() c: VendorCoverage, @CurrentPrincipal() principal: Principal): Promise<Vendor> {
    return (await this.vendors.get(principal.organizationId, c.vendorId))!;
  }
}
