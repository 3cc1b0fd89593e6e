import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * crosswalk_refresh_control_links (migration TenantReadSeqs) finds its controls by `id = ANY(ids)` instead of a join
 * with unnest(orgs, ids). The join let the planner put the organization's controls (read through the primary key's
 * organization_id, estimated at one row for an organization new since the last ANALYZE) on the outside of a nested
 * loop that rescanned the unnested arrays for each of them: quadratic in the controls one statement touches. A control
 * import of 2,000 controls spent 3.4 of its 4.4 s there once autovacuum had analyzed the tables (bench:import). With
 * the arrays as index conditions on the primary key, PostgreSQL looks each control up once, whatever the statistics.
 *
 * `organization_id = ANY(o)` (the distinct organizations: a statement's rows are nearly always one organization's,
 * passed once per control) keeps the organization in the key; since ids are UUIDs, a control matches only its own
 * (organization, id) pair in practice, and an extra match would only refresh (and lock) one more control's list, which
 * is recomputed from its own links either way. Same lists, same locks in the same order.
 */
export class RefreshControlLinksByIds1796300000000 implements MigrationInterface {
  name = 'RefreshControlLinksByIds1796300000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE OR REPLACE FUNCTION crosswalk_refresh_control_links(orgs uuid[], ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        o uuid[] := ARRAY(SELECT DISTINCT unnest(orgs));
      BEGIN
        PERFORM 1 FROM control c WHERE c.organization_id = ANY(o) AND c.id = ANY(ids)
          ORDER BY c.organization_id, c.id FOR UPDATE OF c;
        UPDATE control c SET links = coalesce(
            (SELECT string_agg((r.seq::int8 * 2 + (l.coverage = 'FULL')::int)::text, ',')
               FROM control_link l JOIN requirement r ON r.id = l.requirement_id
              WHERE l.organization_id = c.organization_id AND l.control_id = c.id), '')
         WHERE c.organization_id = ANY(o) AND c.id = ANY(ids);
      END $$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE OR REPLACE FUNCTION crosswalk_refresh_control_links(orgs uuid[], ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM 1 FROM control c JOIN unnest(orgs, ids) AS k(organization_id, id) ON c.organization_id = k.organization_id AND c.id = k.id
          ORDER BY c.organization_id, c.id FOR UPDATE OF c;
        UPDATE control c SET links = coalesce(
            (SELECT string_agg((r.seq::int8 * 2 + (l.coverage = 'FULL')::int)::text, ',')
               FROM control_link l JOIN requirement r ON r.id = l.requirement_id
              WHERE l.organization_id = c.organization_id AND l.control_id = c.id), '')
          FROM unnest(orgs, ids) AS k(organization_id, id)
         WHERE c.organization_id = k.organization_id AND c.id = k.id;
      END $$`);
  }
}
