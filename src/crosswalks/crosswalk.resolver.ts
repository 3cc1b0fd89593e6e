import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Requirement } from '../catalog/models/requirement.model';
import type { GraphqlContext } from '../graphql/graphql-context';
import { Crosswalk } from './models/crosswalk.model';
import { MappingSet } from './models/mapping-set.model';

@Resolver(() => Crosswalk)
export class CrosswalkResolver {
  @ResolveField(() => Requirement, { description: 'The requirement this reading starts from.' })
  async source(@Parent() edge: Crosswalk, @Context() ctx: GraphqlContext): Promise<Requirement> {
    return (await ctx.loaders.catalog.requirement.load(edge.sourceId))!;
  }

  @ResolveField(() => Requirement, { description: 'The requirement this reading points to.' })
  async target(@Parent() edge: Crosswalk, @Context() ctx: GraphqlContext): Promise<Requirement> {
    return (await ctx.loaders.catalog.requirement.load(edge.targetId))!;
  }

  @ResolveField(() => MappingSet, { description: 'The mapping set the edge belongs to, with its provenance.' })
  async mappingSet(@Parent() edge: Crosswalk, @Context() ctx: GraphqlContext): Promise<MappingSet> {
    return (await ctx.loaders.crosswalks.mappingSet.load(edge.mappingSetId))!;
  }
}
