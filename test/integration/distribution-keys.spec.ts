/**
 * The schema can be sharded by organization (docs/scaling.md): every tenant table's primary key, unique constraints
 * and foreign keys among tenant tables carry organization_id, so that Citus can distribute them on it, co-located;
 * and the create_distributed_table / create_reference_table statements of docs/scaling.md name every table of the
 * migrated schema, in the right group. Read off the database the migrations build, not off the entities.
 */
import * as fs from 'node:fs';
import { useTestDataSource } from '../support/database';

const t = useTestDataSource();
const CATALOG_TABLES = ['framework', 'requirement', 'mapping_set', 'crosswalk_edge'];

interface Constraint {
  table: string;
  kind: 'p' | 'u' | 'f';
  name: string;
  columns: string[];
  referencedTable: string | null;
  referencedColumns: string[] | null;
}

async function tables(): Promise<{ all: string[]; tenant: string[] }> {
  const rows = await t.db.query<{ table: string; tenant: boolean }>(
    `SELECT c.relname AS table,
            EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'organization_id' AND NOT a.attisdropped) AS tenant
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY c.relname`,
  );
  // The organization table is the tenant itself: its id is the organization_id of every other tenant table. The
  // catalog tables hold organizations' own frameworks and crosswalks too (issue 12), marked by a nullable
  // organization_id, but they stay reference tables: copied to every node, their own rows kept apart by row-level
  // security, so that a crosswalk can join an own requirement to a public one on any node.
  return { all: rows.map((r) => r.table), tenant: rows.filter((r) => (r.tenant && !CATALOG_TABLES.includes(r.table)) || r.table === 'organization').map((r) => r.table) };
}

async function constraints(): Promise<Constraint[]> {
  return t.db.query<Constraint>(
    `SELECT c.conrelid::regclass::text AS table, c.contype AS kind, c.conname AS name,
            ARRAY(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(num, i) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.num ORDER BY k.i)::text[] AS columns,
            CASE WHEN c.contype = 'f' THEN c.confrelid::regclass::text END AS "referencedTable",
            CASE WHEN c.contype = 'f' THEN ARRAY(SELECT a.attname FROM unnest(c.confkey) WITH ORDINALITY k(num, i) JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.num ORDER BY k.i)::text[] END AS "referencedColumns"
       FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
      WHERE n.nspname = 'public' AND c.contype IN ('p', 'u', 'f')`,
  );
}

/** The distribution column of a tenant table: organization's own id, everyone else's organization_id. */
const key = (table: string) => (table === 'organization' ? 'id' : 'organization_id');

it('finds the tenant tables it should: every table with organization_id, and organization', async () => {
  const { tenant } = await tables();
  expect(tenant).toEqual(expect.arrayContaining(['organization', 'api_key', 'audit_event', 'control', 'control_link', 'scope', 'applicability', 'management_system', 'ai_role_declaration', 'ai_system']));
});

it('puts organization_id in every primary key and unique constraint of a tenant table', async () => {
  const { tenant } = await tables();
  const all = await constraints();
  for (const table of tenant) expect([table, all.some((c) => c.table === table && c.kind === 'p')]).toEqual([table, true]);
  const lacking = all.filter((c) => tenant.includes(c.table) && c.kind !== 'f' && !c.columns.includes(key(c.table))).map((c) => `${c.table}.${c.name}`);
  expect(lacking).toEqual([]);
});

it('carries organization_id on both sides of every foreign key between tenant tables, and points other foreign keys at the catalog', async () => {
  const { tenant } = await tables();
  const foreign = (await constraints()).filter((c) => c.kind === 'f' && tenant.includes(c.table));
  expect(foreign.length).toBeGreaterThan(5);
  const problems: string[] = [];
  for (const fk of foreign) {
    const target = fk.referencedTable!;
    if (tenant.includes(target)) {
      // Co-located: the referencing organization_id must map onto the referenced table's distribution column.
      const at = fk.columns.indexOf('organization_id');
      if (at < 0 || fk.referencedColumns![at] !== key(target)) problems.push(`${fk.table}.${fk.name} → ${target}(${fk.referencedColumns!.join(', ')})`);
    } else if (tenant.includes(fk.table) && !['framework', 'requirement', 'mapping_set', 'crosswalk_edge'].includes(target)) {
      problems.push(`${fk.table}.${fk.name} → ${target}: neither a tenant nor a catalog table`);
    }
  }
  expect(problems).toEqual([]);
});

it('docs/scaling.md distributes every tenant table on its key, co-located, and replicates every other table', async () => {
  const { all, tenant } = await tables();
  const doc = fs.readFileSync('docs/scaling.md', 'utf8');
  const distributed = [...doc.matchAll(/create_distributed_table\('(\w+)', '(\w+)'(?:, colocate_with => '(\w+)')?\)/g)].map((m) => ({ table: m[1], column: m[2], with: m[3] }));
  const reference = [...doc.matchAll(/create_reference_table\('(\w+)'\)/g)].map((m) => m[1]);
  expect(distributed.map((d) => d.table).sort()).toEqual([...tenant].sort());
  for (const d of distributed) {
    expect([d.table, d.column]).toEqual([d.table, key(d.table)]);
    if (d.table !== 'organization') expect([d.table, d.with]).toEqual([d.table, 'organization']);
  }
  // Everything else but TypeORM's own bookkeeping, which stays on the coordinator.
  expect(reference.sort()).toEqual(all.filter((name) => !tenant.includes(name) && name !== 'typeorm_migrations').sort());
});
