import { Args, Context, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Framework } from '../catalog/models/framework.model';
import { Requirement } from '../catalog/models/requirement.model';
import type { GraphqlContext } from '../graphql/request-scope';
import { CurrentPrincipal } from '../organizations/auth/current-principal.decorator';
import type { Principal } from '../organizations/auth/principal';
import { RequireKey } from '../organizations/auth/roles.decorator';
import { VendorQuestion, VendorQuestionnaire, VendorQuestionnaireArgs } from './models/vendor-questionnaire.model';
import { VendorQuestionnaireService } from './vendor-questionnaire.service';

@Resolver(() => VendorQuestionnaire)
export class VendorQuestionnaireResolver {
  constructor(private readonly service: VendorQuestionnaireService) {}

  @Query(() => VendorQuestionnaire, {
    description:
      'A questionnaire for suppliers over the frameworks: one question per common-control group (as commonControls groups them, read as one management system), ' +
      'so one answer serves every framework the group covers. Export it with GET /export/vendor-questionnaire.xlsx, import the answers with POST /import/vendor-answers.',
  })
  @RequireKey()
  vendorQuestionnaire(@CurrentPrincipal() principal: Principal, @Context() ctx: GraphqlContext, @Args() args: VendorQuestionnaireArgs): Promise<VendorQuestionnaire> {
    return this.service.questionnaire(ctx, principal, args.frameworks, args.aiRoles);
  }

  @ResolveField(() => [Framework], { description: 'The frameworks asked about, each once, in the order given.' })
  frameworks(q: VendorQuestionnaire, _args: unknown, ctx: GraphqlContext): Framework[] {
    return q.frameworkIds.map((id) => ctx.frameworkById(id)!);
  }
}

@Resolver(() => VendorQuestion)
export class VendorQuestionResolver {
  @ResolveField(() => Requirement, { description: 'The requirement that names the group.' })
  anchor(q: VendorQuestion, _args: unknown, ctx: GraphqlContext): Requirement {
    return ctx.requirementById(q.anchorId)!;
  }

  @ResolveField(() => [Requirement], { description: 'Every requirement the question stands for (framework, refId, title), by framework in the order asked.' })
  requirements(q: VendorQuestion, _args: unknown, ctx: GraphqlContext): Requirement[] {
    return q.requirementIds.map((id) => ctx.requirementById(id)!);
  }
}
