import { CatalogGraph } from './catalog-graph';
import { type PackedLinks, type TenantInput, type TenantLink, tenantState } from './tenant-state';
import { at, random, tinyCatalog } from './tiny-catalog.fixture';

const graph = tinyCatalog({ A: ['a1', 'a2', 'a3'] });

function input(overrides: Partial<TenantInput> = {}): TenantInput {
  return {
    controls: [
      { id: 'c1', code: 'C-1', status: 'IMPLEMENTED' },
      { id: 'c2', code: 'C-2', status: 'PLANNED' },
    ],
    links: [
      { controlId: 'c1', requirementId: 'a3', coverage: 'FULL' },
      { controlId: 'c2', requirementId: 'a1', coverage: 'PARTIAL' },
      { controlId: 'c1', requirementId: 'a1', coverage: 'PARTIAL' },
    ],
    excludedRequirementIds: ['a2'],
    ...overrides,
  };
}

describe('tenantState', () => {
  it('indexes controls, groups links by requirement in input order, and flags exclusions', () => {
    const state = tenantState(graph, input());
    expect(state.controls.map((c) => c.code)).toEqual(['C-1', 'C-2']);
    expect(Array.from(state.implemented)).toEqual([1, 0]);
    expect(Array.from(state.linkOffsets)).toEqual([0, 2, 2, 3]);
    expect(Array.from(state.linkControl)).toEqual([1, 0, 0]);
    expect(Array.from(state.linkFull)).toEqual([0, 0, 1]);
    expect(Array.from(state.excluded)).toEqual([0, 1, 0]);
    expect([state.ignoredLinks, state.ignoredExclusions]).toEqual([0, 0]);
  });

  it('ignores, and counts, links and exclusions naming unknown requirements, and links naming unknown controls', () => {
    const state = tenantState(graph, input({
      links: [
        { controlId: 'c1', requirementId: 'gone', coverage: 'FULL' },
        { controlId: 'nobody', requirementId: 'a1', coverage: 'FULL' },
        { controlId: 'c1', requirementId: 'a2', coverage: 'FULL' },
      ],
      excludedRequirementIds: new Set(['gone', 'a3']),
    }));
    expect(Array.from(state.linkOffsets)).toEqual([0, 0, 1, 1]);
    expect(Array.from(state.excluded)).toEqual([0, 0, 1]);
    expect([state.ignoredLinks, state.ignoredExclusions]).toEqual([2, 1]);
    expect(at(graph, 'a2')).toBe(1);
  });

  it('handles an organization with nothing, and an empty catalog', () => {
    const empty = tenantState(graph, { controls: [], links: [], excludedRequirementIds: [] });
    expect([empty.linkControl.length, Array.from(empty.linkOffsets)]).toEqual([0, [0, 0, 0, 0]]);
    expect(tenantState(tinyCatalog({}), input()).linkOffsets).toEqual(Int32Array.from([0]));
  });

  it.each<[string, Partial<TenantInput>, string]>([
    ['a duplicate control', { controls: [{ id: 'c1', code: 'a', status: 'PLANNED' }, { id: 'c1', code: 'b', status: 'PLANNED' }] }, 'duplicate control id "c1"'],
    ['an unknown control status', { controls: [{ id: 'c1', code: 'a', status: 'DONE' as never }] }, 'control "c1" has status "DONE"; expected one of PLANNED, IN_PROGRESS, IMPLEMENTED, NOT_APPLICABLE'],
    ['an unknown coverage', { links: [{ controlId: 'c1', requirementId: 'a1', coverage: 'MOSTLY' as never }] }, 'link c1 → a1 has coverage "MOSTLY"; expected FULL or PARTIAL'],
    ['missing exclusions', { excludedRequirementIds: undefined as never }, 'expected { controls, links, excludedRequirementIds }'],
  ])('refuses %s', (_case, overrides, message) => {
    expect(() => tenantState(graph, input(overrides))).toThrow(`graph/tenant-state: ${message}`);
  });
});

describe('tenantState with packed links (the cold tenant read)', () => {
  /** The tiny catalog of the specs above, numbered by the store: a1 is 10, a2 is 20, a3 is 30, a4 (under a3) is 7. */
  const numbered = new CatalogGraph({
    frameworks: [{ id: 'A', code: 'A', version: '1' }],
    requirements: [
      { id: 'a1', frameworkId: 'A', refId: 'a1', title: 'a1', assessable: true, parentId: null, seq: 10 },
      { id: 'a2', frameworkId: 'A', refId: 'a2', title: 'a2', assessable: true, parentId: null, seq: 20 },
      { id: 'a3', frameworkId: 'A', refId: 'a3', title: 'a3', assessable: false, parentId: null, seq: 30 },
      { id: 'a4', frameworkId: 'A', refId: 'a4', title: 'a4', assessable: true, parentId: 'a3', seq: 7 },
    ],
    mappingSets: [],
    edges: [],
  });
  const seqOf: Record<string, number> = { a1: 10, a2: 20, a3: 30, a4: 7 };

  function packed(base: TenantInput): TenantInput {
    const links = base.links as TenantLink[];
    const controlAt = new Map(base.controls.map((c, i) => [c.id, i]));
    return {
      ...base,
      links: {
        control: Int32Array.from(links, (l) => controlAt.get(l.controlId) ?? -1),
        requirementSeq: Int32Array.from(links, (l) => seqOf[l.requirementId] ?? 999),
        full: Uint8Array.from(links, (l) => (l.coverage === 'FULL' ? 1 : 0)),
      },
    };
  }

  it('gives the same state as the same links named by id', () => {
    const base = input({ excludedRequirementIds: ['a3'], includedRequirementIds: [] });
    const state = tenantState(numbered, packed(base));
    expect(state).toEqual(tenantState(numbered, base));
    expect(Array.from(state.linkOffsets)).toEqual([0, 2, 2, 3, 3]);
    expect(Array.from(state.excluded)).toEqual([0, 0, 1, 1]);
  });

  it('ignores, and counts, links to a seq the catalog does not hold or to a control index out of range', () => {
    const state = tenantState(numbered, {
      controls: input().controls,
      links: { control: Int32Array.from([0, 2, -1, 1]), requirementSeq: Int32Array.from([99, 10, 10, 7]), full: Uint8Array.from([1, 1, 1, 0]) },
      excludedRequirementIds: [],
    });
    expect(state.ignoredLinks).toBe(3);
    expect([Array.from(state.linkOffsets), Array.from(state.linkControl), Array.from(state.linkFull)]).toEqual([[0, 0, 0, 0, 1], [1], [0]]);
  });

  it.each<[string, unknown, string]>([
    ['plain arrays', { control: [0], requirementSeq: [10], full: [1] }, 'packed links must be { control: Int32Array, requirementSeq: Int32Array, full: Uint8Array } of one length'],
    ['arrays of different lengths', { control: Int32Array.from([0, 1]), requirementSeq: Int32Array.from([10]), full: Uint8Array.from([1, 1]) }, 'packed links must be { control: Int32Array, requirementSeq: Int32Array, full: Uint8Array } of one length'],
    ['a coverage flag other than 0 or 1', { control: Int32Array.from([0]), requirementSeq: Int32Array.from([10]), full: Uint8Array.from([2]) }, 'packed link #0 has full = 2; expected 1 (FULL) or 0 (PARTIAL)'],
  ])('refuses %s', (_case, links, message) => {
    expect(() => tenantState(numbered, { ...input(), links: links as PackedLinks })).toThrow(`graph/tenant-state: ${message}`);
  });

  it('refuses packed links on a catalog graph built without seqs', () => {
    expect(() => tenantState(graph, packed(input()))).toThrow('graph/catalog-graph: this catalog was built without requirement seqs');
  });

  it('agrees with links named by id on random catalogs, trees and tenants (property)', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const rnd = random(seed);
      const n = 1 + Math.floor(rnd() * 30);
      // Sparse seqs, as a reloaded catalog may number them, and parents pointing back (a forest).
      const seqs = Array.from({ length: n }, (_, i) => 1 + i * (1 + Math.floor(rnd() * 3000)));
      const requirements = seqs.map((seq, i) => ({
        id: `r${i}`,
        frameworkId: rnd() < 0.5 ? 'F' : 'G',
        refId: `r${i}`,
        title: `r${i}`,
        assessable: rnd() < 0.8,
        parentId: null as string | null,
        seq,
      }));
      for (let i = 1; i < n; i++) {
        const p = Math.floor(rnd() * i);
        if (rnd() < 0.5 && requirements[p].frameworkId === requirements[i].frameworkId) requirements[i].parentId = `r${p}`;
      }
      const g = new CatalogGraph({ frameworks: [{ id: 'F', code: 'F', version: '1' }, { id: 'G', code: 'G', version: '1' }], requirements, mappingSets: [], edges: [] });
      const statuses = ['PLANNED', 'IN_PROGRESS', 'IMPLEMENTED', 'NOT_APPLICABLE'] as const;
      const controls = Array.from({ length: 1 + Math.floor(rnd() * 6) }, (_, i) => ({ id: `c${i}`, code: `C-${i}`, status: statuses[Math.floor(rnd() * 4)] }));
      const links: TenantLink[] = Array.from({ length: Math.floor(rnd() * 60) }, () => ({
        controlId: rnd() < 0.95 ? `c${Math.floor(rnd() * controls.length)}` : 'gone',
        requirementId: rnd() < 0.95 ? `r${Math.floor(rnd() * n)}` : 'gone',
        coverage: rnd() < 0.6 ? 'FULL' : 'PARTIAL',
      }));
      const pick = () => Array.from({ length: Math.floor(rnd() * 4) }, () => `r${Math.floor(rnd() * n)}`);
      const base: TenantInput = { controls, links, excludedRequirementIds: pick(), includedRequirementIds: pick() };
      const seqById = new Map(requirements.map((r) => [r.id, r.seq]));
      const controlAt = new Map(controls.map((c, i) => [c.id, i]));
      const asPacked: TenantInput = {
        ...base,
        links: {
          control: Int32Array.from(links, (l) => controlAt.get(l.controlId) ?? -1),
          requirementSeq: Int32Array.from(links, (l) => seqById.get(l.requirementId) ?? 0x7fffffff),
          full: Uint8Array.from(links, (l) => (l.coverage === 'FULL' ? 1 : 0)),
        },
      };
      expect({ seed, state: tenantState(g, asPacked) }).toEqual({ seed, state: tenantState(g, base) });
    }
  });
});
