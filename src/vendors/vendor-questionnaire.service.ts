import { Injectable } from '@nestjs/common';
import type { RequestScope } from '../graphql/request-scope';
import type { Principal } from '../organizations/auth/principal';
import { CoverageService } from '../coverage/coverage.service';
import type { GraphView } from '../graph/graph-view';
import type { TenantCatalog } from '../own-catalog/tenant-catalog';
import { readAiRoles } from '../catalog/ai-role';
import { evidenceRequest, type Questionnaire, questionText, vendorQuestionnaire, type WordingRequirement } from './vendor-questionnaire';
import type { VendorQuestion, VendorQuestionnaire } from './models/vendor-questionnaire.model';

/** A questionnaire with what it was computed on: the export lays it out, the answer import and vendor coverage regenerate it. */
export interface BuiltQuestionnaire {
  /** The organization's catalog (public plus own) read as one management system. */
  graph: GraphView;
  catalog: TenantCatalog;
  frameworkIndexes: number[];
  /** The frameworks as `CODE:VERSION`, in the order given: what a file carries to be matched back. */
  frameworkRefs: string[];
  engine: Questionnaire;
  model: VendorQuestionnaire;
}

/**
 * Vendor questionnaires on the organization's view of the catalog (public frameworks and its own, TenantCatalog),
 * read as if the vendor ran one management system: a supplier answers one questionnaire for one system, so
 * SAME_MANAGEMENT_SYSTEM crosswalks hold as stored whatever the organization itself declared.
 */
@Injectable()
export class VendorQuestionnaireService {
  constructor(private readonly coverage: CoverageService) {}

  async build(request: RequestScope, principal: Principal, refs: readonly string[], aiRoles: readonly string[] | undefined, field = 'frameworks'): Promise<BuiltQuestionnaire> {
    const roles = aiRoles === undefined ? [] : readAiRoles(aiRoles, 'aiRoles');
    const catalog = await this.coverage.tenantCatalog(request, principal);
    const graph = catalog.graph.underOneSystem();
    const frameworkIndexes = [...new Set(refs.map((ref, i) => graph.frameworkIndex(catalog.resolveFramework(ref, `${field}[${i}]`).id)))];
    const rolesOf = (r: number) => catalog.requirement(graph.requirementId(r))?.aiRoles;
    const engine = vendorQuestionnaire(graph, frameworkIndexes, { roles, rolesOf });
    const wording = (r: number): WordingRequirement => ({ framework: graph.frameworkCode(graph.frameworkOf(r)), refId: graph.refId(r), title: graph.title(r) });
    const questions = engine.questions.map((q): VendorQuestion => {
      const words = q.requirements.map(wording);
      return {
        id: q.id,
        key: q.key,
        text: questionText(words),
        evidenceRequest: evidenceRequest(words),
        aiSpecific: q.aiSpecific,
        anchorId: graph.requirementId(q.anchor),
        requirementIds: q.requirements.map((r) => graph.requirementId(r)),
      };
    });
    return {
      graph,
      catalog,
      frameworkIndexes,
      frameworkRefs: frameworkIndexes.map((f) => `${graph.frameworkCode(f)}:${graph.frameworkVersion(f)}`),
      engine,
      model: { frameworkIds: frameworkIndexes.map((f) => graph.frameworkId(f)), questions, requirementCount: engine.requirementCount },
    };
  }

  async questionnaire(request: RequestScope, principal: Principal, refs: readonly string[], aiRoles: readonly string[] | undefined): Promise<VendorQuestionnaire> {
    return (await this.build(request, principal, refs, aiRoles)).model;
  }
}
