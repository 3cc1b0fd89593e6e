import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal } from '../organizations/auth/current-principal.decorator';
import type { Principal } from '../organizations/auth/principal';
import { RequireKey } from '../organizations/auth/roles.decorator';
import { CreateVendorInput, Vendor, VendorIdArgs } from './models/vendor.model';
import { VendorsService } from './vendors.service';

@Resolver(() => Vendor)
@RequireKey()
export class VendorsResolver {
  constructor(private readonly service: VendorsService) {}

  @Query(() => [Vendor], { description: "The organization's vendors, by name (at most 1000)." })
  vendors(@CurrentPrincipal() principal: Principal): Promise<Vendor[]> {
    return this.service.list(principal.organizationId);
  }

  @Query(() => Vendor, { nullable: true, description: 'One vendor of the organization; null when it has none with this id.' })
  vendor(@CurrentPrincipal() principal: Principal, @Args() args: VendorIdArgs): Promise<Vendor | null> {
    return this.service.get(principal.organizationId, args.id);
  }

  @Mutation(() => Vendor, { description: 'Adds a vendor (ADMIN, EDITOR); CONFLICT when the name is taken. Audited.' })
  @RequireKey('ADMIN', 'EDITOR')
  createVendor(@CurrentPrincipal() principal: Principal, @Args('input', { description: 'The vendor: its name and, optionally, a contact.' }) input: CreateVendorInput): Promise<Vendor> {
    return this.service.create(principal, input.name, input.contact ?? null);
  }

  @Mutation(() => Boolean, { description: 'Deletes a vendor and its answers (ADMIN, EDITOR). Audited.' })
  @RequireKey('ADMIN', 'EDITOR')
  deleteVendor(@CurrentPrincipal() principal: Principal, @Args() args: VendorIdArgs): Promise<boolean> {
    return this.service.delete(principal, args.id);
  }
}
