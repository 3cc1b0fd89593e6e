/** Where a control stands; only IMPLEMENTED controls count in coverage. */
export const CONTROL_STATUSES = ['PLANNED', 'IN_PROGRESS', 'IMPLEMENTED', 'NOT_APPLICABLE'] as const;
export type ControlStatus = (typeof CONTROL_STATUSES)[number];

/** How much of a requirement a control's link claims to satisfy. */
export const LINK_COVERAGES = ['FULL', 'PARTIAL'] as const;
export type LinkCoverage = (typeof LINK_COVERAGES)[number];
