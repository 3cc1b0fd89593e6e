/** JSON Schema of a framework file, `mappings/frameworks/<code>-<version>.yaml`. */
import { AI_ROLES } from '../../catalog/ai-role';
import { FRAMEWORK_KINDS } from '../../catalog/framework-kind';
import { FRAMEWORK_CODE, FRAMEWORK_VERSION } from '../../catalog/framework-ref';
import { HS_CLAUSE } from '../../catalog/harmonized-structure';
import { sourceDocumentSchema } from './source-document.schema';

export const FRAMEWORK_CODE_PATTERN = `^${FRAMEWORK_CODE}$`;
export const FRAMEWORK_VERSION_PATTERN = `^${FRAMEWORK_VERSION}$`;
export const HS_CLAUSE_PATTERN = `^${HS_CLAUSE}$`;

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
          aiRoles: {
            type: 'array',
            minItems: 1,
            uniqueItems: true,
            items: { enum: [...AI_ROLES] },
            description: 'The ISO/IEC 22989 AI roles this requirement concerns; absent means every role (mappings/README.md)',
          },
          roleNote: {
            type: 'string',
            minLength: 10,
            maxLength: 500,
            description: 'Why the requirement concerns those roles, in our own words; required with aiRoles and quoted in suggested exclusions',
          },
          noMappingReason: {
            type: 'string',
            minLength: 10,
            maxLength: 1000,
            description: 'Why no crosswalk edge touches this requirement, where the quality bar expects one',
          },
        },
      },
    },
  },
} as const;
