import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 13: the control inventory import records one audit event per control and per link it writes, all under one
 * import id, so the trail can be read back an import at a time (auditEvents(filter: { importId })). A plain nullable
 * column (events of every other write leave it NULL) with an index for that read (declared on the entity too, so
 * entities and migrations agree). audit_event keeps its
 * append-only triggers and its row-level security (TenantIsolation); adding a column touches neither.
 */
export class AuditImportId1796200000000 implements MigrationInterface {
  name = 'AuditImportId1796200000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "audit_event" ADD "import_id" uuid`);
    await queryRunner.query(`CREATE INDEX "ix_audit_event_import" ON "audit_event" ("organization_id", "import_id") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_audit_event_import"`);
    await queryRunner.query(`ALTER TABLE "audit_event" DROP COLUMN "import_id"`);
  }
}
