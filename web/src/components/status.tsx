/** A coverage status as a chip: its word is always printed, so colour is never the only signal. */
export type CoverageStatusName = 'FULL' | 'PARTIAL' | 'NONE' | 'EXCLUDED';

const LABEL: Record<CoverageStatusName, string> = { FULL: 'Full', PARTIAL: 'Partial', NONE: 'None', EXCLUDED: 'Excluded' };

export function StatusChip({ status }: { status: CoverageStatusName }) {
  return <span className={`chip chip-${status.toLowerCase()}`}>{LABEL[status]}</span>;
}

export function percent(score: number): string {
  return `${Math.round(score * 1000) / 10}%`;
}
