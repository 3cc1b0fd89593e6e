import type { ApolloServerPlugin } from '@apollo/server';
import { getNamedType, isLeafType, type GraphQLFormattedError } from 'graphql';

export interface ExecutionBudget {
  /** Longest execution, in milliseconds, from the start of execution. */
  maxMs: number;
  /** Largest answer, in bytes of JSON (estimated as values resolve, before any of it is serialized). */
  maxBytes: number;
}

export const BUDGET_EXCEEDED = 'EXECUTION_BUDGET_EXCEEDED';

const mb = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/**
 * The second line of defence behind the query cost: a request that runs longer than `maxMs`, or whose answer grows
 * past `maxBytes`, is stopped where it is. Every field checks the budget before it resolves, so once it is spent, what
 * remains of the query fails at once instead of running; the answer is then replaced by one coded error, never a
 * partial or huge body: EXECUTION_BUDGET_EXCEEDED, with `extensions.limit` (RESPONSE_BYTES, 400: the query asks for too
 * much; or EXECUTION_TIME, 503: try again, or ask for less) and the limit's value.
 *
 * The size is estimated from each resolved value (a string's length, a field name, JSON punctuation), so it tracks the
 * body that would be written within a few percent.
 */
export function executionBudgetPlugin(budget: ExecutionBudget): ApolloServerPlugin {
  return {
    async requestDidStart() {
      let started = 0;
      let bytes = 0;
      let spent: { limit: 'RESPONSE_BYTES' | 'EXECUTION_TIME'; error: Error } | undefined;
      const spend = (limit: 'RESPONSE_BYTES' | 'EXECUTION_TIME') => {
        spent ??= { limit, error: new Error(`execution budget: ${limit}`) };
        return spent.error;
      };
      return {
        async executionDidStart() {
          started = performance.now();
          return {
            willResolveField({ info }) {
              if (spent) throw spent.error;
              if (performance.now() - started > budget.maxMs) throw spend('EXECUTION_TIME');
              return (_error, result) => {
                bytes += String(info.path.key).length + 4 + (isLeafType(getNamedType(info.returnType)) ? sizeOf(result) : punctuation(result));
                if (bytes > budget.maxBytes) spend('RESPONSE_BYTES');
              };
            },
          };
        },
        async willSendResponse({ response }) {
          if (!spent || response.body.kind !== 'single') return;
          const tooBig = spent.limit === 'RESPONSE_BYTES';
          const error: GraphQLFormattedError = {
            message: tooBig
              ? `response size limit: the answer grew past ${mb(budget.maxBytes)} and was stopped. Ask for fewer items per page, or fewer fields and nested lists.`
              : `execution time limit: the query ran longer than ${budget.maxMs} ms and was stopped. Try again, or ask for fewer items per page or fewer nested lists.`,
            extensions: {
              code: BUDGET_EXCEEDED,
              limit: spent.limit,
              ...(tooBig ? { maxBytes: budget.maxBytes } : { maxMs: budget.maxMs }),
            },
          };
          response.body.singleResult = { errors: [error] };
          response.http.status = tooBig ? 400 : 503;
        },
      };
    },
  };
}

/** JSON bytes of a leaf value (a scalar, an enum, a list of them, or a JSON scalar's value), up to a depth. */
function sizeOf(value: unknown, depth = 0): number {
  switch (typeof value) {
    case 'string':
      return value.length + 2;
    case 'number':
    case 'bigint':
      return 8;
    case 'boolean':
      return 5;
    case 'object': {
      if (value === null) return 4;
      if (value instanceof Date) return 26;
      if (depth > 8) return 2;
      let size = 2;
      if (Array.isArray(value)) for (const item of value) size += 1 + sizeOf(item, depth + 1);
      else for (const [key, item] of Object.entries(value)) size += key.length + 4 + sizeOf(item, depth + 1);
      return size;
    }
    default:
      return 4;
  }
}

/** An object's or a list of objects' own punctuation; their fields count themselves as they resolve. */
function punctuation(value: unknown): number {
  return Array.isArray(value) ? 2 + value.length : 2;
}
