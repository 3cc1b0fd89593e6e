import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { toGraphqlError } from './graphql-error.filter';

/**
 * Apollo's last word on every error, its own parse and validation errors included. Every error leaves with
 * `extensions.code`. Stack traces are kept only for unexpected errors outside production; in production an unexpected
 * error's message is replaced too, so neither a stack trace nor SQL text ever reaches a client.
 */
export function formatGraphqlError(production: boolean) {
  return (formatted: GraphQLFormattedError, error?: unknown): GraphQLFormattedError => {
    const original = error === undefined ? undefined : unwrapResolverError(error);
    // A field resolver's own error (they run without Nest's exception filter): coded here as the filter codes a root's,
    // an unexpected one logged and replaced by a bare INTERNAL_SERVER_ERROR (its message and stack may hold SQL).
    if (original !== undefined && !(original instanceof GraphQLError)) {
      const coded = toGraphqlError(original);
      formatted = { ...formatted, message: coded.message, extensions: coded.extensions };
    }
    const { stacktrace, ...extensions } = (formatted.extensions ?? {}) as Record<string, unknown>;
    // graphql-js's own complaints during execution (an argument that cannot be null, say) carry no code and no
    // original error: they are about the request, not a failure of ours.
    // (Our own errors always carry a code on the inner error; Apollo labels code-less ones INTERNAL before we see them.)
    const clientMistake = original instanceof GraphQLError && !original.originalError && original.extensions?.code === undefined;
    const code = clientMistake ? 'BAD_USER_INPUT' : typeof extensions.code === 'string' ? extensions.code : 'INTERNAL_SERVER_ERROR';
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
