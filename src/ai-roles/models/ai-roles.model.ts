import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { AiRole } from '../../catalog/ai-role';
import { AiRoleEnum } from '../../catalog/models/ai-role.enum';

@ObjectType({ description: 'The AI roles (ISO/IEC 22989) an organization declares it holds, who declared them and when.' })
export class AiRoleDeclaration {
  @Field(() => [AiRoleEnum], { description: 'The declared roles, each once, in the order of the AiRole enum.' })
  roles: AiRole[];

  @Field(() => String, { nullable: true, description: 'The name of the API key that set them; null if that key was deleted.' })
  setBy: string | null;

  @Field({ description: 'When they were set.' })
  setAt: Date;
}

@ObjectType({ description: 'One AI system of the organization and the AI roles the organization holds for it. Its roles count in roleApplicability.' })
export class AiSystem {
  @Field(() => ID, { description: 'The system (UUID).' })
  id: string;

  @Field({ description: 'Its name, unique within the organization.' })
  name: string;

  @Field(() => [AiRoleEnum], { description: 'The roles the organization holds for this system.' })
  roles: AiRole[];

  @Field(() => String, { nullable: true, description: 'What the system is and does.' })
  description: string | null;

  @Field({ description: 'When it was created.' })
  createdAt: Date;

  @Field({ description: 'When it was last changed.' })
  updatedAt: Date;
}

@ObjectType({
  description:
    'A suggested exclusion: an assessable requirement whose AI-role tag shares no role with the roles the organization holds (its ' +
    'declaration and its AI systems). Nothing is excluded until acceptRoleSuggestions writes it into the Statement of Applicability.',
})
export class RoleSuggestion {
  /** Internal: resolved by `requirement`. */
  requirementId: string;

  @Field({ description: 'The generated justification: the roles the requirement concerns, the roles the organization holds, and the tag note.' })
  justification: string;

  @Field(() => [AiRoleEnum], { description: 'The roles the requirement concerns (its tag).' })
  roles: AiRole[];
}
