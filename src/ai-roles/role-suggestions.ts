/**
 * Suggested exclusions by AI role: the rules behind roleApplicability and the aiRoles filters, kept pure so they can
 * be tested on hand-built requirement lists.
 *
 * A requirement's `aiRoles` tag names the ISO/IEC 22989 roles it concerns; no tag means every role. An organization
 * holds the union of the roles it declared and the roles of its AI systems. A tagged, assessable requirement whose tag
 * shares no role with that union is a *suggested* exclusion: the organization decides, in its Statement of
 * Applicability, whether to accept it. Clauses of a management-system standard (ISO/IEC 42001 clauses 4–10) bind
 * every role and are never suggested, even if an own framework tagged one.
 */
import { type AiRole, aiRoleLabel, normalizeAiRoles } from '../catalog/ai-role';
import type { FrameworkKind } from '../catalog/framework-kind';

export interface TaggedRequirement {
  id: string;
  refId: string;
  kind: string;
  assessable: boolean;
  aiRoles?: readonly AiRole[] | null;
  roleNote?: string | null;
}

export interface RoleSuggestionRow {
  requirementId: string;
  refId: string;
  /** The roles the requirement concerns (its tag). */
  roles: AiRole[];
  justification: string;
}

/** Where the organization's roles come from, for the justification. */
export interface HeldRoles {
  declared: readonly AiRole[];
  systems: ReadonlyArray<{ name: string; roles: readonly AiRole[] }>;
}

/** The roles held at all: the declaration's and every AI system's, each once. */
export function heldRoles(held: HeldRoles): AiRole[] {
  return normalizeAiRoles([...held.declared, ...held.systems.flatMap((s) => s.roles)]);
}

/** Whether a requirement concerns any of `roles`: untagged requirements concern every role. */
export function concernsAnyRole(tag: readonly AiRole[] | null | undefined, roles: ReadonlySet<AiRole>): boolean {
  return !tag || tag.some((role) => roles.has(role));
}

function list(roles: readonly AiRole[]): string {
  const labels = roles.map(aiRoleLabel);
  return labels.length <= 1 ? (labels[0] ?? '') : `${labels.slice(0, -1).join(', ')} or ${labels[labels.length - 1]}`;
}

function holdings(held: HeldRoles): string {
  const parts: string[] = [];
  if (held.declared.length > 0) parts.push(`declares itself ${normalizeAiRoles(held.declared).map(aiRoleLabel).join(', ')}`);
  for (const system of held.systems) parts.push(`is ${normalizeAiRoles(system.roles).map(aiRoleLabel).join(', ')} for the AI system "${system.name}"`);
  return parts.join('; ');
}

/**
 * The suggested exclusions of one framework for an organization holding `held`, in the order of `requirements`.
 * Empty while the organization holds no role at all: with nothing declared, every tag would "miss", and suggesting
 * to exclude all of them would be wrong, not helpful.
 */
export function suggestExclusions(
  framework: { code: string; version: string; kind: FrameworkKind },
  requirements: readonly TaggedRequirement[],
  held: HeldRoles,
): RoleSuggestionRow[] {
  const roles = new Set(heldRoles(held));
  if (roles.size === 0) return [];
  const clausesBindAll = framework.kind === 'MANAGEMENT_SYSTEM_STANDARD';
  const suggestions: RoleSuggestionRow[] = [];
  for (const r of requirements) {
    if (!r.assessable || !r.aiRoles || r.aiRoles.length === 0) continue;
    if (clausesBindAll && r.kind === 'clause') continue;
    if (concernsAnyRole(r.aiRoles, roles)) continue;
    const tag = normalizeAiRoles(r.aiRoles);
    const note = r.roleNote?.trim() ? ` Tag note: ${r.roleNote.trim()}` : '';
    suggestions.push({
      requirementId: r.id,
      refId: r.refId,
      roles: tag,
      justification:
        `Suggested by AI role: ${framework.code}:${framework.version} ${r.refId} concerns the ${list(tag)} role; ` +
        `the organization ${holdings(held)}, and none of those roles is among them.${note}`,
    });
  }
  return suggestions;
}

/**
 * The aiRoles filter of coverage, gap analysis and the Statement of Applicability, over graph indexes: keeps a
 * requirement whose tag shares a role with `roles`, and every untagged one (it concerns every role). `tagOf` gives a
 * requirement's tag by its id. Undefined when there is no filter, so callers skip the test entirely.
 */
export function roleKeep(
  requirementId: (r: number) => string,
  tagOf: (id: string) => readonly AiRole[] | null | undefined,
  roles: readonly AiRole[] | null | undefined,
): ((r: number) => boolean) | undefined {
  if (!roles) return undefined;
  const wanted = new Set(roles);
  return (r) => concernsAnyRole(tagOf(requirementId(r)), wanted);
}
