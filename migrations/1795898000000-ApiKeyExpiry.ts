import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 10: API keys may expire, are listed with when they were last used, and their revocation reaches every
 * replica's verified-key cache.
 * - api_key.expires_at: optional; an expired key fails authentication.
 * - api_key_usage: when each key was last used. A table of its own, not a column of api_key: it is written while
 *   keys are only read (at most once a minute per key and process, off the request path), so it stays out of the
 *   key's own row, its locks and the audit-checked tenant tables. A tenant table: row-level security as in
 *   TenantIsolation, and the crosswalk_app role may read and write it.
 * - A trigger notifies the channel crosswalk_api_key with `<organization id>:<key id>` whenever a key row changes or
 *   goes, in the transaction that changes it (so at its commit, never before): each service LISTENs and drops the key
 *   from its verified-key cache (src/organizations/auth/verified-key.cache.ts), whichever process revoked it.
 */
export class ApiKeyExpiry1795898000000 implements MigrationInterface {
  name = 'ApiKeyExpiry1795898000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "api_key" ADD "expires_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`CREATE TABLE "api_key_usage" ("organization_id" uuid NOT NULL, "api_key_id" uuid NOT NULL, "last_used_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_api_key_usage" PRIMARY KEY ("organization_id", "api_key_id"))`);
    await queryRunner.query(`ALTER TABLE "api_key_usage" ADD CONSTRAINT "fk_api_key_usage_api_key" FOREIGN KEY ("organization_id", "api_key_id") REFERENCES "api_key"("organization_id","id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    const org = `NULLIF(current_setting('crosswalk.organization_id', true), '')::uuid`;
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON "api_key_usage" TO crosswalk_app`);
    await queryRunner.query(`ALTER TABLE "api_key_usage" ENABLE ROW LEVEL SECURITY`);
    await queryRunner.query(`CREATE POLICY tenant_isolation ON "api_key_usage" USING (organization_id = ${org}) WITH CHECK (organization_id = ${org})`);
    await queryRunner.query(`CREATE FUNCTION crosswalk_notify_api_key_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('crosswalk_api_key', OLD.organization_id::text || ':' || OLD.id::text);
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER api_key_notify AFTER UPDATE OR DELETE ON "api_key"
      FOR EACH ROW EXECUTE FUNCTION crosswalk_notify_api_key_change()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER api_key_notify ON "api_key"`);
    await queryRunner.query(`DROP FUNCTION crosswalk_notify_api_key_change()`);
    await queryRunner.query(`DROP POLICY tenant_isolation ON "api_key_usage"`);
    await queryRunner.query(`REVOKE ALL ON "api_key_usage" FROM crosswalk_app`);
    await queryRunner.query(`DROP TABLE "api_key_usage"`);
    await queryRunner.query(`ALTER TABLE "api_key" DROP COLUMN "expires_at"`);
  }
}
