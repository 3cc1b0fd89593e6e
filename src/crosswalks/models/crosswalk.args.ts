import { ArgsType, Field } from '@nestjs/graphql';
import { IsEnum, IsOptional } from 'class-validator';
import { CrosswalkDirection } from './enums';
import { IsFrameworkRef } from '../../catalog/is-framework-ref';

@ArgsType()
export class CrosswalkArgs {
  @Field(() => CrosswalkDirection, { defaultValue: CrosswalkDirection.BOTH, description: 'Which stored edges to read.' })
  @IsEnum(CrosswalkDirection, { message: 'must be BOTH, OUTGOING or INCOMING' })
  direction: CrosswalkDirection = CrosswalkDirection.BOTH;

  @Field(() => String, {
    nullable: true,
    description: 'Only edges whose other end is in this framework: CODE (newest version) or CODE:VERSION.',
  })
  @IsOptional()
  @IsFrameworkRef()
  framework?: string;
}

@ArgsType()
export class MappingSetsArgs {
  @Field(() => String, { nullable: true, description: 'Only sets from this framework: CODE or CODE:VERSION.' })
  @IsOptional()
  @IsFrameworkRef()
  source?: string;

  @Field(() => String, { nullable: true, description: 'Only sets to this framework: CODE or CODE:VERSION.' })
  @IsOptional()
  @IsFrameworkRef()
  target?: string;
}
