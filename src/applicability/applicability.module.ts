import { Module } from '@nestjs/common';
import { CoverageModule } from '../coverage/coverage.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { ApplicabilityResolver, ApplicabilityRootResolver, StatementOfApplicabilityEntryResolver } from './applicability.resolver';
import { ApplicabilityService } from './applicability.service';

/** The Statement of Applicability: setApplicability and statementOfApplicability. */
@Module({
  imports: [OrganizationsModule, CoverageModule],
  providers: [ApplicabilityService, ApplicabilityRootResolver, ApplicabilityResolver, StatementOfApplicabilityEntryResolver],
  exports: [ApplicabilityService],
})
export class ApplicabilityModule {}
