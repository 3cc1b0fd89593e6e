import { ArgsType, Field } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsOptional, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { PageArgs } from '../../common/paging/page.args';
import { RequirementFilter } from './requirement-filter.input';
import { IsFrameworkRef } from '../is-framework-ref';

const FRAMEWORK_ARG = 'A framework reference: CODE (the newest version) or CODE:VERSION, e.g. ISO27001 or ISO27001:2022.';

@ArgsType()
export class FrameworkArgs {
  @Field({ description: FRAMEWORK_ARG })
  @IsFrameworkRef()
  framework: string;
}

@ArgsType()
export class RequirementArgs extends FrameworkArgs {
  @Field({ description: 'The identifier as the standard prints it, e.g. A.5.15, CC6.1, GOVERN 1.1.' })
  @IsString({ message: 'must be a string such as A.5.15' })
  @MinLength(1, { message: 'must not be empty; give an identifier such as A.5.15' })
  @MaxLength(80, { message: 'must be at most 80 characters' })
  refId: string;
}

@ArgsType()
export class RequirementPageArgs extends PageArgs {
  @Field(() => RequirementFilter, { nullable: true, description: 'Conditions the requirements must meet.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => RequirementFilter)
  filter?: RequirementFilter;
}

@ArgsType()
export class RequirementsArgs extends RequirementPageArgs {
  @Field({ description: FRAMEWORK_ARG })
  @IsFrameworkRef()
  framework: string;
}
