import { Args, Context, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Requirement } from '../catalog/models/requirement.model';
import { toConnection } from '../common/paging/connection.model';
import { decodeCursor, encodeCursor } from '../common/paging/cursor';
import type { GraphqlContext } from '../graphql/request-scope';
import { CurrentPrincipal } from '../organizations/auth/current-principal.decorator';
import type { Principal } from '../organizations/auth/principal';
import { RequireKey } from '../organizations/auth/roles.decorator';
import { ApplicabilityService } from './applicability.service';
import { SetApplicabilityArgs, StatementOfApplicabilityArgs } from './models/applicability.args';
import { Applicability, StatementOfApplicabilityConnection, StatementOfApplicabilityEntry } from './models/applicability.model';

@Resolver()
@RequireKey()
export class ApplicabilityRootResolver {
  constructor(private readonly service: ApplicabilityService) {}

  @Mutation(() => Applicability, {
    description:
      'Sets whether a requirement applies, with a justification (ADMIN, EDITOR). On a heading it reaches every descendant without a ' +
      'decision of its own; `descendantsAffected` says how many assessable ones it changed.',
  })
  @RequireKey('ADMIN', 'EDITOR')
  setApplicability(@CurrentPrincipal() principal: Principal, @Args() args: SetApplicabilityArgs): Promise<Applicability> {
    return this.service.setApplicability(principal, args);
  }

  @Query(() => StatementOfApplicabilityConnection, {
    description:
      "The organization's Statement of Applicability for one framework: every assessable requirement in refId order, whether it applies, " +
      'why and who said so (its own line or its heading\'s), the linked controls and its coverage status. Requirements never set apply.',
  })
  async statementOfApplicability(@CurrentPrincipal() principal: Principal, @Context() ctx: GraphqlContext, @Args() args: StatementOfApplicabilityArgs) {
    const after = decodeCursor('s', args.after);
    const page = await this.service.statement(ctx, principal, args.framework, args.first, after === undefined ? 0 : after + 1, args.aiRoles);
    return toConnection(page, args.first, after, (e) => encodeCursor('s', e.position), (e) => e);
  }
}

// Plain (parent, args, context) methods over the request's catalog snapshot: Nest binds them directly (see RequirementResolver).
const requirement = (ctx: GraphqlContext, id: string): Requirement => ctx.requirementById(id)!;

@Resolver(() => Applicability)
export class ApplicabilityResolver {
  @ResolveField(() => Requirement, { description: 'The requirement.' })
  requirement(row: Applicability, _args: unknown, ctx: GraphqlContext): Requirement {
    return requirement(ctx, row.requirementId);
  }
}

@Resolver(() => StatementOfApplicabilityEntry)
export class StatementOfApplicabilityEntryResolver {
  @ResolveField(() => Requirement, { description: 'The assessable requirement.' })
  requirement(entry: StatementOfApplicabilityEntry, _args: unknown, ctx: GraphqlContext): Requirement {
    return requirement(ctx, entry.requirementId);
  }

  @ResolveField(() => Requirement, {
    nullable: true,
    description: 'The heading whose line decides this one (its justification, setBy and setAt are shown); null when the requirement has its own line or none.',
  })
  inheritedFrom(entry: StatementOfApplicabilityEntry, _args: unknown, ctx: GraphqlContext): Requirement | null {
    return entry.inheritedFromId === null ? null : requirement(ctx, entry.inheritedFromId);
  }
}
