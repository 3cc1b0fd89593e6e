import { AiRoleDeclarationEntity } from '../ai-roles/entities/ai-role-declaration.entity';
import { AiSystemEntity } from '../ai-roles/entities/ai-system.entity';
import { CatalogStateEntity } from '../catalog/entities/catalog-state.entity';
import { FrameworkEntity } from '../catalog/entities/framework.entity';
import { RequirementEntity } from '../catalog/entities/requirement.entity';
import { CrosswalkEdgeEntity } from '../crosswalks/entities/crosswalk-edge.entity';
import { MappingSetEntity } from '../crosswalks/entities/mapping-set.entity';
import { AuditEventEntity } from '../audit/audit-event.entity';
import { ControlLinkEntity } from '../controls/entities/control-link.entity';
import { ControlEntity } from '../controls/entities/control.entity';
import { ApiKeyEntity } from '../organizations/entities/api-key.entity';
import { ApiKeyUsageEntity } from '../organizations/entities/api-key-usage.entity';
import { ApplicabilityEntity } from '../organizations/entities/applicability.entity';
import { OrganizationEntity } from '../organizations/entities/organization.entity';
import { ScopeEntity } from '../organizations/entities/scope.entity';
import { ManagementSystemEntity } from '../management-systems/entities/management-system.entity';
import { ManagementSystemFrameworkEntity } from '../management-systems/entities/management-system-framework.entity';
import { VendorEntity } from '../vendors/entities/vendor.entity';
import { VendorAnswerEntity } from '../vendors/entities/vendor-answer.entity';

/** Every TypeORM entity, listed by hand so that builds and tests need no file globbing. */
export const ENTITIES = [
  FrameworkEntity,
  RequirementEntity,
  MappingSetEntity,
  CrosswalkEdgeEntity,
  CatalogStateEntity,
  OrganizationEntity,
  ApiKeyEntity,
  ApiKeyUsageEntity,
  ScopeEntity,
  ApplicabilityEntity,
  ControlEntity,
  ControlLinkEntity,
  AuditEventEntity,
  ManagementSystemEntity,
  ManagementSystemFrameworkEntity,
  VendorEntity,
  VendorAnswerEntity,
  AiRoleDeclarationEntity,
  AiSystemEntity,
];
