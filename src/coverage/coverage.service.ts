import { Injectable } from '@nestjs/common';
import { roleKeep } from '../ai-roles/role-suggestions';
import type { AiRole } from '../catalog/ai-role';
import { TenantDb } from '../database/tenant-db';
import { BadUserInputError } from '../common/errors/domain-error';
import { assumedStatus } from '../graph/assumed-status';
import type { GraphView } from '../graph/graph-view';
import { commonControls } from '../graph/common-controls';
import type { Explanation } from '../graph/explain-status';
import { type FrameworkCoverage as EngineCoverage, frameworkCoverage } from '../graph/framework-coverage';
import { frameworkStatus } from '../graph/framework-status';
import { DETAIL_MAX_PATHS, frameworkOverlapDetail, overlapMatrix, type FrameworkOverlap as EngineOverlap } from '../graph/framework-overlap';
import { gapAnalysis } from '../graph/gap-analysis';
import { headingRollUp } from '../graph/heading-roll-up';
import { underDeclaredSystems } from '../graph/management-systems';
import type { RequirementStatus, TouchingControl } from '../graph/requirement-status';
import type { PathHop } from '../graph/paths-into';
import { type Soc2PlusMember, soc2PlusScope } from '../graph/soc2-plus-scope';
import { STATUS_NAMES } from '../graph/status-code';
import { tenantState, type TenantState } from '../graph/tenant-state';
import { TenantEntry } from '../tenant-state/tenant-entry';
import { TenantStateCache } from '../tenant-state/tenant-state.cache';
import type { Principal } from '../organizations/auth/principal';
import { type RequestScope, ScopeKey } from '../graphql/request-scope';
import { type Query, readTenantInput } from './coverage.repository';
import { requirementIndexByRef } from './requirement-ref';
import type * as M from './models/coverage.models';
import { OwnCatalogs } from '../own-catalog/own-catalogs';
import type { TenantCatalog } from '../own-catalog/tenant-catalog';

/**
 * The organization's kept state (TenantEntry) as one request takes it, shared by all its root fields: a query that asks for coverage and
 * a gap analysis takes the organization once, and both fields see the same state.
 */
const TENANT_ENTRY = new ScopeKey<Promise<TenantEntry>>('tenant entry');

/** Turns requests into engine calls on the request's catalog snapshot plus this organization's data, kept until it changes. */
@Injectable()
export class CoverageService {
  constructor(
    private readonly tenantDb: TenantDb,
    private readonly tenants: TenantStateCache<TenantEntry>,
    private readonly ownCatalogs: OwnCatalogs,
  ) {}

  /**
   * Every tenant computation goes through here, so each honours the organization's declared management systems: its
   * graph is the catalog read under them (underDeclaredSystems), never the bare catalog. The entry is kept per
   * organization and catalog graph: one built on an older catalog is read again.
   */
  private async tenant(request: RequestScope, principal: Principal): Promise<TenantEntry> {
    const entry = await request.once(TENANT_ENTRY, () => {
      const organizationId = principal.organizationId;
      const snapshot = request.catalog;
      const catalog = snapshot.graph; // an entry is kept for the catalog graph it was built on
      return this.tenants.get(organizationId, catalog, async () => {
        const { input, tenantCatalog } = await this.tenantDb.run(organizationId, async (manager) => {
          const query: Query = (sql, params) => manager.query(sql, params);
          const read = await readTenantInput(query, organizationId);
          // The organization's own frameworks and edges, as an overlay on the catalog: rebuilt only when they changed.
          return { input: read, tenantCatalog: await this.ownCatalogs.read(query, organizationId, snapshot, read.ownCatalogVersion) };
        });
        const graph = underDeclaredSystems(tenantCatalog.graph, input.systems);
        return new TenantEntry(graph, tenantState(graph, input), input.scope, tenantCatalog, (entry) => this.tenants.resize(organizationId, entry));
      });
    });
    request.own = entry.catalog.own;
    return entry;
  }

  /** The public catalog plus the organization's own, as this request reads it: exports resolve framework references here. */
  async tenantCatalog(request: RequestScope, principal: Principal): Promise<TenantCatalog> {
    return (await this.tenant(request, principal)).catalog;
  }

  private indexes(graph: GraphView, catalog: Pick<TenantCatalog, 'resolveFramework'>, refs: string[], field: string): number[] {
    return [...new Set(refs.map((ref, i) => graph.frameworkIndex(catalog.resolveFramework(ref, `${field}[${i}]`).id)))];
  }

  /** One framework's engine coverage as the API answers it (vendor coverage answers the same way). */
  coverageModel(graph: GraphView, f: number, c: EngineCoverage): M.FrameworkCoverage {
    return { frameworkId: graph.frameworkId(f), full: c.full, partial: c.partial, none: c.none, excluded: c.excluded, score: c.score };
  }

  /** An engine explanation as the API's CoveragePath (vendor coverage explains its paths the same way). */
  path(graph: GraphView, e: Explanation): M.CoveragePath {
    return {
      sourceId: graph.requirementId(e.source),
      controls: e.controls.map((c) => ({ id: c.controlId, code: c.code, coverage: c.coverage })),
      steps: e.hops.map((h) => this.step(graph, h)),
      status: e.status,
      weight: e.weight,
      inferred: e.inferred,
    };
  }

  private step(graph: GraphView, h: PathHop): M.CoverageStep {
    return {
      fromId: graph.requirementId(h.from),
      toId: graph.requirementId(h.to),
      mappingSetId: h.mappingSetId,
      mappingSetPrivate: graph.mappingSetIsPrivate(graph.mappingSetIndex(h.mappingSetId)),
      relationship: h.relationship,
      rationale: h.rationale,
      strength: h.strength,
      reversed: h.reversed,
      condition: h.condition,
      conditionMet: h.conditionMet,
    };
  }

  private touching(controls: TouchingControl[]): M.CoverageControl[] {
    const seen = new Map<string, M.CoverageControl>();
    for (const c of controls) if (!seen.has(c.controlId)) seen.set(c.controlId, { id: c.controlId, code: c.code, coverage: c.coverage });
    return [...seen.values()];
  }

  async coverage(request: RequestScope, principal: Principal, refs: string[] | undefined, maxHops: number, aiRoles?: AiRole[]): Promise<M.FrameworkCoverage[]> {
    const tenant = await this.tenant(request, principal);
    const { graph, state, scope } = tenant;
    const chosen = refs ? this.indexes(graph, tenant.catalog, refs, 'frameworks') : scope.length > 0 ? scope.map((id) => graph.frameworkIndex(id)).filter((f) => f >= 0) : [...Array(graph.frameworkCount).keys()];
    const keep = this.roleKeep(graph, tenant.catalog, aiRoles);
    if (keep) {
      // Filtered counts are not kept with the entry: the statuses are, and a count over them is one pass.
      const status = tenant.status(maxHops);
      return chosen.map((f) => this.coverageModel(graph, f, frameworkCoverage(graph, status, f, keep)));
    }
    // One framework at one hop, on an entry that has not computed every framework yet: compute only its requirements
    // (frameworkStatus), not the whole graph; same numbers. Otherwise every framework once per entry, kept with it.
    if (chosen.length === 1 && maxHops === 1 && !tenant.hasCoverage(maxHops)) {
      const [f] = chosen;
      return [this.coverageModel(graph, f, frameworkCoverage(graph, frameworkStatus(graph, state, f, { maxHops }), f))];
    }
    const all = tenant.coverage(maxHops);
    return chosen.map((f) => this.coverageModel(graph, f, all[f]));
  }

  /**
   * Every requirement's status for the organization, with the graph (under its management systems) and tenant state
   * it was computed from: what the Statement of Applicability reads.
   */
  async tenantStatus(request: RequestScope, principal: Principal, maxHops: number): Promise<{ graph: GraphView; state: TenantState; status: RequirementStatus; catalog: TenantCatalog }> {
    const tenant = await this.tenant(request, principal);
    return { graph: tenant.graph, state: tenant.state, status: tenant.status(maxHops), catalog: tenant.catalog };
  }

  async requirementCoverage(request: RequestScope, principal: Principal, ref: string, refId: string, maxHops: number): Promise<M.RequirementCoverage> {
    const { graph, status, catalog } = await this.tenantStatus(request, principal, maxHops);
    const r = requirementIndexByRef(graph, catalog.resolveFramework(ref, 'framework'), refId);
    if (!graph.isAssessable(r)) {
      // A heading has no status of its own (DESIGN 9): it rolls up its assessable descendants, whose own paths explain them.
      const rollUp = headingRollUp(graph, status, r);
      const { full, partial, none, excluded, score } = rollUp.counts;
      return { requirementId: graph.requirementId(r), status: STATUS_NAMES[rollUp.status], weight: rollUp.weight, inferred: rollUp.inferred, paths: [], heading: true, rollUp: { full, partial, none, excluded, score } };
    }
    return {
      requirementId: graph.requirementId(r),
      status: STATUS_NAMES[status.status[r]],
      weight: status.weight[r],
      inferred: status.inferred[r] === 1,
      paths: status.explain(r).map((e) => this.path(graph, e)),
      heading: false,
      rollUp: null,
    };
  }

  /** The aiRoles filter over this graph's requirements (ai-roles/role-suggestions.ts); undefined for none. */
  roleKeep(graph: GraphView, catalog: TenantCatalog, aiRoles: readonly AiRole[] | undefined): ((r: number) => boolean) | undefined {
    return roleKeep((r) => graph.requirementId(r), (id) => catalog.requirement(id)?.aiRoles, aiRoles);
  }

  async gapAnalysis(request: RequestScope, principal: Principal, target: string, have: string[] | undefined, maxHops: number, aiRoles?: AiRole[]): Promise<M.GapReport> {
    const tenant = await this.tenant(request, principal);
    const { graph } = tenant;
    const targetIndex = graph.frameworkIndex(tenant.catalog.resolveFramework(target, 'target').id);
    let status: RequirementStatus;
    if (have) {
      const haveIndexes = this.indexes(graph, tenant.catalog, have, 'have');
      if (haveIndexes.includes(targetIndex)) throw new BadUserInputError('have', 'must not include the target framework itself');
      status = assumedStatus(graph, haveIndexes, { maxHops });
    } else {
      status = tenant.status(maxHops);
    }
    const report = gapAnalysis(graph, status, targetIndex, { keep: this.roleKeep(graph, tenant.catalog, aiRoles) });
    return {
      coverage: this.coverageModel(graph, targetIndex, report.coverage),
      gaps: report.gaps.map((g) => ({
        requirementId: graph.requirementId(g.requirement),
        status: g.status,
        weight: g.weight,
        sources: g.sources.map((e) => this.path(graph, e)),
        controls: this.touching(g.controls),
      })),
    };
  }

  async commonControls(request: RequestScope, principal: Principal, refs: string[]): Promise<M.CommonControl[]> {
    const tenant = await this.tenant(request, principal);
    const { graph } = tenant;
    const result = commonControls(graph, this.indexes(graph, tenant.catalog, refs, 'frameworks'));
    return result.groups.map((g) => ({
      anchorId: graph.requirementId(g.anchor),
      newlyCoveredIds: g.newlyCovered.map((r) => graph.requirementId(r)),
      satisfies: g.satisfies.map((s) => ({ frameworkId: graph.frameworkId(s.framework), requirementIds: s.requirements.map((r) => graph.requirementId(r)) })),
    }));
  }

  async soc2PlusScope(request: RequestScope, principal: Principal, additional: string[]): Promise<M.Soc2PlusScope> {
    const tenant = await this.tenant(request, principal);
    const { graph } = tenant;
    const soc2 = graph.frameworkIndex(request.catalog.resolveFramework('SOC2', 'SOC2').id);
    const added = this.indexes(graph, tenant.catalog, additional, 'additional');
    if (added.includes(soc2)) throw new BadUserInputError('additional', 'lists the frameworks to add to SOC 2; SOC2 itself is always included');
    const scope = soc2PlusScope(graph, soc2, added);
    const member = (m: Soc2PlusMember) => ({
      requirementId: graph.requirementId(m.requirement),
      status: m.status,
      weight: m.weight,
      soc2Sources: m.soc2Sources.map((e) => this.path(graph, e)),
    });
    return {
      itemCount: scope.itemCount,
      requirementCount: scope.requirementCount,
      topics: scope.topics.map((t) => ({
        frameworkId: graph.frameworkId(t.framework),
        topicId: graph.requirementId(t.topic),
        title: t.title,
        items: t.items.map((i) => ({
          ...member(i.representative),
          equivalentIds: i.members.filter((m) => m.equivalent).map((m) => graph.requirementId(m.requirement)),
          members: i.members.map((m) => ({ ...member(m), equivalent: m.equivalent, mergedBy: this.step(graph, m.mergedBy) })),
        })),
      })),
    };
  }

  /** Public overlap reads the catalog as separate management systems unless `assumeSameManagementSystem`, which reads every conditional edge as stored. */
  private overlapGraph(request: RequestScope, assumeSameManagementSystem: boolean): GraphView {
    const catalog = request.catalog.graph;
    return assumeSameManagementSystem ? catalog.underOneSystem() : catalog;
  }

  private overlapModel(graph: GraphView, o: EngineOverlap): M.FrameworkOverlap {
    return {
      sourceId: graph.frameworkId(o.source),
      targetId: graph.frameworkId(o.target),
      full: o.coverage.full,
      partial: o.coverage.partial,
      none: o.coverage.none,
      score: o.coverage.score,
    };
  }

  /** Public: every ordered pair of the frameworks. */
  async overlap(request: RequestScope, refs: string[] | undefined, maxHops: number, assumeSameManagementSystem: boolean): Promise<M.FrameworkOverlap[]> {
    const graph = this.overlapGraph(request, assumeSameManagementSystem);
    const chosen = refs ? this.indexes(graph, request.catalog, refs, 'frameworks') : [...Array(graph.frameworkCount).keys()];
    return overlapMatrix(graph, chosen, { maxHops }).map((o) => this.overlapModel(graph, o));
  }

  /** Public: one ordered pair of `overlap`, on the same graph and by the same engine, with the target's requirements. */
  async overlapDetail(request: RequestScope, sourceRef: string, targetRef: string, maxHops: number, assumeSameManagementSystem: boolean): Promise<M.FrameworkOverlapDetail> {
    const graph = this.overlapGraph(request, assumeSameManagementSystem);
    const source = graph.frameworkIndex(request.catalog.resolveFramework(sourceRef, 'source').id);
    const target = graph.frameworkIndex(request.catalog.resolveFramework(targetRef, 'target').id);
    if (source === target) throw new BadUserInputError('target', 'must not be the source framework itself: a framework covers all of itself');
    const detail = frameworkOverlapDetail(graph, source, target, { maxHops });
    return {
      overlap: this.overlapModel(graph, detail),
      requirements: detail.requirements.map((r) => {
        const paths = detail.status.explain(r);
        return {
          requirementId: graph.requirementId(r),
          status: STATUS_NAMES[detail.status.status[r]],
          weight: detail.status.weight[r],
          inferred: detail.status.inferred[r] === 1,
          pathCount: paths.length,
          paths: paths.slice(0, DETAIL_MAX_PATHS).map((e) => ({
            sourceId: graph.requirementId(e.source),
            steps: e.hops.map((h) => this.step(graph, h)),
            status: e.status,
            weight: e.weight,
            inferred: e.inferred,
          })),
        };
      }),
    };
  }
}
