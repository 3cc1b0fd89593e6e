import { Module } from '@nestjs/common';
import { CoverageModule } from '../coverage/coverage.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { VendorQuestionResolver, VendorQuestionnaireResolver } from './vendor-questionnaire.resolver';
import { VendorQuestionnaireService } from './vendor-questionnaire.service';
import { VendorsResolver } from './vendors.resolver';
import { VendorsService } from './vendors.service';
import { VendorAnswersImportService } from './vendor-answers-import.service';
import { VendorCoverageResolver } from './vendor-coverage.resolver';
import { VendorCoverageService } from './vendor-coverage.service';

/** Vendor questionnaires, vendors and their answers, and coverage from the answers (issue 14, part 3). */
@Module({
  imports: [OrganizationsModule, CoverageModule],
  providers: [VendorQuestionnaireService, VendorQuestionnaireResolver, VendorQuestionResolver, VendorsService, VendorsResolver, VendorAnswersImportService, VendorCoverageService, VendorCoverageResolver],
  exports: [VendorQuestionnaireService, VendorsService, VendorAnswersImportService],
})
export class VendorsModule {}
