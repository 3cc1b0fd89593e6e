import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Row-level security, the second layer of tenant isolation. Tenant requests run inside a transaction that switches
 * to the role crosswalk_app (which cannot bypass RLS) and sets crosswalk.organization_id; every tenant table's policy
 * keeps rows of that organization only, for reading and for writing. Migrations, the catalog loader and
 * `org:create` keep running as the owning role. Written by hand: TypeORM does not model roles or policies.
 */
const TENANT_TABLES = ['api_key', 'control', 'control_link', 'scope', 'applicability', 'audit_event'];
const CATALOG_TABLES = ['framework', 'requirement', 'mapping_set', 'crosswalk_edge', 'catalog_state'];
// Unset (NULL, or '' once a pooled connection has used it): no rows at all.
const ORG = `NULLIF(current_setting('crosswalk.organization_id', true), '')::uuid`;

export class TenantIsolation1795895500000 implements MigrationInterface {
  name = 'TenantIsolation1795895500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'crosswalk_app') THEN CREATE ROLE crosswalk_app NOLOGIN NOBYPASSRLS; END IF; END $$`);
    await queryRunner.query(`GRANT crosswalk_app TO CURRENT_USER`);
    await queryRunner.query(`GRANT USAGE ON SCHEMA public TO crosswalk_app`);
    await queryRunner.query(`GRANT SELECT ON ${CATALOG_TABLES.join(', ')} TO crosswalk_app`);
    await queryRunner.query(`GRANT SELECT ON organization TO crosswalk_app`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${TENANT_TABLES.join(', ')} TO crosswalk_app`);
    await queryRunner.query(`GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO crosswalk_app`);
    await queryRunner.query(`ALTER TABLE organization ENABLE ROW LEVEL SECURITY`);
    await queryRunner.query(`CREATE POLICY tenant_isolation ON organization USING (id = ${ORG})`);
    for (const table of TENANT_TABLES) {
      await queryRunner.query(`ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`);
      await queryRunner.query(`CREATE POLICY tenant_isolation ON "${table}" USING (organization_id = ${ORG}) WITH CHECK (organization_id = ${ORG})`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [...TENANT_TABLES, 'organization']) {
      await queryRunner.query(`DROP POLICY tenant_isolation ON "${table}"`);
      await queryRunner.query(`ALTER TABLE "${table}" DISABLE ROW LEVEL SECURITY`);
    }
    await queryRunner.query(`REVOKE ALL ON ${[...TENANT_TABLES, ...CATALOG_TABLES, 'organization'].join(', ')} FROM crosswalk_app`);
    await queryRunner.query(`REVOKE USAGE ON ALL SEQUENCES IN SCHEMA public FROM crosswalk_app`);
    await queryRunner.query(`REVOKE USAGE ON SCHEMA public FROM crosswalk_app`);
    // The role is cluster-wide and may serve other databases; it stays.
  }
}
