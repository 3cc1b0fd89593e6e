/**
 * The baseline: one framework's coverage for one organization in a single plain SQL statement over the same tables
 * (joins and aggregates, no engine, no precomputation), with the engine's rules at maxHops = 1:
 *   - direct status: only IMPLEMENTED controls count; a FULL link makes a requirement FULL, else a PARTIAL link makes
 *     it PARTIAL with weight 0.5 (status-code.ts);
 *   - sources are the directly satisfied requirements that are not excluded;
 *   - one crosswalk edge, read in either direction (the reverse reading has the inverse relationship): EQUAL and
 *     SUPERSET_OF (as read from the source) pass the source's status on; SUBSET_OF and INTERSECTS_WITH give PARTIAL
 *     with weight strength/10 × the source's weight; NOT_RELATED gives nothing;
 *   - a requirement takes its best contribution (FULL beats PARTIAL, else the largest weight), never a sum;
 *   - only assessable requirements count, and excluded ones leave the denominator.
 * It starts from the framework's requirements and walks out to their neighbours, so PostgreSQL reads only what can
 * matter for that framework (the indexes on both edge ends and on the organization's links serve it).
 */
import type { Query } from '../src/coverage/coverage.repository';
import type { FrameworkCoverage } from '../src/graph/framework-coverage';

export const SQL_FRAMEWORK_COVERAGE = `
WITH target AS (
  SELECT r.id FROM requirement r WHERE r.framework_id = $2 AND r.assessable
),
excluded AS (
  SELECT a.requirement_id AS id FROM applicability a WHERE a.organization_id = $1 AND NOT a.applicable
),
reach AS (
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
source AS (
  SELECT l.requirement_id AS id, max(CASE l.coverage WHEN 'FULL' THEN 2 ELSE 1 END) AS level
    FROM control_link l
    JOIN control c ON c.organization_id = l.organization_id AND c.id = l.control_id
   WHERE l.organization_id = $1
     AND c.status = 'IMPLEMENTED'
     AND l.requirement_id IN (SELECT source_id FROM reach)
     AND NOT EXISTS (SELECT 1 FROM excluded x WHERE x.id = l.requirement_id)
   GROUP BY l.requirement_id
),
best AS (
  SELECT r.target_id AS id,
         max(CASE WHEN r.passes THEN s.level ELSE 1 END) AS level,
         max(CASE WHEN r.passes THEN (CASE s.level WHEN 2 THEN 1 ELSE 0.5 END)::float8
                  ELSE (r.strength::float8 / 10) * (CASE s.level WHEN 2 THEN 1 ELSE 0.5 END)::float8 END) AS weight
    FROM reach r JOIN source s ON s.id = r.source_id
   GROUP BY r.target_id
),
status AS (
  SELECT x.id IS NOT NULL AS is_excluded, b.level, b.weight
    FROM target t
    LEFT JOIN best b ON b.id = t.id
    LEFT JOIN excluded x ON x.id = t.id
)
SELECT c.*, c.full + c.partial + c.none AS "applicable",
       CASE WHEN c.full + c.partial + c.none = 0 THEN 0::float8
            ELSE (c.full + c."partialWeight") / (c.full + c.partial + c.none) END AS "score"
  FROM (SELECT count(*) FILTER (WHERE NOT is_excluded AND level = 2)::int AS "full",
               count(*) FILTER (WHERE NOT is_excluded AND level = 1)::int AS "partial",
               count(*) FILTER (WHERE NOT is_excluded AND level IS NULL)::int AS "none",
               count(*) FILTER (WHERE is_excluded)::int AS "excluded",
               coalesce(sum(weight) FILTER (WHERE NOT is_excluded AND level = 1), 0)::float8 AS "partialWeight"
          FROM status) c`;

/** The engine's own result shape, so the two are compared field by field. */
export type SqlCoverage = FrameworkCoverage;

export async function sqlFrameworkCoverage(query: Query, organizationId: string, frameworkId: string): Promise<SqlCoverage> {
  const [row] = await query<SqlCoverage>(SQL_FRAMEWORK_COVERAGE, [organizationId, frameworkId]);
  return row;
}
