import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14, AI roles (ISO/IEC 22989 stakeholder roles).
 * - requirement.ai_roles / role_note: the roles a shipped requirement concerns and why (mappings/README.md); null
 *   means every role. Catalog columns, read into the snapshot.
 * - ai_role_declaration: the roles an organization declares, one row per organization; ai_system: its AI systems,
 *   each with the roles it holds for that system. Tenant tables: organization_id leads every key (Citus-ready),
 *   row-level security as in TenantIsolation, and crosswalk_app may read and write them. Neither feeds the cached
 *   tenant state (roleApplicability reads them directly), so no change-notify trigger is needed.
 */
export class AiRoles1796500000000 implements MigrationInterface {
  name = 'AiRoles1796500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "ai_role_declaration" ("organization_id" uuid NOT NULL, "roles" text array NOT NULL, "set_by_key_id" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_58f743a196062ef2bc09b5a6261" PRIMARY KEY ("organization_id"))`);
    await queryRunner.query(`CREATE TABLE "ai_system" ("organization_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "roles" text array NOT NULL, "description" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_ai_system_name" UNIQUE ("organization_id", "name"), CONSTRAINT "chk_ai_system_name" CHECK (length(btrim("name")) BETWEEN 1 AND 200), CONSTRAINT "PK_196c72241a48a9a5045de4d45e1" PRIMARY KEY ("organization_id", "id"))`);
    await queryRunner.query(`ALTER TABLE "requirement" ADD "ai_roles" text array`);
    await queryRunner.query(`ALTER TABLE "requirement" ADD "role_note" text`);
    await queryRunner.query(`ALTER TABLE "ai_role_declaration" ADD CONSTRAINT "fk_ai_role_declaration_organization" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "ai_system" ADD CONSTRAINT "fk_ai_system_organization" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    const org = `NULLIF(current_setting('crosswalk.organization_id', true), '')::uuid`;
    for (const table of ['ai_role_declaration', 'ai_system']) {
      await queryRunner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON "${table}" TO crosswalk_app`);
      await queryRunner.query(`ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`);
      await queryRunner.query(`CREATE POLICY tenant_isolation ON "${table}" USING (organization_id = ${org}) WITH CHECK (organization_id = ${org})`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['ai_system', 'ai_role_declaration']) {
      await queryRunner.query(`DROP POLICY tenant_isolation ON "${table}"`);
      await queryRunner.query(`REVOKE ALL ON "${table}" FROM crosswalk_app`);
    }
    await queryRunner.query(`ALTER TABLE "ai_system" DROP CONSTRAINT "fk_ai_system_organization"`);
    await queryRunner.query(`ALTER TABLE "ai_role_declaration" DROP CONSTRAINT "fk_ai_role_declaration_organization"`);
    await queryRunner.query(`ALTER TABLE "requirement" DROP COLUMN "role_note"`);
    await queryRunner.query(`ALTER TABLE "requirement" DROP COLUMN "ai_roles"`);
    await queryRunner.query(`DROP TABLE "ai_system"`);
    await queryRunner.query(`DROP TABLE "ai_role_declaration"`);
  }
}
