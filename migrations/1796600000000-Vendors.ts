import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14, part 3: an organization's vendors (suppliers) and their answers to a vendor questionnaire.
 * - vendor: a supplier by name, unique within the organization, with an optional contact.
 * - vendor_answer: one answer per question of the questionnaire the vendor last answered, keyed by the question's
 *   stable key (CODE/refId of its anchor). `frameworks` are the questionnaire's frameworks as CODE:VERSION, so the
 *   questionnaire can be made again to read the answers as controls (src/vendors/vendor-controls.ts).
 * Both are tenant tables: organization_id first in every key, row-level security as in TenantIsolation, and the
 * crosswalk_app role may read and write them. They are not part of the tenant state the coverage engine keeps
 * (TenantChangeNotify): vendor coverage is computed from them on each request.
 */
export class Vendors1796600000000 implements MigrationInterface {
  name = 'Vendors1796600000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "vendor" ("organization_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "contact" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_vendor_name" UNIQUE ("organization_id", "name"), CONSTRAINT "chk_vendor_name" CHECK (length(btrim("name")) BETWEEN 1 AND 200), CONSTRAINT "chk_vendor_contact" CHECK ("contact" IS NULL OR length("contact") <= 500), CONSTRAINT "pk_vendor" PRIMARY KEY ("organization_id", "id"))`);
    await q.query(`CREATE TABLE "vendor_answer" ("organization_id" uuid NOT NULL, "vendor_id" uuid NOT NULL, "question_key" character varying(200) NOT NULL, "frameworks" text NOT NULL, "answer" character varying(20) NOT NULL, "evidence" text, "answered_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "import_id" uuid, CONSTRAINT "chk_vendor_answer_answer" CHECK ("answer" IN ('YES', 'PARTIAL', 'NO', 'NOT_APPLICABLE')), CONSTRAINT "pk_vendor_answer" PRIMARY KEY ("organization_id", "vendor_id", "question_key"))`);
    await q.query(`ALTER TABLE "vendor" ADD CONSTRAINT "fk_vendor_organization" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "vendor_answer" ADD CONSTRAINT "fk_vendor_answer_vendor" FOREIGN KEY ("organization_id", "vendor_id") REFERENCES "vendor"("organization_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    const org = `NULLIF(current_setting('crosswalk.organization_id', true), '')::uuid`;
    for (const table of ['vendor', 'vendor_answer']) {
      await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON "${table}" TO crosswalk_app`);
      await q.query(`ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`);
      await q.query(`CREATE POLICY tenant_isolation ON "${table}" USING (organization_id = ${org}) WITH CHECK (organization_id = ${org})`);
    }
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const table of ['vendor_answer', 'vendor']) {
      await q.query(`DROP POLICY tenant_isolation ON "${table}"`);
      await q.query(`REVOKE ALL ON "${table}" FROM crosswalk_app`);
    }
    await q.query(`ALTER TABLE "vendor_answer" DROP CONSTRAINT "fk_vendor_answer_vendor"`);
    await q.query(`ALTER TABLE "vendor" DROP CONSTRAINT "fk_vendor_organization"`);
    await q.query(`DROP TABLE "vendor_answer"`);
    await q.query(`DROP TABLE "vendor"`);
  }
}
