/**
 * The baselines: an organization's coverage computed in plain SQL over the same tables (joins, aggregates and, for
 * more than one hop, a recursive CTE; no engine, no precomputation), each statement reading the organization's
 * controls, links and applicability decisions itself, as a service without the engine would on every request.
 *
 * The engine's rules (DESIGN 1–4; graph/propagate-status.ts):
 *   - direct status: only IMPLEMENTED controls count; a FULL link makes a requirement FULL, else a PARTIAL link makes
 *     it PARTIAL with weight 0.5 (status-code.ts);
 *   - sources are the directly satisfied requirements that are not excluded;
 *   - every edge is read in both directions (the reverse reading has the inverse relationship); NOT_RELATED gives
 *     nothing; read along a path, the relationship composes (graph/compose.ts, the COMPOSE table below), only when
 *     every hop has the first hop's recorded rationale, and the strength is the minimum along the path;
 *   - EQUAL and SUPERSET_OF (read from the source) pass the source's status on; SUBSET_OF and INTERSECTS_WITH give
 *     PARTIAL with weight strength/10 × the source's weight;
 *   - a requirement takes its best contribution (FULL beats PARTIAL, else the largest weight), never a sum;
 *   - only assessable requirements count, and excluded ones leave the denominator.
 * What the synthetic data never holds, these statements leave out, and the benchmark's equality checks would show it
 * if the data changed: conditional (SAME_MANAGEMENT_SYSTEM) edges and management systems, and decisions on headings
 * that cascade to their children (the synthetic organization decides on leaves only).
 */
import type { Query } from '../src/coverage/coverage.repository';
import type { FrameworkCoverage } from '../src/graph/framework-coverage';

/** Requirements the organization excluded in its Statement of Applicability ($1: the organization). */
const EXCLUDED = `excluded AS (
  SELECT a.requirement_id AS id FROM applicability a WHERE a.organization_id = $1 AND NOT a.applicable
)`;

/** The directly satisfied requirements that may vouch for others: level 2 FULL, 1 PARTIAL; never excluded ones. */
const SOURCES = `source AS (
  SELECT l.requirement_id AS id, max(CASE l.coverage WHEN 'FULL' THEN 2 ELSE 1 END) AS level
    FROM control_link l
    JOIN control c ON c.organization_id = l.organization_id AND c.id = l.control_id
   WHERE l.organization_id = $1
     AND c.status = 'IMPLEMENTED'
     AND NOT EXISTS (SELECT 1 FROM excluded x WHERE x.id = l.requirement_id)
   GROUP BY l.requirement_id
)`;

/**
 * From `reach (target_id, level, passes, strength)`, one row per path from a source: each target's best contribution.
 * The level and the weight are maxima taken separately, which is the engine's "best": a FULL target's weight is
 * never read, and a PARTIAL target's contributions are all partial, so its weight is the largest partial weight.
 */
const BEST = `best AS (
  SELECT r.target_id AS id,
         max(CASE WHEN r.passes THEN r.level ELSE 1 END) AS level,
         max(CASE WHEN r.passes THEN (CASE r.level WHEN 2 THEN 1 ELSE 0.5 END)::float8
                  ELSE (r.strength::float8 / 10) * (CASE r.level WHEN 2 THEN 1 ELSE 0.5 END)::float8 END) AS weight
    FROM reach r
   GROUP BY r.target_id
)`;

/** One framework's assessable requirements ($2: the framework), for the one-framework statements. */
const TARGET = `target AS (
  SELECT r.id FROM requirement r WHERE r.framework_id = $2 AND r.assessable
)`;

/** Each of those requirements' status, from `best` and `excluded`. */
const TARGET_STATUS = `status AS (
  SELECT x.id IS NOT NULL AS is_excluded, b.level, b.weight
    FROM target t
    LEFT JOIN best b ON b.id = t.id
    LEFT JOIN excluded x ON x.id = t.id
)`;

/** The counts and score of DESIGN 4 from `status (is_excluded, level, weight)`, grouped by `groupBy` when given. */
function counts(groupBy?: string): string {
  const key = groupBy ? `${groupBy} AS "frameworkId", ` : '';
  return `SELECT c.*, c.full + c.partial + c.none AS "applicable",
       CASE WHEN c.full + c.partial + c.none = 0 THEN 0::float8
            ELSE (c.full + c."partialWeight") / (c.full + c.partial + c.none) END AS "score"
  FROM (SELECT ${key}count(*) FILTER (WHERE NOT is_excluded AND level = 2)::int AS "full",
               count(*) FILTER (WHERE NOT is_excluded AND level = 1)::int AS "partial",
               count(*) FILTER (WHERE NOT is_excluded AND level IS NULL)::int AS "none",
               count(*) FILTER (WHERE is_excluded)::int AS "excluded",
               coalesce(sum(weight) FILTER (WHERE NOT is_excluded AND level = 1), 0)::float8 AS "partialWeight"
          FROM status${groupBy ? ` GROUP BY ${groupBy}` : ''}) c`;
}

/**
 * One framework ($2) at maxHops 1. It starts from the framework's requirements and walks out to their neighbours, so
 * PostgreSQL reads only what can matter for that framework (the indexes on both edge ends and on the organization's
 * links serve it).
 */
export const SQL_FRAMEWORK_COVERAGE = `
WITH ${TARGET},
${EXCLUDED},
near AS (
  SELECT t.id AS target_id, t.id AS source_id, TRUE AS passes, 10 AS strength FROM target t
  UNION ALL
  SELECT e.target_requirement_id, e.source_requirement_id, e.relationship IN ('EQUAL', 'SUPERSET_OF'), e.strength
    FROM crosswalk_edge e JOIN target t ON t.id = e.target_requirement_id
   WHERE e.relationship <> 'NOT_RELATED'
  UNION ALL
  SELECT e.source_requirement_id, e.target_requirement_id, e.relationship IN ('EQUAL', 'SUBSET_OF'), e.strength
    FROM crosswalk_edge e JOIN target t ON t.id = e.source_requirement_id
   WHERE e.relationship <> 'NOT_RELATED'
),
${SOURCES.replace('GROUP BY', 'AND l.requirement_id IN (SELECT source_id FROM near)\n   GROUP BY')},
reach AS (
  SELECT n.target_id, s.level, n.passes, n.strength FROM near n JOIN source s ON s.id = n.source_id
),
${BEST},
${TARGET_STATUS}
${counts()}`;

/**
 * Every framework at maxHops 1 in one statement: from the organization's sources out along every edge, then every
 * assessable requirement's status, grouped by framework. One row per framework that has assessable requirements.
 */
export const SQL_ALL_FRAMEWORKS_COVERAGE = `
WITH ${EXCLUDED},
${SOURCES},
reach AS (
  SELECT s.id AS target_id, s.level, TRUE AS passes, 10 AS strength FROM source s
  UNION ALL
  SELECT e.target_requirement_id, s.level, e.relationship IN ('EQUAL', 'SUPERSET_OF'), e.strength
    FROM source s JOIN crosswalk_edge e ON e.source_requirement_id = s.id
   WHERE e.relationship <> 'NOT_RELATED'
  UNION ALL
  SELECT e.source_requirement_id, s.level, e.relationship IN ('EQUAL', 'SUBSET_OF'), e.strength
    FROM source s JOIN crosswalk_edge e ON e.target_requirement_id = s.id
   WHERE e.relationship <> 'NOT_RELATED'
),
${BEST},
status AS (
  SELECT r.framework_id, x.id IS NOT NULL AS is_excluded, b.level, b.weight
    FROM requirement r
    LEFT JOIN best b ON b.id = r.id
    LEFT JOIN excluded x ON x.id = r.id
   WHERE r.assessable
)
${counts('framework_id')}`;

/**
 * One framework ($2) at up to $3 hops, through a recursive CTE. `walk` goes backwards from the framework's
 * requirements: a row (target, node, rel, rationale, strength, hops) is a path node → … → target of `hops` edges whose
 * readings compose to `rel`, all with `rationale`, of minimum strength `strength`. A step prepends a half-edge
 * x → node, so the composition is compose(x → node, node → … → target): the path read along its direction.
 */
export const SQL_FRAMEWORK_COVERAGE_HOPS = `
WITH RECURSIVE ${TARGET},
${EXCLUDED},
${SOURCES},
half AS NOT MATERIALIZED (
  SELECT e.source_requirement_id AS tail, e.target_requirement_id AS head, e.relationship AS rel, e.rationale, e.strength
    FROM crosswalk_edge e WHERE e.relationship <> 'NOT_RELATED'
  UNION ALL
  SELECT e.target_requirement_id, e.source_requirement_id,
         CASE e.relationship WHEN 'SUBSET_OF' THEN 'SUPERSET_OF' WHEN 'SUPERSET_OF' THEN 'SUBSET_OF' ELSE e.relationship END,
         e.rationale, e.strength
    FROM crosswalk_edge e WHERE e.relationship <> 'NOT_RELATED'
),
compose (first, second, result) AS (VALUES
  ('EQUAL', 'EQUAL', 'EQUAL'), ('EQUAL', 'SUBSET_OF', 'SUBSET_OF'), ('EQUAL', 'SUPERSET_OF', 'SUPERSET_OF'),
  ('EQUAL', 'INTERSECTS_WITH', 'INTERSECTS_WITH'),
  ('SUBSET_OF', 'EQUAL', 'SUBSET_OF'), ('SUBSET_OF', 'SUBSET_OF', 'SUBSET_OF'),
  ('SUPERSET_OF', 'EQUAL', 'SUPERSET_OF'), ('SUPERSET_OF', 'SUPERSET_OF', 'SUPERSET_OF'),
  ('SUPERSET_OF', 'SUBSET_OF', 'INTERSECTS_WITH'), ('SUPERSET_OF', 'INTERSECTS_WITH', 'INTERSECTS_WITH'),
  ('INTERSECTS_WITH', 'EQUAL', 'INTERSECTS_WITH'), ('INTERSECTS_WITH', 'SUBSET_OF', 'INTERSECTS_WITH')
),
walk (target_id, node, rel, rationale, strength, hops) AS (
  SELECT t.id, h.tail, h.rel::text, h.rationale::text, h.strength, 1
    FROM target t JOIN half h ON h.head = t.id
  UNION ALL
  SELECT w.target_id, h.tail, c.result, w.rationale, least(w.strength, h.strength), w.hops + 1
    FROM walk w
    JOIN half h ON h.head = w.node AND h.rationale = w.rationale
    JOIN compose c ON c.first = h.rel AND c.second = w.rel
   WHERE w.hops < $3
),
reach AS (
  SELECT t.id AS target_id, s.level, TRUE AS passes, 10 AS strength FROM target t JOIN source s ON s.id = t.id
  UNION ALL
  SELECT w.target_id, s.level, w.rel IN ('EQUAL', 'SUPERSET_OF'), w.strength FROM walk w JOIN source s ON s.id = w.node
),
${BEST},
${TARGET_STATUS}
${counts()}`;

/** The engine's own result shape, so the two are compared field by field. */
export type SqlCoverage = FrameworkCoverage;

export async function sqlFrameworkCoverage(query: Query, organizationId: string, frameworkId: string): Promise<SqlCoverage> {
  const [row] = await query<SqlCoverage>(SQL_FRAMEWORK_COVERAGE, [organizationId, frameworkId]);
  return row;
}

/** Every framework's coverage, by framework id; a framework without assessable requirements has no row. */
export async function sqlAllFrameworksCoverage(query: Query, organizationId: string): Promise<Map<string, SqlCoverage>> {
  const rows = await query<SqlCoverage & { frameworkId: string }>(SQL_ALL_FRAMEWORKS_COVERAGE, [organizationId]);
  return new Map(rows.map(({ frameworkId, ...coverage }) => [frameworkId, coverage]));
}

export async function sqlFrameworkCoverageHops(query: Query, organizationId: string, frameworkId: string, maxHops: number): Promise<SqlCoverage> {
  const [row] = await query<SqlCoverage>(SQL_FRAMEWORK_COVERAGE_HOPS, [organizationId, frameworkId, maxHops]);
  return row;
}
