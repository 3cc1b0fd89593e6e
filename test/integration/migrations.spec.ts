/** Migrations go down and up cleanly, and the entities match what the migrations build. */
import 'reflect-metadata';
import { runMigrations } from '../../src/database/migrate';
import { MIGRATIONS } from '../../migrations';
import { useTestDataSource } from '../support/database';

const t = useTestDataSource();

async function tables(): Promise<string[]> {
  const rows = await t.db.query<{ tablename: string }>(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`);
  return rows.map((r) => r.tablename);
}

it('generating a migration from the entities yields nothing: entities and migrations agree', async () => {
  const pending = await t.dataSource.driver.createSchemaBuilder().log();
  expect(pending.upQueries.map((q) => q.query)).toEqual([]);
});

it('reverts every migration down to an empty schema and applies them again', async () => {
  const before = await tables();
  expect(before).toEqual(expect.arrayContaining(['framework', 'requirement', 'mapping_set', 'crosswalk_edge', 'catalog_state']));

  for (let i = 0; i < MIGRATIONS.length; i += 1) await t.dataSource.undoLastMigration({ transaction: 'each' });
  expect(await tables()).toEqual(['typeorm_migrations']);

  const applied = await runMigrations(t.dataSource);
  expect(applied).toHaveLength(MIGRATIONS.length);
  expect(await tables()).toEqual(before);
  expect((await t.dataSource.driver.createSchemaBuilder().log()).upQueries).toEqual([]);
});

it('a second run applies nothing, and concurrent runners take turns', async () => {
  const results = await Promise.all([runMigrations(t.dataSource), runMigrations(t.dataSource), runMigrations(t.dataSource)]);
  expect(results).toEqual([[], [], []]);
});
