/**
 * The overlay's contract, as a property: for random small catalogs and random organization deltas, every algorithm
 * answers on `new OverlayGraph(catalog, delta)` exactly what it answers on one CatalogGraph built from the catalog's
 * rows and the delta's appended (own frameworks and mapping sets flagged private). Appending keeps every index equal,
 * so answers compare as they are; half-edge numbers differ by construction and compare as (edge, direction).
 */
import fc from 'fast-check';
import { applicabilityCascade } from './applicability-cascade';
import { assumedStatus } from './assumed-status';
import { CatalogGraph, type CatalogGraphInput } from './catalog-graph';
import type { EdgeInput, RequirementInput } from './catalog-input';
import { commonControls } from './common-controls';
import { containmentGroups } from './containment-groups';
import { allFrameworkCoverage, frameworkCoverage } from './framework-coverage';
import { overlapMatrix } from './framework-overlap';
import { frameworkStatus } from './framework-status';
import { gapAnalysis } from './gap-analysis';
import type { GraphView } from './graph-view';
import { headingRollUp } from './heading-roll-up';
import { OverlayGraph, type OverlayInput } from './overlay-graph';
import { pathsInto } from './paths-into';
import { CROSSWALK_CONDITIONS, isContainment, RATIONALES, RELATIONSHIPS, strengthRange } from './relationship';
import { requirementStatus } from './requirement-status';
import { soc2PlusScope } from './soc2-plus-scope';
import { CONTROL_STATUSES, type TenantInput, tenantState } from './tenant-state';

interface RequirementShape {
  framework: number;
  assessable: boolean;
  parent: number;
}
interface EdgeShape {
  source: number;
  target: number;
  relationship: number;
  strength: number;
  rationale: number;
  set: number;
  conditional: boolean;
}

const requirementShape = fc.record({ framework: fc.nat(5), assessable: fc.boolean(), parent: fc.nat(8) });
const edgeShape = fc.record({
  source: fc.nat(40),
  target: fc.nat(40),
  relationship: fc.nat(RELATIONSHIPS.length - 1),
  strength: fc.nat(9),
  rationale: fc.nat(RATIONALES.length),
  set: fc.nat(1),
  conditional: fc.boolean(),
});

/** Requirements `${prefix}${i}` over `frameworks`; a parent is an earlier requirement of the same framework, or none. */
function requirementsOf(prefix: string, frameworks: string[], shapes: RequirementShape[], seq: (i: number) => number | undefined): RequirementInput[] {
  const result: RequirementInput[] = [];
  shapes.forEach((shape, i) => {
    const frameworkId = frameworks[shape.framework % frameworks.length];
    const earlier = result.filter((r) => r.frameworkId === frameworkId);
    const pick = shape.parent % (earlier.length + 1);
    const id = `${prefix}${i}`;
    result.push({ id, frameworkId, refId: `${prefix.toUpperCase()}.${i}`, title: id, assessable: shape.assessable, parentId: pick === 0 ? null : earlier[pick - 1].id, seq: seq(i) });
  });
  return result;
}

/** Edges between `ids` (ends picked by `ends`, or dropped), valid by construction. */
function edgesOf(shapes: EdgeShape[], sets: string[], ends: (shape: EdgeShape) => [string, string] | null): EdgeInput[] {
  return shapes.flatMap((shape) => {
    const pair = ends(shape);
    if (!pair || pair[0] === pair[1]) return [];
    const relationship = RELATIONSHIPS[shape.relationship];
    const [low, high] = strengthRange(relationship);
    return [{
      mappingSetId: sets[shape.set % sets.length],
      sourceId: pair[0],
      targetId: pair[1],
      relationship,
      rationale: shape.rationale === RATIONALES.length ? null : RATIONALES[shape.rationale],
      strength: low + (shape.strength % (high - low + 1)),
      condition: shape.conditional && isContainment(relationship) ? CROSSWALK_CONDITIONS[0] : null,
    }];
  });
}

const caseArbitrary = fc
  .record({
    publicFrameworks: fc.integer({ min: 1, max: 3 }),
    ownFrameworks: fc.integer({ min: 1, max: 3 }),
    publicRequirements: fc.array(requirementShape, { minLength: 1, maxLength: 10 }),
    ownRequirements: fc.array(requirementShape, { minLength: 0, maxLength: 8 }),
    publicEdges: fc.array(edgeShape, { maxLength: 14 }),
    ownEdges: fc.array(edgeShape, { maxLength: 14 }),
    seqs: fc.boolean(),
    controls: fc.array(fc.nat(CONTROL_STATUSES.length - 1), { minLength: 1, maxLength: 4 }),
    links: fc.array(fc.record({ control: fc.nat(3), requirement: fc.nat(40), full: fc.boolean() }), { maxLength: 10 }),
    excluded: fc.array(fc.nat(40), { maxLength: 3 }),
    included: fc.array(fc.nat(40), { maxLength: 2 }),
    systems: fc.array(fc.integer({ min: -1, max: 1 }), { minLength: 6, maxLength: 6 }),
  })
  .map((c) => {
    const publicIds = Array.from({ length: c.publicFrameworks }, (_, i) => `F${i}`);
    const ownIds = Array.from({ length: c.ownFrameworks }, (_, i) => `OWN${i}`);
    const publicRequirements = requirementsOf('r', publicIds, c.publicRequirements, (i) => (c.seqs ? 1 + i : undefined));
    const ownRequirements = requirementsOf('o', ownIds, c.ownRequirements, (i) => (c.seqs ? 500 + 3 * i : undefined));
    const n = publicRequirements.length;
    const m = ownRequirements.length;
    const all = [...publicRequirements, ...ownRequirements];
    const base: CatalogGraphInput = {
      frameworks: publicIds.map((id) => ({ id, code: id, version: '1' })),
      requirements: publicRequirements,
      mappingSets: [{ id: 'p1', key: 'public one' }, { id: 'p2', key: 'public two' }],
      edges: edgesOf(c.publicEdges, ['p1', 'p2'], (e) => [publicRequirements[e.source % n].id, publicRequirements[e.target % n].id]),
    };
    const delta: OverlayInput = {
      frameworks: ownIds.map((id) => ({ id, code: id, version: '1' })),
      requirements: ownRequirements,
      mappingSets: [{ id: 'o1', key: 'own one' }, { id: 'o2', key: 'own two' }],
      // At least one own end: a public source takes an own target.
      edges: edgesOf(c.ownEdges, ['o1', 'o2'], (e) => {
        if (m === 0) return null;
        const s = e.source % (n + m);
        const t = s < n ? n + (e.target % m) : e.target % (n + m);
        return [all[s].id, all[t].id];
      }),
    };
    const tenant: TenantInput = {
      controls: c.controls.map((status, i) => ({ id: `c${i}`, code: `C${i}`, status: CONTROL_STATUSES[status] })),
      links: c.links.map((l) => ({ controlId: `c${l.control % c.controls.length}`, requirementId: all[l.requirement % all.length].id, coverage: l.full ? 'FULL' : 'PARTIAL' })),
      excludedRequirementIds: c.excluded.map((r) => all[r % all.length].id),
      includedRequirementIds: c.included.map((r) => all[r % all.length].id),
    };
    const systemOf = Int32Array.from({ length: c.publicFrameworks + c.ownFrameworks }, (_, f) => c.systems[f]);
    return { base, delta, tenant, systemOf, seqs: c.seqs };
  });

function merged(base: CatalogGraphInput, delta: OverlayInput): CatalogGraph {
  return new CatalogGraph({
    frameworks: [...base.frameworks, ...delta.frameworks.map((f) => ({ ...f, private: true }))],
    requirements: [...base.requirements, ...delta.requirements],
    mappingSets: [...base.mappingSets, ...delta.mappingSets.map((s) => ({ ...s, private: true }))],
    edges: [...base.edges, ...delta.edges],
  });
}

/** Everything the graph answers, as plain data; half-edges as (stored edge, reversed). */
function answers(graph: GraphView, tenantInput: TenantInput): Record<string, unknown> {
  const n = graph.requirementCount;
  const requirements = [...Array(n).keys()];
  const frameworks = [...Array(graph.frameworkCount).keys()];
  const halfEdge = (h: number) => [graph.halfEdgeEdge(h), graph.halfEdgeReversed(h)];
  const out: Record<string, unknown> = {};
  out.counts = [graph.frameworkCount, graph.requirementCount, graph.mappingSetCount, graph.edgeCount];
  out.frameworks = frameworks.map((f) => [graph.frameworkId(f), graph.frameworkCode(f), graph.frameworkIsPrivate(f), Array.from(graph.requirementsOf(f)), graph.findFramework(graph.frameworkCode(f), '1')]);
  out.sets = [...Array(graph.mappingSetCount).keys()].map((s) => [graph.mappingSetId(s), graph.mappingSetKey(s), graph.mappingSetIsPrivate(s), graph.mappingSetIndex(graph.mappingSetId(s))]);
  out.edges = [...Array(graph.edgeCount).keys()].map((e) => [graph.edgeSourceOf(e), graph.edgeTargetOf(e), graph.edgeMappingSetOf(e), graph.edgeRelationshipOf(e), graph.edgeRationaleOf(e), graph.edgeStrengthOf(e), graph.edgeConditionOf(e), graph.edgeConditionMet(e)]);
  out.requirements = requirements.map((r) => {
    const half: unknown[] = [];
    for (let part = 0; part < graph.halfEdgeParts; part++) {
      for (let h = graph.halfEdgeStart(r, part); h < graph.halfEdgeEnd(r, part); h++) {
        half.push([...halfEdge(h), graph.halfEdgeHead(h), graph.halfEdgeRelationship(h), graph.halfEdgeRationale(h), graph.halfEdgeStrength(h)]);
      }
    }
    const id = graph.requirementId(r);
    return [id, graph.requirementIndex(id), graph.refId(r), graph.title(r), graph.frameworkOf(r), graph.isAssessable(r), graph.parentOf(r), graph.topLevelAncestorOf(r), half];
  });
  out.seqs = graph.hasRequirementSeqs ? Array.from({ length: 600 }, (_, seq) => graph.requirementIndexBySeq(seq)) : null;

  const state = tenantState(graph, tenantInput);
  out.state = state;
  const decisions = Uint8Array.from(requirements, (r) => r % 3);
  out.cascade = applicabilityCascade(graph, decisions);
  for (const maxHops of [1, 2, 3]) {
    const status = requirementStatus(graph, state, { maxHops });
    out[`status${maxHops}`] = {
      status: status.status,
      weight: status.weight,
      inferred: status.inferred,
      explain: requirements.map((r) => status.explain(r)),
      touching: requirements.map((r) => status.controlsTouching(r)),
      rollUps: requirements.filter((r) => !graph.isAssessable(r)).map((r) => headingRollUp(graph, status, r)),
      paths: requirements.map((r) => pathsInto(graph, r, { maxHops, isSource: () => true })),
    };
    out[`frameworkStatus${maxHops}`] = frameworks.map((f) => {
      const one = frameworkStatus(graph, state, f, { maxHops });
      const members = Array.from(graph.requirementsOf(f));
      return [members.map((r) => [one.status[r], one.weight[r], one.inferred[r]]), frameworkCoverage(graph, one, f)];
    });
    out[`coverage${maxHops}`] = allFrameworkCoverage(graph, status);
    out[`gaps${maxHops}`] = frameworks.map((f) => gapAnalysis(graph, status, f));
    out[`assumed${maxHops}`] = frameworks.map((f) => gapAnalysis(graph, assumedStatus(graph, [f], { maxHops }), (f + 1) % frameworks.length));
    out[`overlap${maxHops}`] = overlapMatrix(graph, frameworks, { maxHops });
    out[`common${maxHops}`] = [commonControls(graph, frameworks, { maxHops }), commonControls(graph, frameworks.slice().reverse().slice(0, 2), { maxHops })];
    out[`soc2plus${maxHops}`] = frameworks.length > 1 ? soc2PlusScope(graph, 0, frameworks.slice(1), { maxHops }) : null;
  }
  out.containment = containmentGroups(graph, requirements).map((g) => ({ ...g, members: g.members.map((m) => ({ ...m, halfEdge: halfEdge(m.halfEdge) })) }));
  return out;
}

describe('OverlayGraph answers as the merged catalog does (property)', () => {
  it('for every algorithm, under separate systems and under the organization’s declared ones', () => {
    fc.assert(
      fc.property(caseArbitrary, ({ base, delta, tenant, systemOf }) => {
        const catalog = new CatalogGraph(base);
        const overlay = new OverlayGraph(catalog, delta);
        const reference = merged(base, delta);
        expect(answers(overlay, tenant)).toEqual(answers(reference, tenant));
        expect(answers(overlay.underSystems(systemOf), tenant)).toEqual(answers(reference.underSystems(systemOf), tenant));
        expect(answers(overlay.underOneSystem(), tenant)).toEqual(answers(reference.underOneSystem(), tenant));
      }),
      { numRuns: 120, seed: 12 },
    );
  });

  it('reaches own requirements by packed links (seqs), as the merged catalog does', () => {
    fc.assert(
      fc.property(caseArbitrary.filter((c) => c.seqs), ({ base, delta, tenant }) => {
        const overlay = new OverlayGraph(new CatalogGraph(base), delta);
        const reference = merged(base, delta);
        const seqOf = new Map([...base.requirements, ...delta.requirements].map((r) => [r.id, r.seq!]));
        const links = tenant.links as Array<{ controlId: string; requirementId: string; coverage: string }>;
        const packed: TenantInput = {
          ...tenant,
          links: {
            control: Int32Array.from(links, (l) => Number(l.controlId.slice(1))),
            requirementSeq: Int32Array.from(links, (l) => seqOf.get(l.requirementId)!),
            full: Uint8Array.from(links, (l) => (l.coverage === 'FULL' ? 1 : 0)),
          },
        };
        expect(tenantState(overlay, packed)).toEqual(tenantState(reference, packed));
        expect(tenantState(overlay, packed)).toEqual(tenantState(overlay, tenant));
      }),
      { numRuns: 60, seed: 13 },
    );
  });
});
