/**
 * The benchmark's synthetic data: a catalog at the scale of the largest meta-frameworks and one organization using it,
 * generated from a seeded PRNG (the same seed gives the same rows, ids included) and written into PostgreSQL with
 * set-based statements: `INSERT … SELECT FROM unnest(arrays)` in chunks, never a statement per row.
 *
 * Catalog: F frameworks of skewed sizes (log-normal weights: most a few hundred requirements, a few over a thousand).
 * Each is a two-level tree: a few non-assessable headings (about one per 50 requirements, 1 to 12) whose children are
 * the assessable leaves. Mapping sets join distinct framework pairs, bigger frameworks more often; their edges join
 * leaves (a small share join headings), with the relationship mix in RELATIONSHIP_MIX, strengths inside the ranges
 * the database allows (EQUAL 10, NOT_RELATED 0, the others 1–9), a rationale on most, no self-edge, and no duplicate
 * (set, source, target).
 *
 * Organization: C controls (mostly IMPLEMENTED), L distinct links (mostly into the frameworks in its scope, about 70%
 * FULL), a scope of up to 8 frameworks, a few exclusions in the Statement of Applicability (some in the framework the
 * benchmark measures) and a few recorded "applicable" decisions, which must not count as exclusions.
 */
import type { Client } from 'pg';
import type { Progress } from './harness';

export interface Scale {
  frameworks: number;
  requirements: number;
  edges: number;
  controls: number;
  links: number;
  seed: number;
}

export const RELATIONSHIP_MIX: ReadonlyArray<readonly [string, number]> = [
  ['EQUAL', 0.1],
  ['SUBSET_OF', 0.15],
  ['SUPERSET_OF', 0.1],
  ['INTERSECTS_WITH', 0.6],
  ['NOT_RELATED', 0.05],
];
/** Rationale mix; null means "not recorded" (such an edge never composes, see propagate-status.ts). */
const RATIONALE_MIX: ReadonlyArray<readonly [string | null, number]> = [
  ['SEMANTIC', 0.5],
  ['FUNCTIONAL', 0.25],
  ['SYNTACTIC', 0.2],
  [null, 0.05],
];
const STATUS_MIX: ReadonlyArray<readonly [string, number]> = [
  ['IMPLEMENTED', 0.85],
  ['IN_PROGRESS', 0.07],
  ['PLANNED', 0.05],
  ['NOT_APPLICABLE', 0.03],
];
const FULL_LINK_SHARE = 0.7;
/** Share of links into the organization's scope frameworks; the rest go anywhere in the catalog. */
const IN_SCOPE_LINK_SHARE = 0.8;
const HEADING_EDGE_END_SHARE = 0.02;
const EDGES_PER_SET = 400;
const SCOPE_FRAMEWORKS = 8;
const FRAMEWORK_KINDS = ['MANAGEMENT_SYSTEM_STANDARD', 'ATTESTATION_CRITERIA', 'RISK_FRAMEWORK', 'CONTROL_CATALOG'];
const REQUIREMENT_CHUNK = 20_000;
const EDGE_CHUNK = 50_000;
const LINK_CHUNK = 20_000;

/** mulberry32: small, fast, and good enough to spread synthetic rows; not for anything secret. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  pick<T>(items: ArrayLike<T>): T {
    return items[this.int(items.length)];
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    return Math.sqrt(-2 * Math.log(1 - this.next())) * Math.cos(2 * Math.PI * this.next());
  }

  /** A value from a [value, probability] table whose probabilities sum to 1. */
  choose<T>(mix: ReadonlyArray<readonly [T, number]>): T {
    let u = this.next();
    for (const [value, p] of mix) {
      if (u < p) return value;
      u -= p;
    }
    return mix[mix.length - 1][0];
  }

  /** A version-4-shaped UUID drawn from this generator, so ids are reproducible too. */
  uuid(): string {
    const hex = (n: number) => (n >>> 0).toString(16).padStart(8, '0');
    const a = hex(this.next() * 4294967296);
    const b = hex(this.next() * 4294967296);
    const c = hex(this.next() * 4294967296);
    const d = hex(this.next() * 4294967296);
    const variant = ((parseInt(c[0], 16) & 0x3) | 0x8).toString(16);
    return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${variant}${c.slice(1, 4)}-${c.slice(4)}${d}`;
  }
}

const VERBS = ['Establish', 'Maintain', 'Review', 'Document', 'Monitor', 'Enforce', 'Assess', 'Approve', 'Restrict', 'Protect', 'Test', 'Record'];
const OBJECTS = [
  'access rights for privileged accounts',
  'the information security policy',
  'backup and recovery procedures',
  'supplier security agreements',
  'cryptographic key management',
  'incident response playbooks',
  'change management records',
  'vulnerability remediation timelines',
  'asset inventories and ownership',
  'security awareness training',
  'logging and event monitoring',
  'data retention and disposal rules',
  'risk treatment plans',
  'secure development practices',
];
const QUALIFIERS = ['at planned intervals', 'after significant changes', 'for all in-scope systems', 'with management approval', 'based on risk', 'across business units'];

function phrase(rng: Rng): string {
  return `${rng.pick(VERBS)} ${rng.pick(OBJECTS)} ${rng.pick(QUALIFIERS)}`;
}

/** Split `total` by weight with at least `min` each; the rounding remainder goes to the heaviest first. */
function allocate(total: number, weights: number[], min: number): number[] {
  const spare = total - min * weights.length;
  const sum = weights.reduce((a, b) => a + b, 0);
  const out = weights.map((w) => min + Math.floor((spare * w) / sum));
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = weights.map((_, i) => i).sort((a, b) => weights[b] - weights[a] || a - b);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) out[order[k]]++;
  return out;
}

/** Split `total` by weight without exceeding each cap; throws when the caps cannot hold it. */
function allocateCapped(total: number, weights: number[], caps: number[]): number[] {
  const out = weights.map(() => 0);
  let left = total;
  while (left > 0) {
    const open = weights.map((_, i) => i).filter((i) => out[i] < caps[i]);
    if (open.length === 0) throw new Error(`cannot place ${total} items within the caps`);
    const sum = open.reduce((a, i) => a + weights[i], 0);
    let given = 0;
    for (const i of open) {
      const add = Math.min(caps[i] - out[i], Math.floor((left * weights[i]) / sum));
      out[i] += add;
      given += add;
    }
    if (given === 0) {
      open.sort((a, b) => weights[b] - weights[a] || a - b);
      for (const i of open) {
        if (given === left) break;
        out[i]++;
        given++;
      }
    }
    left -= given;
  }
  return out;
}

/** Indices of `weights` sampled without replacement, heavier first more likely (Efraimidis–Spirakis keys). */
function weightedOrder(rng: Rng, weights: number[]): number[] {
  const keys = weights.map((w) => Math.pow(rng.next(), 1 / Math.max(w, 1e-9)));
  return weights.map((_, i) => i).sort((a, b) => keys[b] - keys[a] || a - b);
}

export interface FrameworkSummary {
  id: string;
  code: string;
  version: string;
  requirements: number;
  headings: number;
  leaves: number;
}

export interface CatalogSummary {
  frameworks: FrameworkSummary[];
  requirements: number;
  headings: number;
  mappingSets: number;
  edges: number;
  relationships: Record<string, number>;
  headingEdgeEnds: number;
}

export interface TenantSummary {
  organizationId: string;
  scopeFrameworkIds: string[];
  controls: number;
  implemented: number;
  links: number;
  fullLinks: number;
  linksIntoScope: number;
  exclusions: number;
  exclusionsInMeasured: number;
  applicableDecisions: number;
}

/** What the tenant generator needs from the catalog: ids and the leaves of each framework. */
export interface CatalogPlan {
  summary: CatalogSummary;
  requirementIds: string[];
  leavesOf: Int32Array[];
  allLeaves: Int32Array;
}


/** The sizes the generator can honour; a message for the first one it cannot. */
export function checkScale(scale: Scale): string | undefined {
  const { frameworks: f, requirements: n, edges: e, controls: c, links: l } = scale;
  if (f < 2) return '--frameworks must be at least 2 (edges join distinct frameworks)';
  if (n < 2 * f) return `--requirements must be at least 2 per framework (${2 * f} for ${f} frameworks): each has a heading and a leaf`;
  if (c < 1) return '--controls must be at least 1';
  if (l < 1) return '--links must be at least 1';
  const leaves = n - f; // at least one heading each, so at most n - f leaves
  if (l > (c * leaves) / 2) return `--links ${l} is too many for ${c} controls over about ${leaves} leaves (at most half of all pairs)`;
  // Rough capacity: half of all leaf pairs across frameworks.
  if (e > (leaves * leaves * (1 - 1 / f)) / 4) return `--edges ${e} is too many for ${n} requirements in ${f} frameworks`;
  return undefined;
}

export async function writeCatalog(client: Client, scale: Scale, progress: Progress): Promise<CatalogPlan> {
  const rng = new Rng(scale.seed);
  const F = scale.frameworks;
  const N = scale.requirements;

  // Frameworks and their sizes.
  const minSize = Math.max(2, Math.min(10, Math.floor(N / F / 4)));
  const sizes = allocate(
    N,
    Array.from({ length: F }, () => Math.exp(0.8 * rng.normal())),
    minSize,
  );
  const frameworks: FrameworkSummary[] = sizes.map((size, f) => {
    const headings = Math.min(size - 1, Math.max(1, Math.min(12, Math.round(size / 50))));
    return { id: rng.uuid(), code: `SYN-${String(f + 1).padStart(3, '0')}`, version: '2025', requirements: size, headings, leaves: size - headings };
  });
  await client.query(
    `INSERT INTO framework (id, code, version, name, publisher, kind, description, licence_note)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])`,
    [
      frameworks.map((f) => f.id),
      frameworks.map((f) => f.code),
      frameworks.map((f) => f.version),
      frameworks.map((f) => `Synthetic framework ${f.code}`),
      frameworks.map(() => 'Crosswalk benchmark'),
      frameworks.map((_, i) => FRAMEWORK_KINDS[i % FRAMEWORK_KINDS.length]),
      frameworks.map((f) => `A generated framework of ${f.requirements} requirements for the engine benchmark.`),
      frameworks.map(() => 'Synthetic data, no licence restrictions.'),
    ],
  );

  // Requirements: per framework, heading j then its leaves j.1, j.2, … in document order.
  const requirementIds: string[] = new Array<string>(N);
  const leavesOf: Int32Array[] = [];
  const headingsOf: Int32Array[] = [];
  const allLeaves = new Int32Array(N - frameworks.reduce((a, f) => a + f.headings, 0));
  let leafCursor = 0;
  let g = 0;
  let columns = requirementColumns();
  const flushRequirements = async () => {
    if (columns.id.length === 0) return;
    await client.query(
      `INSERT INTO requirement (id, framework_id, ref_id, parent_id, title, text, kind, assessable, hs_clause, position, depth)
       SELECT id, framework_id, ref_id, parent_id, title, text, kind, assessable, NULL, position, depth
         FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::boolean[],
                     $9::int[], $10::smallint[])
           AS x(id, framework_id, ref_id, parent_id, title, text, kind, assessable, position, depth)`,
      [columns.id, columns.frameworkId, columns.refId, columns.parentId, columns.title, columns.text, columns.kind, columns.assessable, columns.position, columns.depth],
    );
    columns = requirementColumns();
  };
  for (let f = 0; f < F; f++) {
    const fw = frameworks[f];
    const perHeading = allocate(
      fw.leaves,
      Array.from({ length: fw.headings }, () => 0.5 + rng.next()),
      1,
    );
    const leaves = new Int32Array(fw.leaves);
    const headings = new Int32Array(fw.headings);
    let position = 0;
    let leaf = 0;
    for (let j = 0; j < fw.headings; j++) {
      const heading = g++;
      headings[j] = heading;
      requirementIds[heading] = rng.uuid();
      const title = phrase(rng);
      pushRequirement(columns, requirementIds[heading], fw.id, `${j + 1}`, null, title, `${title}: the requirements under this heading.`, 'clause', false, position++, 0);
      for (let k = 0; k < perHeading[j]; k++) {
        const r = g++;
        leaves[leaf++] = r;
        allLeaves[leafCursor++] = r;
        requirementIds[r] = rng.uuid();
        const leafTitle = phrase(rng);
        pushRequirement(columns, requirementIds[r], fw.id, `${j + 1}.${k + 1}`, requirementIds[heading], leafTitle, `The organization shall ${leafTitle.toLowerCase()}, and keep evidence that it does.`, 'control', true, position++, 1);
      }
    }
    leavesOf.push(leaves);
    headingsOf.push(headings);
    if (columns.id.length >= REQUIREMENT_CHUNK) await flushRequirements();
  }
  await flushRequirements();
  const headingCount = frameworks.reduce((a, f) => a + f.headings, 0);
  progress(`requirements: ${fmtInt(N)} written (${fmtInt(headingCount)} headings, ${fmtInt(N - headingCount)} assessable leaves)`);

  // Mapping sets: distinct framework pairs, bigger pairs likelier, enough to hold the edges without duplicates.
  const pairs: Array<[number, number]> = [];
  for (let a = 0; a < F; a++) for (let b = a + 1; b < F; b++) pairs.push([a, b]);
  const pairWeight = (p: [number, number]) => Math.sqrt(frameworks[p[0]].leaves * frameworks[p[1]].leaves);
  const pairCap = (p: [number, number]) => Math.floor((frameworks[p[0]].leaves * frameworks[p[1]].leaves) / 2);
  const order = weightedOrder(rng, pairs.map(pairWeight));
  const wanted = Math.min(pairs.length, Math.max(1, Math.round(scale.edges / EDGES_PER_SET)));
  const chosen: Array<[number, number]> = [];
  let capacity = 0;
  for (const i of order) {
    if (chosen.length >= wanted && capacity >= scale.edges) break;
    chosen.push(pairs[i]);
    capacity += pairCap(pairs[i]);
  }
  if (capacity < scale.edges) throw new Error(`the catalog cannot hold ${scale.edges} distinct edges (at most ${capacity}); lower --edges`);
  const quotas = allocateCapped(scale.edges, chosen.map(pairWeight), chosen.map(pairCap));
  const sets = chosen.map(([a, b]) => {
    const [source, target] = rng.next() < 0.5 ? [a, b] : [b, a];
    return { id: rng.uuid(), key: `${frameworks[source].code}-to-${frameworks[target].code}`, source, target };
  });
  await client.query(
    `INSERT INTO mapping_set (id, key, name, description, source_framework_id, target_framework_id, method, status, author,
                              published_on, licence, comprehensive, source_file)
     SELECT id, key, name, NULL, source_framework_id, target_framework_id, method, 'complete', 'Crosswalk benchmark',
            DATE '2025-01-01', 'CC0-1.0', comprehensive, source_file
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::uuid[], $6::text[], $7::boolean[], $8::text[])
         AS x(id, key, name, source_framework_id, target_framework_id, method, comprehensive, source_file)`,
    [
      sets.map((s) => s.id),
      sets.map((s) => s.key),
      sets.map((s) => `${frameworks[s.source].code} to ${frameworks[s.target].code}`),
      sets.map((s) => frameworks[s.source].id),
      sets.map((s) => frameworks[s.target].id),
      sets.map((_, i) => ['human', 'hybrid', 'automation'][i % 3]),
      sets.map((_, i) => quotas[i] >= frameworks[sets[i].source].leaves),
      sets.map((s) => `synthetic/${s.key}.yaml`),
    ],
  );

  // Edges, streamed set by set into chunked inserts.
  const relationships: Record<string, number> = Object.fromEntries(RELATIONSHIP_MIX.map(([r]) => [r, 0]));
  let headingEdgeEnds = 0;
  let edgeColumns = edgeColumnsEmpty();
  let written = 0;
  let nextReport = 100_000;
  const flushEdges = async () => {
    if (edgeColumns.setId.length === 0) return;
    await client.query(
      `INSERT INTO crosswalk_edge (mapping_set_id, source_requirement_id, target_requirement_id, relationship, rationale, strength, position)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::smallint[], $7::int[])`,
      [edgeColumns.setId, edgeColumns.sourceId, edgeColumns.targetId, edgeColumns.relationship, edgeColumns.rationale, edgeColumns.strength, edgeColumns.position],
    );
    written += edgeColumns.setId.length;
    edgeColumns = edgeColumnsEmpty();
    if (written >= nextReport || written === scale.edges) {
      progress(`edges: ${fmtInt(written)} / ${fmtInt(scale.edges)} written`);
      while (nextReport <= written) nextReport += 100_000;
    }
  };
  const seen = new Set<number>();
  const endpoint = (f: number): number => {
    if (rng.next() < HEADING_EDGE_END_SHARE) {
      headingEdgeEnds++;
      return rng.pick(headingsOf[f]);
    }
    return rng.pick(leavesOf[f]);
  };
  for (let s = 0; s < sets.length; s++) {
    const set = sets[s];
    seen.clear();
    for (let position = 0; position < quotas[s]; ) {
      const source = endpoint(set.source);
      const target = endpoint(set.target);
      const key = source * N + target;
      if (seen.has(key)) continue;
      seen.add(key);
      const relationship = rng.choose(RELATIONSHIP_MIX);
      relationships[relationship]++;
      edgeColumns.setId.push(set.id);
      edgeColumns.sourceId.push(requirementIds[source]);
      edgeColumns.targetId.push(requirementIds[target]);
      edgeColumns.relationship.push(relationship);
      edgeColumns.rationale.push(rng.choose(RATIONALE_MIX));
      edgeColumns.strength.push(strengthFor(rng, relationship));
      edgeColumns.position.push(position++);
      if (edgeColumns.setId.length >= EDGE_CHUNK) await flushEdges();
    }
  }
  await flushEdges();

  await client.query(
    `INSERT INTO catalog_state (id, content_hash, version, loaded_at, framework_count, requirement_count, edge_count)
     VALUES (1, $1, 1, now(), $2, $3, $4)`,
    [`synthetic-seed-${scale.seed}-${F}-${N}-${scale.edges}`, F, N, scale.edges],
  );
  return {
    summary: { frameworks, requirements: N, headings: headingCount, mappingSets: sets.length, edges: scale.edges, relationships, headingEdgeEnds },
    requirementIds,
    leavesOf,
    allLeaves,
  };
}

/** Strength within the range the relationship allows: EQUAL 10, NOT_RELATED 0, SUBSET/SUPERSET 4–9, INTERSECTS 1–9 (peaking mid-scale). */
function strengthFor(rng: Rng, relationship: string): number {
  if (relationship === 'EQUAL') return 10;
  if (relationship === 'NOT_RELATED') return 0;
  if (relationship === 'INTERSECTS_WITH') return 1 + Math.floor(((rng.next() + rng.next()) / 2) * 9);
  return 4 + rng.int(6);
}

/**
 * The organization. `measured` is the framework whose coverage the benchmark times: it is always in scope and gets a
 * few exclusions, so the SQL baseline has to get the denominator right too.
 */
export async function writeTenant(client: Client, scale: Scale, plan: CatalogPlan, measured: number, progress: Progress): Promise<TenantSummary> {
  const rng = new Rng((scale.seed ^ 0x7e4a3c15) >>> 0);
  const { frameworks } = plan.summary;
  const organizationId = rng.uuid();
  await client.query(`INSERT INTO organization (id, name) VALUES ($1, $2)`, [organizationId, 'Benchmark Org (synthetic)']);

  const others = weightedOrder(
    rng,
    frameworks.map((f, i) => (i === measured ? 0 : f.leaves)),
  ).filter((i) => i !== measured);
  const scope = [measured, ...others.slice(0, Math.min(SCOPE_FRAMEWORKS, frameworks.length) - 1)];
  await client.query(`INSERT INTO scope (organization_id, framework_id) SELECT $1, unnest($2::uuid[])`, [organizationId, scope.map((f) => frameworks[f].id)]);

  const controlIds: string[] = [];
  const statuses: string[] = [];
  const codes: string[] = [];
  const titles: string[] = [];
  for (let c = 0; c < scale.controls; c++) {
    controlIds.push(rng.uuid());
    statuses.push(rng.choose(STATUS_MIX));
    codes.push(`CTL-${String(c + 1).padStart(4, '0')}`);
    titles.push(phrase(rng));
  }
  await client.query(
    `INSERT INTO control (organization_id, id, code, title, description, owner, status)
     SELECT $1, id, code, title, 'Synthetic control for the engine benchmark.', 'Security team', status
       FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[]) AS x(id, code, title, status)`,
    [organizationId, controlIds, codes, titles, statuses],
  );

  // Links: control i % C, so every control gets its share; the requirement mostly from the scope, weighted by size.
  const scopeLeaves = scope.map((f) => plan.leavesOf[f]);
  const scopeCumulative: number[] = [];
  scopeLeaves.reduce((sum, leaves) => (scopeCumulative.push(sum + leaves.length), sum + leaves.length), 0);
  const scopeTotal = scopeCumulative[scopeCumulative.length - 1];
  const N = plan.requirementIds.length;
  const seen = new Set<number>();
  let fullLinks = 0;
  let linksIntoScope = 0;
  let linkColumns = { controlId: [] as string[], requirementId: [] as string[], coverage: [] as string[] };
  const flushLinks = async () => {
    if (linkColumns.controlId.length === 0) return;
    await client.query(
      `INSERT INTO control_link (organization_id, control_id, requirement_id, coverage)
       SELECT $1, control_id, requirement_id, coverage FROM unnest($2::uuid[], $3::uuid[], $4::text[]) AS x(control_id, requirement_id, coverage)`,
      [organizationId, linkColumns.controlId, linkColumns.requirementId, linkColumns.coverage],
    );
    linkColumns = { controlId: [], requirementId: [], coverage: [] };
  };
  for (let i = 0; i < scale.links; ) {
    const control = i % scale.controls;
    let requirement: number;
    const inScope = rng.next() < IN_SCOPE_LINK_SHARE;
    if (inScope) {
      const u = rng.int(scopeTotal);
      let s = 0;
      while (scopeCumulative[s] <= u) s++;
      requirement = rng.pick(scopeLeaves[s]);
    } else {
      requirement = rng.pick(plan.allLeaves);
    }
    const key = control * N + requirement;
    if (seen.has(key)) continue;
    seen.add(key);
    const full = rng.next() < FULL_LINK_SHARE;
    if (full) fullLinks++;
    if (inScope) linksIntoScope++;
    linkColumns.controlId.push(controlIds[control]);
    linkColumns.requirementId.push(plan.requirementIds[requirement]);
    linkColumns.coverage.push(full ? 'FULL' : 'PARTIAL');
    i++;
    if (linkColumns.controlId.length >= LINK_CHUNK) await flushLinks();
  }
  await flushLinks();

  // Statement of Applicability: a few exclusions (some in the measured framework), a few recorded "applicable".
  const taken = new Set<number>();
  const excluded: number[] = [];
  const applicable: number[] = [];
  const take = (leaves: Int32Array, count: number, into: number[]) => {
    for (let tries = 0; count > 0 && tries < 100 * (count + 1); tries++) {
      const r = rng.pick(leaves);
      if (taken.has(r)) continue;
      taken.add(r);
      into.push(r);
      count--;
    }
  };
  const measuredLeaves = plan.leavesOf[measured];
  take(measuredLeaves, Math.min(6, Math.max(1, Math.floor(measuredLeaves.length / 20)), measuredLeaves.length - 1), excluded);
  const exclusionsInMeasured = excluded.length;
  for (const f of scope.slice(1)) take(plan.leavesOf[f], Math.min(4, Math.floor(plan.leavesOf[f].length / 10)), excluded);
  take(measuredLeaves, Math.min(3, Math.floor(measuredLeaves.length / 10)), applicable);
  for (const f of scope.slice(1, 4)) take(plan.leavesOf[f], Math.min(2, Math.floor(plan.leavesOf[f].length / 10)), applicable);
  const decisions = [...excluded.map((r) => [r, false] as const), ...applicable.map((r) => [r, true] as const)];
  if (decisions.length > 0) {
    await client.query(
      `INSERT INTO applicability (organization_id, requirement_id, applicable, justification)
       SELECT $1, requirement_id, applicable, justification FROM unnest($2::uuid[], $3::boolean[], $4::text[])
         AS x(requirement_id, applicable, justification)`,
      [
        organizationId,
        decisions.map(([r]) => plan.requirementIds[r]),
        decisions.map(([, a]) => a),
        decisions.map(([, a]) => (a ? 'Applicable: confirmed in the annual scope review.' : 'Not applicable: the service has no such activity (synthetic).')),
      ],
    );
  }
  progress(`organization: ${fmtInt(scale.controls)} controls, ${fmtInt(scale.links)} links, ${excluded.length} exclusions, scope of ${scope.length} frameworks`);
  return {
    organizationId,
    scopeFrameworkIds: scope.map((f) => frameworks[f].id),
    controls: scale.controls,
    implemented: statuses.filter((s) => s === 'IMPLEMENTED').length,
    links: scale.links,
    fullLinks,
    linksIntoScope,
    exclusions: excluded.length,
    exclusionsInMeasured,
    applicableDecisions: applicable.length,
  };
}

function requirementColumns() {
  return {
    id: [] as string[],
    frameworkId: [] as string[],
    refId: [] as string[],
    parentId: [] as Array<string | null>,
    title: [] as string[],
    text: [] as string[],
    kind: [] as string[],
    assessable: [] as boolean[],
    position: [] as number[],
    depth: [] as number[],
  };
}

function pushRequirement(
  columns: ReturnType<typeof requirementColumns>,
  id: string,
  frameworkId: string,
  refId: string,
  parentId: string | null,
  title: string,
  text: string,
  kind: string,
  assessable: boolean,
  position: number,
  depth: number,
): void {
  columns.id.push(id);
  columns.frameworkId.push(frameworkId);
  columns.refId.push(refId);
  columns.parentId.push(parentId);
  columns.title.push(title);
  columns.text.push(text);
  columns.kind.push(kind);
  columns.assessable.push(assessable);
  columns.position.push(position);
  columns.depth.push(depth);
}

function edgeColumnsEmpty() {
  return {
    setId: [] as string[],
    sourceId: [] as string[],
    targetId: [] as string[],
    relationship: [] as string[],
    rationale: [] as Array<string | null>,
    strength: [] as number[],
    position: [] as number[],
  };
}

export function fmtInt(n: number): string {
  return n.toLocaleString('en-US');
}
