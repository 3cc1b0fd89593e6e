/**
 * A framework's coverage as the pages draw it: a stacked bar of full, partial, none and excluded (each segment with its
 * number, so colour is never the only signal) and the same counts as a line of text. The numbers are the API's.
 */
import type { ReactNode } from 'react';
import { percent } from './status';

export const COVERAGE_PARTS = ['full', 'partial', 'none', 'excluded'] as const;

export interface CoverageCounts {
  full: number;
  partial: number;
  none: number;
  excluded: number;
  score: number;
}

/** "3 full, 1 partial, 40 none, 0 excluded; score 7.5%": the words a bar's label and tooltip carry. */
export function coverageSummary(c: CoverageCounts): string {
  return `${c.full} full, ${c.partial} partial, ${c.none} none, ${c.excluded} excluded; score ${percent(c.score)}`;
}

/**
 * The bar: `label` names it for screen readers (`<label>: <summary>`), `summary` is its tooltip (default
 * coverageSummary), and `attributes` are extra data attributes (test hooks such as data-testid).
 */
export function CoverageBar(props: { counts: CoverageCounts; label: string; summary?: string; attributes?: Record<`data-${string}`, string> }) {
  const { counts } = props;
  const summary = props.summary ?? coverageSummary(counts);
  return (
    <div className="bar" {...props.attributes} role="img" aria-label={`${props.label}: ${summary}`} title={summary}>
      {COVERAGE_PARTS.map((part) =>
        counts[part] > 0 ? (
          <span key={part} className={`seg seg-${part}`} style={{ flexGrow: counts[part] }} title={`${counts[part]} ${part}`} data-part={part}>
            <span className="seg-label">{counts[part]}</span>
          </span>
        ) : null,
      )}
    </div>
  );
}

/** The counts in words under a bar, then whatever the page adds (the score, the denominator). */
export function CoverageCountsLine({ counts, children }: { counts: CoverageCounts; children?: ReactNode }) {
  return (
    <p className="counts">
      {COVERAGE_PARTS.map((part) => (
        <span key={part} className={`count count-${part}`}>
          {counts[part]} {part}
        </span>
      ))}
      {children}
    </p>
  );
}
