import { Client } from 'pg';
import { ENV_ADMIN_URL, ENV_TEMPLATE_EMPTY, ENV_TEMPLATE_LOADED } from './test-env';

export default async function globalTeardown(): Promise<void> {
  const adminUrl = process.env[ENV_ADMIN_URL];
  if (!adminUrl) return;
  delete process.env[ENV_ADMIN_URL];
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [
      `cw_test_${process.pid}_%`,
    ]);
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
  void ENV_TEMPLATE_EMPTY;
  void ENV_TEMPLATE_LOADED;
  const server = (globalThis as { __crosswalkTestServer?: { stop(): Promise<void> } }).__crosswalkTestServer;
  await server?.stop();
}
