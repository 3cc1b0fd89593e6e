/**
 * Requirement status codes, one byte per requirement in the engine's result arrays, and the weight of a direct
 * PARTIAL link.
 *
 * DIRECT_PARTIAL_WEIGHT: DESIGN 1 says a control can cover a requirement PARTIALly but gives that no number, while
 * the score (DESIGN 4) needs one. We count a direct PARTIAL link as half, the midpoint: a control that claims partial
 * coverage has shown neither nothing nor everything. Every partial weight derived from it is at most 0.5.
 */
export const STATUS_NONE = 0;
export const STATUS_PARTIAL = 1;
export const STATUS_FULL = 2;
export const STATUS_EXCLUDED = 3;

export const STATUS_NAMES = ['NONE', 'PARTIAL', 'FULL', 'EXCLUDED'] as const;
export type StatusName = (typeof STATUS_NAMES)[number];

export const DIRECT_PARTIAL_WEIGHT = 0.5;

/** The weight a source of this direct level hands on: 1 when FULL, DIRECT_PARTIAL_WEIGHT when PARTIAL. */
export function sourceWeight(level: number): number {
  return level === STATUS_FULL ? 1 : DIRECT_PARTIAL_WEIGHT;
}

/** Per requirement index: status code, weight (1 FULL, (0, 1) PARTIAL, 0 otherwise), and the inferred flag. */
export interface StatusArrays {
  readonly status: Uint8Array;
  readonly weight: Float64Array;
  /** 1 when the requirement's status and weight are reached only through composed (multi-hop) paths. */
  readonly inferred: Uint8Array;
}
