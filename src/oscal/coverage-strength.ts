/**
 * OSCAL `coverage` (`target-coverage`, 0–1: how much of the targets the sources cover) and Crosswalk's strength (the
 * NIST IR 8278A 0–10 scale) are the same measure at different resolutions:
 * - equal-to / equivalent-to (EQUAL) are strength 10 and no-relationship (NOT_RELATED) 0, whatever coverage says;
 * - the others (SUBSET_OF, SUPERSET_OF, INTERSECTS_WITH) take round(coverage × 10), held to 1–9, so a partial
 *   relationship stays partial; without any coverage in scope (map, then mapping, then provenance) they take 5, the
 *   middle of the scale;
 * - written back, strength s is coverage s / 10, so a write → read round trip keeps every strength.
 */
import type { Relationship } from '../graph/relationship';
import { MAX_STRENGTH, MIN_STRENGTH } from '../graph/relationship';

export const DEFAULT_PARTIAL_STRENGTH = 5;

export function strengthFromCoverage(relationship: Relationship, coverage: number | undefined): number {
  if (relationship === 'EQUAL') return MAX_STRENGTH;
  if (relationship === 'NOT_RELATED') return MIN_STRENGTH;
  if (coverage === undefined) return DEFAULT_PARTIAL_STRENGTH;
  return Math.min(MAX_STRENGTH - 1, Math.max(MIN_STRENGTH + 1, Math.round(coverage * 10)));
}

export function coverageFromStrength(strength: number): number {
  return Math.min(1, Math.max(0, strength / 10));
}
