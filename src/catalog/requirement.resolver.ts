import { Args, Context, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { decodeCursor } from '../common/paging/cursor';
import { CrosswalkArgs } from '../crosswalks/models/crosswalk.args';
import { Crosswalk } from '../crosswalks/models/crosswalk.model';
import { CrosswalksService } from '../crosswalks/crosswalks.service';
import type { GraphqlContext } from '../graphql/graphql-context';
import { CatalogService } from './catalog.service';
import { resolveFrameworkVersion } from './framework-ref';
import { RequirementArgs, RequirementsArgs } from './models/catalog.args';
import { Framework } from './models/framework.model';
import { RequirementConnection } from './models/requirement-connection.model';
import { Requirement } from './models/requirement.model';
import { requirementConnection } from './requirement.mapper';

@Resolver(() => Requirement)
export class RequirementResolver {
  constructor(
    private readonly catalog: CatalogService,
    private readonly crosswalkService: CrosswalksService,
  ) {}

  @Query(() => Requirement, {
    nullable: true,
    description: 'One requirement by framework and refId; null when the framework version has no such refId.',
  })
  async requirement(@Args() args: RequirementArgs, @Context() ctx: GraphqlContext): Promise<Requirement | null> {
    return this.catalog.findRequirement(await ctx.loaders.catalog.frameworks(), args.framework, args.refId);
  }

  @Query(() => RequirementConnection, { description: "A framework version's requirements in document order, a page at a time." })
  async requirements(@Args() args: RequirementsArgs, @Context() ctx: GraphqlContext) {
    const after = decodeCursor('r', args.after);
    const framework = resolveFrameworkVersion(await ctx.loaders.catalog.frameworks(), args.framework, 'framework');
    const page = await ctx.loaders.catalog.requirementPage.load({ id: framework.id, options: { filter: args.filter, first: args.first, after } });
    return requirementConnection(page, args.first, after);
  }

  @ResolveField(() => Framework, { description: 'The framework version this requirement belongs to.' })
  async framework(@Parent() requirement: Requirement, @Context() ctx: GraphqlContext): Promise<Framework> {
    return (await ctx.loaders.catalog.framework.load(requirement.frameworkId))!;
  }

  @ResolveField(() => Requirement, { nullable: true, description: 'The enclosing requirement; null at the top level.' })
  parent(@Parent() requirement: Requirement, @Context() ctx: GraphqlContext): Promise<Requirement | null> | null {
    return requirement.parentId ? ctx.loaders.catalog.requirement.load(requirement.parentId) : null;
  }

  @ResolveField(() => [Requirement], { description: 'The requirements directly inside this one, in document order.' })
  children(@Parent() requirement: Requirement, @Context() ctx: GraphqlContext): Promise<Requirement[]> {
    return ctx.loaders.catalog.children.load(requirement.id);
  }

  @ResolveField(() => [Crosswalk], {
    description:
      'Crosswalk edges that touch this requirement, each read with this requirement as `source`. Edges stored the ' +
      'other way round come back reversed (`reversed: true`, SUBSET_OF and SUPERSET_OF swapped).',
  })
  async crosswalks(@Parent() requirement: Requirement, @Context() ctx: GraphqlContext, @Args() args: CrosswalkArgs): Promise<Crosswalk[]> {
    const options = this.crosswalkService.readOptions(args, await ctx.loaders.catalog.frameworks());
    return ctx.loaders.crosswalks.crosswalks.load({ id: requirement.id, options });
  }
}
