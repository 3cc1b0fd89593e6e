/** JSON Schema of a framework file, `mappings/frameworks/<code>-<version>.yaml`. */
import { FRAMEWORK_KINDS } from '../../catalog/framework-kind';
import { sourceDocumentSchema } from './source-document.schema';

export const FRAMEWORK_CODE_PATTERN = '^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$';
export const FRAMEWORK_VERSION_PATTERN = '^[0-9A-Za-z][0-9A-Za-z.-]{0,39}$';
export const HS_CLAUSE_PATTERN = '^(4|5|6|7|8|9|10)(\\.[0-9]+)*$';

export const frameworkFileSchema = {
  $id: 'crosswalk/framework.schema.json',
  title: 'Crosswalk framework file',
  type: 'object',
  additionalProperties: false,
  required: ['code', 'version', 'name', 'publisher', 'kind', 'licence', 'sources', 'requirements'],
  properties: {
    code: { type: 'string', pattern: FRAMEWORK_CODE_PATTERN, maxLength: 40, description: 'Stable code, e.g. ISO27001' },
    version: { type: 'string', pattern: FRAMEWORK_VERSION_PATTERN, description: 'Edition, e.g. 2022' },
    name: { type: 'string', minLength: 1, maxLength: 300 },
    publisher: { type: 'string', minLength: 1, maxLength: 200 },
    kind: { enum: [...FRAMEWORK_KINDS] },
    description: { type: 'string', maxLength: 4000 },
    licence: { type: 'string', minLength: 1, maxLength: 1000, description: 'What may be shipped, and how to load the rest' },
    sources: { type: 'array', minItems: 1, items: sourceDocumentSchema },
    requirements: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'title', 'kind'],
        properties: {
          id: { type: 'string', minLength: 1, maxLength: 80, pattern: '^\\S(.*\\S)?$', description: 'refId as the standard prints it' },
          parent: { type: 'string', minLength: 1, maxLength: 80 },
          title: { type: 'string', minLength: 1, maxLength: 500 },
          text: { type: 'string', maxLength: 20000 },
          kind: { type: 'string', pattern: '^[a-z][a-z-]*$', maxLength: 40 },
          assessable: { type: 'boolean', description: 'Default: true for leaves, false for requirements with children' },
          hsClause: { type: 'string', pattern: HS_CLAUSE_PATTERN, description: 'Harmonized Structure clause implemented' },
          note: { type: 'string', maxLength: 2000, description: 'Editorial note; not loaded' },
        },
      },
    },
  },
} as const;
