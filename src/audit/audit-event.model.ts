import { Field, ID, ObjectType } from '@nestjs/graphql';
import { GraphQLJSON } from 'graphql-type-json';
import { Connection } from '../common/paging/connection.model';

@ObjectType({ description: 'One change to tenant data, as recorded (append-only).' })
export class AuditEvent {
  @Field(() => ID, { description: 'Identifier.' })
  id: string;

  @Field(() => ID, { nullable: true, description: 'The API key that made the change (null for org:create).' })
  apiKeyId: string | null;

  @Field({ description: 'What was done, e.g. createControl, linkControl, setApplicability.' })
  operation: string;

  @Field({ description: 'The kind of thing changed: control, control_link, scope, applicability, api_key, organization.' })
  entityType: string;

  @Field({ description: 'Which one.' })
  entityId: string;

  @Field(() => GraphQLJSON, { nullable: true, description: 'The state before the change (null for a creation).' })
  before: unknown;

  @Field(() => GraphQLJSON, { nullable: true, description: 'The state after the change (null for a deletion).' })
  after: unknown;

  @Field(() => ID, { nullable: true, description: 'The control inventory import (importControls) that made this change; null for any other change. Every event of one import has the same id.' })
  importId: string | null;

  @Field({ description: 'When it happened.' })
  occurredAt: Date;

  /** Internal: paging position. */
  sequence: number;
}

@ObjectType({ description: 'A page of audit events, oldest first.' })
export class AuditEventConnection extends Connection(AuditEvent, 'AuditEvent', 'audit event') {}
