import { tinyCatalog } from '../graph/tiny-catalog.fixture';
import { requirementStatus } from '../graph/requirement-status';
import { allFrameworkCoverage } from '../graph/framework-coverage';
import { tenantState } from '../graph/tenant-state';
import { vendorTenantInput, type VendorAnswerValue } from './vendor-controls';
import { evidenceRequest, questionText, vendorQuestionnaire } from './vendor-questionnaire';

describe('vendorQuestionnaire', () => {
  // ISO27001 i1 = ISO42001 a1 (one question for both); i2 alone; a2 alone; a3 only meets i3 under one management system.
  const graph = tinyCatalog(
    { ISO27001: [{ ref: 'ix', assessable: false }, 'i1', 'i2', 'i3'], ISO42001: ['a1', 'a2', 'a3'] },
    [
      ['i1', 'EQUAL', 'a1'],
      ['a3', 'SUPERSET_OF', 'i3', 8, 'SEMANTIC', undefined, 'SAME_MANAGEMENT_SYSTEM'],
    ],
  );
  const untagged = { roles: [], rolesOf: () => null };
  const keys = (q: ReturnType<typeof vendorQuestionnaire>) => q.questions.map((x) => [x.id, x.key, x.requirements.map((r) => graph.refId(r)), x.aiSpecific]);

  it('asks one question per common-control group, fewer than the requirements when they overlap', () => {
    const q = vendorQuestionnaire(graph, [0, 1], untagged);
    expect(q.requirementCount).toBe(6);
    // No roles asked for: no question is AI-specific, and the set cover's order stands.
    expect(keys(q)).toEqual([
      ['Q-001', 'ISO27001/i1', ['i1', 'a1'], false],
      ['Q-002', 'ISO27001/i2', ['i2'], false],
      ['Q-003', 'ISO27001/i3', ['i3'], false],
      ['Q-004', 'ISO42001/a2', ['a2'], false],
      ['Q-005', 'ISO42001/a3', ['a3'], false],
    ]);
  });

  it('reads conditional edges as stored when handed the graph under one management system', () => {
    const q = vendorQuestionnaire(graph.underOneSystem(), [0, 1], untagged);
    expect(q.questions).toHaveLength(4);
    expect(keys(q)).toContainEqual(['Q-002', 'ISO42001/a3', ['i3', 'a3'], false]);
  });

  it('puts first the questions with an AI requirement that concerns one of the roles (a tag sharing one, or no tag), keeping keys and renumbering ids', () => {
    // a1 untagged (every role), a2 a producer's only, a3 a customer's: a customer's AI questions are a1's and a3's.
    const tags: Record<string, string[]> = { a2: ['AI_PRODUCER'], a3: ['AI_CUSTOMER', 'AI_PROVIDER'] };
    const q = vendorQuestionnaire(graph, [0, 1], { roles: ['AI_CUSTOMER'], rolesOf: (r) => tags[graph.refId(r)] ?? null });
    expect(q.questions.map((x) => [x.key, x.aiSpecific])).toEqual([
      ['ISO27001/i1', true], ['ISO42001/a3', true], ['ISO27001/i2', false], ['ISO27001/i3', false], ['ISO42001/a2', false],
    ]);
    expect(q.questions.map((x) => x.id)).toEqual(['Q-001', 'Q-002', 'Q-003', 'Q-004', 'Q-005']);
    const producer = vendorQuestionnaire(graph, [0, 1], { roles: ['AI_PRODUCER'], rolesOf: (r) => tags[graph.refId(r)] ?? null });
    expect(producer.questions.filter((x) => x.aiSpecific).map((x) => x.key)).toEqual(['ISO27001/i1', 'ISO42001/a2']);
  });

  it('words a question from the titles, naming a shared title once with every reference', () => {
    const text = questionText([
      { framework: 'ISO27001', refId: '9.2', title: 'Internal audit' },
      { framework: 'ISO42001', refId: '9.2', title: 'Internal audit' },
      { framework: 'ISO42001', refId: 'A.2', title: 'AI policy' },
    ]);
    expect(text).toContain('Internal audit (ISO27001 9.2; ISO42001 9.2); AI policy (ISO42001 A.2)');
    expect(evidenceRequest([{ framework: 'ISO27001', refId: '9.2', title: 'Internal audit' }])).toMatch(/evidence .*"Internal audit"/);
  });
});

describe('vendorTenantInput', () => {
  const graph = tinyCatalog({ ISO27001: ['i1', 'i2', 'i3'], ISO42001: ['a1'] }, [['i1', 'EQUAL', 'a1']]);
  const q = vendorQuestionnaire(graph, [0, 1], { roles: [], rolesOf: () => null });

  it('makes YES a FULL and PARTIAL a partial control over the whole group, NO and NOT_APPLICABLE nothing', () => {
    const answers = new Map<string, VendorAnswerValue>([
      ['ISO27001/i1', 'YES'],
      ['ISO27001/i2', 'PARTIAL'],
      ['ISO27001/i3', 'NOT_APPLICABLE'],
    ]);
    const input = vendorTenantInput(graph, q.questions, answers);
    expect(input.controls.map((c) => c.code)).toEqual(['Q-001', 'Q-002']);
    const status = requirementStatus(graph, tenantState(graph, input), { maxHops: 1 });
    const [iso, ai] = allFrameworkCoverage(graph, status);
    expect([iso.full, iso.partial, iso.none, iso.excluded]).toEqual([1, 1, 1, 0]);
    expect(iso.score).toBeCloseTo(1.5 / 3);
    expect([ai.full, ai.none]).toEqual([1, 0]);
    const a1 = graph.requirementIndex(graph.requirementId(q.questions[0].requirements[1]));
    expect(status.explain(a1).flatMap((e) => e.controls.map((c) => c.code))).toContain('Q-001');
  });

  it('gives no coverage with no answers', () => {
    const status = requirementStatus(graph, tenantState(graph, vendorTenantInput(graph, q.questions, new Map())), { maxHops: 1 });
    expect(allFrameworkCoverage(graph, status).map((c) => c.full + c.partial)).toEqual([0, 0]);
  });
});
