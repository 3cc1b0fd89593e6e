/** JSON Schema of a crosswalk file, `mappings/crosswalks/<source>__<target>.yaml`: one directed mapping set. */
import { FRAMEWORK_CODE, FRAMEWORK_VERSION } from '../../catalog/framework-ref';
import { CROSSWALK_CONDITIONS, RATIONALES, RELATIONSHIPS } from '../../graph/relationship';
import { MAPPING_METHODS, MAPPING_STATUSES } from '../../crosswalks/provenance';
import { sourceDocumentSchema } from './source-document.schema';

/** A mapping set names exact framework versions: CODE:VERSION. */
export const FRAMEWORK_REF_PATTERN = `^${FRAMEWORK_CODE}:${FRAMEWORK_VERSION}$`;

export const mappingSetFileSchema = {
  $id: 'crosswalk/mapping-set.schema.json',
  title: 'Crosswalk mapping set file',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'name', 'source', 'target', 'comprehensive', 'provenance', 'edges'],
  properties: {
    id: { type: 'string', pattern: '^[a-z0-9][a-z0-9._-]{0,119}$', description: 'Stable key of the set' },
    name: { type: 'string', minLength: 1, maxLength: 300 },
    description: { type: 'string', maxLength: 8000 },
    source: { type: 'string', pattern: FRAMEWORK_REF_PATTERN, description: 'CODE:VERSION of the source framework' },
    target: { type: 'string', pattern: FRAMEWORK_REF_PATTERN, description: 'CODE:VERSION of the target framework' },
    comprehensive: { type: 'boolean', description: 'Every source requirement was considered' },
    allowNonAssessable: {
      type: 'boolean',
      description: 'Edges may join requirements that are not assessable (clause headings, functions, …)',
    },
    provenance: {
      type: 'object',
      additionalProperties: false,
      required: ['method', 'status', 'author', 'date', 'licence', 'sources'],
      properties: {
        method: { enum: [...MAPPING_METHODS] },
        status: { enum: [...MAPPING_STATUSES] },
        author: { type: 'string', minLength: 1, maxLength: 300 },
        // A real calendar date PostgreSQL can store, in this era of standards.
        // (Anything not shaped like a date is left to the format check, so it gets one error, not two.)
        date: { type: 'string', format: 'date', pattern: '^(?:(?![0-9]{4}-)|(?:19|20)[0-9]{2}-)' },
        licence: { type: 'string', minLength: 1, maxLength: 1000 },
        sources: { type: 'array', minItems: 1, items: sourceDocumentSchema },
      },
    },
    edges: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['source', 'target', 'relationship', 'rationale', 'strength'],
        properties: {
          source: { type: 'string', minLength: 1, maxLength: 80 },
          target: { type: 'string', minLength: 1, maxLength: 80 },
          relationship: { enum: [...RELATIONSHIPS] },
          rationale: { enum: [...RATIONALES] },
          strength: { type: 'integer', minimum: 0, maximum: 10 },
          note: { type: 'string', maxLength: 4000 },
          evidence: {
            type: 'array',
            minItems: 1,
            maxItems: 40,
            description:
              'Containment edges only: each demand of the contained requirement, in our own words, and where the container makes it',
            items: { type: 'string', minLength: 10, maxLength: 600 },
          },
          condition: {
            enum: [...CROSSWALK_CONDITIONS],
            description: 'The edge holds as typed only under this condition (SAME_MANAGEMENT_SYSTEM)',
          },
        },
      },
    },
  },
} as const;
