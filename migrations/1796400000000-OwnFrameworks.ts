import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 12: an organization's own frameworks, requirements, mapping sets and crosswalk edges live in the catalog
 * tables beside the public ones, told apart by `organization_id` (NULL: the public catalog).
 *
 * - Uniqueness is per owner: public codes and keys are unique among public rows, own ones within their organization
 *   (partial unique indexes). That an own code may not shadow a public one is the service's rule (it must also name
 *   the clash), not an index's.
 * - Row-level security: crosswalk_app (the role tenant requests run as) reads public rows and its organization's own,
 *   and writes only its own. A row it writes must name parents it can see: an own requirement its own framework, an
 *   own mapping set frameworks that are public or its own, an own edge its own mapping set and requirements that are
 *   public or its own. So nothing it writes can point into another organization. The owning role (migrations, the
 *   catalog loader, the in-memory catalog snapshot) is not subject to RLS and reads public rows with
 *   `organization_id IS NULL`.
 * - organization.own_catalog_version grows with every change to the organization's own catalog, made in the same
 *   transaction (src/own-catalog/own-catalog.writes.ts). The tenant read takes it, so a service rebuilds the
 *   organization's overlay only when it moved; its update notifies crosswalk_tenant like any tenant write, so every
 *   replica drops the organization's kept state.
 * - OSCAL detail kept for round trips: a requirement's OSCAL id, guidance, assessment objectives and withdrawn flag;
 *   an edge's equivalent-to (stored as EQUAL), target coverage, confidence score and map uuid; a mapping set's OSCAL
 *   provenance extras.
 */
const ORG = `NULLIF(current_setting('crosswalk.organization_id', true), '')::uuid`;
const OWN_TABLES = ['framework', 'requirement', 'mapping_set', 'crosswalk_edge'];

/** What a written row must point at, beyond being the organization's own. */
const PARENTS: Record<string, string> = {
  framework: 'true',
  requirement: `EXISTS (SELECT 1 FROM framework f WHERE f.id = framework_id AND f.organization_id = ${ORG})`,
  mapping_set:
    `EXISTS (SELECT 1 FROM framework f WHERE f.id = source_framework_id AND (f.organization_id IS NULL OR f.organization_id = ${ORG}))` +
    ` AND EXISTS (SELECT 1 FROM framework f WHERE f.id = target_framework_id AND (f.organization_id IS NULL OR f.organization_id = ${ORG}))`,
  crosswalk_edge:
    `EXISTS (SELECT 1 FROM mapping_set m WHERE m.id = mapping_set_id AND m.organization_id = ${ORG})` +
    ` AND EXISTS (SELECT 1 FROM requirement r WHERE r.id = source_requirement_id AND (r.organization_id IS NULL OR r.organization_id = ${ORG}))` +
    ` AND EXISTS (SELECT 1 FROM requirement r WHERE r.id = target_requirement_id AND (r.organization_id IS NULL OR r.organization_id = ${ORG}))`,
};

export class OwnFrameworks1796400000000 implements MigrationInterface {
  name = 'OwnFrameworks1796400000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "organization" ADD "own_catalog_version" integer NOT NULL DEFAULT 0`);

    for (const table of OWN_TABLES) {
      await q.query(`ALTER TABLE "${table}" ADD "organization_id" uuid`);
      await q.query(`CREATE INDEX "ix_${table}_organization" ON "${table}" ("organization_id") WHERE "organization_id" IS NOT NULL`);
    }
    await q.query(`ALTER TABLE "framework" ADD CONSTRAINT "fk_framework_organization" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "mapping_set" ADD CONSTRAINT "fk_mapping_set_organization" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);

    await q.query(`ALTER TABLE "framework" DROP CONSTRAINT "uq_framework_code_version"`);
    await q.query(`CREATE UNIQUE INDEX "uq_framework_public_code_version" ON "framework" ("code", "version") WHERE "organization_id" IS NULL`);
    await q.query(`CREATE UNIQUE INDEX "uq_framework_own_code_version" ON "framework" ("organization_id", "code", "version") WHERE "organization_id" IS NOT NULL`);
    await q.query(`ALTER TABLE "mapping_set" DROP CONSTRAINT "uq_mapping_set_key"`);
    await q.query(`CREATE UNIQUE INDEX "uq_mapping_set_public_key" ON "mapping_set" ("key") WHERE "organization_id" IS NULL`);
    await q.query(`CREATE UNIQUE INDEX "uq_mapping_set_own_key" ON "mapping_set" ("organization_id", "key") WHERE "organization_id" IS NOT NULL`);

    await q.query(`ALTER TABLE "requirement" ADD "oscal_id" character varying(200)`);
    await q.query(`ALTER TABLE "requirement" ADD "guidance" text`);
    await q.query(`ALTER TABLE "requirement" ADD "objectives" text`);
    await q.query(`ALTER TABLE "requirement" ADD "withdrawn" boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE "requirement" ADD CONSTRAINT "chk_requirement_withdrawn_not_assessable" CHECK (NOT "withdrawn" OR NOT "assessable")`);

    await q.query(`ALTER TABLE "crosswalk_edge" ADD "equivalent" boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE "crosswalk_edge" ADD "coverage" double precision`);
    await q.query(`ALTER TABLE "crosswalk_edge" ADD "confidence_score" jsonb`);
    await q.query(`ALTER TABLE "crosswalk_edge" ADD "oscal_uuid" uuid`);
    await q.query(`ALTER TABLE "crosswalk_edge" ADD CONSTRAINT "chk_crosswalk_edge_equivalent" CHECK (NOT "equivalent" OR "relationship" = 'EQUAL')`);
    await q.query(`ALTER TABLE "crosswalk_edge" ADD CONSTRAINT "chk_crosswalk_edge_coverage" CHECK ("coverage" IS NULL OR "coverage" BETWEEN 0 AND 1)`);
    await q.query(`ALTER TABLE "mapping_set" ADD "oscal" jsonb`);

    await q.query(`GRANT INSERT, UPDATE, DELETE ON ${OWN_TABLES.join(', ')} TO crosswalk_app`);
    await q.query(`GRANT UPDATE ("own_catalog_version") ON "organization" TO crosswalk_app`);
    for (const table of OWN_TABLES) {
      await q.query(`ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`);
      await q.query(`CREATE POLICY public_or_own_read ON "${table}" FOR SELECT USING ("organization_id" IS NULL OR "organization_id" = ${ORG})`);
      await q.query(`CREATE POLICY own_insert ON "${table}" FOR INSERT WITH CHECK ("organization_id" = ${ORG} AND ${PARENTS[table]})`);
      await q.query(`CREATE POLICY own_update ON "${table}" FOR UPDATE USING ("organization_id" = ${ORG}) WITH CHECK ("organization_id" = ${ORG} AND ${PARENTS[table]})`);
      await q.query(`CREATE POLICY own_delete ON "${table}" FOR DELETE USING ("organization_id" = ${ORG})`);
    }

    await q.query(`CREATE FUNCTION crosswalk_notify_own_catalog_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('crosswalk_tenant', NEW.id::text);
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER organization_own_catalog_notify AFTER UPDATE OF own_catalog_version ON "organization"
      FOR EACH ROW EXECUTE FUNCTION crosswalk_notify_own_catalog_change()`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER organization_own_catalog_notify ON "organization"`);
    await q.query(`DROP FUNCTION crosswalk_notify_own_catalog_change()`);
    // The own rows go first: the public uniqueness and the tables without RLS must not see them.
    await q.query(`DELETE FROM "crosswalk_edge" WHERE "organization_id" IS NOT NULL`);
    await q.query(`DELETE FROM "mapping_set" WHERE "organization_id" IS NOT NULL`);
    await q.query(`DELETE FROM "control_link" WHERE "requirement_id" IN (SELECT "id" FROM "requirement" WHERE "organization_id" IS NOT NULL)`);
    await q.query(`DELETE FROM "applicability" WHERE "requirement_id" IN (SELECT "id" FROM "requirement" WHERE "organization_id" IS NOT NULL)`);
    await q.query(`DELETE FROM "scope" WHERE "framework_id" IN (SELECT "id" FROM "framework" WHERE "organization_id" IS NOT NULL)`);
    await q.query(`DELETE FROM "framework" WHERE "organization_id" IS NOT NULL`);
    for (const table of OWN_TABLES) {
      for (const policy of ['public_or_own_read', 'own_insert', 'own_update', 'own_delete']) await q.query(`DROP POLICY ${policy} ON "${table}"`);
      await q.query(`ALTER TABLE "${table}" DISABLE ROW LEVEL SECURITY`);
    }
    await q.query(`REVOKE UPDATE ("own_catalog_version") ON "organization" FROM crosswalk_app`);
    await q.query(`REVOKE INSERT, UPDATE, DELETE ON ${OWN_TABLES.join(', ')} FROM crosswalk_app`);
    await q.query(`ALTER TABLE "mapping_set" DROP COLUMN "oscal"`);
    await q.query(`ALTER TABLE "crosswalk_edge" DROP CONSTRAINT "chk_crosswalk_edge_coverage"`);
    await q.query(`ALTER TABLE "crosswalk_edge" DROP CONSTRAINT "chk_crosswalk_edge_equivalent"`);
    for (const column of ['oscal_uuid', 'confidence_score', 'coverage', 'equivalent']) await q.query(`ALTER TABLE "crosswalk_edge" DROP COLUMN "${column}"`);
    await q.query(`ALTER TABLE "requirement" DROP CONSTRAINT "chk_requirement_withdrawn_not_assessable"`);
    for (const column of ['withdrawn', 'objectives', 'guidance', 'oscal_id']) await q.query(`ALTER TABLE "requirement" DROP COLUMN "${column}"`);
    await q.query(`DROP INDEX "uq_mapping_set_own_key"`);
    await q.query(`DROP INDEX "uq_mapping_set_public_key"`);
    await q.query(`ALTER TABLE "mapping_set" ADD CONSTRAINT "uq_mapping_set_key" UNIQUE ("key")`);
    await q.query(`DROP INDEX "uq_framework_own_code_version"`);
    await q.query(`DROP INDEX "uq_framework_public_code_version"`);
    await q.query(`ALTER TABLE "framework" ADD CONSTRAINT "uq_framework_code_version" UNIQUE ("code", "version")`);
    await q.query(`ALTER TABLE "mapping_set" DROP CONSTRAINT "fk_mapping_set_organization"`);
    await q.query(`ALTER TABLE "framework" DROP CONSTRAINT "fk_framework_organization"`);
    for (const table of OWN_TABLES) {
      await q.query(`DROP INDEX "ix_${table}_organization"`);
      await q.query(`ALTER TABLE "${table}" DROP COLUMN "organization_id"`);
    }
    await q.query(`ALTER TABLE "organization" DROP COLUMN "own_catalog_version"`);
  }
}
