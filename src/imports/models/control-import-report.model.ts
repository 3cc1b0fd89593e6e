import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'One problem with one row of an import: where it is, what was there, and what would be accepted.' })
export class ImportProblem {
  @Field(() => Int, { description: 'The row as the user sees it: 1 for the first row sent (in a file, the spreadsheet row, the header being row 1).' })
  row: number;

  @Field({ description: 'The column: code, title, description, owner, status or links.' })
  column: string;

  @Field(() => String, { nullable: true, description: 'The value at fault (for links, the one entry), cut to 200 characters; null when it is missing.' })
  value: string | null;

  @Field({ description: 'Why it is refused, and what would be accepted.' })
  reason: string;
}

@ObjectType({
  description:
    'What an import did, or would do (dryRun), or why it was refused. A refused import is not a GraphQL error: ok is false, problems lists every bad row, and nothing was written.',
})
export class ControlImportReport {
  @Field({ description: 'true: written (on a dry run: would be written); false: refused because of the problems, nothing written.' })
  ok: boolean;

  @Field({ description: 'Whether this was a dry run (nothing is ever written on one).' })
  dryRun: boolean;

  @Field(() => ID, { nullable: true, description: 'The id grouping this import\'s audit events (auditEvents(filter: { importId })); null on a dry run or a refusal.' })
  importId: string | null;

  @Field(() => Int, { description: 'Controls created (new codes).' })
  created: number;

  @Field(() => Int, { description: 'Existing controls whose fields changed; each one\'s version went up by one.' })
  updated: number;

  @Field(() => Int, { description: 'Existing controls the import left as they were (their links may still have changed).' })
  unchanged: number;

  @Field(() => Int, { description: 'Links added.' })
  linksAdded: number;

  @Field(() => Int, { description: 'Links removed (REPLACE mode only).' })
  linksRemoved: number;

  @Field(() => Int, { description: 'Links whose coverage changed (FULL ↔ PARTIAL).' })
  linksChanged: number;

  @Field(() => [ImportProblem], { description: 'Every problem found, in row order, at most 1,000 (problemCount counts them all). Empty when ok.' })
  problems: ImportProblem[];

  @Field(() => Int, { description: 'How many problems there are in all.' })
  problemCount: number;
}
