import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every committed change to a row that the coverage engine's tenant read depends on notifies the channel
 * crosswalk_tenant with the row's organization id, whichever process made it (a replica, a script, a hand edit):
 * each service LISTENs and drops that organization's cached tenant state (src/tenant-state/). The tables are those
 * readTenantInput (src/coverage/coverage.repository.ts) reads: control (status), control_link, applicability, scope
 * and management_system_framework (a deleted management_system cascades to its rows, which notify too).
 *
 * PostgreSQL delivers a notification when its transaction commits, never on rollback, and sends identical payloads of
 * one transaction once, so a statement touching many rows of one organization notifies once.
 */
export const TENANT_STATE_TABLES = ['control', 'control_link', 'applicability', 'scope', 'management_system_framework'] as const;

export class TenantChangeNotify1795900000000 implements MigrationInterface {
  name = 'TenantChangeNotify1795900000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE FUNCTION crosswalk_notify_tenant_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          PERFORM pg_notify('crosswalk_tenant', OLD.organization_id::text);
        ELSE
          PERFORM pg_notify('crosswalk_tenant', NEW.organization_id::text);
          -- An update that moves a row to another organization changes both (RLS forbids it for the app; a hand edit may not).
          IF TG_OP = 'UPDATE' AND OLD.organization_id IS DISTINCT FROM NEW.organization_id THEN
            PERFORM pg_notify('crosswalk_tenant', OLD.organization_id::text);
          END IF;
        END IF;
        RETURN NULL;
      END $$`);
    for (const table of TENANT_STATE_TABLES) {
      await queryRunner.query(`CREATE TRIGGER ${table}_tenant_notify AFTER INSERT OR UPDATE OR DELETE ON "${table}"
        FOR EACH ROW EXECUTE FUNCTION crosswalk_notify_tenant_change()`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of TENANT_STATE_TABLES) await queryRunner.query(`DROP TRIGGER ${table}_tenant_notify ON "${table}"`);
    await queryRunner.query(`DROP FUNCTION crosswalk_notify_tenant_change()`);
  }
}
