import type { ApolloServerPlugin } from '@apollo/server';

const CLIENT_CODES = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT']);

/**
 * A request refused before execution (by the parser, validation or the query limits) is the client's fault: answer
 * 400, not 500, whichever plugin refused it. Responses with data keep their status.
 */
export const clientErrorStatusPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        if (response.body.kind !== 'single') return;
        const { data, errors } = response.body.singleResult;
        if (data === undefined && errors?.length && errors.every((e) => CLIENT_CODES.has(String(e.extensions?.code)))) {
          response.http.status = 400;
        }
      },
    };
  },
};
