import { ArgsType, Field, InputType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { enumObject } from '../../common/models/enum-object';
import { MAX_LINKS_PER_ROW } from '../control-import.types';

/** The most rows one importControls call takes; a file goes through POST /import/controls. */
export const MAX_IMPORT_ROWS = 1000;

/**
 * Argument-level ceilings: far above what a row may hold (control-rules.ts; the row report says what is accepted),
 * so that every ordinary mistake reaches the row report, while an absurd size is refused before any work.
 */
const CEILING = { code: 1000, title: 5000, description: 50_000, owner: 5000, status: 200, link: 500 } as const;
const ceiling = (n: number) => `must be at most ${n} characters (a row may hold far less; see the row report's reasons)`;

export const IMPORT_MODES = ['REPLACE', 'MERGE'] as const;
export type ImportModeName = (typeof IMPORT_MODES)[number];
export const ImportModeEnum = enumObject(IMPORT_MODES);
registerEnumType(ImportModeEnum, {
  name: 'ImportMode',
  description: "What an imported row's links do to the control's existing links.",
  valuesMap: {
    REPLACE: { description: "The row's links become exactly the control's links: others are removed (an empty list removes them all)." },
    MERGE: { description: "The row's links are added (or their coverage changed); the control's other links stay." },
  },
});

@InputType({ description: 'One control of an inventory import, as raw text: every value is checked by the import, which reports each problem by row and column.' })
export class ControlRowInput {
  @Field(() => String, { nullable: true, description: 'The control\'s code, unique within the organization (e.g. AC-01): an existing code updates that control, a new one creates it. Required.' })
  @IsOptional()
  @IsString({ message: 'must be text' })
  @MaxLength(CEILING.code, { message: ceiling(CEILING.code) })
  code?: string | null;

  @Field(() => String, { nullable: true, description: 'Short title, 1 to 300 characters. Required.' })
  @IsOptional()
  @IsString({ message: 'must be text' })
  @MaxLength(CEILING.title, { message: ceiling(CEILING.title) })
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'What the control does, up to 10,000 characters. Left out: kept as it is; empty or null: cleared.' })
  @IsOptional()
  @IsString({ message: 'must be text' })
  @MaxLength(CEILING.description, { message: ceiling(CEILING.description) })
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'Who is responsible, up to 200 characters. Left out: kept as it is; empty or null: cleared.' })
  @IsOptional()
  @IsString({ message: 'must be text' })
  @MaxLength(CEILING.owner, { message: ceiling(CEILING.owner) })
  owner?: string | null;

  @Field(() => String, { nullable: true, description: 'PLANNED, IN_PROGRESS, IMPLEMENTED or NOT_APPLICABLE. Left out, empty or null: kept as it is (PLANNED for a new control).' })
  @IsOptional()
  @IsString({ message: 'must be text' })
  @MaxLength(CEILING.status, { message: ceiling(CEILING.status) })
  status?: string | null;

  @Field(() => [String], {
    nullable: true,
    description: `Requirements the control satisfies, at most ${MAX_LINKS_PER_ROW}: FRAMEWORK:refId, or FRAMEWORK:refId=PARTIAL (=FULL is the default); FRAMEWORK is CODE or CODE:VERSION, e.g. ISO27001:A.5.15, SOC2:CC6.1=PARTIAL. Left out: the control's links stay as they are. Given (even empty): see mode.`,
  })
  @IsOptional()
  @IsArray({ message: 'must be a list of FRAMEWORK:refId entries' })
  @ArrayMaxSize(MAX_LINKS_PER_ROW, { message: `must hold at most ${MAX_LINKS_PER_ROW} links` })
  @IsString({ each: true, message: 'each link must be text such as ISO27001:A.5.15' })
  @MaxLength(CEILING.link, { each: true, message: `each link must be at most ${CEILING.link} characters` })
  links?: string[] | null;
}

@ArgsType()
export class ImportControlsArgs {
  @Field(() => [ControlRowInput], { description: `The controls, 1 row each, at most ${MAX_IMPORT_ROWS} per call. Row numbers in the report count from 1.` })
  @IsArray({ message: 'must be a list of rows' })
  @ArrayMaxSize(MAX_IMPORT_ROWS, { message: `must hold at most ${MAX_IMPORT_ROWS} rows per call; split the inventory, or send the file to POST /import/controls` })
  @ValidateNested({ each: true })
  @Type(() => ControlRowInput)
  rows: ControlRowInput[];

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'true: check everything and count what would change, but write nothing. Default (and null) false.' })
  @IsOptional()
  @IsBoolean({ message: 'must be true or false' })
  dryRun?: boolean | null = false;

  @Field(() => ImportModeEnum, { nullable: true, defaultValue: 'REPLACE', description: "What each row's links do to the control's existing links. Default (and null) REPLACE." })
  @IsOptional()
  @IsIn(IMPORT_MODES, { message: `must be ${IMPORT_MODES.join(' or ')}` })
  mode?: ImportModeName | null = 'REPLACE';
}
