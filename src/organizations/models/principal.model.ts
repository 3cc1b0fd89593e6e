import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { enumObject } from '../../common/models/enum-object';
import { ROLES, type Role } from '../role';

export const RoleEnum = enumObject(ROLES);
registerEnumType(RoleEnum, {
  name: 'Role',
  description: 'What an API key may do.',
  valuesMap: {
    ADMIN: { description: 'Everything, including managing API keys.' },
    EDITOR: { description: 'Read and change controls, links, scope and applicability.' },
    AUDITOR: { description: 'Read only, including the audit trail.' },
  },
});

@ObjectType({ description: 'The caller: the organization and role of the API key on the request.' })
export class Principal {
  @Field(() => ID, { description: 'The organization the key belongs to.' })
  organizationId: string;

  @Field({ description: "The organization's name." })
  organizationName: string;

  @Field(() => ID, { description: 'The API key in use.' })
  keyId: string;

  @Field(() => RoleEnum, { description: 'The role of the key.' })
  role: Role;
}

@ObjectType({ description: 'A newly created API key. The secret is shown this once; only its hash is stored.' })
export class CreatedApiKey {
  @Field(() => ID, { description: 'Identifier of the key, for revokeApiKey.' })
  id: string;

  @Field({ description: 'A name to recognise the key by.' })
  name: string;

  @Field(() => RoleEnum, { description: 'What the key may do.' })
  role: Role;

  @Field({ description: 'The secret to send as Authorization: Bearer <secret>. Shown only this once.' })
  secret: string;

  @Field(() => Date, { nullable: true, description: 'When the key stops authenticating; null: it does not expire.' })
  expiresAt: Date | null;
}
