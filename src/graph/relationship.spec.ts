import { inverse, MAX_STRENGTH, MIN_STRENGTH, RATIONALES, RELATIONSHIPS, type Relationship, strengthRange } from './relationship';

describe('relationship vocabulary', () => {
  it('lists the five NIST IR 8477 relationships and three rationales', () => {
    expect(RELATIONSHIPS).toEqual(['EQUAL', 'SUBSET_OF', 'SUPERSET_OF', 'INTERSECTS_WITH', 'NOT_RELATED']);
    expect(RATIONALES).toEqual(['SYNTACTIC', 'SEMANTIC', 'FUNCTIONAL']);
    expect([MIN_STRENGTH, MAX_STRENGTH]).toEqual([0, 10]);
  });
});

describe('inverse', () => {
  it.each<[Relationship, Relationship]>([
    ['EQUAL', 'EQUAL'],
    ['SUBSET_OF', 'SUPERSET_OF'],
    ['SUPERSET_OF', 'SUBSET_OF'],
    ['INTERSECTS_WITH', 'INTERSECTS_WITH'],
    ['NOT_RELATED', 'NOT_RELATED'],
  ])('reads %s backwards as %s', (relationship, expected) => {
    expect(inverse(relationship)).toBe(expected);
  });

  it.each(RELATIONSHIPS.map((r) => [r]))('gives %s back when applied twice', (relationship) => {
    expect(inverse(inverse(relationship))).toBe(relationship);
  });

  it('maps the vocabulary onto itself', () => {
    expect(new Set(RELATIONSHIPS.map(inverse))).toEqual(new Set(RELATIONSHIPS));
  });
});

describe('strengthRange', () => {
  it.each<[Relationship, [number, number]]>([
    ['EQUAL', [10, 10]],
    ['NOT_RELATED', [0, 0]],
    ['SUBSET_OF', [1, 9]],
    ['SUPERSET_OF', [1, 9]],
    ['INTERSECTS_WITH', [1, 9]],
  ])('allows %s strengths %j', (relationship, range) => {
    expect(strengthRange(relationship)).toEqual(range);
  });

  it.each(RELATIONSHIPS.map((r) => [r]))('gives %s the same range as its inverse', (relationship) => {
    expect(strengthRange(inverse(relationship))).toEqual(strengthRange(relationship));
  });
});
