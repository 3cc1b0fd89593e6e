import * as fs from 'node:fs';
import { buildSchema, getNullableType, isListType, isObjectType, parse, type OperationDefinitionNode } from 'graphql';
import { costWeights, mostPathsInto, pathCounts, TENANT_LIST_WEIGHTS } from './cost-weights';
import { largestHopsWithin, largestPageWithin, queryCost, UnweightedListError, type CostWeights } from './query-cost';
import { costRefusal } from './query-cost.plugin';
import { catalogShape } from './query-cost-weights';

/** A tiny schema with the shapes that matter: a page, a connection, a weighted list, single objects. */
const schema = buildSchema(`
  type Query {
    requirements(first: Int = 100, after: String): RequirementConnection!
    requirement(refId: String!): Requirement
    frameworks: [Framework!]!
    coverage(maxHops: Int = 1): Coverage!
  }
  type Coverage { paths: [Path!]! }
  type Path { strength: Int! parts: [Part!]! }
  type Part { id: Int! }
  type Framework { code: String! requirements(first: Int): RequirementConnection! }
  type RequirementConnection { edges: [RequirementEdge!]! totalCount: Int! }
  type RequirementEdge { cursor: String! node: Requirement! }
  type Requirement { refId: String! parent: Requirement crosswalks: [Crosswalk!]! children: [Requirement!]! tags: [String!]! }
  type Crosswalk { strength: Int! target: Requirement! }
`);

/** Degrees 10, 2, 2, 1; children 3, 0, ...; three frameworks. */
const weights: CostWeights = {
  defaultPage: 100,
  maxPage: 500,
  lists: new Map([
    ['Query.frameworks', { perParent: 3, keepsDistinct: true }],
    ['Requirement.crosswalks', { perParent: 10, onDistinct: (n: number) => [0, 10, 12, 14, 15][Math.min(n, 4)] }],
    ['Requirement.children', { perParent: 3, keepsDistinct: true }],
    ['Requirement.tags', { perParent: 4 }],
    ['Coverage.paths', { perParent: 90, byHops: [1, 5, 20, 90] }],
    ['Path.parts', { perParent: 10, perRoot: 12 }],
  ]),
};

function cost(query: string, variables?: Record<string, unknown>, w = weights) {
  const document = parse(query);
  const operation = document.definitions[0] as OperationDefinitionNode;
  return queryCost({ schema, document, operation, variables }, w);
}

describe('queryCost', () => {
  it('counts every value once per object it is asked on', () => {
    // requirement (1) + refId (1)
    expect(cost('{ requirement(refId: "A") { refId } }').cost).toBe(2);
    // + parent (1) + its refId (1); __typename is free
    expect(cost('{ requirement(refId: "A") { refId __typename parent { refId } } }').cost).toBe(4);
  });

  it('multiplies a page by `first`, from a literal, a variable, its default, or the default page size', () => {
    const page = (first: string) => `query($n: Int = 7) { requirements${first} { edges { node { refId } } } }`;
    // connection 1 + edges n + node n + refId n
    expect(cost(page('(first: 4)')).cost).toBe(1 + 3 * 4);
    expect(cost(page('(first: $n)'), { n: 5 }).cost).toBe(1 + 3 * 5);
    expect(cost(page('(first: $n)')).cost).toBe(1 + 3 * 7);
    expect(cost(page('')).cost).toBe(1 + 3 * 100);
    // Over the largest page: argument validation refuses it; it costs as the largest page meanwhile.
    expect(cost(page('(first: 100000)')).cost).toBe(1 + 3 * 500);
    expect(cost(page('(first: $n)'), { n: 'many' }).cost).toBe(1 + 3 * 500);
  });

  it('weighs a list without `first` by its weight: a list without one is an error, never a guess', () => {
    // requirement 1 + crosswalks 10 + strength 10
    expect(cost('{ requirement(refId: "A") { crosswalks { strength } } }').cost).toBe(21);
    expect(cost('{ requirement(refId: "A") { tags } }').cost).toBe(1 + 4);
    const without = { ...weights, lists: new Map([...weights.lists].filter(([k]) => k !== 'Requirement.tags')) };
    expect(() => cost('{ requirement(refId: "A") { tags } }', undefined, without)).toThrow(UnweightedListError);
  });

  it('weighs lists of crosswalk paths by the maxHops asked for above them', () => {
    // coverage 1 + paths n + strength n
    expect(cost('{ coverage { paths { strength } } }').cost).toBe(1 + 2 * 5);
    expect(cost('{ coverage(maxHops: 2) { paths { strength } } }').cost).toBe(1 + 2 * 20);
    expect(cost('query($h: Int) { coverage(maxHops: $h) { paths { strength } } }', { h: 3 }).cost).toBe(1 + 2 * 90);
    // Out of range: refused by argument validation, counted as the longest meanwhile.
    expect(cost('{ coverage(maxHops: 9) { paths { strength } } }').cost).toBe(1 + 2 * 90);
  });

  it('caps a list that partitions a bounded set at its total per root field, once per alias', () => {
    // paths 5, parts min(5 × 10, 12) = 12, each with an id
    expect(cost('{ coverage { paths { parts { id } } } }').cost).toBe(1 + 5 + 12 + 12);
    expect(cost('{ a: coverage { paths { parts { id } } } b: coverage { paths { parts { id } } } }').cost).toBe(2 * (1 + 5 + 12 + 12));
  });

  it('nests multiplicatively: the six-deep crosswalk walk is priced at degree^6', () => {
    const walk = (depth: number) => `{ requirement(refId: "A") ${'{ crosswalks { target '.repeat(depth)}{ refId }${' } }'.repeat(depth)} }`;
    // Each level: crosswalks (n), target (n); the last refId (n).
    const expected = (depth: number) => 1 + Array.from({ length: depth }, (_, i) => 2 * 10 ** (i + 1)).reduce((a, b) => a + b, 0) + 10 ** depth;
    expect(cost(walk(2)).cost).toBe(expected(2));
    expect(cost(walk(6)).cost).toBe(expected(6));
    expect(cost(walk(6)).costliest?.path).toBe('requirement' + '.crosswalks.target'.repeat(6));
  });

  it('weighs a list on a page of different requirements by the catalog total, and on repeated parents per parent', () => {
    // A page of 4 different requirements holds at most 15 crosswalks (not 4 × 10).
    const onPage = cost('{ requirements(first: 4) { edges { node { crosswalks { strength } } } } }').cost;
    expect(onPage).toBe(1 + 4 + 4 + 15 + 15);
    // Their parents may repeat: per parent.
    const onParents = cost('{ requirements(first: 4) { edges { node { parent { crosswalks { strength } } } } } }').cost;
    expect(onParents).toBe(1 + 4 + 4 + 4 + 40 + 40);
    // Children of different requirements are different requirements.
    const onChildren = cost('{ requirements(first: 2) { edges { node { children { crosswalks { strength } } } } } }').cost;
    expect(onChildren).toBe(1 + 2 + 2 + 6 + 15 + 15);
    // A crosswalk's target may repeat.
    const onTargets = cost('{ requirements(first: 2) { edges { node { crosswalks { target { crosswalks { strength } } } } } } }').cost;
    expect(onTargets).toBe(1 + 2 + 2 + 12 + 12 + 120 + 120);
  });

  it('counts aliases, fragments and inline fragments, each time they are asked', () => {
    const once = cost('{ requirement(refId: "A") { crosswalks { strength } } }').cost;
    expect(cost('{ a: requirement(refId: "A") { crosswalks { strength } } b: requirement(refId: "B") { crosswalks { strength } } }').cost).toBe(2 * once);
    expect(cost('{ requirement(refId: "A") { ...F } } fragment F on Requirement { crosswalks { strength } }').cost).toBe(once);
    expect(cost('{ requirement(refId: "A") { ... on Requirement { crosswalks { strength } } } }').cost).toBe(once);
    // A fragment that spreads itself is refused by validation; here it adds nothing instead of looping.
    expect(cost('{ requirement(refId: "A") { ...F } } fragment F on Requirement { parent { ...F } }').cost).toBe(2);
  });

  it('finds the largest page that fits, and 0 when even one item is too many', () => {
    const query = '{ requirements(first: 500) { edges { node { crosswalks { target { crosswalks { strength } } } } } } }';
    const document = parse(query);
    const operation = document.definitions[0] as OperationDefinitionNode;
    const priced = { schema, document, operation };
    const page = largestPageWithin(1000, priced, weights);
    expect(queryCost(priced, weights, { page }).cost).toBeLessThanOrEqual(1000);
    expect(queryCost(priced, weights, { page: page + 1 }).cost).toBeGreaterThan(1000);
    expect(largestPageWithin(50, priced, weights)).toBe(0);
  });

  it('words a refusal with the limit, the cost, where it comes from and what to do', () => {
    expect(costRefusal(120_000, 25_000, { path: 'requirements.edges', cost: 119_000 }, 99)).toBe(
      'query cost limit: this query could return up to 120,000 values, over the limit of 25,000; the costliest part is ' +
        'requirements.edges (119,000). Ask for fewer than 100 items per page (first: 99 fits), or select fewer nested lists.',
    );
    expect(costRefusal(1e9, 25_000, undefined, 0)).toMatch(/Even one item per page is too many: select fewer nested lists/);
    expect(costRefusal(60_000, 50_000, undefined, 0, 2)).toMatch(/Ask for shorter paths \(maxHops: 2 fits\), or select fewer nested lists\.$/);
  });

  it('finds the longest maxHops that fits', () => {
    const document = parse('{ coverage(maxHops: 3) { paths { strength } } }');
    const operation = document.definitions[0] as OperationDefinitionNode;
    const priced = { schema, document, operation };
    expect(queryCost(priced, weights).hops).toBe(3);
    // 1 + 2 × paths: 181 at 3 hops, 41 at 2, 11 at 1.
    expect(largestHopsWithin(100, 3, priced, weights)).toBe(2);
    expect(largestHopsWithin(20, 3, priced, weights)).toBe(1);
    expect(largestHopsWithin(5, 3, priced, weights)).toBe(0);
  });
});

describe('the catalog weights', () => {
  const shape = catalogShape(
    [
      { id: 'a', frameworkId: 'F', parentId: null, assessable: false },
      { id: 'a1', frameworkId: 'F', parentId: 'a', assessable: true },
      { id: 'a2', frameworkId: 'F', parentId: 'a', assessable: true },
      { id: 'b', frameworkId: 'G', parentId: null, assessable: true },
    ],
    [
      { sourceId: 'a1', targetId: 'b', relationship: 'SUBSET_OF', evidence: 3 },
      { sourceId: 'a2', targetId: 'b', relationship: 'INTERSECTS_WITH', evidence: 0 },
    ],
    { frameworks: 2, mappingSets: 1, sources: 2 },
  );

  it('reads degrees, children, frameworks and subtrees off the rows', () => {
    expect(shape).toMatchObject({
      frameworks: 2,
      mappingSets: 1,
      degrees: [0, 1, 1, 2],
      containmentDegrees: [0, 1, 0, 1],
      childCounts: [2, 0, 0, 0],
      requirementsPerFramework: 3,
      assessablePerFramework: 2,
      assessableTotal: 3,
      topLevelPerFramework: 1,
      largestSubtree: 3,
      largestContainmentGroup: 2,
      evidencePerEdge: 3,
      sourcesPerDocument: 2,
    });
    const w = costWeights(shape);
    expect(w.lists.get('Requirement.crosswalks')?.perParent).toBe(2);
    expect(w.lists.get('Requirement.crosswalks')?.onDistinct?.(2)).toBe(3);
    expect(w.lists.get('Requirement.children')?.perParent).toBe(2);
    expect(w.lists.get('Query.frameworkOverlap')?.perParent).toBe(2);
  });

  it('bounds the paths into a requirement by the walks into it that never turn straight back', () => {
    // A line x - y - z: into y, 1 + 2 (x→y, z→y), nothing longer; into x, 1 + 1 + 1 (z→y→x) = 3; the most is 3.
    expect(mostPathsInto(3, [[0, 1], [1, 2]], 3)).toEqual([1, 3, 3, 3]);
    // A triangle: into any corner, 1 + 2 + 2 (around either way) + 2 (all the way round: a walk, not a path).
    expect(mostPathsInto(3, [[0, 1], [1, 2], [2, 0]], 3)).toEqual([1, 3, 5, 7]);
    expect(mostPathsInto(0, [])).toEqual([0, 0, 0, 0]);
    // All together: the line has 3 empty paths, 4 of one edge, 2 of two edges (x→y→z, z→y→x), none longer.
    expect(pathCounts(3, [[0, 1], [1, 2]], 3).all).toEqual([3, 7, 9, 9]);
  });

  it('weighs every list of the served schema (schema.gql) that has no `first`, tenant lists at their documented figure', () => {
    const served = buildSchema(fs.readFileSync('schema.gql', 'utf8'));
    const w = costWeights(shape);
    const missing: string[] = [];
    for (const type of Object.values(served.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields())) {
        const key = `${type.name}.${field.name}`;
        if (!isListType(getNullableType(field.type)) || field.name === 'edges' || field.args.some((a) => a.name === 'first')) continue;
        if (!w.lists.has(key)) missing.push(key);
      }
    }
    expect(missing).toEqual([]);
    for (const [key, figure] of Object.entries(TENANT_LIST_WEIGHTS)) expect(w.lists.get(key)?.perParent).toBe(figure);
  });
});
