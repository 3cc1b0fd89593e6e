/**
 * What a query costs in SQL statements, counted with the TypeORM logger the application itself runs with. Catalog
 * fields read the in-memory catalog snapshot and cost none; tenant relation fields go through per-request DataLoaders,
 * so their count does not grow with the number of rows returned.
 */
import { TenantStateCache } from '../../src/tenant-state/tenant-state.cache';
import { CatalogVersionWatcher } from '../../src/catalog/catalog-version.watcher';
import { startTestServer, type TestServer } from '../support/server';
import { until } from '../support/service-process';

let t: TestServer;
beforeAll(async () => {
  // This suite counts what executing a query costs; the public read cache would answer a repeat without any SQL.
  t = await startTestServer({ env: { CATALOG_CACHE_ENTRIES: '0' } });
});
afterAll(() => t.close());

const QUERY = `query($first: Int) {
  requirements(framework: "ISO27001", first: $first) {
    totalCount
    edges { node {
      refId framework { code version }
      parent { refId framework { code } }
      children { refId }
      crosswalks { relationship strength reversed
        source { refId framework { code } }
        target { refId framework { code version } parent { refId } }
        mappingSet { key source { code } target { code } edgeCount } }
    } }
  }
}`;

async function statementsFor(first: number): Promise<{ statements: number; rows: number; crosswalks: number }> {
  t.server.queryCounter.reset();
  const res = await t.gql(QUERY, { first });
  expect(res.errors).toBeUndefined();
  const edges = res.data!.requirements.edges;
  return {
    statements: t.server.queryCounter.statements,
    rows: edges.length,
    crosswalks: edges.reduce((n: number, e: any) => n + e.node.crosswalks.length, 0),
  };
}

it('a query for 100 requirements with crosswalks, frameworks and mapping sets costs no statement: the catalog is in memory', async () => {
  const small = await statementsFor(5);
  const large = await statementsFor(100);
  expect(large.rows).toBe(100);
  expect(large.crosswalks).toBeGreaterThanOrEqual(25); // the clause edges of ISO 27001 → 42001 are on the first page
  expect(small.rows).toBe(5);
  expect(small.statements).toBe(0);
  expect(large.statements).toBe(0); // not even a catalog version check: the LISTEN watch vouches for the snapshot
});

it('with the catalog watch cut, a request checks the version itself and never answers from a stale snapshot', async () => {
  const query = '{ requirement(framework: "ISO27001", refId: "A.5.1") { title } }';
  const ISO27001 = `framework_id = (SELECT id FROM framework WHERE code = 'ISO27001')`;
  const before = (await t.gql(query)).data!.requirement.title as string;
  try {
    const [{ killed }] = await t.db.query<{ killed: number }>(
      `SELECT count(pg_terminate_backend(pid))::int AS killed FROM pg_stat_activity
        WHERE application_name = 'crosswalk-catalog-watch' AND datname = current_database()`,
    );
    expect(killed).toBe(1);
    // A load behind the service's back while its watch is down (or just back): whichever, the next answer is the new one.
    await t.db.query(`BEGIN; UPDATE requirement SET title = title || ' (reloaded)' WHERE ref_id = 'A.5.1' AND ${ISO27001};
      UPDATE catalog_state SET version = version + 1 WHERE id = 1; COMMIT`);
    expect((await t.gql(query)).data!.requirement.title).toBe(`${before} (reloaded)`);
  } finally {
    await t.db.query(`UPDATE requirement SET title = $1 WHERE ref_id = 'A.5.1' AND ${ISO27001}`, [before]);
    await t.db.query(`UPDATE catalog_state SET version = version + 1 WHERE id = 1`);
  }
  await until('the restored title', async () => (await t.gql(query)).data!.requirement.title === before, 2000, 10);
  // The watch reconnects by itself; until then every request checks the version, which the next tests would count.
  await until('the catalog watch back', async () => t.server.app.get(CatalogVersionWatcher).version !== undefined, 10_000, 20);
});

describe('tenant queries', () => {
  const COVERAGE = `{ coverage(frameworks: ["ISO27001", "ISO42001", "SOC2"]) { framework { code } full partial none score }
    controls(first: 100) { totalCount edges { node { code links { coverage requirement { refId framework { code } } control { code } } } } }
    gapAnalysis(target: "ISO42001") { gaps { requirement { refId framework { code } } sources { source { refId } steps { from { refId } to { refId } mappingSet { key } } } } } }`;

  /** What the query cost for an organization with n controls: statements in all, and how often each text was sent. */
  async function statementsWithControls(n: number): Promise<{ total: number; byText: Map<string, number> }> {
    const { adminKey, organizationId } = await t.createOrganization(`Org with ${n} controls`);
    const refIds = ['4.1', '5.1', '6.1.2', '7.2', '7.5.1', '9.2.1', '10.2', 'A.5.1', 'A.5.15', 'A.8.7', 'A.8.15', 'A.8.16'];
    for (let i = 0; i < n; i += 1) {
      const created = await t.gql(`mutation($c: String!) { createControl(input: { code: $c, title: $c, status: IMPLEMENTED }) { id } }`, { c: `C-${i}` }, adminKey);
      await t.gql(`mutation($id: ID!, $r: String!) { linkControl(controlId: $id, framework: "ISO27001", refId: $r) { coverage } }`, { id: created.data!.createControl.id, r: refIds[i % refIds.length] }, adminKey);
    }
    await t.gql(COVERAGE, {}, adminKey); // warm the in-memory catalog graph
    // Count a cold read of the organization (as after its next write): a warm one reads none of it (tenant-state-cache.e2e).
    t.server.app.get(TenantStateCache).invalidate(organizationId);
    t.server.queryCounter.reset();
    t.server.queryCounter.record = true;
    try {
      const res = await t.gql(COVERAGE, {}, adminKey);
      expect(res.errors).toBeUndefined();
      expect(res.data!.controls.totalCount).toBe(n);
      expect(res.data!.controls.edges.flatMap((e: any) => e.node.links)).toHaveLength(n);
      return { total: t.server.queryCounter.statements, byText: new Map(t.server.queryCounter.byText) };
    } finally {
      t.server.queryCounter.record = false;
    }
  }

  const FRAMING = /^(BEGIN|COMMIT|START TRANSACTION|SELECT set_config\('role')/;
  const count = (byText: Map<string, number>, pattern: RegExp) => [...byText].filter(([sql]) => pattern.test(sql)).reduce((sum, [, k]) => sum + k, 0);

  it('coverage, controls with links and a gap analysis cost a bounded number of statements, not one per control', async () => {
    const few = await statementsWithControls(3);
    const many = await statementsWithControls(24);
    for (const { byText } of [few, many]) {
      // No catalog statement (the snapshot is in memory), and the two coverage fields share one read of the controls.
      expect(count(byText, /FROM (catalog_state|framework|requirement|crosswalk_edge|mapping_set)\b/)).toBe(0);
      expect(count(byText, /json_build_array\(id, code, status, links\)/)).toBe(1);
      // No statement is sent once per control, link or gap. A loader can split into one batch per root field that
      // resolves on its own event-loop turn (three here), so that is the most any statement may repeat; with 24
      // controls, one statement per row would repeat it 24 times.
      const repeated = [...byText].filter(([sql, k]) => !FRAMING.test(sql) && k > 3);
      expect(repeated).toEqual([]);
    }
    // Each tenant read runs in its own row-level-security transaction (BEGIN, one set_config for the role and the
    // organization, COMMIT); the whole query stays a few dozen statements whatever the number of controls.
    expect(many.total).toBeLessThanOrEqual(40);
    expect(many.total).toBeLessThan(few.total + 24 - 3);
    console.log(`statements for coverage + 24 controls with links + a gap analysis: ${many.total} (3 controls: ${few.total})`);
  });
});

describe('the Statement of Applicability', () => {
  const SOA = `query($first: Int) { statementOfApplicability(framework: "ISO27001", first: $first) { totalCount edges { node {
    requirement { refId framework { code } } applicable justification setBy setByName setAt inheritedFrom { refId } status weight
    controls { coverage control { code status } requirement { refId } } } } } }`;

  it('costs the same few statements for a page of 5 lines as for 120, with controls linked to many of them', async () => {
    const { adminKey, organizationId } = await t.createOrganization('SoA org');
    // 4.1 is on the first page of 5 too, so both pages resolve linked controls.
    const refIds = ['4.1', 'A.5.1', 'A.5.2', 'A.5.3', 'A.5.15', 'A.5.16', 'A.6.1', 'A.6.2', 'A.7.1', 'A.7.2', 'A.8.1', 'A.8.2', 'A.8.7'];
    for (let i = 0; i < refIds.length; i += 1) {
      const created = await t.gql(`mutation($c: String!) { createControl(input: { code: $c, title: $c, status: IMPLEMENTED }) { id } }`, { c: `S-${i}` }, adminKey);
      await t.gql(`mutation($id: ID!, $r: String!) { linkControl(controlId: $id, framework: "ISO27001", refId: $r) { coverage } }`, { id: created.data!.createControl.id, r: refIds[i] }, adminKey);
    }
    await t.gql(`mutation { a: setApplicability(framework: "ISO27001", refId: "A.7", applicable: false, justification: "No premises") { applicable }
      b: setApplicability(framework: "ISO27001", refId: "A.5.1", applicable: true, justification: "Policies") { applicable } }`, {}, adminKey);
    const run = async (first: number) => {
      await t.gql(SOA, { first }, adminKey); // warm the in-memory catalog graph
      // Both counts with a cold read of the organization: the notification of its last write (setApplicability)
      // may arrive after the warm-up and drop the kept entry before one count only.
      t.server.app.get(TenantStateCache).invalidate(organizationId);
      t.server.queryCounter.reset();
      const res = await t.gql(SOA, { first }, adminKey);
      expect(res.errors).toBeUndefined();
      return { statements: t.server.queryCounter.statements, edges: res.data!.statementOfApplicability.edges };
    };
    const small = await run(5);
    const large = await run(120);
    expect(small.edges).toHaveLength(5);
    expect(small.edges.flatMap((e: any) => e.node.controls)).toHaveLength(1);
    expect(large.edges).toHaveLength(120);
    expect(large.edges.flatMap((e: any) => e.node.controls)).toHaveLength(refIds.length); // every linked control is on the page
    expect(large.edges.filter((e: any) => e.node.inheritedFrom?.refId === 'A.7').length).toBeGreaterThan(10);
    expect(large.statements).toBe(small.statements);
    // The tenant read for coverage, the lines, the controls and the requirements, each in its own RLS transaction.
    expect(large.statements).toBeLessThanOrEqual(25);
    console.log(`statements for 120 Statement of Applicability lines: ${large.statements}`);
  });
});

describe('link and unlink writes', () => {
  it('cost one round trip each: the lock, the change with its audit event and the transaction go out together', async () => {
    const { adminKey } = await t.createOrganization('Write round trips');
    const created = await t.gql(`mutation { createControl(input: { code: "RT-1", title: "Round trips", status: IMPLEMENTED }) { id } }`, {}, adminKey);
    const controlId = created.data!.createControl.id as string;
    const LINK = `mutation($c: ID!, $cov: LinkCoverage!) { linkControl(controlId: $c, framework: "ISO27001", refId: "A.5.15", coverage: $cov) { coverage } }`;
    const UNLINK = `mutation($c: ID!) { unlinkControl(controlId: $c, framework: "ISO27001", refId: "A.5.15") }`;
    const roundTrips = async (query: string, variables: Record<string, unknown>) => {
      t.server.queryCounter.reset();
      const res = await t.gql(query, variables, adminKey);
      return { res, statements: t.server.queryCounter.statements };
    };
    const link = await roundTrips(LINK, { c: controlId, cov: 'FULL' });
    expect(link.res.data).toEqual({ linkControl: { coverage: 'FULL' } });
    expect(link.statements).toBe(1); // it was four: BEGIN with the settings, the lock, the change, COMMIT
    const relink = await roundTrips(LINK, { c: controlId, cov: 'PARTIAL' });
    expect(relink.res.data).toEqual({ linkControl: { coverage: 'PARTIAL' } });
    expect(relink.statements).toBe(1);
    const unlink = await roundTrips(UNLINK, { c: controlId });
    expect(unlink.res.data).toEqual({ unlinkControl: true });
    expect(unlink.statements).toBe(1);
    const again = await roundTrips(UNLINK, { c: controlId });
    expect(again.res.data).toEqual({ unlinkControl: false });
    expect(again.statements).toBe(1);
    // The audit trail has each change, with the true previous coverage.
    const events = await t.db.query<{ operation: string; before: unknown; after: unknown }>(
      `SELECT operation, before, after FROM audit_event WHERE entity_type = 'control_link' AND entity_id LIKE $1 ORDER BY sequence`, [`${controlId}:%`]);
    expect(events.map((e) => [e.operation, e.before, (e.after as { coverage?: string } | null)?.coverage ?? null])).toEqual([
      ['linkControl', null, 'FULL'],
      ['linkControl', { coverage: 'FULL' }, 'PARTIAL'],
      ['unlinkControl', expect.objectContaining({ coverage: 'PARTIAL' }), null],
    ]);
  });
});
