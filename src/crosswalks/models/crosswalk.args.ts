import { ArgsType, Field } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, MaxLength } from 'class-validator';
import { CrosswalkDirection } from './enums';

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
  @IsString({ message: 'must be a string such as ISO42001 or ISO42001:2023' })
  @MaxLength(90, { message: 'must be at most 90 characters, such as ISO42001:2023' })
  framework?: string;
}

@ArgsType()
export class MappingSetsArgs {
  @Field(() => String, { nullable: true, description: 'Only sets from this framework: CODE or CODE:VERSION.' })
  @IsOptional()
  @IsString({ message: 'must be a string such as ISO27001 or ISO27001:2022' })
  @MaxLength(90, { message: 'must be at most 90 characters' })
  source?: string;

  @Field(() => String, { nullable: true, description: 'Only sets to this framework: CODE or CODE:VERSION.' })
  @IsOptional()
  @IsString({ message: 'must be a string such as ISO42001 or ISO42001:2023' })
  @MaxLength(90, { message: 'must be at most 90 characters' })
  target?: string;
}
