/** A cited source: the document a framework's identifiers or a mapping set's judgements come from. */
export const sourceDocumentSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['title'],
  properties: {
    title: { type: 'string', minLength: 1, maxLength: 500 },
    url: { type: 'string', format: 'uri', maxLength: 1000 },
    note: { type: 'string', maxLength: 2000 },
  },
} as const;
