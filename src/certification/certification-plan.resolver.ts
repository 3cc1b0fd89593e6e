import { Args, Context, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Framework } from '../catalog/models/framework.model';
import { Requirement } from '../catalog/models/requirement.model';
import type { GraphqlContext } from '../graphql/request-scope';
import { CurrentPrincipal } from '../organizations/auth/current-principal.decorator';
import type { Principal } from '../organizations/auth/principal';
import { RequireKey } from '../organizations/auth/roles.decorator';
import { CertificationPlanService } from './certification-plan.service';
import { CertificationPlanArgs } from './models/certification-plan.args';
import * as M from './models/certification-plan.models';

@Resolver()
export class CertificationPlanResolver {
  constructor(private readonly service: CertificationPlanService) {}

  @Query(() => M.CertificationPlan, {
    description:
      'The audits of one ISO/IEC 17021-1 certification cycle per standard (Stage 1 and 2 for a planned Stage 2, surveillance 1 and 2, ' +
      'recertification), combined where the standards share a management system (`integrated`, or one the organization declared), each with ' +
      'its due date and scope: the surveillance topics and the Annex A controls sampled, gaps and recent changes first. Any role.',
  })
  @RequireKey()
  certificationPlan(@CurrentPrincipal() principal: Principal, @Context() ctx: GraphqlContext, @Args() args: CertificationPlanArgs) {
    return this.service.plan(ctx, principal, args.certifications, args.integrated ?? false);
  }
}

// Plain (parent, args, context) field resolvers on the request's catalog, as in CoverageResolver: no per-field pipeline.
const framework = (ctx: GraphqlContext, id: string): Framework => ctx.frameworkById(id)!;
const requirements = (ctx: GraphqlContext, ids: string[]): Requirement[] => ids.map((id) => ctx.requirementById(id)!);

@Resolver(() => M.PlannedAudit)
export class PlannedAuditResolver {
  @ResolveField(() => [Framework], { description: 'The standards this audit is for, in the order they were given.' })
  frameworks(a: M.PlannedAudit, _args: unknown, ctx: GraphqlContext) {
    return a.frameworkIds.map((id) => framework(ctx, id));
  }
}

@Resolver(() => M.AuditPart)
export class AuditPartResolver {
  @ResolveField(() => Framework, { description: 'The standard.' })
  framework(p: M.AuditPart, _args: unknown, ctx: GraphqlContext) {
    return framework(ctx, p.frameworkId);
  }
}

@Resolver(() => M.AlignmentProposal)
export class AlignmentProposalResolver {
  @ResolveField(() => Framework, { description: 'The standard that joined mid-cycle.' })
  framework(p: M.AlignmentProposal, _args: unknown, ctx: GraphqlContext) {
    return framework(ctx, p.frameworkId);
  }
}

@Resolver(() => M.AuditTopic)
export class AuditTopicResolver {
  @ResolveField(() => [Requirement], { description: "Where each standard with a surveillance part says it: its requirements on the topic's HS clauses." })
  requirements(t: M.AuditTopic, _args: unknown, ctx: GraphqlContext) {
    return requirements(ctx, t.requirementIds);
  }
}

@Resolver(() => M.SampledControl)
export class SampledControlResolver {
  @ResolveField(() => Requirement, { description: 'The control sampled.' })
  requirement(s: M.SampledControl, _args: unknown, ctx: GraphqlContext) {
    return ctx.requirementById(s.requirementId)!;
  }

  @ResolveField(() => [Requirement], { description: 'Controls of the other standards in the audit that the crosswalks say it meets: sampled with it, not again.' })
  alsoCovers(s: M.SampledControl, _args: unknown, ctx: GraphqlContext) {
    return requirements(ctx, s.alsoCoversIds);
  }
}

@Resolver(() => M.AuditScope)
export class AuditScopeResolver {
  @ResolveField(() => [Framework], { description: 'Standards evaluated in full at this audit (Stage 2, recertification): every applicable requirement.' })
  fullEvaluation(s: M.AuditScope, _args: unknown, ctx: GraphqlContext) {
    return s.fullEvaluationIds.map((id) => framework(ctx, id));
  }
}
