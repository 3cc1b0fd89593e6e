/**
 * The one error the OSCAL layer throws: a document that cannot be read (schema, size, depth, duplicate IDs, dangling
 * or unmatched references). It carries every problem found (the first is the headline) with the JSON path of each,
 * written `$.catalog.groups[3].controls[0].id`, so that HTTP and CLI callers can show where to look.
 */
import { DomainError, ErrorCode } from '../common/errors/domain-error';
import { argumentPath } from '../common/validation/clean-text';

export interface OscalProblem {
  /** JSON path of the offending value: `$` is the document, `$.mapping-collection.mappings[0].maps[2].relationship`. */
  path: string;
  message: string;
}

/** Most problems one error lists; the rest are counted. */
export const MAX_LISTED_PROBLEMS = 50;

/**
 * Which check refused a document: `schema` (not JSON Schema-valid OSCAL, too deep, unstorable text) or `content`
 * (valid OSCAL that does not fit: duplicate ids or pairs, references that match nothing). HTTP answers 400 for the
 * first and 422 for the second.
 */
export type OscalProblemStage = 'schema' | 'content';

export class OscalDocumentError extends DomainError {
  readonly problems: readonly OscalProblem[];

  constructor(
    problems: OscalProblem[],
    readonly total = problems.length,
    readonly stage: OscalProblemStage = 'schema',
  ) {
    const first = problems[0] ?? { path: '$', message: 'is not a readable OSCAL document' };
    const more = total > 1 ? ` (and ${total - 1} more problem${total > 2 ? 's' : ''})` : '';
    super(ErrorCode.BAD_USER_INPUT, `${first.path}: ${first.message}${more}`, first.path, { path: first.path });
    this.problems = problems.slice(0, MAX_LISTED_PROBLEMS);
  }
}

/** `['catalog', 'groups', 3]` → `$.catalog.groups[3]`. */
export function jsonPath(segments: ReadonlyArray<string | number>): string {
  return segments.length === 0 ? '$' : argumentPath('$', [...segments]);
}

/** Collects problems while a document is read, then throws them together. */
export class ProblemList {
  readonly items: OscalProblem[] = [];
  private count = 0;

  add(path: ReadonlyArray<string | number> | string, message: string): void {
    this.count += 1;
    if (this.items.length < MAX_LISTED_PROBLEMS) this.items.push({ path: typeof path === 'string' ? path : jsonPath(path), message });
  }

  get size(): number {
    return this.count;
  }

  throwIfAny(): void {
    if (this.count > 0) throw new OscalDocumentError(this.items, this.count, 'content');
  }
}

export interface UnmatchedReference {
  side: 'source' | 'target';
  /** The `id-ref` as written. */
  ref: string;
  /** Where it first appears. */
  path: string;
  /** How many items name it. */
  count: number;
}

/** Mapping items that match no requirement: every distinct one is listed, and nothing is produced. */
export class OscalUnmatchedReferencesError extends OscalDocumentError {
  constructor(readonly references: readonly UnmatchedReference[]) {
    super(
      references.map((r) => ({
        path: r.path,
        message: `${r.side} "${r.ref}" matches no requirement of the ${r.side} framework by OSCAL id or label${r.count > 1 ? ` (named ${r.count} times)` : ''}`,
      })),
      references.length,
      'content',
    );
  }
}
