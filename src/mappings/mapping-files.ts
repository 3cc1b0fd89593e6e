/** The shapes of the `mappings/` files after parsing, and where each came from (for error messages). */
import type { AiRole } from '../catalog/ai-role';
import type { FrameworkKind } from '../catalog/framework-kind';
import type { MappingMethod, MappingStatus, SourceDocument } from '../crosswalks/provenance';
import type { CrosswalkCondition, Rationale, Relationship } from '../graph/relationship';

export interface RequirementDoc {
  id: string;
  parent?: string;
  title: string;
  text?: string;
  kind: string;
  assessable?: boolean;
  hsClause?: string;
  note?: string;
  noMappingReason?: string;
  /** The AI roles the requirement concerns; absent means every role. */
  aiRoles?: AiRole[];
  roleNote?: string;
}

export interface FrameworkDoc {
  code: string;
  version: string;
  name: string;
  publisher: string;
  kind: FrameworkKind;
  description?: string;
  licence: string;
  sources: SourceDocument[];
  requirements: RequirementDoc[];
}

export interface EdgeDoc {
  source: string;
  target: string;
  relationship: Relationship;
  rationale: Rationale;
  strength: number;
  note?: string;
  /** Containment edges: each demand of the contained requirement, matched to where the container makes it. */
  evidence?: string[];
  condition?: CrosswalkCondition;
}

export interface MappingSetDoc {
  id: string;
  name: string;
  description?: string;
  source: string;
  target: string;
  comprehensive: boolean;
  allowNonAssessable?: boolean;
  provenance: {
    method: MappingMethod;
    status: MappingStatus;
    author: string;
    date: string;
    licence: string;
    sources: SourceDocument[];
  };
  edges: EdgeDoc[];
}

export interface QualityPolicyDoc {
  coverage?: Array<{ framework: string; under?: string; minimumShare: number }>;
}

/** A problem in one file, pointing at the line and the JSON path of the offending value. */
export interface MappingError {
  file: string;
  line?: number;
  path: string;
  message: string;
  value?: unknown;
}

/** Finds the line of a JSON path (`/edges/3/strength`) in the file it was parsed from. */
export type LineLocator = (path: (string | number)[]) => number | undefined;

export interface ParsedFile<T> {
  /** Relative to the mappings folder, with forward slashes. */
  file: string;
  doc: T;
  lineOf: LineLocator;
}

export interface MappingFiles {
  frameworks: ParsedFile<FrameworkDoc>[];
  mappingSets: ParsedFile<MappingSetDoc>[];
  /** SHA-256 over every file's path and bytes, and the loader format version. */
  contentHash: string;
}

export function formatMappingError(error: MappingError): string {
  const where = `${error.file}${error.line ? `:${error.line}` : ''}`;
  const value = error.value === undefined ? '' : ` (found: ${JSON.stringify(error.value)})`;
  return `${where}: ${error.path || '/'}: ${error.message}${value}`;
}
