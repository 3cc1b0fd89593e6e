import { Field, InputType } from '@nestjs/graphql';
import { IsBoolean, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { HS_CLAUSE_REGEXP } from '../harmonized-structure';

@InputType({ description: 'Narrows a list of requirements. All given conditions must hold.' })
export class RequirementFilter {
  @Field(() => String, { nullable: true, description: 'Only this kind, e.g. control, clause, subcategory.' })
  @IsOptional()
  @Matches(/^[a-z][a-z-]{0,39}$/, { message: 'must be a lower-case kind such as control, clause or subcategory' })
  kind?: string;

  @Field(() => Boolean, { nullable: true, description: 'Only assessable (true) or only non-assessable (false) ones.' })
  @IsOptional()
  @IsBoolean({ message: 'must be true or false' })
  assessable?: boolean;

  @Field(() => String, { nullable: true, description: 'Only clauses implementing this Harmonized Structure clause.' })
  @IsOptional()
  @Matches(HS_CLAUSE_REGEXP, { message: 'must be a Harmonized Structure clause from 4 to 10, e.g. 9.2 or 7.5.1' })
  hsClause?: string;

  @Field(() => String, { nullable: true, description: 'Only the direct children of the requirement with this refId.' })
  @IsOptional()
  @IsString({ message: 'must be a refId string' })
  @MinLength(1, { message: 'must be a refId such as A.5 or GOVERN 1' })
  @MaxLength(80, { message: 'must be at most 80 characters' })
  parentRefId?: string;

  @Field(() => Boolean, { nullable: true, description: 'Only top-level requirements (true) or only nested ones (false).' })
  @IsOptional()
  @IsBoolean({ message: 'must be true or false' })
  topLevel?: boolean;

  @Field(() => String, { nullable: true, description: 'Case-insensitive text that the refId, title or text contains.' })
  @IsOptional()
  @IsString({ message: 'must be a string' })
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(200, { message: 'must be at most 200 characters' })
  search?: string;
}
