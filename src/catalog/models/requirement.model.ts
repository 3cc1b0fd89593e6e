import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { AiRole } from '../ai-role';
import { AiRoleEnum } from './ai-role.enum';

@ObjectType({
  description:
    'A requirement of a framework version: a clause, control, criterion, function, category, subcategory, … ' +
    'Its key, stable across releases, is (framework code, version, refId).',
})
export class Requirement {
  @Field(() => ID, { description: 'Opaque identifier, stable while the requirement stays in the catalog.' })
  id: string;

  /** Internal: the framework version it belongs to (resolved by `framework`). */
  frameworkId: string;

  /** Internal: the parent requirement, if any (resolved by `parent`). */
  parentId: string | null;

  @Field({ description: 'The identifier as the standard prints it: A.5.15, 9.2.1, CC6.1, GOVERN 1.1.' })
  refId: string;

  @Field({ description: 'Short title. For ISO and AICPA texts, an identifier-level title only (copyright).' })
  title: string;

  @Field(() => String, {
    nullable: true,
    description: 'Full text where it may be shipped (NIST, public domain) or was loaded under licence; otherwise null.',
  })
  text: string | null;

  @Field({ description: 'clause, annex, theme, objective, control, criterion, function, category, subcategory, …' })
  kind: string;

  @Field({ description: 'True when the requirement can be satisfied itself and so counts in coverage; headings do not.' })
  assessable: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'The ISO Harmonized Structure clause (4–10) this clause implements, e.g. "9.2.2"; null otherwise.',
  })
  hsClause: string | null;

  @Field(() => [AiRoleEnum], {
    nullable: true,
    description:
      'The ISO/IEC 22989 AI roles this requirement concerns; null means every role. Tagged in the shipped catalog for ISO/IEC 42001 Annex A ' +
      'and some NIST AI RMF subcategories (mappings/README.md). roleApplicability suggests excluding a tagged requirement that none of ' +
      "the organization's roles touches.",
  })
  aiRoles?: AiRole[] | null;

  @Field(() => String, { nullable: true, description: 'Why the requirement concerns those roles, in our own words; null when untagged.' })
  roleNote?: string | null;

  @Field(() => Int, { description: 'Depth in the framework tree: 0 for top-level requirements.' })
  depth: number;

  @Field(() => Int, { description: 'Position in document order within the framework, from 0.' })
  position: number;

  @Field(() => String, { nullable: true, description: 'The OSCAL `id` of a control or group imported from an OSCAL catalog; null otherwise.' })
  oscalId?: string | null;

  @Field(() => String, { nullable: true, description: 'Guidance (OSCAL part `guidance`) of an imported control, as text; null when there is none.' })
  guidance?: string | null;

  @Field(() => String, { nullable: true, description: 'Assessment objectives of an imported control, as text; null when there are none.' })
  objectives?: string | null;

  @Field(() => Boolean, { description: 'An imported OSCAL control with status withdrawn: kept for its identifier, never assessable.' })
  withdrawn?: boolean;
}
