import { ArgsType, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';

@ObjectType({ description: "A supplier of the organization. Its answers to a vendor questionnaire count as its controls in `vendorCoverage`." })
export class Vendor {
  @Field(() => ID, { description: 'The vendor (UUID).' })
  id: string;

  @Field({ description: 'Its name, unique within the organization.' })
  name: string;

  @Field(() => String, { nullable: true, description: 'Who to ask, as you wrote it (an e-mail address, a name).' })
  contact: string | null;

  @Field(() => [String], { description: 'The frameworks (CODE:VERSION) of the questionnaire its answers were imported from; empty before any import.' })
  frameworks: string[];

  @Field(() => Int, { description: 'Answers kept from its last import (every question of that questionnaire).' })
  answerCount: number;

  @Field(() => Date, { nullable: true, description: 'When its answers were last imported; null before any import.' })
  answeredAt: Date | null;

  @Field({ description: 'When it was created.' })
  createdAt: Date;
}

@InputType({ description: 'A new vendor.' })
export class CreateVendorInput {
  @Field({ description: 'Its name, 1 to 200 characters, unique within the organization.' })
  @IsString({ message: 'must be a string of 1 to 200 characters' })
  @Matches(/\S/, { message: 'must not be blank: name the vendor, e.g. "Acme Cloud Ltd"' })
  @MaxLength(200, { message: 'must be at most 200 characters' })
  name: string;

  @Field(() => String, { nullable: true, description: 'Who to ask, at most 500 characters.' })
  @IsOptional()
  @IsString({ message: 'must be a string of at most 500 characters' })
  @MaxLength(500, { message: 'must be at most 500 characters' })
  contact?: string | null;
}

@ArgsType()
export class VendorIdArgs {
  @Field(() => ID, { description: 'The vendor (UUID), as `vendors { id }` lists it.' })
  @IsUUID('all', { message: 'must be a vendor id (a UUID)' })
  id: string;
}
