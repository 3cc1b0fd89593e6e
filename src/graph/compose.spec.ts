import { compose } from './compose';
import { RELATIONSHIPS, type Relationship } from './relationship';

const E = 'EQUAL', SUB = 'SUBSET_OF', SUP = 'SUPERSET_OF', INT = 'INTERSECTS_WITH', NR = 'NOT_RELATED';

// Every cell of the table, written out (row: first hop, column: second hop).
const EXPECTED: Array<[Relationship, Relationship, Relationship | null]> = [
  [E, E, E], [E, SUB, SUB], [E, SUP, SUP], [E, INT, INT], [E, NR, null],
  [SUB, E, SUB], [SUB, SUB, SUB], [SUB, SUP, null], [SUB, INT, null], [SUB, NR, null],
  [SUP, E, SUP], [SUP, SUB, INT], [SUP, SUP, SUP], [SUP, INT, INT], [SUP, NR, null],
  [INT, E, INT], [INT, SUB, INT], [INT, SUP, null], [INT, INT, null], [INT, NR, null],
  [NR, E, null], [NR, SUB, null], [NR, SUP, null], [NR, INT, null], [NR, NR, null],
];

it('covers all 25 cells', () => {
  expect(new Set(EXPECTED.map(([a, b]) => `${a} ${b}`)).size).toBe(RELATIONSHIPS.length ** 2);
});

it.each(EXPECTED)('%s then %s gives %s', (first, second, result) => {
  expect(compose(first, second)).toBe(result);
});

it('SUBSET_OF then SUPERSET_OF proves nothing, though both hops touch the middle', () => {
  // s ⊆ m and t ⊆ m: s and t may be disjoint parts of m.
  expect(compose(SUB, SUP)).toBeNull();
});
