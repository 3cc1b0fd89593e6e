import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'A cited source document.' })
export class SourceDocument {
  @Field({ description: 'Title of the document.' })
  title: string;

  @Field(() => String, { nullable: true, description: 'Where to find it.' })
  url?: string | null;

  @Field(() => String, { nullable: true, description: 'What was taken from it, or a caveat.' })
  note?: string | null;
}
