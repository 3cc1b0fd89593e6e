/** JSON Schema of `mappings/quality.yaml`: the quality bars the shipped catalog must meet. */
import { FRAMEWORK_REF_PATTERN } from './mapping-set.schema';

export const qualityPolicySchema = {
  $id: 'crosswalk/quality-policy.schema.json',
  title: 'Crosswalk catalog quality policy',
  type: 'object',
  additionalProperties: false,
  properties: {
    coverage: {
      type: 'array',
      description: 'Share of assessable requirements that must have at least one relationship (NOT_RELATED does not count)',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['framework', 'minimumShare'],
        properties: {
          framework: { type: 'string', pattern: FRAMEWORK_REF_PATTERN },
          under: { type: 'string', minLength: 1, maxLength: 80, description: 'Only requirements below this refId' },
          minimumShare: { type: 'number', minimum: 0, maximum: 1 },
        },
      },
    },
  },
} as const;
