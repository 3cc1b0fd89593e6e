import type { ApolloServerPlugin } from '@apollo/server';
import {
  defaultFieldResolver,
  getNamedType,
  isLeafType,
  isObjectType,
  type GraphQLFieldResolver,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from 'graphql';

export interface ExecutionLimits {
  /** Longest execution, in milliseconds, from the start of execution. */
  maxMs: number;
  /** Largest answer, in bytes of JSON (estimated as values resolve, before any of it is serialized). */
  maxBytes: number;
}

export const BUDGET_EXCEEDED = 'EXECUTION_BUDGET_EXCEEDED';

type Limit = 'RESPONSE_BYTES' | 'EXECUTION_TIME';

/** How many fields may start between two readings of the clock (ExecutionBudget.refusal). */
const CLOCK_EVERY = 16;

/**
 * One query's execution budget: the second line of defence behind the query cost. A query that runs longer than
 * `maxMs`, or whose answer grows past `maxBytes`, is stopped where it is: every field resolver checks the budget
 * first (budgetResolvers), and once it is spent, each field still to resolve fails at once instead of running, and the
 * answer is replaced by one coded error (executionBudgetPlugin): EXECUTION_BUDGET_EXCEEDED with `extensions.limit`,
 * RESPONSE_BYTES (400: the query asks for too much) or EXECUTION_TIME (503: try again, or ask for less).
 *
 * Mutations have none (`start` is not called for them): a write that committed must not be answered as failed, and
 * their answers are bounded by the query cost alone.
 */
export class ExecutionBudget {
  private startedAt: number | undefined;
  private bytes = 0;
  /** Fields since the clock was last read (refusal). */
  private unchecked = 0;
  spent: { limit: Limit; error: Error } | undefined;

  constructor(readonly limits: ExecutionLimits) {}

  start(): void {
    this.startedAt = performance.now();
  }

  /**
   * The error to fail a field with, once the budget is spent. It reads the clock at every CLOCK_EVERY-th field only: a
   * page resolves hundreds of fields in well under a millisecond, so reading it for each cost more than the check is
   * worth, while a run of CLOCK_EVERY fields past the limit, even slow ones that wait on the database, stays short.
   */
  refusal(): Error | undefined {
    if (this.spent) return this.spent.error;
    if (this.startedAt === undefined || ++this.unchecked < CLOCK_EVERY) return undefined;
    this.unchecked = 0;
    if (performance.now() - this.startedAt > this.limits.maxMs) return this.spend('EXECUTION_TIME');
    return undefined;
  }

  /** Counts a resolved value's share of the answer. */
  add(bytes: number): void {
    if (this.startedAt === undefined) return;
    this.bytes += bytes;
    if (this.bytes > this.limits.maxBytes) this.spend('RESPONSE_BYTES');
  }

  private spend(limit: Limit): Error {
    this.spent ??= { limit, error: new Error(`execution budget spent: ${limit}`) };
    return this.spent.error;
  }

  /** The one error the answer becomes. */
  answer(): { error: GraphQLFormattedError; status: number } | undefined {
    if (!this.spent) return undefined;
    const tooBig = this.spent.limit === 'RESPONSE_BYTES';
    const mb = `${Math.round((this.limits.maxBytes / 1024 / 1024) * 10) / 10} MB`;
    return {
      status: tooBig ? 400 : 503,
      error: {
        message: tooBig
          ? `response size limit: the answer grew past ${mb} and was stopped. Ask for fewer items per page, or fewer fields and nested lists.`
          : `execution time limit: the query ran longer than ${this.limits.maxMs} ms and was stopped. Try again, or ask for fewer items per page or fewer nested lists.`,
        extensions: {
          code: BUDGET_EXCEEDED,
          limit: this.spent.limit,
          ...(tooBig ? { maxBytes: this.limits.maxBytes } : { maxMs: this.limits.maxMs }),
        },
      },
    };
  }
}

/**
 * Wraps every field resolver of `schema` (in place, as Apollo's own instrumentation does) to check the request's
 * budget (`context.budget`) before it runs and to count what it returns.
 *
 * A spent budget fails the field with a rejected promise, never a synchronous throw: graphql-js abandons the promises
 * of a list's earlier items when a later one throws, and those would reject unhandled. A rejected promise is always
 * handled by graphql-js itself.
 */
export function budgetResolvers(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve: GraphQLFieldResolver<unknown, { budget?: ExecutionBudget }> = field.resolve ?? defaultFieldResolver;
      const leaf = isLeafType(getNamedType(field.type));
      field.resolve = (source, args, context, info) => {
        const budget = context?.budget;
        if (!budget) return resolve(source, args, context, info);
        const refused = budget.refusal();
        if (refused) return Promise.reject(refused);
        const result = resolve(source, args, context, info);
        const key = String(info.path.key).length + 4;
        if (result instanceof Promise) return result.then((value) => (budget.add(key + sizeOf(value, leaf)), value));
        budget.add(key + sizeOf(result, leaf));
        return result;
      };
    }
  }
  return schema;
}

/** Starts the budget when a query executes, and turns a spent one into one coded error. */
export const executionBudgetPlugin: ApolloServerPlugin<{ budget?: ExecutionBudget }> = {
  async requestDidStart() {
    return {
      async executionDidStart({ operation, contextValue }) {
        if (operation.operation === 'query') contextValue.budget?.start();
      },
      async willSendResponse({ response, contextValue }) {
        const spent = contextValue.budget?.answer();
        if (!spent || response.body.kind !== 'single') return;
        response.body.singleResult = { errors: [spent.error] };
        response.http.status = spent.status;
      },
    };
  },
};

/**
 * JSON bytes of a resolved value. A leaf (a scalar, an enum, a list of them, a JSON scalar's value) counts whole, up
 * to a depth; an object or a list of objects counts its punctuation only, since its fields count themselves.
 */
function sizeOf(value: unknown, leaf: boolean, depth = 0): number {
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
      if (!leaf) return Array.isArray(value) ? 2 + value.length : 2;
      if (depth > 8) return 2;
      let size = 2;
      if (Array.isArray(value)) for (const item of value) size += 1 + sizeOf(item, true, depth + 1);
      else for (const [key, item] of Object.entries(value)) size += key.length + 4 + sizeOf(item, true, depth + 1);
      return size;
    }
    default:
      return 4;
  }
}
