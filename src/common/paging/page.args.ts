import { ArgsType, Field, Int } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 500;

/** Relay cursor paging arguments. Going over the bound is an error, never a silent clamp. */
@ArgsType()
export class PageArgs {
  @Field(() => Int, {
    nullable: true,
    defaultValue: DEFAULT_PAGE_SIZE,
    description: `How many items to return: 0 to ${MAX_PAGE_SIZE}. Default ${DEFAULT_PAGE_SIZE}.`,
  })
  @IsInt({ message: `must be an integer from 0 to ${MAX_PAGE_SIZE}` })
  @Min(0, { message: `must be from 0 to ${MAX_PAGE_SIZE}` })
  @Max(MAX_PAGE_SIZE, { message: `must be at most ${MAX_PAGE_SIZE}; fetch further pages with after: pageInfo.endCursor` })
  first: number = DEFAULT_PAGE_SIZE;

  @Field(() => String, { nullable: true, description: 'Return the items after this cursor (an endCursor of a previous page).' })
  @IsOptional()
  @IsString({ message: 'must be a cursor string' })
  @MaxLength(64, { message: 'must be a cursor returned by this list' })
  after?: string;
}
