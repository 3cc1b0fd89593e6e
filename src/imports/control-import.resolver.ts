import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal } from '../organizations/auth/current-principal.decorator';
import type { Principal } from '../organizations/auth/principal';
import { RequireKey } from '../organizations/auth/roles.decorator';
import { ControlImportService } from './control-import.service';
import { ImportControlsArgs } from './models/control-import.args';
import { ControlImportReport } from './models/control-import-report.model';

@Resolver(() => ControlImportReport)
export class ControlImportResolver {
  constructor(private readonly service: ControlImportService) {}

  @Mutation(() => ControlImportReport, {
    description:
      'Imports controls, all or nothing (ADMIN, EDITOR): rows upsert by code (an existing code is updated and its version bumped when a field changes), and their links replace the control\'s links (mode MERGE only adds). Any bad row refuses the whole import: ok false, every problem listed, nothing written. At most 1,000 rows per call; one rate-limit point per call.',
  })
  @RequireKey('ADMIN', 'EDITOR')
  importControls(@CurrentPrincipal() principal: Principal, @Args() args: ImportControlsArgs): Promise<ControlImportReport> {
    return this.service.importControls(principal, args.rows, { dryRun: args.dryRun === true, mode: args.mode === 'MERGE' ? 'merge' : 'replace' });
  }
}
