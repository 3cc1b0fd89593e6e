/**
 * 50 concurrent editors, each with its own EDITOR key, update and link the same five controls at once over real HTTP,
 * for several rounds. Proves, every round:
 *   - no lost update: optimistic locking lets exactly one writer through per version. The versions the winners got
 *     back are exactly start+1..final for each control, and every loser got CONFLICT on `expectedVersion` (never
 *     INTERNAL_SERVER_ERROR);
 *   - no deadlock: every request answers within a bound, no error mentions 40P01, and PostgreSQL's own deadlock
 *     counter for the database stays at zero;
 *   - the audit trail tells the truth: replaying it (oldest first) reproduces each control's final row and the final
 *     set of links exactly, each event's `before` is the previous event's `after`, and it holds every acknowledged
 *     write and nothing else.
 */
import { jest } from '@jest/globals';
import { type GraphqlResponse, startTestServer, type TestServer } from '../support/server';

jest.setTimeout(180_000);

const EDITORS = 50;
const CONTROLS = 5;
const ROUNDS = 4;
/** An editor whose update loses re-reads and tries again, up to this many attempts in all. */
const ATTEMPTS = 3;
/** No request may take longer than this: a deadlock or a starved pool would. */
const REQUEST_BOUND_MS = 10_000;

interface GqlError {
  message: string;
  extensions: { code: string; field?: string };
}
interface Answer {
  op: string;
  editor: number;
  ms: number;
  status: number;
  data?: Record<string, any> | null;
  errors?: GqlError[];
}

let t: TestServer;
let admin: string;
const editors: Array<{ id: string; secret: string }> = [];
const controls: Array<{ id: string; code: string }> = [];
/** Shared requirements every control is linked to and unlinked from. */
const requirements: Array<{ framework: string; refId: string; id: string }> = [];
let deadlocksBefore = 0;

/** Acknowledged writes, over all rounds. */
const acknowledged = {
  updates: new Map<string, Array<{ version: number; title: string }>>(),
  links: 0,
  unlinksTrue: 0,
  unlinksFalse: 0,
  conflicts: 0,
  requests: 0,
};

async function call(op: string, editor: number, query: string, variables: Record<string, unknown>, key: string): Promise<Answer> {
  const started = performance.now();
  const response = await fetch(`${t.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(REQUEST_BOUND_MS * 2),
  });
  const body = (await response.json()) as Pick<Answer, 'data' | 'errors'>;
  return { op, editor, ms: performance.now() - started, status: response.status, ...body };
}

async function deadlockCount(): Promise<number> {
  await t.db.query(`SELECT pg_stat_clear_snapshot()`);
  const [row] = await t.db.query<{ deadlocks: number }>(`SELECT deadlocks::int AS deadlocks FROM pg_stat_database WHERE datname = current_database()`);
  return row.deadlocks;
}

const READ = `query($id: ID!) { control(id: $id) { version } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateControlInput!, $v: Int!) { updateControl(id: $id, input: $input, expectedVersion: $v) { id version title owner } }`;
const LINK = `mutation($c: ID!, $f: String!, $r: String!, $cov: LinkCoverage!) { linkControl(controlId: $c, framework: $f, refId: $r, coverage: $cov) { coverage control { id } requirement { id } } }`;
const UNLINK = `mutation($c: ID!, $f: String!, $r: String!) { unlinkControl(controlId: $c, framework: $f, refId: $r) }`;

beforeAll(async () => {
  t = await startTestServer();
  deadlocksBefore = await deadlockCount();
  admin = (await t.createOrganization('Fifty Editors Ltd')).adminKey;
  const keys = await Promise.all(
    Array.from({ length: EDITORS }, (_, i) => t.gql(`mutation($n: String!) { createApiKey(role: EDITOR, name: $n) { id secret } }`, { n: `editor ${i}` }, admin)),
  );
  for (const k of keys) {
    expect(k.errors).toBeUndefined();
    editors.push(k.data!.createApiKey);
  }
  for (let c = 0; c < CONTROLS; c++) {
    const created = await t.gql(`mutation($code: String!) { createControl(input: { code: $code, title: "initial", status: IMPLEMENTED }) { id code version } }`, { code: `SHARED-${c + 1}` }, admin);
    expect(created.errors).toBeUndefined();
    expect(created.data!.createControl.version).toBe(1);
    controls.push(created.data!.createControl);
    acknowledged.updates.set(created.data!.createControl.id, []);
  }
  for (const framework of ['ISO27001:2022', 'SOC2']) {
    const page = await t.gql(`query($f: String!) { requirements(framework: $f, first: 200) { edges { node { id refId assessable } } } }`, { f: framework });
    expect(page.errors).toBeUndefined();
    const assessable = page.data!.requirements.edges.map((e: any) => e.node).filter((n: any) => n.assessable);
    for (const node of assessable.slice(0, 3)) requirements.push({ framework, refId: node.refId, id: node.id });
  }
  expect(requirements).toHaveLength(6);
});

afterAll(() => t?.close());

/** One burst: every editor reads, waits for all the others to have read, then updates and links at once. */
async function burst(round: number): Promise<Answer[]> {
  const answers: Answer[] = [];
  const record = (a: Answer) => (answers.push(a), a);
  const versionOf = (a: Answer): number => {
    expect(a.errors).toBeUndefined();
    return a.data!.control.version;
  };
  // Everyone reads the same versions before anyone writes: maximum contention on the first attempt.
  const firstReads = await Promise.all(
    editors.map((e, i) => call('read', i, READ, { id: controls[i % CONTROLS].id }, e.secret).then(record).then(versionOf)),
  );

  const editor = async (i: number) => {
    const key = editors[i].secret;
    const control = controls[i % CONTROLS];
    const update = async () => {
      let version = firstReads[i];
      for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
        if (attempt > 0) version = versionOf(record(await call('read', i, READ, { id: control.id }, key)));
        const title = `round ${round} editor ${i} attempt ${attempt}`;
        const a = record(await call('updateControl', i, UPDATE, { id: control.id, input: { title, owner: `editor ${i}` }, v: version }, key));
        if (!a.errors) {
          expect(a.data!.updateControl).toEqual({ id: control.id, version: version + 1, title, owner: `editor ${i}` });
          acknowledged.updates.get(control.id)!.push({ version: a.data!.updateControl.version, title });
          return;
        }
        // The loser: a clean CONFLICT naming expectedVersion, and the version it reports is newer than the one we sent.
        expect(a.errors).toHaveLength(1);
        expect(a.errors[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'expectedVersion' });
        const reported = /the control is at version (\d+), not (\d+)/.exec(a.errors[0].message);
        expect(reported).not.toBeNull();
        expect(Number(reported![2])).toBe(version);
        expect(Number(reported![1])).toBeGreaterThan(version);
        expect(a.data ?? null).toBeNull();
        acknowledged.conflicts++;
      }
    };
    const link = async () => {
      const r = requirements[(i + round) % requirements.length];
      const coverage = (i + round) % 2 === 0 ? 'FULL' : 'PARTIAL';
      const a = record(await call('linkControl', i, LINK, { c: control.id, f: r.framework, r: r.refId, cov: coverage }, key));
      expect(a.errors).toBeUndefined();
      expect(a.data!.linkControl).toEqual({ coverage, control: { id: control.id }, requirement: { id: r.id } });
      acknowledged.links++;
    };
    const unlink = async () => {
      const r = requirements[(i * 7 + round * 3 + 1) % requirements.length];
      const a = record(await call('unlinkControl', i, UNLINK, { c: control.id, f: r.framework, r: r.refId }, key));
      expect(a.errors).toBeUndefined();
      expect(typeof a.data!.unlinkControl).toBe('boolean');
      if (a.data!.unlinkControl) acknowledged.unlinksTrue++;
      else acknowledged.unlinksFalse++;
    };
    await Promise.all([update(), link(), unlink()]);
  };
  await Promise.all(editors.map((_, i) => editor(i)));
  return answers;
}

async function auditTrail(): Promise<Array<{ operation: string; entityType: string; entityId: string; apiKeyId: string | null; before: any; after: any }>> {
  const events = [];
  let after: string | null = null;
  for (;;) {
    const page: GraphqlResponse = await t.gql(
      `query($a: String) { auditEvents(first: 500, after: $a) { totalCount edges { node { operation entityType entityId apiKeyId before after } } pageInfo { hasNextPage endCursor } } }`,
      { a: after },
      admin,
    );
    expect(page.errors).toBeUndefined();
    events.push(...page.data!.auditEvents.edges.map((e: any) => e.node));
    if (!page.data!.auditEvents.pageInfo.hasNextPage) {
      expect(events).toHaveLength(page.data!.auditEvents.totalCount);
      return events;
    }
    after = page.data!.auditEvents.pageInfo.endCursor;
  }
}

const CONTROL_FIELDS = ['id', 'code', 'title', 'description', 'owner', 'status', 'version'] as const;
const pick = (row: Record<string, unknown>) => Object.fromEntries(CONTROL_FIELDS.map((f) => [f, row[f]]));

/** Replays the trail from nothing; fails on the first event that does not follow from the state before it. */
function replay(events: Awaited<ReturnType<typeof auditTrail>>) {
  const state = new Map<string, Record<string, unknown>>();
  const links = new Map<string, string>();
  const counts = { updateControl: new Map<string, number>(), updateTitles: new Map<string, string[]>(), linkControl: 0, unlinkControl: 0 };
  const editorKeys = new Set(editors.map((e) => e.id));
  for (const [n, e] of events.entries()) {
    const where = `event #${n} (${e.operation} ${e.entityId})`;
    switch (e.operation) {
      case 'createControl':
        expect([where, state.has(e.entityId)]).toEqual([where, false]);
        state.set(e.entityId, pick(e.after));
        break;
      case 'updateControl': {
        expect([where, editorKeys.has(e.apiKeyId!)]).toEqual([where, true]);
        // Each update starts from the state the previous one left: the chain has no gap and no fork.
        expect([where, pick(e.before)]).toEqual([where, state.get(e.entityId)]);
        expect([where, e.after.version]).toEqual([where, e.before.version + 1]);
        state.set(e.entityId, pick(e.after));
        counts.updateControl.set(e.entityId, (counts.updateControl.get(e.entityId) ?? 0) + 1);
        counts.updateTitles.set(e.entityId, [...(counts.updateTitles.get(e.entityId) ?? []), e.after.title]);
        break;
      }
      case 'linkControl':
        expect([where, editorKeys.has(e.apiKeyId!)]).toEqual([where, true]);
        expect([where, e.before === null ? undefined : e.before.coverage]).toEqual([where, links.get(e.entityId)]);
        links.set(e.entityId, e.after.coverage);
        counts.linkControl++;
        break;
      case 'unlinkControl':
        expect([where, editorKeys.has(e.apiKeyId!)]).toEqual([where, true]);
        expect([where, e.before.coverage, e.after]).toEqual([where, links.get(e.entityId), null]);
        links.delete(e.entityId);
        counts.unlinkControl++;
        break;
      case 'createOrganization':
      case 'createApiKey':
        break;
      default:
        throw new Error(`${where}: unexpected operation in this organization's trail`);
    }
  }
  return { state, links, counts };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

describe.each(Array.from({ length: ROUNDS }, (_, r) => r + 1))('round %i of 50 concurrent editors on 5 shared controls', (round) => {
  it('loses no update, deadlocks nowhere, and ends in exactly the state the audit trail replays to', async () => {
    const versionsBefore = new Map(
      (await t.db.query<{ id: string; version: number }>(`SELECT id, version FROM control`)).map((c) => [c.id, c.version]),
    );
    const acknowledgedBefore = new Map([...acknowledged.updates].map(([id, list]) => [id, list.length]));
    const conflictsBefore = acknowledged.conflicts;
    const started = performance.now();
    const answers = await burst(round);
    const elapsed = performance.now() - started;
    acknowledged.requests += answers.length;

    // Every request answered, with 200, within the bound; nothing but the expected CONFLICTs went wrong.
    const slowest = Math.max(...answers.map((a) => a.ms));
    expect(slowest).toBeLessThan(REQUEST_BOUND_MS);
    expect(answers.filter((a) => a.status !== 200)).toEqual([]);
    const unexpected = answers.flatMap((a) => (a.errors ?? []).filter((e) => !(a.op === 'updateControl' && e.extensions.code === 'CONFLICT')).map((e) => ({ op: a.op, ...e })));
    expect(unexpected).toEqual([]);
    expect(answers.flatMap((a) => a.errors ?? []).filter((e) => /40P01|deadlock|INTERNAL_SERVER_ERROR/i.test(JSON.stringify(e)))).toEqual([]);

    // No lost update: per control, the winners' versions are exactly start+1..final, one winner per version.
    const rows = await t.db.query<{ id: string; title: string; version: number }>(`SELECT id, title, version FROM control ORDER BY code`);
    let successes = 0;
    for (const row of rows) {
      const won = acknowledged.updates.get(row.id)!.slice(acknowledgedBefore.get(row.id));
      successes += won.length;
      expect(won.length).toBeGreaterThanOrEqual(1);
      expect(won.map((w) => w.version).sort((a, b) => a - b)).toEqual(
        Array.from({ length: row.version - versionsBefore.get(row.id)! }, (_, k) => versionsBefore.get(row.id)! + k + 1),
      );
      // Over all rounds: successful updates = final version - 1 (a control starts at version 1).
      expect(acknowledged.updates.get(row.id)!.length).toBe(row.version - 1);
      // The last winner's title is the one that stayed.
      expect(won.find((w) => w.version === row.version)!.title).toBe(row.title);
    }

    // The audit trail replays to the final state, row for row and link for link.
    const events = await auditTrail();
    const { state, links, counts } = replay(events);
    const finalControls = await t.db.query<Record<string, unknown>>(`SELECT ${CONTROL_FIELDS.join(', ')} FROM control`);
    expect(new Map(finalControls.map((c) => [c.id as string, pick(c)]))).toEqual(state);
    const finalLinks = await t.db.query<{ key: string; coverage: string }>(`SELECT control_id || ':' || requirement_id AS key, coverage FROM control_link`);
    expect(new Map(finalLinks.map((l) => [l.key, l.coverage]))).toEqual(links);
    // ... and holds every acknowledged write, and nothing else.
    for (const c of controls) {
      expect(counts.updateControl.get(c.id) ?? 0).toBe(acknowledged.updates.get(c.id)!.length);
      expect([...(counts.updateTitles.get(c.id) ?? [])].sort()).toEqual(acknowledged.updates.get(c.id)!.map((u) => u.title).sort());
    }
    expect(counts.linkControl).toBe(acknowledged.links);
    expect(counts.unlinkControl).toBe(acknowledged.unlinksTrue);

    const ms = answers.map((a) => a.ms).sort((a, b) => a - b);
    const writes = answers.filter((a) => a.op !== 'read').length;
    console.log(
      `round ${round}: ${answers.length} requests (${writes} writes) from ${EDITORS} editors in ${elapsed.toFixed(0)} ms; ` +
        `updates: ${successes} won, ${acknowledged.conflicts - conflictsBefore} CONFLICT; ` +
        `links now ${links.size}; latency p50 ${percentile(ms, 50).toFixed(0)} ms, p99 ${percentile(ms, 99).toFixed(0)} ms, max ${slowest.toFixed(0)} ms; ` +
        `versions ${rows.map((r) => r.version).join('/')}; audit events ${events.length}`,
    );
  });
});

it('PostgreSQL counted no deadlock in this database over all rounds', async () => {
  // Backends report their statistics when they exit: close the service's pool first.
  await t.server.close();
  let deadlocks = await deadlockCount();
  for (let i = 0; i < 20 && deadlocks === deadlocksBefore; i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    deadlocks = await deadlockCount();
  }
  expect(deadlocks - deadlocksBefore).toBe(0);
  const successes = [...acknowledged.updates.values()].reduce((n, list) => n + list.length, 0);
  console.log(
    `all ${ROUNDS} rounds: ${acknowledged.requests} requests; updateControl ${successes} won, ${acknowledged.conflicts} CONFLICT; ` +
      `linkControl ${acknowledged.links}; unlinkControl ${acknowledged.unlinksTrue} removed, ${acknowledged.unlinksFalse} no-op; deadlocks 0`,
  );
});
