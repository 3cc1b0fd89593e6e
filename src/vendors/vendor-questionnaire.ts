/**
 * A vendor questionnaire (issue 14, part 3): one question per common-control group (DESIGN 7, graph/common-controls.ts)
 * of the chosen frameworks, so that one answer serves every standard the group covers and the questionnaire is as
 * short as the overlap allows. Pure: a graph and framework indexes in, questions out.
 *
 * The caller hands in the graph read as if the vendor ran one management system (GraphView.underOneSystem()):
 * SAME_MANAGEMENT_SYSTEM crosswalks read as stored, since a supplier answering one questionnaire answers for one
 * system. A question stands for every requirement its group covers (`satisfies`), not only the ones it was first to
 * cover, because a YES to it meets all of them.
 *
 * Each question has a stable key, `CODE/refId` of its anchor (the requirement that names the group): the same
 * frameworks on the same catalog give the same keys, which is how an answered file is matched back to its questions.
 * Its id (Q-001, Q-002, …) is its place in this questionnaire. A question is AI-specific when it stands for at least
 * one requirement of an AI framework (AI_FRAMEWORK_CODES) that concerns one of the `roles` asked for: its role tag
 * (`rolesOf`, Requirement.aiRoles) shares one of them, or it has none, which means every role. With roles given, the
 * AI-specific questions come first, each part keeping the set cover's order.
 */
import { commonControls } from '../graph/common-controls';
import type { GraphView } from '../graph/graph-view';

/** Frameworks whose requirements make a question AI-specific. */
export const AI_FRAMEWORK_CODES: readonly string[] = ['ISO42001', 'NIST-AI-RMF'];

export interface QuestionnaireOptions {
  /** The AI roles the supplier plays; none: no question is put first. */
  roles: readonly string[];
  /** A requirement's role tag; null or undefined: every role. */
  rolesOf: (requirement: number) => readonly string[] | null | undefined;
}

export interface Question {
  /** …: the question's place in this questionnaire. */
  id: string;
  /** `CODE/refId` of the anchor: stable for the same frameworks and catalog. */
  key: string;
  anchor: number;
  /** Every requirement the question stands for, by chosen framework (in the order given), then catalog order. */
  requirements: number[];
  aiSpecific: boolean;
}

export interface Questionnaire {
  questions: Question[];
  /** Assessable requirements of the chosen frameworks: every one is behind at least one question. */
  requirementCount: number;
}

export function questionKey(graph: GraphView, anchor: number): string {
  return `${graph.frameworkCode(graph.frameworkOf(anchor))}/${graph.refId(anchor)}`;
}

function isAiRequirementFor(graph: GraphView, r: number, options: QuestionnaireOptions): boolean {
  if (!AI_FRAMEWORK_CODES.includes(graph.frameworkCode(graph.frameworkOf(r)))) return false;
  const tag = options.rolesOf(r);
  return tag === null || tag === undefined || tag.some((role) => options.roles.includes(role));
}

export function vendorQuestionnaire(graph: GraphView, frameworkIndexes: readonly number[], options: QuestionnaireOptions): Questionnaire {
  const cover = commonControls(graph, frameworkIndexes);
  const drafted = cover.groups.map((group) => {
    const requirements = group.satisfies.flatMap((s) => s.requirements);
    return {
      key: questionKey(graph, group.anchor),
      anchor: group.anchor,
      requirements,
      aiSpecific: options.roles.length > 0 && requirements.some((r) => isAiRequirementFor(graph, r, options)),
    };
  });
  const ordered = options.roles.length > 0 ? [...drafted.filter((q) => q.aiSpecific), ...drafted.filter((q) => !q.aiSpecific)] : drafted;
  const width = Math.max(3, String(ordered.length).length);
  return {
    questions: ordered.map((q, i) => ({ id: `Q-${String(i + 1).padStart(width, '0')}`, ...q })),
    requirementCount: cover.requirementCount,
  };
}

/** What a question's wording is made from: the requirements it stands for, as the catalog names them. */
export interface WordingRequirement {
  framework: string;
  refId: string;
  title: string;
}

/**
 * The question put to a supplier, from the catalog's short titles (our own words, never a standard's text):
 * requirements with one title are named once, with all their references.
 */
export function questionText(requirements: readonly WordingRequirement[]): string {
  const byTitle = new Map<string, string[]>();
  for (const r of requirements) {
    const refs = byTitle.get(r.title) ?? [];
    refs.push(`${r.framework} ${r.refId}`);
    byTitle.set(r.title, refs);
  }
  const items = [...byTitle].map(([title, refs]) => `${title} (${refs.join('; ')})`);
  const [first] = requirements;
  return items.length === 1
    ? `Does your organization have this in place for the products and services you supply to us: ${items[0]}?`
    : `Does your organization have these in place for the products and services you supply to us (one answer for all of them; "${first.title}" names the group): ${items.join('; ')}?`;
}

export function evidenceRequest(requirements: readonly WordingRequirement[]): string {
  const [first] = requirements;
  return (
    `Attach or link evidence that this is in operation for "${first.title}": for example the policy or procedure, a record or report ` +
    'showing it was carried out, or an independent audit or certification covering it. Answer PARTIAL and say what is missing where only part is in place.'
  );
}
