import type { ApolloServerPlugin } from '@apollo/server';
import { type DocumentNode, GraphQLError } from 'graphql';
import { largestHopsWithin, largestPageWithin, queryCost, type CostWeights } from './query-cost';

const count = new Intl.NumberFormat('en-US');

/** At most this many variable sets are remembered as accepted per document (AcceptedCosts). */
const VARIABLE_SETS_PER_DOCUMENT = 32;

/**
 * The operations already costed and accepted, per set of weights (a new catalog brings new weights, and so starts
 * afresh) and per parsed document (Apollo keeps one DocumentNode per query text, so a repeated query is the same
 * object): a GRC tool's repeated queries are costed once, not on every request. Refusals are not kept; they are rare
 * and say more than a yes.
 */
class AcceptedCosts {
  private readonly byWeights = new WeakMap<CostWeights, WeakMap<DocumentNode, Set<string>>>();

  private key(operationName: string | undefined, variables: unknown): string {
    return `${operationName ?? ''}\u0000${variables === undefined ? '' : JSON.stringify(variables)}`;
  }

  has(weights: CostWeights, document: DocumentNode, operationName: string | undefined, variables: unknown): boolean {
    return this.byWeights.get(weights)?.get(document)?.has(this.key(operationName, variables)) ?? false;
  }

  add(weights: CostWeights, document: DocumentNode, operationName: string | undefined, variables: unknown): void {
    let documents = this.byWeights.get(weights);
    if (!documents) this.byWeights.set(weights, (documents = new WeakMap()));
    let accepted = documents.get(document);
    if (!accepted) documents.set(document, (accepted = new Set()));
    if (accepted.size < VARIABLE_SETS_PER_DOCUMENT) accepted.add(this.key(operationName, variables));
  }
}

/**
 * Refuses, before execution, an operation whose cost (query-cost.ts: the most values its answer can hold) is over
 * `maxCost`, with GRAPHQL_VALIDATION_FAILED (400), `extensions.cost` and `extensions.maxCost`, and a message that names
 * the limit, the costliest part, and the page size that would fit.
 *
 * It runs once the operation is known, so `first: $n` is costed with the request's variables. Introspection fields
 * cost nothing here; depth, aliases and tokens limit them.
 */
export function queryCostPlugin(weights: () => CostWeights, maxCost: number): ApolloServerPlugin {
  const accepted = new AcceptedCosts();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const w = weights();
          const name = operation.name?.value;
          if (accepted.has(w, document, name, request.variables)) return;
          const priced = { schema, document, operation, variables: request.variables };
          const { cost, costliest, paged, hops } = queryCost(priced, w);
          if (cost <= maxCost) return accepted.add(w, document, name, request.variables);
          const page = paged ? largestPageWithin(maxCost, priced, w) : 0;
          const shorter = hops > 1 ? largestHopsWithin(maxCost, hops, priced, w) : 0;
          throw new GraphQLError(costRefusal(cost, maxCost, costliest, page, shorter), {
            extensions: {
              code: 'GRAPHQL_VALIDATION_FAILED',
              limit: 'QUERY_COST',
              cost,
              maxCost,
              ...(costliest ? { costliestPath: costliest.path } : {}),
              largestPageThatFits: page > 0 ? page : null,
              ...(hops > 1 ? { largestMaxHopsThatFits: shorter > 0 ? shorter : null } : {}),
              http: { status: 400 },
            },
          });
        },
      };
    },
  };
}

export function costRefusal(cost: number, maxCost: number, costliest: { path: string; cost: number } | undefined, page: number, hops = 0): string {
  const where = costliest ? `; the costliest part is ${costliest.path} (${count.format(costliest.cost)})` : '';
  const shorter = hops > 0 ? `, or ask for shorter paths (maxHops: ${hops} fits)` : '';
  const fix =
    page > 0
      ? `Ask for fewer than ${page + 1} items per page (first: ${page} fits)${shorter}, or select fewer nested lists.`
      : hops > 0
        ? `Ask for shorter paths (maxHops: ${hops} fits), or select fewer nested lists.`
        : 'Even one item per page is too many: select fewer nested lists (each list counts as many items as it can hold), or split the query into several requests.';
  return `query cost limit: this query could return up to ${count.format(cost)} values, over the limit of ${count.format(maxCost)}${where}. ${fix}`;
}
