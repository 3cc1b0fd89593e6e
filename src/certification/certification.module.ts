import { Module } from '@nestjs/common';
import { CoverageModule } from '../coverage/coverage.module';
import { ManagementSystemsModule } from '../management-systems/management-systems.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import * as R from './certification-plan.resolver';
import { CertificationPlanService } from './certification-plan.service';

/** The certification-cycle planner (issue 14, part 2): its query here, its exports in ExportsModule. */
@Module({
  imports: [CoverageModule, ManagementSystemsModule, OrganizationsModule],
  providers: [
    CertificationPlanService,
    R.CertificationPlanResolver,
    R.PlannedAuditResolver,
    R.AuditPartResolver,
    R.AlignmentProposalResolver,
    R.AuditTopicResolver,
    R.SampledControlResolver,
    R.AuditScopeResolver,
  ],
  exports: [CertificationPlanService],
})
export class CertificationModule {}
