/**
 * Types the dashboard's queries against the service's schema (schema.gql, written by `npm run schema:generate`):
 * `graphql()` in web/src/gql returns a typed document for every query written with it. Run by `npm run build`
 * (scripts/build-web.mjs); the output is generated, not committed.
 */
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: 'schema.gql',
  documents: ['web/src/**/*.{ts,tsx}', '!web/src/gql/**'],
  ignoreNoDocuments: true,
  silent: true,
  generates: {
    'web/src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: { enumsAsTypes: true, useTypeImports: true, scalars: { DateTime: 'string', JSON: 'unknown' } },
    },
  },
};

export default config;
