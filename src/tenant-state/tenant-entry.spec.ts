import { allFrameworkCoverage } from '../graph/framework-coverage';
import { requirementStatus } from '../graph/requirement-status';
import { tenantState } from '../graph/tenant-state';
import { tinyCatalog } from '../graph/tiny-catalog.fixture';
import type { TenantCatalog } from '../own-catalog/tenant-catalog';
import { TenantEntry } from './tenant-entry';

/** An organization without own frameworks: all the entry reads of its catalog. */
const NO_OWN = { own: { isEmpty: true } } as TenantCatalog;

const graph = tinyCatalog({ A: ['a1', 'a2', 'a3'] });
const state = tenantState(graph, {
  controls: [{ id: 'c1', code: 'C-1', status: 'IMPLEMENTED' }],
  links: [{ controlId: 'c1', requirementId: 'a1', coverage: 'FULL' }],
  excludedRequirementIds: [],
});

it('computes each maxHops status once, as requirementStatus does, and says each time it grew', () => {
  const grown: TenantEntry[] = [];
  const entry = new TenantEntry(graph, state, [], NO_OWN, (e) => grown.push(e));
  const one = entry.status(1);
  expect(Array.from(one.status)).toEqual(Array.from(requirementStatus(graph, state, { maxHops: 1 }).status));
  expect(entry.status(1)).toBe(one);
  expect(grown).toEqual([entry]);
  expect(entry.status(2)).not.toBe(one);
  expect(entry.status(2)).toBe(entry.status(2));
  expect(grown).toHaveLength(2);
});

it('estimates its bytes from what it holds, more once statuses are kept', () => {
  const small = new TenantEntry(graph, state, [], NO_OWN);
  const bigger = new TenantEntry(graph, tenantState(graph, {
    controls: Array.from({ length: 50 }, (_, i) => ({ id: `c${i}`, code: `C-${i}`, status: 'IMPLEMENTED' as const })),
    links: Array.from({ length: 50 }, (_, i) => ({ controlId: `c${i}`, requirementId: 'a2', coverage: 'FULL' as const })),
    excludedRequirementIds: [],
  }), ['A'], NO_OWN);
  expect(bigger.bytes).toBeGreaterThan(small.bytes + 50 * 200);
  const before = small.bytes;
  small.status(1);
  expect(small.bytes).toBeGreaterThan(before);
});

it('computes every framework\'s coverage once per maxHops, from its own status, as allFrameworkCoverage does', () => {
  const grown: TenantEntry[] = [];
  const entry = new TenantEntry(graph, state, [], NO_OWN, (e) => grown.push(e));
  expect(entry.hasCoverage(1)).toBe(false);
  const coverage = entry.coverage(1);
  expect(coverage).toEqual(allFrameworkCoverage(graph, requirementStatus(graph, state, { maxHops: 1 })));
  expect(coverage[0]).toMatchObject({ full: 1, none: 2 });
  expect(entry.hasCoverage(1)).toBe(true);
  expect(entry.coverage(1)).toBe(coverage);
  expect(entry.hasCoverage(2)).toBe(false);
  expect(grown).toEqual([entry, entry]); // the status, then the coverage
});
