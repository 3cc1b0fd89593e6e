import { ResolveField, Resolver } from '@nestjs/graphql';
import { Requirement } from '../catalog/models/requirement.model';
import type { GraphqlContext } from '../graphql/request-scope';
import { Crosswalk } from './models/crosswalk.model';
import { MappingSet } from './models/mapping-set.model';

/** Plain (parent, args, context) methods over the request's catalog snapshot: Nest binds them directly (see RequirementResolver). */
@Resolver(() => Crosswalk)
export class CrosswalkResolver {
  @ResolveField(() => Requirement, { description: 'The requirement this reading starts from.' })
  source(edge: Crosswalk, _args: unknown, ctx: GraphqlContext): Requirement {
    return ctx.requirementById(edge.sourceId)!;
  }

  @ResolveField(() => Requirement, { description: 'The requirement this reading points to.' })
  target(edge: Crosswalk, _args: unknown, ctx: GraphqlContext): Requirement {
    return ctx.requirementById(edge.targetId)!;
  }

  @ResolveField(() => MappingSet, { description: 'The mapping set the edge belongs to, with its provenance.' })
  mappingSet(edge: Crosswalk, _args: unknown, ctx: GraphqlContext): MappingSet {
    return ctx.mappingSetById(edge.mappingSetId)!;
  }
}
