import { Args, Context, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Framework } from '../catalog/models/framework.model';
import { Requirement } from '../catalog/models/requirement.model';
import { MappingSet } from '../crosswalks/models/mapping-set.model';
import type { GraphqlContext } from '../graphql/graphql-context';
import { CurrentPrincipal } from '../organizations/auth/current-principal.decorator';
import type { Principal } from '../organizations/auth/principal';
import { RequireKey } from '../organizations/auth/roles.decorator';
import { CoverageService } from './coverage.service';
import { CommonControlsArgs, CoverageArgs, GapAnalysisArgs, OverlapArgs, RequirementCoverageArgs, Soc2PlusArgs } from './models/coverage.args';
import * as M from './models/coverage.models';

@Resolver()
export class CoverageResolver {
  constructor(private readonly service: CoverageService) {}

  @Query(() => [M.FrameworkCoverage], { description: "Coverage per framework from the organization's IMPLEMENTED controls: full, partial, none, excluded and score." })
  @RequireKey()
  async coverage(@CurrentPrincipal() principal: Principal, @Context() ctx: GraphqlContext, @Args() args: CoverageArgs) {
    return this.service.coverage(ctx.coverage, principal, await ctx.loaders.catalog.frameworks(), args.frameworks, args.maxHops);
  }

  @Query(() => M.RequirementCoverage, { description: "One requirement's status for the organization, with every path that explains it." })
  @RequireKey()
  async requirementCoverage(@CurrentPrincipal() principal: Principal, @Context() ctx: GraphqlContext, @Args() args: RequirementCoverageArgs) {
    return this.service.requirementCoverage(ctx.coverage, principal, await ctx.loaders.catalog.frameworks(), args.framework, args.refId, args.maxHops);
  }

  @Query(() => M.GapReport, { description: 'What is left of `target`: its applicable requirements that are not FULL, given `have` (frameworks fully in place) or, without it, the organization\'s controls.' })
  @RequireKey()
  async gapAnalysis(@CurrentPrincipal() principal: Principal, @Context() ctx: GraphqlContext, @Args() args: GapAnalysisArgs) {
    return this.service.gapAnalysis(ctx.coverage, principal, await ctx.loaders.catalog.frameworks(), args.target, args.have, args.maxHops);
  }

  @Query(() => [M.CommonControl], { description: 'A small set of common control objectives that together cover every requirement of the frameworks (greedy set cover over EQUAL/SUPERSET_OF), ' +
      'read under the declared management systems of the organization.' })
  @RequireKey()
  async commonControls(@CurrentPrincipal() principal: Principal, @Context() ctx: GraphqlContext, @Args() args: CommonControlsArgs) {
    return this.service.commonControls(ctx.coverage, principal, await ctx.loaders.catalog.frameworks(), args.frameworks);
  }

  @Query(() => M.Soc2PlusScope, { description: 'SOC 2 plus additional frameworks: the added requirements SOC 2 does not fully cover, deduplicated and grouped by topic, ' +
      'read under the declared management systems of the organization.' })
  @RequireKey()
  async soc2PlusScope(@CurrentPrincipal() principal: Principal, @Context() ctx: GraphqlContext, @Args() args: Soc2PlusArgs) {
    return this.service.soc2PlusScope(ctx.coverage, principal, await ctx.loaders.catalog.frameworks(), args.additional);
  }

  @Query(() => [M.FrameworkOverlap], { description: 'Public. For every ordered pair of the frameworks (default all): coverage of the target if every requirement of the source were FULL. Directional. ' +
      'Standards are taken to run separate management systems (SAME_MANAGEMENT_SYSTEM crosswalks read as INTERSECTS_WITH) unless `assumeSameManagementSystem`.' })
  async frameworkOverlap(@Context() ctx: GraphqlContext, @Args() args: OverlapArgs) {
    return this.service.overlap(ctx.coverage, await ctx.loaders.catalog.frameworks(), args.frameworks, args.maxHops, args.assumeSameManagementSystem);
  }
}

const framework = (ctx: GraphqlContext, id: string) => ctx.loaders.catalog.framework.load(id).then((f) => f!);
const requirement = (ctx: GraphqlContext, id: string) => ctx.loaders.catalog.requirement.load(id).then((r) => r!);
const requirements = (ctx: GraphqlContext, ids: string[]) => ctx.loaders.catalog.requirement.loadMany(ids).then((rs) => rs as Requirement[]);

@Resolver(() => M.FrameworkCoverage)
export class FrameworkCoverageResolver {
  @ResolveField(() => Framework, { description: 'The framework version.' })
  framework(@Parent() c: M.FrameworkCoverage, @Context() ctx: GraphqlContext) {
    return framework(ctx, c.frameworkId);
  }
}

@Resolver(() => M.FrameworkOverlap)
export class FrameworkOverlapResolver {
  @ResolveField(() => Framework, { description: 'The framework assumed fully satisfied.' })
  source(@Parent() o: M.FrameworkOverlap, @Context() ctx: GraphqlContext) {
    return framework(ctx, o.sourceId);
  }

  @ResolveField(() => Framework, { description: 'The framework whose coverage is measured.' })
  target(@Parent() o: M.FrameworkOverlap, @Context() ctx: GraphqlContext) {
    return framework(ctx, o.targetId);
  }
}

@Resolver(() => M.CoverageStep)
export class CoverageStepResolver {
  @ResolveField(() => Requirement, { description: 'Where the step starts.' })
  from(@Parent() s: M.CoverageStep, @Context() ctx: GraphqlContext) {
    return requirement(ctx, s.fromId);
  }

  @ResolveField(() => Requirement, { description: 'Where the step leads.' })
  to(@Parent() s: M.CoverageStep, @Context() ctx: GraphqlContext) {
    return requirement(ctx, s.toId);
  }

  @ResolveField(() => MappingSet, { description: 'The mapping set of the edge, with its provenance.' })
  mappingSet(@Parent() s: M.CoverageStep, @Context() ctx: GraphqlContext) {
    return ctx.loaders.crosswalks.mappingSet.load(s.mappingSetId).then((m) => m!);
  }
}

@Resolver(() => M.CoveragePath)
export class CoveragePathResolver {
  @ResolveField(() => Requirement, { description: 'The directly satisfied requirement the path starts from.' })
  source(@Parent() p: M.CoveragePath, @Context() ctx: GraphqlContext) {
    return requirement(ctx, p.sourceId);
  }
}

@Resolver(() => M.RequirementCoverage)
export class RequirementCoverageResolver {
  @ResolveField(() => Requirement, { description: 'The requirement.' })
  requirement(@Parent() c: M.RequirementCoverage, @Context() ctx: GraphqlContext) {
    return requirement(ctx, c.requirementId);
  }
}

@Resolver(() => M.Gap)
export class GapResolver {
  @ResolveField(() => Requirement, { description: 'The requirement still to do.' })
  requirement(@Parent() g: M.Gap, @Context() ctx: GraphqlContext) {
    return requirement(ctx, g.requirementId);
  }
}

@Resolver(() => M.CommonControlTarget)
export class CommonControlTargetResolver {
  @ResolveField(() => Framework, { description: 'The framework.' })
  framework(@Parent() t: M.CommonControlTarget, @Context() ctx: GraphqlContext) {
    return framework(ctx, t.frameworkId);
  }

  @ResolveField(() => [Requirement], { description: 'The requirements of that framework this objective satisfies.' })
  requirements(@Parent() t: M.CommonControlTarget, @Context() ctx: GraphqlContext) {
    return requirements(ctx, t.requirementIds);
  }
}

@Resolver(() => M.CommonControl)
export class CommonControlResolver {
  @ResolveField(() => Requirement, { description: 'The requirement that names the objective.' })
  anchor(@Parent() c: M.CommonControl, @Context() ctx: GraphqlContext) {
    return requirement(ctx, c.anchorId);
  }

  @ResolveField(() => [Requirement], { description: 'The requirements this objective was first to cover.' })
  newlyCovered(@Parent() c: M.CommonControl, @Context() ctx: GraphqlContext) {
    return requirements(ctx, c.newlyCoveredIds);
  }
}

@Resolver(() => M.Soc2PlusItem)
export class Soc2PlusItemResolver {
  @ResolveField(() => Requirement, { description: 'The candidate additional criterion.' })
  requirement(@Parent() i: M.Soc2PlusItem, @Context() ctx: GraphqlContext) {
    return requirement(ctx, i.requirementId);
  }

  @ResolveField(() => [Requirement], { description: 'The members equal to it (EQUAL, or a containment cycle), counted once with it; see `members` for all merged requirements.' })
  equivalents(@Parent() i: M.Soc2PlusItem, @Context() ctx: GraphqlContext) {
    return requirements(ctx, i.equivalentIds);
  }
}

@Resolver(() => M.Soc2PlusMember)
export class Soc2PlusMemberResolver {
  @ResolveField(() => Requirement, { description: 'The merged added requirement.' })
  requirement(@Parent() m: M.Soc2PlusMember, @Context() ctx: GraphqlContext) {
    return requirement(ctx, m.requirementId);
  }
}

@Resolver(() => M.Soc2PlusTopic)
export class Soc2PlusTopicResolver {
  @ResolveField(() => Framework, { description: 'The added framework.' })
  framework(@Parent() t: M.Soc2PlusTopic, @Context() ctx: GraphqlContext) {
    return framework(ctx, t.frameworkId);
  }

  @ResolveField(() => Requirement, { description: 'The top-level requirement naming the topic.' })
  topic(@Parent() t: M.Soc2PlusTopic, @Context() ctx: GraphqlContext) {
    return requirement(ctx, t.topicId);
  }
}
