import { Args, Context, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Framework } from '../catalog/models/framework.model';
import { toConnection } from '../common/paging/connection.model';
import { decodeCursor, encodeCursor } from '../common/paging/cursor';
import { PageArgs } from '../common/paging/page.args';
import type { GraphqlContext } from '../graphql/graphql-context';
import { readEdge } from './crosswalks.loaders';
import { CrosswalksService } from './crosswalks.service';
import { MappingSetsArgs } from './models/crosswalk.args';
import { CrosswalkConnection } from './models/crosswalk-connection.model';
import { MappingSet } from './models/mapping-set.model';

@Resolver(() => MappingSet)
export class MappingSetResolver {
  constructor(private readonly crosswalks: CrosswalksService) {}

  @Query(() => [MappingSet], {
    description: 'Mapping sets, optionally only those from `source` and/or to `target` (CODE or CODE:VERSION).',
  })
  async mappingSets(@Args() args: MappingSetsArgs, @Context() ctx: GraphqlContext): Promise<MappingSet[]> {
    return this.crosswalks.listMappingSets(args, await ctx.loaders.catalog.frameworks());
  }

  @ResolveField(() => Framework, { description: 'The framework version the edges start from.' })
  async source(@Parent() set: MappingSet, @Context() ctx: GraphqlContext): Promise<Framework> {
    return (await ctx.loaders.catalog.framework.load(set.sourceFrameworkId))!;
  }

  @ResolveField(() => Framework, { description: 'The framework version the edges point to.' })
  async target(@Parent() set: MappingSet, @Context() ctx: GraphqlContext): Promise<Framework> {
    return (await ctx.loaders.catalog.framework.load(set.targetFrameworkId))!;
  }

  @ResolveField(() => Int, { description: 'How many edges the set holds.' })
  edgeCount(@Parent() set: MappingSet, @Context() ctx: GraphqlContext): Promise<number> {
    return ctx.loaders.crosswalks.edgeCount.load({ id: set.id, options: null });
  }

  @ResolveField(() => CrosswalkConnection, { description: 'The edges in their stored direction and file order, a page at a time.' })
  async edges(@Parent() set: MappingSet, @Context() ctx: GraphqlContext, @Args() args: PageArgs) {
    const after = decodeCursor('e', args.after);
    const page = await ctx.loaders.crosswalks.edgePage.load({ id: set.id, options: { first: args.first, after } });
    return toConnection(page, args.first, after, (e) => encodeCursor('e', e.position), (e) => readEdge(e, e.sourceId));
  }
}
