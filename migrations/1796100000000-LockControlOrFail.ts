import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * crosswalk_lock_control(organization, control): locks the control's row until the transaction ends, or raises
 * SQLSTATE CW404 when the organization has no such control. A write sent in one round trip (TenantDb.writePipelined)
 * has its COMMIT on the wire already, so "lock it or fail" must be decided by the server: the failure aborts the
 * transaction, the COMMIT after it never runs, and nothing was written. It runs as its caller (SECURITY INVOKER, the
 * default), so inside a tenant transaction row-level security decides what "such a control" is: another
 * organization's control is missing just like one that never existed.
 *
 * It is a statement of its own, before the one that reads what the lock protects: under READ COMMITTED that statement
 * takes its snapshot after the lock is granted, so it sees every change committed by the lock's previous holder.
 */
export class LockControlOrFail1796100000000 implements MigrationInterface {
  name = 'LockControlOrFail1796100000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE FUNCTION crosswalk_lock_control(p_organization_id uuid, p_control_id uuid) RETURNS void
      LANGUAGE plpgsql VOLATILE AS $$
      BEGIN
        PERFORM 1 FROM control WHERE organization_id = p_organization_id AND id = p_control_id FOR UPDATE;
        IF NOT FOUND THEN
          RAISE EXCEPTION 'no control % in organization %', p_control_id, p_organization_id USING ERRCODE = 'CW404';
        END IF;
      END $$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION crosswalk_lock_control(uuid, uuid)`);
  }
}
