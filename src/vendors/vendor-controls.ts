/**
 * A vendor's answers read as the vendor's controls (issue 14, part 3), so that coverage comes from the same engine as
 * an organization's own (requirementStatus, allFrameworkCoverage, explain). Pure: a questionnaire and answers in, a
 * TenantInput out.
 *
 * Each answered question becomes one IMPLEMENTED control, coded with the question's id so that every path
 * the engine explains names the question, and linked to every requirement the question stands for:
 * - YES: FULL links, as an implemented control meeting the whole group;
 * - PARTIAL: PARTIAL links (weight 0.5, as any direct partial link, DESIGN 1);
 * - NO: no control at all, so no link;
 * - NOT_APPLICABLE: no link either. The vendor says the group does not concern what it supplies; that is the vendor's
 *   claim, not the organization's Statement of Applicability, so it neither counts as met nor leaves the denominator.
 *   The answer is kept and shown, for whoever reviews the vendor to judge.
 * Nothing is excluded: a vendor's coverage is measured against every requirement the questionnaire stands for.
 */
import type { GraphView } from '../graph/graph-view';
import type { TenantInput } from '../graph/tenant-state';
import type { Question } from './vendor-questionnaire';

export const VENDOR_ANSWERS = ['YES', 'PARTIAL', 'NO', 'NOT_APPLICABLE'] as const;
export type VendorAnswerValue = (typeof VENDOR_ANSWERS)[number];

/** The control id a question's answer becomes: the key, which stays when ids are renumbered. */
export const answerControlId = (key: string): string => `vendor-question:${key}`;

export function vendorTenantInput(graph: GraphView, questions: readonly Question[], answers: ReadonlyMap<string, VendorAnswerValue>): TenantInput {
  const input: TenantInput & { links: Array<{ controlId: string; requirementId: string; coverage: 'FULL' | 'PARTIAL' }> } = { controls: [], links: [], excludedRequirementIds: [] };
  for (const question of questions) {
    const answer = answers.get(question.key);
    if (answer !== 'YES' && answer !== 'PARTIAL') continue;
    const controlId = answerControlId(question.key);
    input.controls.push({ id: controlId, code: question.id, status: 'IMPLEMENTED' });
    for (const r of question.requirements) input.links.push({ controlId, requirementId: graph.requirementId(r), coverage: answer === 'YES' ? 'FULL' : 'PARTIAL' });
  }
  return input;
}
