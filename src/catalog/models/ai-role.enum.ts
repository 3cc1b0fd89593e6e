import { registerEnumType } from '@nestjs/graphql';
import { enumObject } from '../../common/models/enum-object';
import { AI_ROLES, type AiRole } from '../ai-role';

export const AiRoleEnum = enumObject<AiRole>(AI_ROLES);
registerEnumType(AiRoleEnum, {
  name: 'AiRole',
  description: 'An AI stakeholder role of ISO/IEC 22989:2022 §5.19, as ISO/IEC 42001 uses them. docs/ai-roles.md aligns them with the EU AI Act.',
  valuesMap: {
    AI_PROVIDER: { description: 'Provides an AI product or service (platform or product/service provider).' },
    AI_PRODUCER: { description: 'Designs, develops, tests and deploys AI systems (the developer).' },
    AI_CUSTOMER: { description: 'Uses an AI product or service (the user; in the EU AI Act, typically the deployer).' },
    AI_PARTNER: { description: 'Supports others with AI services: system integrator, data supplier, evaluator or auditor.' },
    AI_SUBJECT: { description: 'Is affected by an AI system, or its data is processed by one.' },
    RELEVANT_AUTHORITY: { description: 'A regulator or policy maker with authority over AI systems.' },
  },
});
