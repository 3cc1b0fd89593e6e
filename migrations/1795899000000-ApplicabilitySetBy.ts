import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 10: the Statement of Applicability says who set each line. applicability.set_by_key_id is the API key that
 * last set the row, named as audit events name their actor (null for rows no key set). Rows set before this
 * migration take the key of their latest setApplicability audit event. No foreign key, as for audit_event.api_key_id:
 * keys are revoked, not deleted, and the audit trail keeps the full history. The table keeps its row-level security
 * and grants (TenantIsolation); a new column needs neither again.
 */
export class ApplicabilitySetBy1795899000000 implements MigrationInterface {
  name = 'ApplicabilitySetBy1795899000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "applicability" ADD "set_by_key_id" uuid`);
    await queryRunner.query(`
      UPDATE "applicability" a SET "set_by_key_id" = e.api_key_id
        FROM (SELECT DISTINCT ON (organization_id, entity_id) organization_id, entity_id, api_key_id
                FROM "audit_event" WHERE entity_type = 'applicability' AND operation = 'setApplicability'
               ORDER BY organization_id, entity_id, sequence DESC) e
       WHERE e.organization_id = a.organization_id AND e.entity_id = a.requirement_id::text`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "applicability" DROP COLUMN "set_by_key_id"`);
  }
}
