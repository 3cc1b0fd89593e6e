/**
 * The overlay rows of `npm run bench:engine` (issue 12, Speed: "Coverage for an organization with 10 own frameworks
 * and 50,000 own edges stays within 2× of an organization with none"). The same organization (its controls, links,
 * applicability and management systems, as the cold tenant read returned them) is measured twice on the same loaded
 * catalog: once on the catalog graph alone, once on an OverlayGraph holding a generated own catalog (10 frameworks,
 * 50,000 crosswalks, 60% of them from an own requirement to a public one). The two are timed alternately, run by run,
 * so both see the same machine; each run records wall and CPU time, and the ratio is overlay ÷ none.
 */
import { performance } from 'node:perf_hooks';
import type { CatalogGraph } from '../src/graph/catalog-graph';
import type { EdgeInput, RequirementInput } from '../src/graph/catalog-input';
import { allFrameworkCoverage, frameworkCoverage } from '../src/graph/framework-coverage';
import { frameworkStatus } from '../src/graph/framework-status';
import type { GraphView } from '../src/graph/graph-view';
import { type DeclaredSystem, underDeclaredSystems } from '../src/graph/management-systems';
import { OverlayGraph, type OverlayInput } from '../src/graph/overlay-graph';
import { CROSSWALK_CONDITIONS, isContainment, RATIONALES, type Relationship, strengthRange } from '../src/graph/relationship';
import { requirementStatus } from '../src/graph/requirement-status';
import { type TenantInput, tenantState, type TenantState } from '../src/graph/tenant-state';
import { fmtMiB } from './memory';
import type { Row } from './harness';
import { fmtInt, RELATIONSHIP_MIX, Rng } from './synthetic';
import { fmtMs, summarize, type Timing } from './timing';

export interface OverlayScale {
  frameworks: number;
  requirementsPerFramework: number;
  edges: number;
  /** Share of own crosswalks with a public requirement at one end (the rest join two own ones). */
  publicShare: number;
}

export const OVERLAY_SCALE: OverlayScale = { frameworks: 10, requirementsPerFramework: 1_000, edges: 50_000, publicShare: 0.6 };
const TARGET_RATIO = 2;
/** Own seqs start here, far above the catalog's (a catalog load numbers its rows from 1). */
const OWN_SEQ_START = 1_000_000_000;

/** A generated own catalog over `catalog`: each own framework a heading per 20 requirements, the rest assessable. */
export function generateOverlay(catalog: CatalogGraph, scale: OverlayScale, seed: number): OverlayInput {
  const rng = new Rng(seed);
  const frameworks = Array.from({ length: scale.frameworks }, (_, f) => ({ id: `own-${f}`, code: `OWN-${String(f).padStart(2, '0')}`, version: '1' }));
  const requirements: RequirementInput[] = [];
  for (const framework of frameworks) {
    let heading: string | null = null;
    for (let i = 0; i < scale.requirementsPerFramework; i++) {
      const id = `${framework.id}-r${i}`;
      const isHeading = i % 20 === 0;
      requirements.push({ id, frameworkId: framework.id, refId: `${framework.code}.${i}`, title: id, assessable: !isHeading, parentId: isHeading ? null : heading, seq: OWN_SEQ_START + requirements.length });
      if (isHeading) heading = id;
    }
  }
  const mappingSets = frameworks.map((f) => ({ id: `${f.id}-set`, key: `${f.code} crosswalks` }));
  const own = requirements.filter((r) => r.assessable);
  const edges: EdgeInput[] = [];
  for (let e = 0; e < scale.edges; e++) {
    const source = own[rng.int(own.length)];
    let targetId: string;
    if (rng.next() < scale.publicShare) {
      let r: number;
      do r = rng.int(catalog.requirementCount);
      while (!catalog.isAssessable(r));
      targetId = catalog.requirementId(r);
    } else {
      do targetId = own[rng.int(own.length)].id;
      while (targetId === source.id);
    }
    const relationship = rng.choose(RELATIONSHIP_MIX) as Relationship;
    const [low, high] = strengthRange(relationship);
    edges.push({
      mappingSetId: `${source.frameworkId}-set`,
      sourceId: source.id,
      targetId,
      relationship,
      rationale: rng.pick(RATIONALES),
      strength: low + rng.int(high - low + 1),
      condition: isContainment(relationship) && rng.next() < 0.05 ? CROSSWALK_CONDITIONS[0] : null,
    });
  }
  return { frameworks, requirements, mappingSets, edges };
}

interface Side {
  graph: GraphView;
  state: TenantState;
}

/** Alternating runs of the two sides; per side the median of wall and of CPU milliseconds per operation. */
function alternate(none: () => unknown, overlay: () => unknown, runs: number, batch: number): { none: [Timing, Timing]; overlay: [Timing, Timing] } {
  const samples = { none: [[], []] as number[][], overlay: [[], []] as number[][] };
  const once = (fn: () => unknown, into: number[][]) => {
    const cpu = process.cpuUsage();
    const start = performance.now();
    for (let b = 0; b < batch; b++) fn();
    into[0].push((performance.now() - start) / batch);
    const used = process.cpuUsage(cpu);
    into[1].push((used.user + used.system) / 1000 / batch);
  };
  for (let i = 0; i < 3; i++) {
    none();
    overlay();
  }
  for (let i = 0; i < runs; i++) {
    once(none, samples.none);
    once(overlay, samples.overlay);
  }
  return { none: [summarize(samples.none[0]), summarize(samples.none[1])], overlay: [summarize(samples.overlay[0]), summarize(samples.overlay[1])] };
}

/**
 * The rows: build cost and size of the overlay, then per measurement the organization without and with its own
 * catalog, and the ratio against the 2× target (by CPU time, which the machine's neighbours move least).
 */
export function overlayRows(catalog: CatalogGraph, input: TenantInput & { systems: DeclaredSystem[] }, measuredFramework: number, seed: number, progress: (line: string) => void): Row[] {
  const scale = OVERLAY_SCALE;
  progress(`overlay: generating ${scale.frameworks} own frameworks, ${fmtInt(scale.frameworks * scale.requirementsPerFramework)} own requirements, ${fmtInt(scale.edges)} own crosswalks …`);
  const own = generateOverlay(catalog, scale, seed);
  const builds: number[] = [];
  let overlay: OverlayGraph | undefined;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    overlay = new OverlayGraph(catalog, own);
    builds.push(performance.now() - t0);
  }
  const build = summarize(builds);
  const none: Side = { graph: underDeclaredSystems(catalog, input.systems), state: tenantState(underDeclaredSystems(catalog, input.systems), input) };
  const withOwn = underDeclaredSystems(overlay!, input.systems);
  const ownSide: Side = { graph: withOwn, state: tenantState(withOwn, input) };
  progress(`overlay: built in ${fmtMs(build.median)} (${fmtMiB(overlay!.bytes)} estimated); timing coverage without and with it, alternately …`);

  const one = (side: Side) => () => frameworkCoverage(side.graph, frameworkStatus(side.graph, side.state, measuredFramework), measuredFramework);
  const all = (side: Side) => () => allFrameworkCoverage(side.graph, requirementStatus(side.graph, side.state));
  const ownFramework = catalog.frameworkCount; // the first own framework
  const ownAssessable = Array.from(withOwn.requirementsOf(ownFramework)).filter((r) => withOwn.isAssessable(r)).length;
  const oneTimed = alternate(one(none), one(ownSide), 200, 10);
  const allTimed = alternate(all(none), all(ownSide), 40, 1);
  const ownOne = alternate(one(ownSide), () => frameworkCoverage(withOwn, frameworkStatus(withOwn, ownSide.state, ownFramework), ownFramework), 200, 10);

  const code = catalog.frameworkCode(measuredFramework);
  const compared = (what: string, t: { none: [Timing, Timing]; overlay: [Timing, Timing] }, targeted: boolean, detail: string): Row => {
    const ratio = t.overlay[1].median / t.none[1].median;
    return {
      label: what,
      result: `${ratio.toFixed(2)}× (CPU ${fmtMs(t.overlay[1].median)} vs ${fmtMs(t.none[1].median)})`,
      target: targeted ? `≤ ${TARGET_RATIO}×` : '',
      verdict: targeted ? (ratio <= TARGET_RATIO ? 'PASS' : 'MISS') : '',
      detail: `${detail}; wall ${fmtMs(t.overlay[0].median)} vs ${fmtMs(t.none[0].median)} (${(t.overlay[0].median / t.none[0].median).toFixed(2)}×); medians of ${t.none[0].runs} alternating runs each`,
    };
  };
  return [
    {
      label: `Own catalog (issue 12): OverlayGraph over the catalog, ${scale.frameworks} own frameworks, ${fmtInt(own.requirements.length)} own requirements, ${fmtInt(scale.edges)} own crosswalks`,
      result: fmtMs(build.median),
      detail: `built per organization and kept until its catalog changes; ${fmtMiB(overlay!.bytes)} estimated (OverlayGraph.bytes), the catalog shared, not copied; ${Math.round(scale.publicShare * 100)}% of its crosswalks reach a public requirement`,
    },
    compared(
      `  coverage of ${code} (frameworkStatus + frameworkCoverage): with that own catalog ÷ without`,
      oneTimed,
      true,
      'the same organization (controls, links, applicability, systems) on the overlay vs on the catalog alone',
    ),
    compared(
      `  coverage of every framework (requirementStatus + allFrameworkCoverage): with ÷ without`,
      allTimed,
      true,
      `${withOwn.frameworkCount} frameworks and ${fmtInt(withOwn.requirementCount)} requirements vs ${catalog.frameworkCount} and ${fmtInt(catalog.requirementCount)}`,
    ),
    {
      label: `  coverage of an own framework (${withOwn.frameworkCode(ownFramework)}, ${fmtInt(ownAssessable)} assessable), on the overlay`,
      result: `CPU ${fmtMs(ownOne.overlay[1].median)}`,
      detail: `for information; wall ${fmtMs(ownOne.overlay[0].median)}; its requirements have ${(2 * scale.edges / own.requirements.length).toFixed(0)} own crosswalk ends each on average`,
    },
  ];
}
