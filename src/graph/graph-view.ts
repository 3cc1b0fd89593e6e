/**
 * What the engine's algorithms read of a graph. Two kinds implement it: the public catalog (CatalogGraph) and one
 * organization's overlay on it (OverlayGraph: its own frameworks, requirements, mapping sets and crosswalks, indexed
 * after the catalog's and sharing everything else). Every algorithm takes a GraphView, so it gives one answer for an
 * organization's own frameworks and the public ones alike.
 *
 * Indexes are dense: requirements 0..requirementCount-1, and likewise frameworks, mapping sets, stored edges and
 * half-edges. A requirement's half-edges (the readings of the stored edges at it, half-edges.ts) lie in up to
 * `halfEdgeParts` ranges: `halfEdgeStart(r, part) <= h < halfEdgeEnd(r, part)` for each part. The catalog has one
 * part; an overlay has a second, for the crosswalks an organization adds at a public requirement. Loop over parts
 * with the count read once:
 *
 *   for (let part = 0; part < parts; part++)
 *     for (let h = graph.halfEdgeStart(r, part), end = graph.halfEdgeEnd(r, part); h < end; h++) { … }
 *
 * Read that way, a requirement's half-edges come in stored-edge order across the parts.
 */
import type { CrosswalkCondition, Rationale, Relationship } from './relationship';

export interface GraphView {
  readonly frameworkCount: number;
  readonly requirementCount: number;
  readonly mappingSetCount: number;
  readonly edgeCount: number;
  /** How many half-edge ranges a requirement may have (1 for the catalog, 2 for an overlay). */
  readonly halfEdgeParts: number;

  /** The index of a framework id, or -1. */
  frameworkIndex(id: string): number;
  /** The index of the framework with this code and version, or -1. */
  findFramework(code: string, version: string): number;
  frameworkId(framework: number): string;
  frameworkCode(framework: number): string;
  frameworkVersion(framework: number): string;
  /** True for a framework that belongs to one organization, not to the public catalog. */
  frameworkIsPrivate(framework: number): boolean;
  /** The framework's requirement indexes in input order. A read-only view: do not write to it. */
  requirementsOf(framework: number): ArrayLike<number>;

  /** The index of a requirement id, or -1. */
  requirementIndex(id: string): number;
  /** Whether requirementIndexBySeq can answer: the input gave every requirement its seq. */
  readonly hasRequirementSeqs: boolean;
  /** The index of the requirement the store numbers `seq`, or -1 when the graph does not hold it. */
  requirementIndexBySeq(seq: number): number;
  requirementId(requirement: number): string;
  refId(requirement: number): string;
  title(requirement: number): string;
  frameworkOf(requirement: number): number;
  isAssessable(requirement: number): boolean;
  /** The parent's index, or -1 for a top-level requirement. */
  parentOf(requirement: number): number;
  /** The top of the requirement's parent chain in its framework (itself when it has no parent). */
  topLevelAncestorOf(requirement: number): number;

  mappingSetIndex(id: string): number;
  mappingSetId(mappingSet: number): string;
  mappingSetKey(mappingSet: number): string;
  /** True for a mapping set that belongs to one organization, not to the public catalog. */
  mappingSetIsPrivate(mappingSet: number): boolean;

  /** Stored edges, as given (never reversed). */
  edgeMappingSetOf(edge: number): number;
  edgeSourceOf(edge: number): number;
  edgeTargetOf(edge: number): number;
  edgeRelationshipOf(edge: number): Relationship;
  edgeRationaleOf(edge: number): Rationale | null;
  edgeStrengthOf(edge: number): number;
  /** The stored edge's condition, or null when it holds unconditionally. */
  edgeConditionOf(edge: number): CrosswalkCondition | null;
  /** Whether the stored edge's condition is met in this reading; null when it has none. */
  edgeConditionMet(edge: number): boolean | null;

  /** The first half-edge of the requirement's range `part` (0 ≤ part < halfEdgeParts). */
  halfEdgeStart(requirement: number, part: number): number;
  /** One past the last half-edge of the requirement's range `part`; equal to the start when the range is empty. */
  halfEdgeEnd(requirement: number, part: number): number;
  /** The requirement at the far end of the half-edge. */
  halfEdgeHead(halfEdge: number): number;
  /** The relationship code as read from the near end towards the head (edge-codes.ts). */
  halfEdgeRelationship(halfEdge: number): number;
  /** The rationale code (0: none recorded). */
  halfEdgeRationale(halfEdge: number): number;
  halfEdgeStrength(halfEdge: number): number;
  /** True when this reading runs from the stored edge's target to its source. */
  halfEdgeReversed(halfEdge: number): boolean;
  /** The stored edge this half-edge reads. */
  halfEdgeEdge(halfEdge: number): number;

  /**
   * The graph as an organization with these management systems reads it: `systemOf[framework]` is the system the
   * framework belongs to (frameworks with the same number share one), or -1 for none. Conditional edges read as
   * stored only between frameworks of one system. A view that shares everything it can, never a copy.
   */
  underSystems(systemOf: ArrayLike<number>): GraphView;
  /** The reading in which every framework shares one management system: every conditional edge as stored. */
  underOneSystem(): GraphView;
}
