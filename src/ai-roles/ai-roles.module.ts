import { Module } from '@nestjs/common';
import { ApplicabilityModule } from '../applicability/applicability.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { AiRolesRootResolver, RoleSuggestionResolver } from './ai-roles.resolver';
import { AiRolesService } from './ai-roles.service';

/** AI roles (issue 14): setAiRoles, aiSystems, roleApplicability and acceptRoleSuggestions. */
@Module({
  imports: [OrganizationsModule, ApplicabilityModule],
  providers: [AiRolesService, AiRolesRootResolver, RoleSuggestionResolver],
})
export class AiRolesModule {}
