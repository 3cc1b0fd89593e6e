/**
 * The control inventory import's vocabulary (issue 13), shared by its callers: GraphQL importControls, and the file
 * route and command line, which hand over rows read from a CSV or XLSX file.
 */
import type { ControlStatus, LinkCoverage } from '../controls/control-status';

/**
 * One row as it comes from a file or from GraphQL: raw strings, judged by the import, never trusted. A field left
 * out (undefined: the file has no such column) keeps what an existing control has; null (an empty cell) clears it.
 * `links` left out keeps the control's links, while an empty list (an empty cell) means "no links" (in replace mode,
 * the control's links are removed). The file reader (control-file.ts) fills rows this way.
 */
export interface ControlImportRow {
  code?: string | null;
  title?: string | null;
  description?: string | null;
  owner?: string | null;
  status?: string | null;
  /** `FRAMEWORK:refId`, `FRAMEWORK:refId=PARTIAL` or `=FULL` (the default); FRAMEWORK is CODE or CODE:VERSION. */
  links?: string[] | null;
}

/** The columns a problem can name: the file's header names. */
export type ControlImportColumn = 'code' | 'title' | 'description' | 'owner' | 'status' | 'links';

/** One thing wrong with one row: where (row number as the user sees it, column), what was there, and why it is refused. */
export interface ControlImportProblem {
  row: number;
  column: ControlImportColumn;
  /** The value at fault (one entry of `links`), cut to MAX_PROBLEM_VALUE characters; null when it is missing. */
  value: string | null;
  reason: string;
}

/** replace: each imported row's links become exactly its list; merge: links are only added or changed. */
export type ImportMode = 'replace' | 'merge';

export interface ControlImportOptions {
  dryRun: boolean;
  mode: ImportMode;
  /** The number the user sees for rows[i] (a spreadsheet's row, header = 1); default i + 1. */
  rowNumbers?: number[];
}

/** A row that passed every check: ready to be planned and written. */
export interface ValidControlRow {
  row: number;
  code: string;
  title: string;
  /** undefined: keep the existing value (a new control gets null). */
  description: string | null | undefined;
  owner: string | null | undefined;
  /** undefined: keep the existing status (a new control gets PLANNED). */
  status: ControlStatus | undefined;
  /** undefined: leave the control's links as they are. */
  links: Array<{ requirementId: string; framework: string; refId: string; coverage: LinkCoverage }> | undefined;
}

export interface ControlImportReport {
  /** true: written (or, on a dry run, would be written); false: refused, nothing written. */
  ok: boolean;
  dryRun: boolean;
  /** Groups the import's audit events; null on a dry run or a refusal. */
  importId: string | null;
  created: number;
  updated: number;
  unchanged: number;
  linksAdded: number;
  linksRemoved: number;
  linksChanged: number;
  /** The first MAX_REPORTED_PROBLEMS problems, in row order. */
  problems: ControlImportProblem[];
  /** How many problems there are in all (more than `problems` holds when it was cut). */
  problemCount: number;
}

/** At most this many problems are listed; problemCount counts the rest, so a hostile file cannot make a huge answer. */
export const MAX_REPORTED_PROBLEMS = 1000;
/** A problem's value is cut to this many characters. */
export const MAX_PROBLEM_VALUE = 200;
/** The most links one row may carry (GraphQL refuses more at the argument; a file row gets a problem). */
export const MAX_LINKS_PER_ROW = 500;
