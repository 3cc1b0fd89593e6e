import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { Role } from '../role';
import { RoleEnum } from './principal.model';

@ObjectType({ description: 'An API key of the organization, as its ADMINs see it: never its secret.' })
export class ApiKey {
  @Field(() => ID, { description: 'Identifier of the key, for revokeApiKey.' })
  id: string;

  @Field({ description: 'The name the key was created with.' })
  name: string;

  @Field(() => RoleEnum, { description: 'What the key may do.' })
  role: Role;

  @Field(() => Date, { description: 'When the key was created.' })
  createdAt: Date;

  @Field(() => Date, {
    nullable: true,
    description: 'When the key was last used to authenticate, to within a minute (recorded at most once a minute per key and replica); null: never.',
  })
  lastUsedAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the key was revoked; null: it is not.' })
  revokedAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the key stops authenticating; null: it does not expire.' })
  expiresAt: Date | null;
}
