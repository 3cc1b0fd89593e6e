import { type MigrationInterface, type QueryRunner } from "typeorm";

export class CatalogSchema1795891691153 implements MigrationInterface {
    name = 'CatalogSchema1795891691153'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "catalog_state" ("id" smallint NOT NULL, "content_hash" character varying(64) NOT NULL, "version" integer NOT NULL, "loaded_at" TIMESTAMP WITH TIME ZONE NOT NULL, "framework_count" integer NOT NULL, "requirement_count" integer NOT NULL, "edge_count" integer NOT NULL, CONSTRAINT "chk_catalog_state_single_row" CHECK ("id" = 1), CONSTRAINT "PK_4c40bf6136f9db50ea37c8ef79d" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "framework" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" character varying(40) NOT NULL, "version" character varying(40) NOT NULL, "name" text NOT NULL, "publisher" text NOT NULL, "kind" character varying(40) NOT NULL, "description" text, "licence_note" text NOT NULL, "sources" jsonb NOT NULL DEFAULT '[]', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_framework_code_version" UNIQUE ("code", "version"), CONSTRAINT "chk_framework_kind" CHECK ("kind" IN ('MANAGEMENT_SYSTEM_STANDARD', 'ATTESTATION_CRITERIA', 'RISK_FRAMEWORK', 'CONTROL_CATALOG')), CONSTRAINT "PK_413064c9a2fb226f0d933712883" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "requirement" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "framework_id" uuid NOT NULL, "ref_id" character varying(80) NOT NULL, "parent_id" uuid, "title" text NOT NULL, "text" text, "kind" character varying(40) NOT NULL, "assessable" boolean NOT NULL, "hs_clause" character varying(20), "position" integer NOT NULL, "depth" smallint NOT NULL, CONSTRAINT "uq_requirement_framework_ref" UNIQUE ("framework_id", "ref_id"), CONSTRAINT "chk_requirement_not_own_parent" CHECK ("parent_id" IS NULL OR "parent_id" <> "id"), CONSTRAINT "chk_requirement_depth" CHECK ("depth" >= 0), CONSTRAINT "PK_5e3278ee8e2094dd0f10a4aec62" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_requirement_parent" ON "requirement"  ("parent_id") `);
        await queryRunner.query(`CREATE INDEX "ix_requirement_framework_position" ON "requirement"  ("framework_id", "position") `);
        await queryRunner.query(`CREATE TABLE "mapping_set" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "key" character varying(120) NOT NULL, "name" text NOT NULL, "description" text, "source_framework_id" uuid NOT NULL, "target_framework_id" uuid NOT NULL, "method" character varying(20) NOT NULL, "status" character varying(20) NOT NULL, "author" text NOT NULL, "published_on" date NOT NULL, "licence" text NOT NULL, "comprehensive" boolean NOT NULL, "sources" jsonb NOT NULL DEFAULT '[]', "source_file" text NOT NULL, CONSTRAINT "uq_mapping_set_key" UNIQUE ("key"), CONSTRAINT "chk_mapping_set_status" CHECK ("status" IN ('draft', 'complete')), CONSTRAINT "chk_mapping_set_method" CHECK ("method" IN ('human', 'automation', 'hybrid')), CONSTRAINT "PK_28b2ee01c9d19fbd338b7c92f60" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_mapping_set_target" ON "mapping_set"  ("target_framework_id") `);
        await queryRunner.query(`CREATE INDEX "ix_mapping_set_source" ON "mapping_set"  ("source_framework_id") `);
        await queryRunner.query(`CREATE TABLE "crosswalk_edge" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "mapping_set_id" uuid NOT NULL, "source_requirement_id" uuid NOT NULL, "target_requirement_id" uuid NOT NULL, "relationship" character varying(20) NOT NULL, "rationale" character varying(20), "strength" smallint NOT NULL, "note" text, "position" integer NOT NULL, CONSTRAINT "uq_crosswalk_edge_pair" UNIQUE ("mapping_set_id", "source_requirement_id", "target_requirement_id"), CONSTRAINT "chk_crosswalk_edge_no_self_edge" CHECK ("source_requirement_id" <> "target_requirement_id"), CONSTRAINT "chk_crosswalk_edge_partial_strength" CHECK ("relationship" IN ('EQUAL', 'NOT_RELATED') OR "strength" BETWEEN 1 AND 9), CONSTRAINT "chk_crosswalk_edge_not_related_is_0" CHECK ("relationship" <> 'NOT_RELATED' OR "strength" = 0), CONSTRAINT "chk_crosswalk_edge_equal_is_10" CHECK ("relationship" <> 'EQUAL' OR "strength" = 10), CONSTRAINT "chk_crosswalk_edge_strength_range" CHECK ("strength" BETWEEN 0 AND 10), CONSTRAINT "chk_crosswalk_edge_rationale" CHECK ("rationale" IS NULL OR "rationale" IN ('SYNTACTIC', 'SEMANTIC', 'FUNCTIONAL')), CONSTRAINT "chk_crosswalk_edge_relationship" CHECK ("relationship" IN ('EQUAL', 'SUBSET_OF', 'SUPERSET_OF', 'INTERSECTS_WITH', 'NOT_RELATED')), CONSTRAINT "PK_33171012cb70af29272550953c0" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_crosswalk_edge_set_position" ON "crosswalk_edge"  ("mapping_set_id", "position") `);
        await queryRunner.query(`CREATE INDEX "ix_crosswalk_edge_target" ON "crosswalk_edge"  ("target_requirement_id") `);
        await queryRunner.query(`CREATE INDEX "ix_crosswalk_edge_source" ON "crosswalk_edge"  ("source_requirement_id") `);
        await queryRunner.query(`ALTER TABLE "requirement" ADD CONSTRAINT "fk_requirement_framework" FOREIGN KEY ("framework_id") REFERENCES "framework"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "requirement" ADD CONSTRAINT "fk_requirement_parent" FOREIGN KEY ("parent_id") REFERENCES "requirement"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "mapping_set" ADD CONSTRAINT "fk_mapping_set_source_framework" FOREIGN KEY ("source_framework_id") REFERENCES "framework"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "mapping_set" ADD CONSTRAINT "fk_mapping_set_target_framework" FOREIGN KEY ("target_framework_id") REFERENCES "framework"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "crosswalk_edge" ADD CONSTRAINT "fk_crosswalk_edge_mapping_set" FOREIGN KEY ("mapping_set_id") REFERENCES "mapping_set"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "crosswalk_edge" ADD CONSTRAINT "fk_crosswalk_edge_source" FOREIGN KEY ("source_requirement_id") REFERENCES "requirement"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "crosswalk_edge" ADD CONSTRAINT "fk_crosswalk_edge_target" FOREIGN KEY ("target_requirement_id") REFERENCES "requirement"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "crosswalk_edge" DROP CONSTRAINT "fk_crosswalk_edge_target"`);
        await queryRunner.query(`ALTER TABLE "crosswalk_edge" DROP CONSTRAINT "fk_crosswalk_edge_source"`);
        await queryRunner.query(`ALTER TABLE "crosswalk_edge" DROP CONSTRAINT "fk_crosswalk_edge_mapping_set"`);
        await queryRunner.query(`ALTER TABLE "mapping_set" DROP CONSTRAINT "fk_mapping_set_target_framework"`);
        await queryRunner.query(`ALTER TABLE "mapping_set" DROP CONSTRAINT "fk_mapping_set_source_framework"`);
        await queryRunner.query(`ALTER TABLE "requirement" DROP CONSTRAINT "fk_requirement_parent"`);
        await queryRunner.query(`ALTER TABLE "requirement" DROP CONSTRAINT "fk_requirement_framework"`);
        await queryRunner.query(`DROP INDEX "public"."ix_crosswalk_edge_source"`);
        await queryRunner.query(`DROP INDEX "public"."ix_crosswalk_edge_target"`);
        await queryRunner.query(`DROP INDEX "public"."ix_crosswalk_edge_set_position"`);
        await queryRunner.query(`DROP TABLE "crosswalk_edge"`);
        await queryRunner.query(`DROP INDEX "public"."ix_mapping_set_source"`);
        await queryRunner.query(`DROP INDEX "public"."ix_mapping_set_target"`);
        await queryRunner.query(`DROP TABLE "mapping_set"`);
        await queryRunner.query(`DROP INDEX "public"."ix_requirement_framework_position"`);
        await queryRunner.query(`DROP INDEX "public"."ix_requirement_parent"`);
        await queryRunner.query(`DROP TABLE "requirement"`);
        await queryRunner.query(`DROP TABLE "framework"`);
        await queryRunner.query(`DROP TABLE "catalog_state"`);
    }

}
