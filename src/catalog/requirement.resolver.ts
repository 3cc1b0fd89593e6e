import { Args, Context, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { decodeCursor } from '../common/paging/cursor';
import { CrosswalkArgs } from '../crosswalks/models/crosswalk.args';
import { CrosswalkDirection } from '../crosswalks/models/enums';
import { Crosswalk } from '../crosswalks/models/crosswalk.model';
import type { GraphqlContext } from '../graphql/request-scope';
import { RequirementArgs, RequirementsArgs } from './models/catalog.args';
import { Framework } from './models/framework.model';
import { RequirementConnection } from './models/requirement-connection.model';
import { Requirement } from './models/requirement.model';
import { requirementConnection } from './requirement.mapper';

/**
 * Reads the request's catalog snapshot: no SQL. The fields without arguments take (parent, args, context) as plain
 * parameters, with no parameter decorator, so Nest binds them as they are instead of running its per-field pipeline
 * for each of the hundreds of requirements a page can hold.
 */
@Resolver(() => Requirement)
export class RequirementResolver {
  @Query(() => Requirement, {
    nullable: true,
    description: 'One requirement by framework and refId; null when the framework version has no such refId.',
  })
  requirement(@Args() args: RequirementArgs, @Context() ctx: GraphqlContext): Requirement | null {
    return ctx.catalog.requirementByRef(ctx.catalog.resolveFramework(args.framework, 'framework').id, args.refId);
  }

  @Query(() => RequirementConnection, { description: "A framework version's requirements in document order, a page at a time." })
  requirements(@Args() args: RequirementsArgs, @Context() ctx: GraphqlContext) {
    const after = decodeCursor('r', args.after);
    const framework = ctx.catalog.resolveFramework(args.framework, 'framework');
    return requirementConnection(ctx.catalog.requirementPage(framework.id, args.filter, args.first, after), args.first, after);
  }

  @ResolveField(() => Framework, { description: 'The framework version this requirement belongs to.' })
  framework(requirement: Requirement, _args: unknown, ctx: GraphqlContext): Framework {
    return ctx.frameworkById(requirement.frameworkId)!;
  }

  @ResolveField(() => Requirement, { nullable: true, description: 'The enclosing requirement; null at the top level.' })
  parent(requirement: Requirement, _args: unknown, ctx: GraphqlContext): Requirement | null {
    return requirement.parentId ? ctx.requirementById(requirement.parentId) : null;
  }

  @ResolveField(() => [Requirement], { description: 'The requirements directly inside this one, in document order.' })
  children(requirement: Requirement, _args: unknown, ctx: GraphqlContext): readonly Requirement[] {
    return ctx.indexOfRequirement(requirement.id).children(requirement.id);
  }

  @ResolveField(() => [Crosswalk], {
    description:
      'Crosswalk edges that touch this requirement, each read with this requirement as `source`. Edges stored the ' +
      'other way round come back reversed (`reversed: true`, SUBSET_OF and SUPERSET_OF swapped).',
  })
  crosswalks(@Parent() requirement: Requirement, @Context() ctx: GraphqlContext, @Args() args: CrosswalkArgs): Crosswalk[] {
    return requirementCrosswalks(requirement, args, ctx);
  }
}

/**
 * `Requirement.crosswalks`, served as a plain resolver (graphql/plain-fields.ts; the method above only declares it).
 * Its arguments need no pipe: graphql-js checks `direction` against the enum, and `framework` is checked (shape, then
 * existence) by resolveFramework, which names the argument in its coded error.
 */
export function requirementCrosswalks(requirement: Requirement, args: CrosswalkArgs, ctx: GraphqlContext): Crosswalk[] {
  const ref = args.framework;
  // Below a tenant field, `framework` may name one of the organization's own frameworks too (ctx.own is set only there).
  const other = ref === undefined || ref === null ? undefined : [(ctx.catalog.findFramework(ref, 'framework') ?? ctx.own?.findFramework(ref, 'framework') ?? ctx.catalog.resolveFramework(ref, 'framework')).id];
  // An own requirement's crosswalks are its organization's own edges; a public requirement's are the public ones only.
  return ctx.indexOfRequirement(requirement.id).crosswalks(requirement.id, { direction: args.direction ?? CrosswalkDirection.BOTH, otherFrameworkIds: other });
}
