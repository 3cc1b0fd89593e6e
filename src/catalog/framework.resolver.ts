import { Args, Context, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { decodeCursor } from '../common/paging/cursor';
import type { GraphqlContext } from '../graphql/graphql-context';
import { findFrameworkVersion } from './framework-ref';
import { requirementConnection } from './requirement.mapper';
import { FrameworkArgs, RequirementPageArgs } from './models/catalog.args';
import { Framework } from './models/framework.model';
import { RequirementConnection } from './models/requirement-connection.model';

@Resolver(() => Framework)
export class FrameworkResolver {
  @Query(() => [Framework], { description: 'Every framework version in the catalog, ordered by code and version.' })
  frameworks(@Context() ctx: GraphqlContext): Promise<Framework[]> {
    return ctx.loaders.catalog.frameworks();
  }

  @Query(() => Framework, {
    nullable: true,
    description: 'One framework version: CODE for the newest version, CODE:VERSION for a given one. Null when there is none.',
  })
  async framework(@Args() args: FrameworkArgs, @Context() ctx: GraphqlContext): Promise<Framework | null> {
    return findFrameworkVersion(await ctx.loaders.catalog.frameworks(), args.framework, 'framework');
  }

  @ResolveField(() => Int, { description: 'How many requirements the framework version has.' })
  requirementCount(
    @Parent() framework: Framework,
    @Context() ctx: GraphqlContext,
    @Args('assessableOnly', { defaultValue: false, description: 'Count only assessable requirements.' }) assessableOnly: boolean,
  ): Promise<number> {
    return ctx.loaders.catalog.requirementCount.load({ id: framework.id, options: assessableOnly });
  }

  @ResolveField(() => RequirementConnection, { description: 'The requirements, in document order, a page at a time.' })
  async requirements(@Parent() framework: Framework, @Context() ctx: GraphqlContext, @Args() args: RequirementPageArgs) {
    const after = decodeCursor('r', args.after);
    const page = await ctx.loaders.catalog.requirementPage.load({ id: framework.id, options: { filter: args.filter, first: args.first, after } });
    return requirementConnection(page, args.first, after);
  }
}
