import { Module } from '@nestjs/common';
import { OrganizationsModule } from '../organizations/organizations.module';
import * as R from './coverage.resolver';
import { CoverageService } from './coverage.service';

@Module({
  imports: [OrganizationsModule],
  providers: [
    CoverageService,
    R.CoverageResolver,
    R.FrameworkCoverageResolver,
    R.FrameworkOverlapResolver,
    R.CoverageStepResolver,
    R.CoveragePathResolver,
    R.RequirementCoverageResolver,
    R.OverlapPathResolver,
    R.OverlapRequirementResolver,
    R.GapResolver,
    R.CommonControlTargetResolver,
    R.CommonControlResolver,
    R.Soc2PlusItemResolver,
    R.Soc2PlusMemberResolver,
    R.Soc2PlusTopicResolver,
  ],
  exports: [CoverageService],
})
export class CoverageModule {}
