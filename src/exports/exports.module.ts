import { Module } from '@nestjs/common';
import { ApplicabilityModule } from '../applicability/applicability.module';
import { ControlsModule } from '../controls/controls.module';
import { CoverageModule } from '../coverage/coverage.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { CertificationModule } from '../certification/certification.module';
import { CertificationPlanExport } from './certification-plan-export';
import { CommonControlsExport } from './common-controls-export';
import { CoverageExport } from './coverage-export';
import { GapsExport } from './gaps-export';
import { OscalExport } from './oscal-export';
import { SoaExport } from './soa-export';
import { Soc2PlusExport } from './soc2-plus-export';
import { VendorQuestionnaireExport } from './vendor-questionnaire-export';
import { VendorsModule } from '../vendors/vendors.module';

/**
 * What the spreadsheet exports (issue 13) and the OSCAL exports (issue 12) need beyond the catalog; their controllers
 * sit in AppModule beside KeyRateLimiter.
 */
@Module({
  imports: [ApplicabilityModule, CoverageModule, ControlsModule, OrganizationsModule, VendorsModule, CertificationModule],
  providers: [SoaExport, Soc2PlusExport, CommonControlsExport, CoverageExport, GapsExport, OscalExport, VendorQuestionnaireExport, CertificationPlanExport],
  exports: [SoaExport, Soc2PlusExport, CommonControlsExport, CoverageExport, GapsExport, OscalExport, VendorQuestionnaireExport, CertificationPlanExport],
})
export class ExportsModule {}
