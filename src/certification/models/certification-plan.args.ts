import { ArgsType, Field, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsOptional, IsString, ValidateNested } from 'class-validator';
import { IsFrameworkRef } from '../../catalog/is-framework-ref';
import { CalendarDateScalar } from '../../common/models/date.scalar';

/** At most this many standards in one plan: every management-system standard the catalog ships, with room for own ones. */
export const MAX_CERTIFICATIONS = 10;

@InputType({
  description:
    'One standard to plan for, with exactly one date: `certificationDate` for a standard already certified, `stage2Date` for one not yet certified.',
})
export class CertificationInput {
  @Field({ description: 'The management-system standard: CODE or CODE:VERSION (ISO27001, ISO42001:2023). Own codes resolve too; only management-system standards can be planned.' })
  @IsFrameworkRef()
  framework: string;

  @Field(() => CalendarDateScalar, {
    nullable: true,
    description: 'The date of the certification decision (ISO/IEC 17021-1 9.5): the three-year cycle starts here. Give this or `stage2Date`, not both.',
  })
  @IsOptional()
  @IsString({ message: 'must be a date YYYY-MM-DD' })
  certificationDate?: string;

  @Field(() => CalendarDateScalar, {
    nullable: true,
    description: 'The planned date of the Stage 2 audit (17021-1 9.3.1.3) of a standard not yet certified. Give this or `certificationDate`, not both.',
  })
  @IsOptional()
  @IsString({ message: 'must be a date YYYY-MM-DD' })
  stage2Date?: string;
}

@ArgsType()
export class CertificationPlanArgs {
  @Field(() => [CertificationInput], { description: `The standards to plan, 1 to ${MAX_CERTIFICATIONS}, each once.` })
  @ArrayMinSize(1, { message: 'must list at least one standard, e.g. [{ framework: "ISO27001", certificationDate: "2025-03-01" }]' })
  @ArrayMaxSize(MAX_CERTIFICATIONS, { message: `must list at most ${MAX_CERTIFICATIONS} standards` })
  @ValidateNested({ each: true })
  @Type(() => CertificationInput)
  certifications: CertificationInput[];

  @Field({
    nullable: true,
    description:
      'Audit all the standards as one integrated management system (combined audits). Left out or false: standards are combined only where ' +
      'the organization declared one management system for them (setManagementSystem).',
  })
  @IsOptional()
  @IsBoolean({ message: 'must be true or false' })
  integrated?: boolean;
}
