import { inverse } from '../graph/relationship';
import type { EdgeRow } from './crosswalk-rows';
import type { Crosswalk } from './models/crosswalk.model';

/** Reads a stored edge from the side of `from`: against the stored direction, the relationship is inverted. */
export function readEdge(edge: EdgeRow, from: string): Crosswalk {
  const reversed = edge.sourceId !== from;
  return {
    sourceId: from,
    targetId: reversed ? edge.sourceId : edge.targetId,
    mappingSetId: edge.mappingSetId,
    relationship: reversed ? inverse(edge.relationship) : edge.relationship,
    rationale: edge.rationale,
    strength: edge.strength,
    note: edge.note,
    evidence: edge.evidence,
    condition: edge.condition,
    reversed,
    equivalent: edge.equivalent === true,
  };
}
