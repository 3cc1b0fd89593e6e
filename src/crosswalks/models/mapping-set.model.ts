import { Field, ID, ObjectType } from '@nestjs/graphql';
import { SourceDocument } from '../../common/models/source-document.model';
import { MappingMethodEnum, MappingStatusEnum } from './enums';

@ObjectType({ description: 'Where a mapping set comes from and how far it can be trusted.' })
export class Provenance {
  @Field(() => MappingMethodEnum, { description: 'How the set was made.' })
  method: MappingMethodEnum;

  @Field(() => MappingStatusEnum, { description: 'Draft or complete.' })
  status: MappingStatusEnum;

  @Field({ description: 'Who made the set.' })
  author: string;

  @Field({ description: 'Date of this version of the set, as YYYY-MM-DD.' })
  date: string;

  @Field({ description: 'Licence of the mapping judgements.' })
  licence: string;

  @Field({
    description: 'True when every source requirement was considered, so a missing edge means "no relationship found".',
  })
  comprehensive: boolean;

  @Field(() => [SourceDocument], { description: 'The documents the judgements rest on.' })
  sources: SourceDocument[];

  @Field({ description: 'The file in mappings/ the set was loaded from.' })
  sourceFile: string;
}

@ObjectType({ description: 'A directed set of crosswalk edges from one framework version to another.' })
export class MappingSet {
  @Field(() => ID, { description: 'Opaque identifier.' })
  id: string;

  /** Internal: resolved by `source` and `target`. */
  sourceFrameworkId: string;
  targetFrameworkId: string;

  @Field({ description: 'Stable key, e.g. iso27001-2022__iso42001-2023.' })
  key: string;

  @Field({ description: 'Human-readable name.' })
  name: string;

  @Field(() => String, { nullable: true, description: 'Scope, method and caveats of the set.' })
  description: string | null;

  @Field(() => Boolean, { description: "True for an organization's own mapping set (reached only through tenant fields); false for the public catalog." })
  own: boolean;

  @Field(() => Provenance, { description: 'Sources, method, status, author, date and licence.' })
  provenance: Provenance;
}
