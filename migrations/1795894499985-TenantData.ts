import { type MigrationInterface, type QueryRunner } from "typeorm";

export class TenantData1795894499985 implements MigrationInterface {
    name = 'TenantData1795894499985'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "audit_event" ("organization_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "sequence" BIGSERIAL NOT NULL, "api_key_id" uuid, "operation" character varying(40) NOT NULL, "entity_type" character varying(40) NOT NULL, "entity_id" text NOT NULL, "before" jsonb, "after" jsonb, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e35e3d957cb347be88662967c00" PRIMARY KEY ("organization_id", "id"))`);
        await queryRunner.query(`CREATE INDEX "ix_audit_event_time" ON "audit_event"  ("organization_id", "sequence") `);
        await queryRunner.query(`CREATE TABLE "organization" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_472c1f99a32def1b0abb219cd67" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "control" ("organization_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" character varying(64) NOT NULL, "title" text NOT NULL, "description" text, "owner" text, "status" character varying(20) NOT NULL, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_control_code" UNIQUE ("organization_id", "code"), CONSTRAINT "chk_control_version" CHECK ("version" >= 1), CONSTRAINT "chk_control_status" CHECK ("status" IN ('PLANNED', 'IN_PROGRESS', 'IMPLEMENTED', 'NOT_APPLICABLE')), CONSTRAINT "PK_aab46f7ed1d1a394ca806656bb8" PRIMARY KEY ("organization_id", "id"))`);
        await queryRunner.query(`CREATE TABLE "control_link" ("organization_id" uuid NOT NULL, "control_id" uuid NOT NULL, "requirement_id" uuid NOT NULL, "coverage" character varying(10) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chk_control_link_coverage" CHECK ("coverage" IN ('FULL', 'PARTIAL')), CONSTRAINT "PK_d789b8121df449d61b84696a742" PRIMARY KEY ("organization_id", "control_id", "requirement_id"))`);
        await queryRunner.query(`CREATE INDEX "ix_control_link_requirement" ON "control_link"  ("organization_id", "requirement_id") `);
        await queryRunner.query(`CREATE TABLE "api_key" ("organization_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "role" character varying(10) NOT NULL, "secret_hash" character(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "chk_api_key_role" CHECK ("role" IN ('ADMIN', 'EDITOR', 'AUDITOR')), CONSTRAINT "PK_d6198c8c0e4199284b281e39af6" PRIMARY KEY ("organization_id", "id"))`);
        await queryRunner.query(`CREATE TABLE "applicability" ("organization_id" uuid NOT NULL, "requirement_id" uuid NOT NULL, "applicable" boolean NOT NULL, "justification" text NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chk_applicability_justification" CHECK (length(btrim("justification")) > 0), CONSTRAINT "PK_e7c1a3e5563c71bcd19d726020c" PRIMARY KEY ("organization_id", "requirement_id"))`);
        await queryRunner.query(`CREATE TABLE "scope" ("organization_id" uuid NOT NULL, "framework_id" uuid NOT NULL, CONSTRAINT "PK_687ac8f89e4f9679002b9a35057" PRIMARY KEY ("organization_id", "framework_id"))`);
        await queryRunner.query(`ALTER TABLE "control" ADD CONSTRAINT "fk_control_organization" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "control_link" ADD CONSTRAINT "FK_21ffae2328d329dd760de117717" FOREIGN KEY ("organization_id", "control_id") REFERENCES "control"("organization_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "control_link" ADD CONSTRAINT "fk_control_link_requirement" FOREIGN KEY ("requirement_id") REFERENCES "requirement"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "api_key" ADD CONSTRAINT "fk_api_key_organization" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "applicability" ADD CONSTRAINT "fk_applicability_organization" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "applicability" ADD CONSTRAINT "fk_applicability_requirement" FOREIGN KEY ("requirement_id") REFERENCES "requirement"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "scope" ADD CONSTRAINT "fk_scope_organization" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "scope" ADD CONSTRAINT "fk_scope_framework" FOREIGN KEY ("framework_id") REFERENCES "framework"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        // The audit trail is append-only, enforced by the database itself: no UPDATE, no DELETE, no TRUNCATE.
        await queryRunner.query(`CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit_event is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege'; END $$`);
        await queryRunner.query(`CREATE TRIGGER audit_event_no_update_delete BEFORE UPDATE OR DELETE ON "audit_event" FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()`);
        await queryRunner.query(`CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON "audit_event" FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER audit_event_no_truncate ON "audit_event"`);
        await queryRunner.query(`DROP TRIGGER audit_event_no_update_delete ON "audit_event"`);
        await queryRunner.query(`DROP FUNCTION audit_event_append_only()`);
        await queryRunner.query(`ALTER TABLE "scope" DROP CONSTRAINT "fk_scope_framework"`);
        await queryRunner.query(`ALTER TABLE "scope" DROP CONSTRAINT "fk_scope_organization"`);
        await queryRunner.query(`ALTER TABLE "applicability" DROP CONSTRAINT "fk_applicability_requirement"`);
        await queryRunner.query(`ALTER TABLE "applicability" DROP CONSTRAINT "fk_applicability_organization"`);
        await queryRunner.query(`ALTER TABLE "api_key" DROP CONSTRAINT "fk_api_key_organization"`);
        await queryRunner.query(`ALTER TABLE "control_link" DROP CONSTRAINT "fk_control_link_requirement"`);
        await queryRunner.query(`ALTER TABLE "control_link" DROP CONSTRAINT "FK_21ffae2328d329dd760de117717"`);
        await queryRunner.query(`ALTER TABLE "control" DROP CONSTRAINT "fk_control_organization"`);
        await queryRunner.query(`DROP TABLE "scope"`);
        await queryRunner.query(`DROP TABLE "applicability"`);
        await queryRunner.query(`DROP TABLE "api_key"`);
        await queryRunner.query(`DROP INDEX "public"."ix_control_link_requirement"`);
        await queryRunner.query(`DROP TABLE "control_link"`);
        await queryRunner.query(`DROP TABLE "control"`);
        await queryRunner.query(`DROP TABLE "organization"`);
        await queryRunner.query(`DROP INDEX "public"."ix_audit_event_time"`);
        await queryRunner.query(`DROP TABLE "audit_event"`);
    }

}
