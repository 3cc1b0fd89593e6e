import { Injectable } from '@nestjs/common';
import { CoverageService } from '../coverage/coverage.service';
import type * as M from '../coverage/models/coverage.models';
import { requirementIndexByRef } from '../coverage/requirement-ref';
import { allFrameworkCoverage } from '../graph/framework-coverage';
import { requirementStatus, type RequirementStatus } from '../graph/requirement-status';
import { STATUS_NAMES } from '../graph/status-code';
import { tenantState } from '../graph/tenant-state';
import type { RequestScope } from '../graphql/request-scope';
import type { Principal } from '../organizations/auth/principal';
import { type VendorAnswerValue, vendorTenantInput } from './vendor-controls';
import { type BuiltQuestionnaire, VendorQuestionnaireService } from './vendor-questionnaire.service';
import { VendorsService } from './vendors.service';
import type { VendorCoverage } from './models/vendor-coverage.model';

/**
 * Coverage from a vendor's answers (issue 14, part 3): the questionnaire its answers came from is made again on the
 * organization's catalog read as one management system, the answers become controls (vendor-controls.ts), and the
 * same engine as the organization's own coverage runs on them. Computed per request: nothing is kept.
 */
@Injectable()
export class VendorCoverageService {
  constructor(
    private readonly vendors: VendorsService,
    private readonly questionnaires: VendorQuestionnaireService,
    private readonly coverage: CoverageService,
  ) {}

  private async status(request: RequestScope, principal: Principal, vendorId: string): Promise<{ built: BuiltQuestionnaire | null; status: RequirementStatus | null; counted: number; unmatched: number }> {
    const stored = await this.vendors.answers(principal.organizationId, vendorId, 'vendorId');
    if (stored.frameworks.length === 0) return { built: null, status: null, counted: 0, unmatched: 0 };
    const built = await this.questionnaires.build(request, principal, stored.frameworks, undefined);
    const answers = new Map<string, VendorAnswerValue>(stored.answers.map((a) => [a.key, a.answer]));
    const keys = new Set(built.engine.questions.map((q) => q.key));
    const input = vendorTenantInput(built.graph, built.engine.questions, answers);
    const status = requirementStatus(built.graph, tenantState(built.graph, input), { maxHops: 1 });
    return { built, status, counted: input.controls.length, unmatched: stored.answers.filter((a) => !keys.has(a.key)).length };
  }

  async vendorCoverage(request: RequestScope, principal: Principal, vendorId: string, refs: string[] | undefined): Promise<VendorCoverage> {
    const { built, status, counted, unmatched } = await this.status(request, principal, vendorId);
    if (!built || !status) {
      // No answers yet: every requirement of the frameworks asked for is NONE; without frameworks there is nothing to report.
      const catalog = await this.coverage.tenantCatalog(request, principal);
      const graph = catalog.graph;
      const none = (refs ?? []).map((ref, i) => graph.frameworkIndex(catalog.resolveFramework(ref, `frameworks[${i}]`).id));
      const empty = allFrameworkCoverage(graph, requirementStatus(graph, tenantState(graph, { controls: [], links: [], excludedRequirementIds: [] }), { maxHops: 1 }));
      return { vendorId, frameworks: [...new Set(none)].map((f) => this.coverage.coverageModel(graph, f, empty[f])), questionCount: 0, counted: 0, unmatched: 0 };
    }
    const { graph, catalog } = built;
    const chosen = refs ? [...new Set(refs.map((ref, i) => graph.frameworkIndex(catalog.resolveFramework(ref, `frameworks[${i}]`).id)))] : built.frameworkIndexes;
    const all = allFrameworkCoverage(graph, status);
    return {
      vendorId,
      frameworks: chosen.map((f) => this.coverage.coverageModel(graph, f, all[f])),
      questionCount: built.engine.questions.length,
      counted,
      unmatched,
    };
  }

  /** One requirement's status from the vendor's answers, with every path: each names the question (its id as the control's code). */
  async vendorRequirementCoverage(request: RequestScope, principal: Principal, vendorId: string, ref: string, refId: string): Promise<M.RequirementCoverage> {
    const { built, status } = await this.status(request, principal, vendorId);
    const catalog = built?.catalog ?? (await this.coverage.tenantCatalog(request, principal));
    const graph = built?.graph ?? catalog.graph;
    const r = requirementIndexByRef(graph, catalog.resolveFramework(ref, 'framework'), refId);
    const explained = status && graph.isAssessable(r) ? status.explain(r) : [];
    return {
      requirementId: graph.requirementId(r),
      status: status && graph.isAssessable(r) ? STATUS_NAMES[status.status[r]] : 'NONE',
      weight: status ? status.weight[r] : 0,
      inferred: status ? status.inferred[r] === 1 : false,
      paths: explained.map((e) => this.coverage.path(graph, e)),
      heading: !graph.isAssessable(r),
      rollUp: null,
    };
  }
}
