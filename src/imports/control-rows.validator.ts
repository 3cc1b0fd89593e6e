/**
 * Judges every row of a control inventory import before anything is written, and collects every problem (not just
 * the first): the rules of CreateControlInput (control-rules.ts, read by class-validator's own functions, so a row
 * and a GraphQL input are judged alike), a code used twice among the rows, and each link (link-spec.ts). Pure.
 *
 * Links to headings (non-assessable requirements) are accepted, as linkControl accepts them: coverage rolls a
 * heading up from its descendants and ignores a link to it.
 */
import { isIn, matches, maxLength, minLength } from 'class-validator';
import {
  atMost, CONTROL_CODE, CONTROL_CODE_MESSAGE, CONTROL_DESCRIPTION_MAX, CONTROL_OWNER_MAX, CONTROL_STATUS_MESSAGE, CONTROL_TITLE_MAX,
} from '../controls/control-rules';
import { CONTROL_STATUSES, type ControlStatus } from '../controls/control-status';
import { hasUnstorableText } from '../common/validation/clean-text';
import {
  type ControlImportColumn, type ControlImportProblem, type ControlImportRow, MAX_LINKS_PER_ROW, MAX_PROBLEM_VALUE, MAX_REPORTED_PROBLEMS, type ValidControlRow,
} from './control-import.types';
import { type LinkCatalog, parseLinkSpec } from './link-spec';

export interface RowCheck {
  valid: ValidControlRow[];
  /** The first MAX_REPORTED_PROBLEMS problems, in row order. */
  problems: ControlImportProblem[];
  problemCount: number;
}

const UNSTORABLE = 'must not contain NUL characters or unpaired UTF-16 surrogates';

/** The value as a problem shows it: text cut to MAX_PROBLEM_VALUE characters; anything else as JSON. */
function shown(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  return text.length > MAX_PROBLEM_VALUE ? `${text.slice(0, MAX_PROBLEM_VALUE)}…` : text;
}

export function validateControlRows(rows: readonly ControlImportRow[], rowNumbers: readonly number[], catalog: LinkCatalog): RowCheck {
  if (rowNumbers.length !== rows.length) throw new Error(`validateControlRows: ${rowNumbers.length} row numbers for ${rows.length} rows`);
  const problems: ControlImportProblem[] = [];
  let problemCount = 0;
  const report = (row: number, column: ControlImportColumn, value: unknown, reason: string) => {
    problemCount += 1;
    if (problems.length < MAX_REPORTED_PROBLEMS) problems.push({ row, column, value: shown(value), reason });
  };
  const firstRowOfCode = new Map<string, number>();
  const valid: ValidControlRow[] = [];

  rows.forEach((input, i) => {
    const row = rowNumbers[i];
    const before = problemCount;
    /** A text field: undefined (left out) or null kept as such; a string judged; anything else refused. */
    const text = (column: ControlImportColumn, value: unknown, check: (s: string) => string | undefined): string | null | undefined => {
      if (value === undefined || value === null) return value;
      if (typeof value !== 'string') return void report(row, column, value, 'must be text');
      if (hasUnstorableText(value)) return void report(row, column, value, UNSTORABLE);
      const refused = check(value);
      return refused === undefined ? value : void report(row, column, value, refused);
    };

    const missingCode = input.code === undefined || input.code === null || input.code === '';
    if (missingCode) report(row, 'code', null, `is required; it ${CONTROL_CODE_MESSAGE}`);
    const code = missingCode ? undefined : text('code', input.code, (s) => (matches(s, CONTROL_CODE) ? undefined : CONTROL_CODE_MESSAGE));
    if (typeof code === 'string') {
      const first = firstRowOfCode.get(code);
      if (first !== undefined) report(row, 'code', code, `is also on row ${first}; each code may appear once in an import`);
      else firstRowOfCode.set(code, row);
    }
    const title = text('title', input.title, (s) => (!minLength(s, 1) ? 'must not be empty' : maxLength(s, CONTROL_TITLE_MAX) ? undefined : atMost(CONTROL_TITLE_MAX)));
    if (input.title === undefined || input.title === null) report(row, 'title', null, `is required: 1 to ${CONTROL_TITLE_MAX} characters`);
    // An empty cell clears a description or owner.
    const description = text('description', input.description, (s) => (maxLength(s, CONTROL_DESCRIPTION_MAX) ? undefined : atMost(CONTROL_DESCRIPTION_MAX)));
    const owner = text('owner', input.owner, (s) => (maxLength(s, CONTROL_OWNER_MAX) ? undefined : atMost(CONTROL_OWNER_MAX)));
    // An empty status cell keeps the control's status (PLANNED for a new one), as a left-out field does.
    const status = text('status', input.status === '' ? undefined : input.status, (s) => (isIn(s, CONTROL_STATUSES) ? undefined : CONTROL_STATUS_MESSAGE));
    const links = checkLinks(row, input.links, catalog, report);

    if (problemCount === before) {
      valid.push({
        row,
        code: code!,
        title: title!,
        description: description === '' ? null : description,
        owner: owner === '' ? null : owner,
        status: (status ?? undefined) as ControlStatus | undefined,
        links,
      });
    }
  });
  return { valid, problems, problemCount };
}

function checkLinks(
  row: number,
  links: unknown,
  catalog: LinkCatalog,
  report: (row: number, column: ControlImportColumn, value: unknown, reason: string) => void,
): ValidControlRow['links'] {
  if (links === undefined) return undefined;
  if (links === null) return [];
  if (!Array.isArray(links)) return void report(row, 'links', links, 'must be a list of FRAMEWORK:refId entries');
  if (links.length > MAX_LINKS_PER_ROW) return void report(row, 'links', `${links.length} links`, `must hold at most ${MAX_LINKS_PER_ROW} links`);
  const out: NonNullable<ValidControlRow['links']> = [];
  const seen = new Map<string, string>();
  for (const entry of links) {
    if (typeof entry !== 'string') {
      report(row, 'links', entry, 'each link must be text such as ISO27001:A.5.15');
      continue;
    }
    if (entry.trim() === '') continue; // a trailing or doubled ";" in a cell
    if (hasUnstorableText(entry)) {
      report(row, 'links', entry, UNSTORABLE);
      continue;
    }
    const spec = parseLinkSpec(entry, catalog);
    if (!spec.ok) {
      report(row, 'links', entry, spec.reason);
      continue;
    }
    const first = seen.get(spec.requirementId);
    if (first !== undefined) {
      report(row, 'links', entry, `names ${spec.framework} ${spec.refId} again (first as "${first}"); link a requirement once per row`);
      continue;
    }
    seen.set(spec.requirementId, entry.trim());
    out.push({ requirementId: spec.requirementId, framework: spec.framework, refId: spec.refId, coverage: spec.coverage });
  }
  return out;
}
