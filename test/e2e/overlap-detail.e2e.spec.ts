/**
 * frameworkOverlapDetail over HTTP on the shipped catalog: one cell of frameworkOverlap taken apart, for the dashboard's
 * drill-down. Its counts are frameworkOverlap's for the pair, under every reading the matrix offers (hops, one
 * management system), and its requirements are what those counts are made of, each with the paths that give its
 * status. It is public, answered alike with or without a key, and bad framework references name their argument.
 */
import { startTestServer, type TestServer } from '../support/server';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t?.close();
});

const DETAIL = `query Detail($source: String!, $target: String!, $maxHops: Int!, $one: Boolean!) {
  frameworkOverlapDetail(source: $source, target: $target, maxHops: $maxHops, assumeSameManagementSystem: $one) {
    overlap { source { code } target { code } full partial none score }
    requirements {
      requirement { refId framework { code } assessable }
      status weight inferred pathCount
      paths { source { refId framework { code } } status weight inferred
              steps { from { refId } to { refId } relationship strength rationale reversed conditionMet mappingSet { key } } }
    }
  }
}`;

const MATRIX = `query Matrix($frameworks: [String!], $maxHops: Int!, $one: Boolean!) {
  frameworkOverlap(frameworks: $frameworks, maxHops: $maxHops, assumeSameManagementSystem: $one) { source { code } target { code } full partial none score }
}`;

const count = (requirements: Array<{ status: string }>, status: string) => requirements.filter((r) => r.status === status).length;

describe('frameworkOverlapDetail', () => {
  it.each([
    ['ISO27001', 'ISO42001', 1, false],
    ['ISO42001', 'ISO27001', 1, false],
    ['ISO27001', 'ISO42001', 1, true],
    ['SOC2', 'ISO27001', 2, false],
    ['NIST-AI-RMF', 'ISO42001', 3, false],
  ])('%s → %s at %i hop(s), one system %s: the cell of frameworkOverlap, made of its requirements', async (source, target, maxHops, one) => {
    const matrix = await t.ok(MATRIX, { frameworks: [source, target], maxHops, one });
    const cell = matrix.frameworkOverlap.find((c: any) => c.source.code === source && c.target.code === target);
    const { frameworkOverlapDetail: detail } = await t.ok(DETAIL, { source, target, maxHops, one });
    expect(detail.overlap).toEqual(cell);
    const requirements = detail.requirements;
    expect({ full: count(requirements, 'FULL'), partial: count(requirements, 'PARTIAL'), none: count(requirements, 'NONE') }).toEqual({
      full: cell.full,
      partial: cell.partial,
      none: cell.none,
    });
    expect(requirements).toHaveLength(cell.full + cell.partial + cell.none);
    for (const r of requirements) {
      expect(r.requirement).toMatchObject({ framework: { code: target }, assessable: true });
      // NONE has no path; FULL and PARTIAL have at least one, each from the source to this requirement; the best five are listed.
      expect([r.requirement.refId, r.status, r.pathCount > 0]).toEqual([r.requirement.refId, r.status, r.status !== 'NONE']);
      expect(r.paths).toHaveLength(Math.min(r.pathCount, 5));
      for (const p of r.paths) {
        expect(p.source.framework.code).toBe(source);
        expect(p.steps[0].from.refId).toBe(p.source.refId);
        expect(p.steps.at(-1).to.refId).toBe(r.requirement.refId);
        expect(p.steps.length).toBeLessThanOrEqual(maxHops);
      }
      // The requirement's weight is its best path's (DESIGN 2); a FULL one is reached by a FULL path.
      if (r.status === 'FULL') expect(r.paths[0]).toMatchObject({ status: 'FULL', weight: 1 });
      if (r.status === 'PARTIAL') expect(r.weight).toBe(Math.max(...r.paths.map((p: any) => p.weight)));
    }
    if (maxHops === 3) expect(requirements.some((r: any) => r.pathCount > 5)).toBe(true); // the cap is reached, and pathCount says so
    const scoreFromRequirements = requirements.reduce((sum: number, r: any) => sum + r.weight, 0) / requirements.length;
    expect(detail.overlap.score).toBeCloseTo(scoreFromRequirements, 10);
  });

  it('shows the crosswalk as stored under one management system, and as INTERSECTS_WITH under separate ones', async () => {
    const separate = (await t.ok(DETAIL, { source: 'ISO27001', target: 'ISO42001', maxHops: 1, one: false })).frameworkOverlapDetail;
    const one = (await t.ok(DETAIL, { source: 'ISO27001', target: 'ISO42001', maxHops: 1, one: true })).frameworkOverlapDetail;
    const conditional = (d: any) => d.requirements.flatMap((r: any) => r.paths.flatMap((p: any) => p.steps)).filter((s: any) => s.conditionMet !== null);
    expect(conditional(separate).length).toBeGreaterThan(0);
    for (const s of conditional(separate)) expect(s).toMatchObject({ conditionMet: false, relationship: 'INTERSECTS_WITH' });
    expect(conditional(one).every((s: any) => s.conditionMet === true)).toBe(true);
    expect(one.overlap.full).toBeGreaterThan(separate.overlap.full);
  });

  it('answers the same with and without a key', async () => {
    const { adminKey } = await t.createOrganization('Overlap reader');
    const vars = { source: 'SOC2', target: 'ISO27701', maxHops: 1, one: false };
    const [anonymous, keyed] = await Promise.all([t.gql(DETAIL, vars), t.gql(DETAIL, vars, adminKey)]);
    expect(anonymous.errors).toBeUndefined();
    expect(keyed).toEqual(anonymous);
  });

  it('refuses an unknown or malformed framework, naming the argument, and the diagonal', async () => {
    const unknown = await t.gql(DETAIL, { source: 'ISO99999', target: 'ISO42001', maxHops: 1, one: false });
    expect(unknown.data ?? null).toBeNull();
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'source' });
    expect(unknown.errors?.[0].message).toMatch(/no framework "ISO99999" in the catalog; known: .*ISO27001:2022/);
    const malformed = await t.gql(DETAIL, { source: 'ISO27001', target: 'iso 42001!', maxHops: 1, one: false });
    expect(malformed.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'target' });
    expect(malformed.errors?.[0].message).toMatch(/is not a framework reference/);
    const diagonal = await t.gql(DETAIL, { source: 'ISO27001', target: 'ISO27001:2022', maxHops: 1, one: false });
    expect(diagonal.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'target' });
    expect(diagonal.errors?.[0].message).toMatch(/must not be the source framework itself/);
    const hops = await t.gql(DETAIL, { source: 'ISO27001', target: 'ISO42001', maxHops: 4, one: false });
    expect(hops.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'maxHops' });
  });
});
