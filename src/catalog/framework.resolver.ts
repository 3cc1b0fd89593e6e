import { Args, Context, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { decodeCursor } from '../common/paging/cursor';
import type { GraphqlContext } from '../graphql/request-scope';
import { requirementConnection } from './requirement.mapper';
import { FrameworkArgs, RequirementPageArgs } from './models/catalog.args';
import { Framework } from './models/framework.model';
import { RequirementConnection } from './models/requirement-connection.model';

/** Reads the request's catalog snapshot: no SQL. */
@Resolver(() => Framework)
export class FrameworkResolver {
  @Query(() => [Framework], { description: 'Every framework version in the catalog, ordered by code and version.' })
  frameworks(@Context() ctx: GraphqlContext): readonly Framework[] {
    return ctx.catalog.frameworks;
  }

  @Query(() => Framework, {
    nullable: true,
    description: 'One framework version: CODE for the newest version, CODE:VERSION for a given one. Null when there is none.',
  })
  framework(@Args() args: FrameworkArgs, @Context() ctx: GraphqlContext): Framework | null {
    return ctx.catalog.findFramework(args.framework, 'framework');
  }

  @ResolveField(() => Int, { description: 'How many requirements the framework version has.' })
  requirementCount(
    @Parent() framework: Framework,
    @Context() ctx: GraphqlContext,
    @Args('assessableOnly', { defaultValue: false, description: 'Count only assessable requirements.' }) assessableOnly: boolean,
  ): number {
    return ctx.indexOfFramework(framework.id).requirementCount(framework.id, assessableOnly);
  }

  @ResolveField(() => RequirementConnection, { description: 'The requirements, in document order, a page at a time.' })
  requirements(@Parent() framework: Framework, @Context() ctx: GraphqlContext, @Args() args: RequirementPageArgs) {
    const after = decodeCursor('r', args.after);
    return requirementConnection(ctx.indexOfFramework(framework.id).requirementPage(framework.id, args.filter, args.first, after), args.first, after);
  }
}
