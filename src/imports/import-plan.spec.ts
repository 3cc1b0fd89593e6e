import type { LinkCoverage } from '../controls/control-status';
import type { ValidControlRow } from './control-import.types';
import { type ExistingControl, planImport } from './import-plan';

const existing = new Map<string, ExistingControl>([
  ['AC-01', { id: 'c1', code: 'AC-01', title: 'Access', description: 'd', owner: 'CISO', status: 'IMPLEMENTED', version: 3 }],
  ['AC-02', { id: 'c2', code: 'AC-02', title: 'Reviews', description: null, owner: null, status: 'PLANNED', version: 1 }],
]);
const linksOf = new Map<string, Map<string, LinkCoverage>>([['c1', new Map<string, LinkCoverage>([['r1', 'FULL'], ['r2', 'PARTIAL']])]]);
const link = (requirementId: string, coverage: LinkCoverage = 'FULL') => ({ requirementId, framework: 'ISO:2022', refId: requirementId, coverage });
const row = (fields: Partial<ValidControlRow> & { code: string; title: string }): ValidControlRow =>
  ({ row: 2, description: undefined, owner: undefined, status: undefined, links: undefined, ...fields });

describe('planImport', () => {
  it('creates new codes (PLANNED by default), updates changed ones, and leaves the same ones alone', () => {
    const plan = planImport([row({ code: 'AC-01', title: 'Access' }), row({ code: 'AC-02', title: 'Reviews!' }), row({ code: 'AC-03', title: 'New' })], existing, linksOf, 'replace');
    expect(plan.creates).toEqual([{ code: 'AC-03', title: 'New', description: null, owner: null, status: 'PLANNED' }]);
    expect(plan.updates).toEqual([{ before: existing.get('AC-02'), after: { code: 'AC-02', title: 'Reviews!', description: null, owner: null, status: 'PLANNED' } }]);
    expect(plan.counts).toEqual({ created: 1, updated: 1, unchanged: 1, linksAdded: 0, linksRemoved: 0, linksChanged: 0 });
    expect(plan.linkRemovals).toEqual([]); // no links given: links stay, even in replace mode
  });

  it('keeps left-out fields and clears null ones', () => {
    const plan = planImport([row({ code: 'AC-01', title: 'Access', owner: null })], existing, linksOf, 'replace');
    expect(plan.updates[0].after).toEqual({ code: 'AC-01', title: 'Access', description: 'd', owner: null, status: 'IMPLEMENTED' });
  });

  it('replace: the row\'s links become exactly the control\'s (added, changed, removed)', () => {
    const plan = planImport([row({ code: 'AC-01', title: 'Access', links: [link('r2', 'FULL'), link('r3')] })], existing, linksOf, 'replace');
    expect(plan.linkUpserts.map((l) => [l.code, l.requirementId, l.coverage, l.before])).toEqual([['AC-01', 'r2', 'FULL', 'PARTIAL'], ['AC-01', 'r3', 'FULL', null]]);
    expect(plan.linkRemovals).toEqual([{ controlId: 'c1', requirementId: 'r1', coverage: 'FULL' }]);
    expect(plan.counts).toMatchObject({ unchanged: 1, linksAdded: 1, linksChanged: 1, linksRemoved: 1 });
  });

  it('replace with an empty list removes every link; merge keeps the others', () => {
    expect(planImport([row({ code: 'AC-01', title: 'Access', links: [] })], existing, linksOf, 'replace').counts.linksRemoved).toBe(2);
    const merged = planImport([row({ code: 'AC-01', title: 'Access', links: [link('r1'), link('r3', 'PARTIAL')] })], existing, linksOf, 'merge');
    expect(merged.linkRemovals).toEqual([]);
    expect(merged.counts).toMatchObject({ linksAdded: 1, linksChanged: 0, linksRemoved: 0 }); // r1 is FULL already: nothing to do
  });

  it('links of a new control are all added', () => {
    const plan = planImport([row({ code: 'NEW', title: 'n', links: [link('r1'), link('r2', 'PARTIAL')] })], existing, linksOf, 'replace');
    expect(plan.counts).toMatchObject({ created: 1, linksAdded: 2 });
  });
});
