import { Args, Context, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Framework } from '../catalog/models/framework.model';
import { toConnection } from '../common/paging/connection.model';
import { decodeCursor, encodeCursor } from '../common/paging/cursor';
import { PageArgs } from '../common/paging/page.args';
import type { GraphqlContext } from '../graphql/request-scope';
import { MappingSetsArgs } from './models/crosswalk.args';
import { CrosswalkConnection } from './models/crosswalk-connection.model';
import { MappingSet } from './models/mapping-set.model';
import { readEdge } from './read-edge';

/** Reads the request's catalog snapshot: no SQL. */
@Resolver(() => MappingSet)
export class MappingSetResolver {
  @Query(() => [MappingSet], {
    description: 'Mapping sets, optionally only those from `source` and/or to `target` (CODE or CODE:VERSION).',
  })
  mappingSets(@Args() args: MappingSetsArgs, @Context() ctx: GraphqlContext): MappingSet[] {
    const source = args.source ? [ctx.catalog.resolveFramework(args.source, 'source').id] : undefined;
    const target = args.target ? [ctx.catalog.resolveFramework(args.target, 'target').id] : undefined;
    return ctx.catalog.listMappingSets(source, target);
  }

  @ResolveField(() => Framework, { description: 'The framework version the edges start from.' })
  source(set: MappingSet, _args: unknown, ctx: GraphqlContext): Framework {
    return ctx.frameworkById(set.sourceFrameworkId)!;
  }

  @ResolveField(() => Framework, { description: 'The framework version the edges point to.' })
  target(set: MappingSet, _args: unknown, ctx: GraphqlContext): Framework {
    return ctx.frameworkById(set.targetFrameworkId)!;
  }

  @ResolveField(() => Int, { description: 'How many edges the set holds.' })
  edgeCount(set: MappingSet, _args: unknown, ctx: GraphqlContext): number {
    return ctx.indexOfMappingSet(set.id).edgeCount(set.id);
  }

  @ResolveField(() => CrosswalkConnection, { description: 'The edges in their stored direction and file order, a page at a time.' })
  edges(@Parent() set: MappingSet, @Context() ctx: GraphqlContext, @Args() args: PageArgs) {
    const after = decodeCursor('e', args.after);
    return toConnection(ctx.indexOfMappingSet(set.id).edgePage(set.id, args.first, after), args.first, after, (e) => encodeCursor('e', e.position), (e) => readEdge(e, e.sourceId));
  }
}
