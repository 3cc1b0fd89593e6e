import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 9: crosswalk edges carry their evidence and an optional condition, and organizations declare their
 * management systems.
 * - crosswalk_edge.evidence: the contained requirement's demands, each matched to where the container makes it
 *   (containment edges only; `[]` otherwise). crosswalk_edge.condition: SAME_MANAGEMENT_SYSTEM, on containment only.
 * - management_system and management_system_framework: which standards one management system of an organization
 *   covers. The primary key (organization, framework) makes a standard belong to at most one system. Both are
 *   tenant tables: row-level security as in TenantIsolation, and the crosswalk_app role may read and write them.
 */
export class ManagementSystems1795897000000 implements MigrationInterface {
  name = 'ManagementSystems1795897000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "management_system" ("organization_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_management_system_name" UNIQUE ("organization_id", "name"), CONSTRAINT "chk_management_system_name" CHECK (length(btrim("name")) BETWEEN 1 AND 200), CONSTRAINT "PK_530da3c09ddfbf614fb17bf31c3" PRIMARY KEY ("organization_id", "id"))`);
    await queryRunner.query(`CREATE TABLE "management_system_framework" ("organization_id" uuid NOT NULL, "framework_id" uuid NOT NULL, "management_system_id" uuid NOT NULL, CONSTRAINT "PK_a620dd1f52436085d8cdb76df25" PRIMARY KEY ("organization_id", "framework_id"))`);
    await queryRunner.query(`CREATE INDEX "ix_management_system_framework_system" ON "management_system_framework"  ("organization_id", "management_system_id") `);
    await queryRunner.query(`ALTER TABLE "crosswalk_edge" ADD "evidence" jsonb NOT NULL DEFAULT '[]'`);
    await queryRunner.query(`ALTER TABLE "crosswalk_edge" ADD "condition" character varying(40)`);
    await queryRunner.query(`ALTER TABLE "crosswalk_edge" ADD CONSTRAINT "chk_crosswalk_edge_evidence" CHECK (jsonb_typeof("evidence") = 'array' AND ("relationship" IN ('EQUAL', 'SUBSET_OF', 'SUPERSET_OF') OR "evidence" = '[]'::jsonb))`);
    await queryRunner.query(`ALTER TABLE "crosswalk_edge" ADD CONSTRAINT "chk_crosswalk_edge_condition" CHECK ("condition" IS NULL OR ("condition" IN ('SAME_MANAGEMENT_SYSTEM') AND "relationship" IN ('EQUAL', 'SUBSET_OF', 'SUPERSET_OF')))`);
    await queryRunner.query(`ALTER TABLE "management_system" ADD CONSTRAINT "fk_management_system_organization" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "management_system_framework" ADD CONSTRAINT "FK_4f76ed35058e220fcaa45e72f3e" FOREIGN KEY ("organization_id", "management_system_id") REFERENCES "management_system"("organization_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "management_system_framework" ADD CONSTRAINT "fk_management_system_framework_framework" FOREIGN KEY ("framework_id") REFERENCES "framework"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    const org = `NULLIF(current_setting('crosswalk.organization_id', true), '')::uuid`;
    for (const table of ['management_system', 'management_system_framework']) {
      await queryRunner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON "${table}" TO crosswalk_app`);
      await queryRunner.query(`ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`);
      await queryRunner.query(`CREATE POLICY tenant_isolation ON "${table}" USING (organization_id = ${org}) WITH CHECK (organization_id = ${org})`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['management_system_framework', 'management_system']) {
      await queryRunner.query(`DROP POLICY tenant_isolation ON "${table}"`);
      await queryRunner.query(`REVOKE ALL ON "${table}" FROM crosswalk_app`);
    }
    await queryRunner.query(`ALTER TABLE "management_system_framework" DROP CONSTRAINT "fk_management_system_framework_framework"`);
    await queryRunner.query(`ALTER TABLE "management_system_framework" DROP CONSTRAINT "FK_4f76ed35058e220fcaa45e72f3e"`);
    await queryRunner.query(`ALTER TABLE "management_system" DROP CONSTRAINT "fk_management_system_organization"`);
    await queryRunner.query(`ALTER TABLE "crosswalk_edge" DROP CONSTRAINT "chk_crosswalk_edge_condition"`);
    await queryRunner.query(`ALTER TABLE "crosswalk_edge" DROP CONSTRAINT "chk_crosswalk_edge_evidence"`);
    await queryRunner.query(`ALTER TABLE "crosswalk_edge" DROP COLUMN "condition"`);
    await queryRunner.query(`ALTER TABLE "crosswalk_edge" DROP COLUMN "evidence"`);
    await queryRunner.query(`DROP INDEX "public"."ix_management_system_framework_system"`);
    await queryRunner.query(`DROP TABLE "management_system_framework"`);
    await queryRunner.query(`DROP TABLE "management_system"`);
  }
}
