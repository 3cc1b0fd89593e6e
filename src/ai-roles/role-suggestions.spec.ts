import type { AiRole } from '../catalog/ai-role';
import { concernsAnyRole, heldRoles, roleKeep, suggestExclusions, type TaggedRequirement } from './role-suggestions';

const ISO = { code: 'ISO42001', version: '2023', kind: 'MANAGEMENT_SYSTEM_STANDARD' as const };
const req = (refId: string, aiRoles: AiRole[] | null, extra: Partial<TaggedRequirement> = {}): TaggedRequirement => ({
  id: `id-${refId}`,
  refId,
  kind: 'control',
  assessable: true,
  aiRoles,
  roleNote: aiRoles ? `Note for ${refId}.` : null,
  ...extra,
});

describe('suggestExclusions', () => {
  const requirements = [
    req('A.6.1.2', ['AI_PRODUCER']),
    req('A.9.2', ['AI_PROVIDER', 'AI_CUSTOMER']),
    req('A.2.2', null),
    req('A.7.2', ['AI_PARTNER', 'AI_PRODUCER']),
  ];

  it('suggests the tagged requirements that none of the held roles touches, never untagged ones', () => {
    const rows = suggestExclusions(ISO, requirements, { declared: ['AI_CUSTOMER'], systems: [] });
    expect(rows.map((r) => [r.refId, r.roles])).toEqual([
      ['A.6.1.2', ['AI_PRODUCER']],
      ['A.7.2', ['AI_PRODUCER', 'AI_PARTNER']],
    ]);
  });

  it('writes a justification that names the requirement, its roles, the organization\'s roles and the tag note', () => {
    const [row] = suggestExclusions(ISO, requirements.slice(3), { declared: ['AI_CUSTOMER'], systems: [{ name: 'Chatbot', roles: ['AI_SUBJECT'] }] });
    expect(row.justification).toBe(
      'Suggested by AI role: ISO42001:2023 A.7.2 concerns the AI producer or AI partner role; the organization declares itself AI customer; ' +
        'is AI subject for the AI system "Chatbot", and none of those roles is among them. Tag note: Note for A.7.2.',
    );
  });

  it('counts the roles of AI systems as held: a producer system removes the producer suggestions', () => {
    const rows = suggestExclusions(ISO, requirements, { declared: ['AI_CUSTOMER'], systems: [{ name: 'Scorer', roles: ['AI_PRODUCER'] }] });
    expect(rows).toEqual([]);
  });

  it('suggests nothing while the organization holds no role', () => {
    expect(suggestExclusions(ISO, requirements, { declared: [], systems: [] })).toEqual([]);
  });

  it('never suggests a management-system clause or a heading, even when tagged', () => {
    const rows = suggestExclusions(
      ISO,
      [req('6.1.4', ['AI_PRODUCER'], { kind: 'clause' }), req('A.6', ['AI_PRODUCER'], { kind: 'objective', assessable: false })],
      { declared: ['AI_CUSTOMER'], systems: [] },
    );
    expect(rows).toEqual([]);
  });

  it('does suggest a tagged clause-kind requirement of a framework that is not a management-system standard', () => {
    const rmf = { code: 'NIST-AI-RMF', version: '1.0', kind: 'RISK_FRAMEWORK' as const };
    expect(suggestExclusions(rmf, [req('MAP 2.1', ['AI_PRODUCER'], { kind: 'clause' })], { declared: ['AI_CUSTOMER'], systems: [] })).toHaveLength(1);
  });
});

describe('heldRoles and concernsAnyRole', () => {
  it('unites the declaration and the systems, each role once, in canonical order', () => {
    expect(heldRoles({ declared: ['AI_PARTNER', 'AI_CUSTOMER'], systems: [{ name: 's', roles: ['AI_CUSTOMER', 'AI_PROVIDER'] }] })).toEqual([
      'AI_PROVIDER',
      'AI_CUSTOMER',
      'AI_PARTNER',
    ]);
  });

  it('treats an untagged requirement as concerning every role, and a tag as concerning only its roles', () => {
    expect(concernsAnyRole(null, new Set<AiRole>(['AI_SUBJECT']))).toBe(true);
    expect(concernsAnyRole(['AI_PRODUCER'], new Set<AiRole>(['AI_CUSTOMER']))).toBe(false);
    expect(concernsAnyRole(['AI_PRODUCER', 'AI_CUSTOMER'], new Set<AiRole>(['AI_CUSTOMER']))).toBe(true);
  });
});

describe('roleKeep', () => {
  const tags: Record<string, AiRole[] | null> = { p: ['AI_PRODUCER'], c: ['AI_CUSTOMER', 'AI_PROVIDER'], u: null };
  const ids = ['p', 'c', 'u'];

  it('is no filter at all when no roles are given', () => {
    expect(roleKeep((r) => ids[r], (id) => tags[id], undefined)).toBeUndefined();
  });

  it('keeps requirements whose tag shares a role, and every untagged one', () => {
    const keep = roleKeep((r) => ids[r], (id) => tags[id], ['AI_CUSTOMER'])!;
    expect([0, 1, 2].filter(keep).map((r) => ids[r])).toEqual(['c', 'u']);
  });
});
