import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { PageArgs } from '../common/paging/page.args';

@InputType({ description: 'Narrows the audit trail. All given conditions must hold.' })
export class AuditEventFilter {
  @Field(() => ID, { nullable: true, description: 'Only the events of this import (the importId an importControls answer gave).' })
  @IsOptional()
  @IsUUID('all', { message: 'must be an import id (a UUID)' })
  importId?: string;
}

@ArgsType()
export class AuditEventsArgs extends PageArgs {
  @Field(() => AuditEventFilter, { nullable: true, description: 'Conditions the events must meet.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => AuditEventFilter)
  filter?: AuditEventFilter;
}
