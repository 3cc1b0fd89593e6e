/**
 * The GraphQL client: urql over POST /graphql on the service's own origin, with the session's key as a bearer token.
 * A key the service refuses (UNAUTHENTICATED: expired, revoked or mistyped) signs the session out with the service's
 * own explanation, so every page leads back to sign-in instead of showing a bare error.
 */
import { Client, cacheExchange, fetchExchange, mapExchange } from 'urql';

export function createClient(apiKey: string | null, onRefusedKey: (message: string) => void): Client {
  return new Client({
    url: '/graphql',
    preferGetMethod: false,
    requestPolicy: 'cache-and-network',
    fetchOptions: (): RequestInit => ({ headers: apiKey ? { authorization: `Bearer ${apiKey}` } : {} }),
    exchanges: [
      mapExchange({
        onError(error) {
          const refused = error.graphQLErrors.find((e) => e.extensions?.code === 'UNAUTHENTICATED');
          if (refused && apiKey) onRefusedKey(refused.message);
        },
      }),
      cacheExchange,
      fetchExchange,
    ],
  });
}
