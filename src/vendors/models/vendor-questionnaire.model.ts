import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsOptional } from 'class-validator';
import { IsFrameworkRef } from '../../catalog/is-framework-ref';
import { AI_ROLES } from '../../catalog/ai-role';
import { AiRoleEnum } from '../../catalog/models/ai-role.enum';

@ObjectType({ description: 'One question to a supplier: it stands for one common-control group, so one answer serves every framework the group covers.' })
export class VendorQuestion {
  @Field({ description: 'Q-001, Q-002, …: its place in this questionnaire (AI roles given move the AI-specific questions first, and so renumber).' })
  id: string;

  @Field({
    description:
      'A stable key, CODE/refId of the requirement that anchors the group (e.g. ISO27001/A.5.15): the same frameworks on the same catalog give the ' +
      'same keys, whatever the order. The exported file carries it, and an answered file is matched back by it.',
  })
  key: string;

  @Field({ description: 'The question, worded for a supplier from the catalog titles of the requirements it stands for, with their IDs.' })
  text: string;

  @Field({ description: 'What evidence to send with the answer.' })
  evidenceRequest: string;

  @Field({ description: 'True when it stands for at least one ISO42001 or NIST-AI-RMF requirement.' })
  aiSpecific: boolean;

  /** Internal: resolved by `anchor`. */
  anchorId: string;
  /** Internal: resolved by `requirements`. */
  requirementIds: string[];
}

@ObjectType({ description: 'A questionnaire for suppliers: one question per common-control group of the frameworks, read as one management system.' })
export class VendorQuestionnaire {
  /** Internal: resolved by `frameworks`. */
  frameworkIds: string[];

  @Field(() => [VendorQuestion], { description: 'The questions, in set-cover order (the group covering most first); with AI roles, the AI-specific ones first.' })
  questions: VendorQuestion[];

  @Field(() => Int, { description: 'Assessable requirements of the frameworks: the questions stand for all of them, in fewer questions where they overlap.' })
  requirementCount: number;
}

/** The frameworks alone: what the export's `frameworks` parameter is held to, beside its own `aiRoles`. */
@ArgsType()
export class VendorFrameworksArgs {
  @Field(() => [String], { description: 'The frameworks to ask about (CODE or CODE:VERSION, public or own), 1 to 20.' })
  @ArrayMinSize(1, { message: 'must list at least one framework, e.g. ["ISO27001", "ISO42001"]' })
  @ArrayMaxSize(20, { message: 'must list at most 20 frameworks' })
  @IsFrameworkRef({ each: true })
  frameworks: string[];
}

@ArgsType()
export class VendorQuestionnaireArgs extends VendorFrameworksArgs {
  @Field(() => [AiRoleEnum], {
    nullable: true,
    description:
      'The AI roles the supplier plays for you (ISO/IEC 22989): the questions standing for ISO 42001 or NIST AI RMF requirements that concern one of ' +
      'them (their `aiRoles` tag shares a role, or they have no tag: every role) come first.',
  })
  @IsOptional()
  @ArrayMaxSize(AI_ROLES.length, { message: `must list at most ${AI_ROLES.length} roles` })
  aiRoles?: string[];
}
