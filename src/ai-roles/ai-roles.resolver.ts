import { Args, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Applicability } from '../applicability/models/applicability.model';
import { Requirement } from '../catalog/models/requirement.model';
import type { GraphqlContext } from '../graphql/request-scope';
import { CurrentPrincipal } from '../organizations/auth/current-principal.decorator';
import type { Principal } from '../organizations/auth/principal';
import { RequireKey } from '../organizations/auth/roles.decorator';
import { AiRolesService } from './ai-roles.service';
import { AcceptRoleSuggestionsArgs, AiSystemIdArgs, CreateAiSystemArgs, RoleApplicabilityArgs, SetAiRolesArgs, UpdateAiSystemArgs } from './models/ai-roles.args';
import { AiRoleDeclaration, AiSystem, RoleSuggestion } from './models/ai-roles.model';

@Resolver()
@RequireKey()
export class AiRolesRootResolver {
  constructor(private readonly service: AiRolesService) {}

  @Query(() => AiRoleDeclaration, { nullable: true, description: "The organization's declared AI roles; null before any declaration." })
  aiRoles(@CurrentPrincipal() principal: Principal): Promise<AiRoleDeclaration | null> {
    return this.service.declaration(principal.organizationId);
  }

  @Mutation(() => AiRoleDeclaration, { description: "Declares the organization's AI roles, replacing any earlier declaration (ADMIN, EDITOR). Audited." })
  @RequireKey('ADMIN', 'EDITOR')
  setAiRoles(@CurrentPrincipal() principal: Principal, @Args() args: SetAiRolesArgs): Promise<AiRoleDeclaration> {
    return this.service.setRoles(principal, args.roles);
  }

  @Query(() => [AiSystem], { description: "The organization's AI systems, by name, with the roles it holds for each." })
  aiSystems(@CurrentPrincipal() principal: Principal): Promise<AiSystem[]> {
    return this.service.systems(principal.organizationId);
  }

  @Mutation(() => AiSystem, { description: 'Adds an AI system with the roles the organization holds for it (ADMIN, EDITOR). CONFLICT on a name in use. Audited.' })
  @RequireKey('ADMIN', 'EDITOR')
  createAiSystem(@CurrentPrincipal() principal: Principal, @Args() args: CreateAiSystemArgs): Promise<AiSystem> {
    return this.service.createSystem(principal, args.input);
  }

  @Mutation(() => AiSystem, { description: 'Changes an AI system (ADMIN, EDITOR). NOT_FOUND for an id the organization does not have. Audited.' })
  @RequireKey('ADMIN', 'EDITOR')
  updateAiSystem(@CurrentPrincipal() principal: Principal, @Args() args: UpdateAiSystemArgs): Promise<AiSystem> {
    return this.service.updateSystem(principal, args.id, args.input);
  }

  @Mutation(() => Boolean, { description: 'Deletes an AI system (ADMIN, EDITOR); its roles stop counting in roleApplicability. Audited.' })
  @RequireKey('ADMIN', 'EDITOR')
  deleteAiSystem(@CurrentPrincipal() principal: Principal, @Args() args: AiSystemIdArgs): Promise<boolean> {
    return this.service.deleteSystem(principal, args.id);
  }

  @Query(() => [RoleSuggestion], {
    description:
      'Suggested exclusions by AI role for one framework: its assessable requirements whose AI-role tag shares no role with the roles the ' +
      'organization holds (setAiRoles plus its AI systems). For ISO42001 these are Annex A controls only: clauses 4–10 bind every role. ' +
      'Untagged requirements (and own frameworks, which carry no tags) are never suggested; empty while the organization holds no role. ' +
      'Nothing is excluded until acceptRoleSuggestions.',
  })
  async roleApplicability(@CurrentPrincipal() principal: Principal, @Args() args: RoleApplicabilityArgs): Promise<RoleSuggestion[]> {
    return this.service.suggestions(principal.organizationId, args.framework);
  }

  @Mutation(() => [Applicability], {
    description:
      'Accepts role suggestions: writes each as an exclusion into the Statement of Applicability with its generated justification, ' +
      'attributed to this key (ADMIN, EDITOR). A refId that is not a current suggestion is BAD_USER_INPUT and nothing is written. Audited ' +
      'per line (acceptRoleSuggestion).',
  })
  @RequireKey('ADMIN', 'EDITOR')
  acceptRoleSuggestions(@CurrentPrincipal() principal: Principal, @Args() args: AcceptRoleSuggestionsArgs): Promise<Applicability[]> {
    return this.service.accept(principal, args.framework, args.refIds);
  }
}

// A plain (parent, args, context) method over the request's catalog, as ApplicabilityResolver's.
@Resolver(() => RoleSuggestion)
export class RoleSuggestionResolver {
  @ResolveField(() => Requirement, { description: 'The requirement suggested for exclusion.' })
  requirement(row: RoleSuggestion, _args: unknown, ctx: GraphqlContext): Requirement {
    return ctx.requirementById(row.requirementId)!;
  }
}
