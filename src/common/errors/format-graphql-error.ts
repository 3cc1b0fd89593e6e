import type { GraphQLFormattedError } from 'graphql';

/**
 * Apollo's last word on every error, its own parse and validation errors included. Every error leaves with
 * `extensions.code`. Stack traces are kept only for unexpected errors outside production; in production an unexpected
 * error's message is replaced too, so neither a stack trace nor SQL text ever reaches a client.
 */
export function formatGraphqlError(production: boolean) {
  return (formatted: GraphQLFormattedError): GraphQLFormattedError => {
    const { stacktrace, ...extensions } = (formatted.extensions ?? {}) as Record<string, unknown>;
    const code = typeof extensions.code === 'string' ? extensions.code : 'INTERNAL_SERVER_ERROR';
    const internal = code === 'INTERNAL_SERVER_ERROR';
    return {
      message: internal && production ? 'Internal server error' : formatted.message,
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
      // An unexpected error keeps nothing but its code in production: its other extensions may hold internals too.
      extensions:
        internal && production ? { code } : { ...extensions, code, ...(internal && !production && stacktrace ? { stacktrace } : {}) },
    };
  };
}
