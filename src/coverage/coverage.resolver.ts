import { Args, Context, Int, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Framework } from '../catalog/models/framework.model';
import { Requirement } from '../catalog/models/requirement.model';
import { MappingSet } from '../crosswalks/models/mapping-set.model';
import type { GraphqlContext } from '../graphql/request-scope';
import { CurrentPrincipal } from '../organizations/auth/current-principal.decorator';
import type { Principal } from '../organizations/auth/principal';
import { RequireKey } from '../organizations/auth/roles.decorator';
import { CoverageService } from './coverage.service';
import { CommonControlsArgs, CoverageArgs, GapAnalysisArgs, OverlapArgs, OverlapDetailArgs, RequirementCoverageArgs, Soc2PlusArgs } from './models/coverage.args';
import * as M from './models/coverage.models';

@Resolver()
export class CoverageResolver {
  constructor(private readonly service: CoverageService) {}

  @Query(() => [M.FrameworkCoverage], { description: "Coverage per framework from the organization's IMPLEMENTED controls: full, partial, none, excluded and score." })
  @RequireKey()
  coverage(@CurrentPrincipal() principal: Principal, @Context() ctx: GraphqlContext, @Args() args: CoverageArgs) {
    return this.service.coverage(ctx, principal, args.frameworks, args.maxHops, args.aiRoles);
  }

  @Query(() => M.RequirementCoverage, { description: "One requirement's status for the organization, with every path that explains it." })
  @RequireKey()
  requirementCoverage(@CurrentPrincipal() principal: Principal, @Context() ctx: GraphqlContext, @Args() args: RequirementCoverageArgs) {
    return this.service.requirementCoverage(ctx, principal, args.framework, args.refId, args.maxHops);
  }

  @Query(() => M.GapReport, { description: 'What is left of `target`: its applicable requirements that are not FULL, given `have` (frameworks fully in place) or, without it, the organization\'s controls.' })
  @RequireKey()
  gapAnalysis(@CurrentPrincipal() principal: Principal, @Context() ctx: GraphqlContext, @Args() args: GapAnalysisArgs) {
    return this.service.gapAnalysis(ctx, principal, args.target, args.have, args.maxHops, args.aiRoles);
  }

  @Query(() => [M.CommonControl], { description: 'A small set of common control objectives that together cover every requirement of the frameworks (greedy set cover over EQUAL/SUPERSET_OF), ' +
      'read under the declared management systems of the organization.' })
  @RequireKey()
  commonControls(@CurrentPrincipal() principal: Principal, @Context() ctx: GraphqlContext, @Args() args: CommonControlsArgs) {
    return this.service.commonControls(ctx, principal, args.frameworks);
  }

  @Query(() => M.Soc2PlusScope, { description: 'SOC 2 plus additional frameworks: the added requirements SOC 2 does not fully cover, deduplicated and grouped by topic, ' +
      'read under the declared management systems of the organization.' })
  @RequireKey()
  soc2PlusScope(@CurrentPrincipal() principal: Principal, @Context() ctx: GraphqlContext, @Args() args: Soc2PlusArgs) {
    return this.service.soc2PlusScope(ctx, principal, args.additional);
  }

  @Query(() => [M.FrameworkOverlap], { description: 'Public. For every ordered pair of the frameworks (default all): coverage of the target if every requirement of the source were FULL. Directional. ' +
      'Standards are taken to run separate management systems (SAME_MANAGEMENT_SYSTEM crosswalks read as INTERSECTS_WITH) unless `assumeSameManagementSystem`.' })
  frameworkOverlap(@Context() ctx: GraphqlContext, @Args() args: OverlapArgs) {
    return this.service.overlap(ctx, args.frameworks, args.maxHops, args.assumeSameManagementSystem);
  }

  @Query(() => M.FrameworkOverlapDetail, {
    description:
      'Public. One ordered pair of frameworkOverlap taken apart: its counts (the same as frameworkOverlap answers for the pair) and every ' +
      'assessable requirement of the target with its status and the paths that reach it from the source, as if every requirement of the source were FULL. ' +
      'Read under the same management-system assumption as frameworkOverlap.',
  })
  frameworkOverlapDetail(@Context() ctx: GraphqlContext, @Args() args: OverlapDetailArgs) {
    return this.service.overlapDetail(ctx, args.source, args.target, args.maxHops, args.assumeSameManagementSystem);
  }
}

// The fields below read the request's catalog snapshot. They take (parent, args, context) as plain parameters, with no
// parameter decorator, so Nest binds them directly instead of running its per-field pipeline (see RequirementResolver).
const framework = (ctx: GraphqlContext, id: string): Framework => ctx.frameworkById(id)!;
const requirement = (ctx: GraphqlContext, id: string): Requirement => ctx.requirementById(id)!;
const requirements = (ctx: GraphqlContext, ids: string[]): Requirement[] => ids.map((id) => requirement(ctx, id));

@Resolver(() => M.FrameworkCoverage)
export class FrameworkCoverageResolver {
  @ResolveField(() => Framework, { description: 'The framework version.' })
  framework(c: M.FrameworkCoverage, _args: unknown, ctx: GraphqlContext) {
    return framework(ctx, c.frameworkId);
  }

  @ResolveField(() => Int, { description: "The score's denominator: applicable assessable requirements (full + partial + none); an exclusion in the Statement of Applicability takes one out." })
  applicable(c: M.FrameworkCoverage) {
    return c.full + c.partial + c.none;
  }
}

@Resolver(() => M.FrameworkOverlap)
export class FrameworkOverlapResolver {
  @ResolveField(() => Framework, { description: 'The framework assumed fully satisfied.' })
  source(o: M.FrameworkOverlap, _args: unknown, ctx: GraphqlContext) {
    return framework(ctx, o.sourceId);
  }

  @ResolveField(() => Framework, { description: 'The framework whose coverage is measured.' })
  target(o: M.FrameworkOverlap, _args: unknown, ctx: GraphqlContext) {
    return framework(ctx, o.targetId);
  }
}

@Resolver(() => M.CoverageStep)
export class CoverageStepResolver {
  @ResolveField(() => Requirement, { description: 'Where the step starts.' })
  from(s: M.CoverageStep, _args: unknown, ctx: GraphqlContext) {
    return requirement(ctx, s.fromId);
  }

  @ResolveField(() => Requirement, { description: 'Where the step leads.' })
  to(s: M.CoverageStep, _args: unknown, ctx: GraphqlContext) {
    return requirement(ctx, s.toId);
  }

  @ResolveField(() => MappingSet, { description: 'The mapping set of the edge, with its provenance.' })
  mappingSet(s: M.CoverageStep, _args: unknown, ctx: GraphqlContext) {
    return ctx.mappingSetById(s.mappingSetId)!;
  }
}

@Resolver(() => M.CoveragePath)
export class CoveragePathResolver {
  @ResolveField(() => Requirement, { description: 'The directly satisfied requirement the path starts from.' })
  source(p: M.CoveragePath, _args: unknown, ctx: GraphqlContext) {
    return requirement(ctx, p.sourceId);
  }
}

@Resolver(() => M.OverlapPath)
export class OverlapPathResolver {
  @ResolveField(() => Requirement, { description: 'The source framework\'s requirement the path starts from, assumed FULL.' })
  source(p: M.OverlapPath, _args: unknown, ctx: GraphqlContext) {
    return requirement(ctx, p.sourceId);
  }
}

@Resolver(() => M.OverlapRequirement)
export class OverlapRequirementResolver {
  @ResolveField(() => Requirement, { description: 'The target requirement.' })
  requirement(o: M.OverlapRequirement, _args: unknown, ctx: GraphqlContext) {
    return requirement(ctx, o.requirementId);
  }
}

@Resolver(() => M.RequirementCoverage)
export class RequirementCoverageResolver {
  @ResolveField(() => Requirement, { description: 'The requirement.' })
  requirement(c: M.RequirementCoverage, _args: unknown, ctx: GraphqlContext) {
    return requirement(ctx, c.requirementId);
  }
}

@Resolver(() => M.Gap)
export class GapResolver {
  @ResolveField(() => Requirement, { description: 'The requirement still to do.' })
  requirement(g: M.Gap, _args: unknown, ctx: GraphqlContext) {
    return requirement(ctx, g.requirementId);
  }
}

@Resolver(() => M.CommonControlTarget)
export class CommonControlTargetResolver {
  @ResolveField(() => Framework, { description: 'The framework.' })
  framework(t: M.CommonControlTarget, _args: unknown, ctx: GraphqlContext) {
    return framework(ctx, t.frameworkId);
  }

  @ResolveField(() => [Requirement], { description: 'The requirements of that framework this objective satisfies.' })
  requirements(t: M.CommonControlTarget, _args: unknown, ctx: GraphqlContext) {
    return requirements(ctx, t.requirementIds);
  }
}

@Resolver(() => M.CommonControl)
export class CommonControlResolver {
  @ResolveField(() => Requirement, { description: 'The requirement that names the objective.' })
  anchor(c: M.CommonControl, _args: unknown, ctx: GraphqlContext) {
    return requirement(ctx, c.anchorId);
  }

  @ResolveField(() => [Requirement], { description: 'The requirements this objective was first to cover.' })
  newlyCovered(c: M.CommonControl, _args: unknown, ctx: GraphqlContext) {
    return requirements(ctx, c.newlyCoveredIds);
  }
}

@Resolver(() => M.Soc2PlusItem)
export class Soc2PlusItemResolver {
  @ResolveField(() => Requirement, { description: 'The candidate additional criterion.' })
  requirement(i: M.Soc2PlusItem, _args: unknown, ctx: GraphqlContext) {
    return requirement(ctx, i.requirementId);
  }

  @ResolveField(() => [Requirement], { description: 'The members equal to it (EQUAL, or a containment cycle), counted once with it; see `members` for all merged requirements.' })
  equivalents(i: M.Soc2PlusItem, _args: unknown, ctx: GraphqlContext) {
    return requirements(ctx, i.equivalentIds);
  }
}

@Resolver(() => M.Soc2PlusMember)
export class Soc2PlusMemberResolver {
  @ResolveField(() => Requirement, { description: 'The merged added requirement.' })
  requirement(m: M.Soc2PlusMember, _args: unknown, ctx: GraphqlContext) {
    return requirement(ctx, m.requirementId);
  }
}

@Resolver(() => M.Soc2PlusTopic)
export class Soc2PlusTopicResolver {
  @ResolveField(() => Framework, { description: 'The added framework.' })
  framework(t: M.Soc2PlusTopic, _args: unknown, ctx: GraphqlContext) {
    return framework(ctx, t.frameworkId);
  }

  @ResolveField(() => Requirement, { description: 'The top-level requirement naming the topic.' })
  topic(t: M.Soc2PlusTopic, _args: unknown, ctx: GraphqlContext) {
    return requirement(ctx, t.topicId);
  }
}
