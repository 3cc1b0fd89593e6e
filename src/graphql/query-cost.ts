/**
 * The cost of a GraphQL operation: an upper bound on the number of values its answer can hold, computed from the
 * document, its variables and the weights of the schema's lists, before anything executes.
 *
 * Every field counts once per object it is asked on. A list multiplies what is under it:
 * - by its page size when it is paged (`first`, or the default page size; the connection's `edges` list takes it);
 * - otherwise by its weight: the most items that list can hold, read from the loaded catalog for catalog lists
 *   (Requirement.crosswalks weighs the largest crosswalk degree) and a fixed figure for lists of computed results.
 *
 * Where the parent objects are known to be different requirements (a page of requirements, their children), a catalog
 * list can be weighed by its total instead: 500 requirements hold at most as many crosswalks as the 500 with the most.
 * Through any other field (a crosswalk's `target`, a `parent`) the parents may repeat, and only the per-parent weight
 * is a bound.
 *
 * The result also names the most expensive path and the largest uniform page size that would fit a limit, so a refusal
 * can say what to do.
 */
import {
  getNamedType,
  getNullableType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { MAX_HOPS_LIMIT } from '../graph/guards';

/** How many items a list field without `first` can hold. */
export interface ListWeight {
  /** The most items on one parent object. */
  perParent: number;
  /**
   * The most items on `parents` different parent objects together (never more than parents × perParent), when the
   * catalog can tell: the sum of the `parents` largest lists.
   */
  onDistinct?: (parents: number) => number;
  /** Whether different parents give different items (children of different requirements are different requirements). */
  keepsDistinct?: boolean;
  /**
   * The most items of this list in one answer to the root field above it, whatever the parents: for results that
   * partition a bounded set (the items of all topics of one SOC 2+ scope are its candidate requirements). A list
   * indexed by `maxHops` (1 to 3) when the bound depends on it, as byHops.
   */
  perRoot?: number | readonly number[];
  /**
   * For lists of crosswalk paths: the most items on one parent when paths may be `maxHops` long (index 1 to 3), read
   * from the nearest `maxHops` argument above the list (1 when there is none). Replaces perParent.
   */
  byHops?: readonly number[];
}

export interface CostWeights {
  /** Keyed `Type.field`. Every list field without `first` needs one: an unknown list is an error, not a guess. */
  lists: ReadonlyMap<string, ListWeight>;
  /** The page size of a paged field whose `first` is not given. */
  defaultPage: number;
  /** The largest page size accepted; a larger `first` is refused by argument validation, so it costs as this. */
  maxPage: number;
}

export interface QueryCost {
  cost: number;
  /**
   * Where the cost comes from: the deepest field that accounts for at least half of it, e.g.
   * `requirement.crosswalks.target.crosswalks`, with its cost (undefined when no field does).
   */
  costliest: { path: string; cost: number } | undefined;
  /** Whether the operation has a paged field, so that a smaller page could make it cheaper. */
  paged: boolean;
  /** The longest `maxHops` it asks for (1 when none), so that shorter paths could make it cheaper. */
  hops: number;
}

/** The longest crosswalk path any `maxHops` argument accepts. */
const MAX_HOPS = MAX_HOPS_LIMIT;

/** Edge objects of a connection: their node is different for different edges. */
const CONNECTION_LISTS = new Set(['edges', 'nodes']);

export class UnweightedListError extends Error {}

/** What is priced: an operation of a document, with the request's variables, against a schema. */
export interface PricedOperation {
  schema: GraphQLSchema;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  variables?: Readonly<Record<string, unknown>>;
}

/** Caps for trying cheaper forms of the operation: every `first`, every `maxHops`, at most this. */
export interface CostCaps {
  page?: number;
  hops?: number;
}

/**
 * The cost of an operation. `caps` cap every page size and `maxHops` (used to find what fits). Fields of
 * `@skip`/`@include` are counted as included: the bound holds either way.
 */
export function queryCost({ schema, document, operation, variables }: PricedOperation, weights: CostWeights, caps: CostCaps = {}): QueryCost {
  const pageCap = caps.page ?? Infinity;
  const hopsCap = caps.hops ?? MAX_HOPS;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const defaults = new Map<string, ValueNode>();
  for (const definition of operation.variableDefinitions ?? []) {
    if (definition.defaultValue) defaults.set(definition.variable.name.value, definition.defaultValue);
  }
  let paged = false;
  let longestHops = 1;

  /** A whole-number argument's value: a literal, a variable's value or default; undefined when not given. */
  const intArgument = (field: FieldNode, name: string): unknown => {
    const argument = field.arguments?.find((a) => a.name.value === name);
    let value: unknown;
    if (argument === undefined) return undefined;
    if (argument.value.kind === Kind.INT) value = Number(argument.value.value);
    else if (argument.value.kind === Kind.VARIABLE) {
      const name = argument.value.name.value;
      value = variables?.[name];
      const fallback = defaults.get(name);
      if (value === undefined && fallback?.kind === Kind.INT) value = Number(fallback.value);
    } else value = NaN; // any other literal is refused by validation
    return value ?? null;
  };

  const pageSize = (field: FieldNode): number | undefined => {
    const value = intArgument(field, 'first');
    if (value === undefined) return undefined;
    // null, a missing variable, or a value argument validation will refuse: count the default or the largest page.
    if (value === null) return Math.min(weights.defaultPage, pageCap);
    if (typeof value !== 'number' || !Number.isFinite(value)) return Math.min(weights.maxPage, pageCap);
    return Math.min(Math.max(0, Math.floor(value)), weights.maxPage, pageCap);
  };

  const type = (root: OperationDefinitionNode['operation']) =>
    root === 'query' ? schema.getQueryType() : root === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
  const rootType = type(operation.operation);
  if (!rootType) return { cost: 0, costliest: undefined, paged: false, hops: 1 };

  /** Every field's path and cost, to name the costliest part. */
  const parts: { path: string; cost: number; depth: number }[] = [];

  /** Cost of `selectionSet` asked on `parents` objects of `parentType`. */
  const visit = (
    selectionSet: SelectionSetNode,
    parentType: GraphQLCompositeType,
    parents: number,
    distinct: boolean,
    page: number | undefined,
    hops: number,
    path: string,
    seen: ReadonlySet<string>,
  ): number => {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT || selection.kind === Kind.FRAGMENT_SPREAD) {
        let fragmentSet: SelectionSetNode;
        let condition: string | undefined;
        let inner = seen;
        if (selection.kind === Kind.INLINE_FRAGMENT) {
          fragmentSet = selection.selectionSet;
          condition = selection.typeCondition?.name.value;
        } else {
          const fragment = fragments.get(selection.name.value);
          // Unknown or cyclic fragments are refused by validation; they add nothing here.
          if (!fragment || seen.has(fragment.name.value)) continue;
          fragmentSet = fragment.selectionSet;
          condition = fragment.typeCondition.name.value;
          inner = new Set([...seen, fragment.name.value]);
        }
        const narrowed = condition ? schema.getType(condition) : parentType;
        if (!narrowed || !isCompositeType(narrowed)) continue;
        total += visit(fragmentSet, narrowed, parents, distinct, page, hops, path, inner);
        continue;
      }
      const name = selection.name.value;
      if (name.startsWith('__')) continue; // __typename is free; introspection is limited elsewhere
      if (!isObjectType(parentType) && !isInterfaceType(parentType)) continue; // a union has no fields of its own
      const definition = parentType.getFields()[name] as GraphQLField<unknown, unknown> | undefined;
      if (!definition) continue; // refused by validation
      const key = `${parentType.name}.${name}`;
      const list = isListType(getNullableType(definition.type));
      // A paged field (one that takes `first`) without it returns a default page.
      const takesFirst = definition.args.some((a) => a.name === 'first');
      const first = takesFirst ? (pageSize(selection) ?? Math.min(weights.defaultPage, pageCap)) : undefined;
      if (first !== undefined) paged = true;
      let fieldHops = hops;
      const hopsArgument = definition.args.find((a) => a.name === 'maxHops');
      if (hopsArgument) {
        const given = intArgument(selection, 'maxHops');
        const value = given === undefined ? hopsArgument.defaultValue : given;
        // An out-of-range value is refused by argument validation; count the longest paths meanwhile.
        fieldHops = typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_HOPS ? value : MAX_HOPS;
        longestHops = Math.max(longestHops, fieldHops);
        fieldHops = Math.min(fieldHops, hopsCap);
      }
      let items = parents;
      let itemsDistinct = distinct;
      if (list) {
        if (first !== undefined) items = parents * first;
        else if (page !== undefined && CONNECTION_LISTS.has(name)) items = parents * page;
        else {
          const weight = weights.lists.get(key);
          if (!weight) throw new UnweightedListError(`no cost weight for the list ${key}`);
          const perParent = weight.byHops?.[fieldHops] ?? weight.perParent;
          items = distinct && weight.onDistinct ? Math.min(weight.onDistinct(parents), parents * perParent) : parents * perParent;
          // Each root field is costed on its own, once per alias, so a per-root bound holds here.
          const perRoot = typeof weight.perRoot === 'number' ? weight.perRoot : weight.perRoot?.[fieldHops];
          if (perRoot !== undefined) items = Math.min(items, perRoot);
          itemsDistinct = distinct && weight.keepsDistinct === true;
        }
      } else if (name !== 'node' && first === undefined) {
        // One object per parent, but different parents may share it (two crosswalks with one target). A connection
        // (paged) and an edge's node are one per parent.
        itemsDistinct = false;
      }
      const here = path ? `${path}.${selection.alias?.value ?? name}` : (selection.alias?.value ?? name);
      let cost = items;
      const named = getNamedType(definition.type);
      if (selection.selectionSet && isCompositeType(named)) {
        const childPage = first !== undefined && !list ? first : undefined;
        cost += visit(selection.selectionSet, named, items, itemsDistinct, childPage, fieldHops, here, seen);
      }
      parts.push({ path: here, cost, depth: here.split('.').length });
      total += cost;
    }
    return total;
  };

  const cost = visit(operation.selectionSet, rootType, 1, true, undefined, 1, '', new Set());
  // The costliest part: the deepest field that accounts for at least half the cost, where the multiplying happens.
  let costliest: (typeof parts)[number] | undefined;
  for (const part of parts) {
    if (part.cost * 2 < cost) continue;
    if (!costliest || part.depth > costliest.depth || (part.depth === costliest.depth && part.cost > costliest.cost)) costliest = part;
  }
  return { cost, costliest: costliest && { path: costliest.path, cost: costliest.cost }, paged, hops: longestHops };
}

/**
 * The largest page size that brings the operation within `maxCost` when every `first` is capped to it, or 0 when
 * even one item per page is too much. Cost grows with the page size, so a binary search finds it.
 */
export function largestPageWithin(maxCost: number, priced: PricedOperation, weights: CostWeights): number {
  const fits = (page: number) => queryCost(priced, weights, { page }).cost <= maxCost;
  let low = 0;
  let high = weights.maxPage;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (fits(middle)) low = middle;
    else high = middle - 1;
  }
  return low > 0 && fits(low) ? low : 0;
}

/** The largest `maxHops` below the one asked for that brings the operation within `maxCost`, or 0 when none does. */
export function largestHopsWithin(maxCost: number, asked: number, priced: PricedOperation, weights: CostWeights): number {
  for (let hops = asked - 1; hops >= 1; hops -= 1) if (queryCost(priced, weights, { hops }).cost <= maxCost) return hops;
  return 0;
}
