import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every change to catalog_state (a catalog load bumps its version) notifies the channel crosswalk_catalog with the new
 * version, whichever process made it: the service at start-up, `npm run mappings:load`, or a hand edit. Services
 * LISTEN on it to drop cached catalog responses (src/catalog/catalog-version.watcher.ts) without asking the database
 * on every request. PostgreSQL delivers the notification when the loading transaction commits, never before.
 */
export class CatalogChangeNotify1795896000000 implements MigrationInterface {
  name = 'CatalogChangeNotify1795896000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE FUNCTION crosswalk_notify_catalog_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('crosswalk_catalog', NEW.version::text);
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER catalog_state_notify AFTER INSERT OR UPDATE ON catalog_state
      FOR EACH ROW EXECUTE FUNCTION crosswalk_notify_catalog_change()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER catalog_state_notify ON catalog_state`);
    await queryRunner.query(`DROP FUNCTION crosswalk_notify_catalog_change()`);
  }
}
