/**
 * What the running service writes to its log while it serves ordinary traffic: no pg warning about a client running
 * two statements at once (a tenant transaction is one client; pg 9 will refuse it), and an expected refusal (a
 * duplicate control code, answered CONFLICT) logged at debug only, not as a failure with its SQL.
 * Runs the built service as a child process, so its real stderr is what is checked.
 */
import { spawnSync } from 'node:child_process';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { request, startService, stopService, type ServiceProcess } from '../support/service-process';

let db: TestDatabase;
let adminKey: string;

beforeAll(async () => {
  db = await createTestDatabase({ catalog: true });
  const org = spawnSync(process.execPath, ['dist/src/organizations/cli/create-org.js', '--name', 'Logs Ltd'], { env: { ...process.env, DATABASE_URL: db.url }, encoding: 'utf8' });
  expect(org.status).toBe(0);
  adminKey = /^API key: (\S+)$/m.exec(org.stdout)![1];
});
afterAll(() => db?.drop());

async function traffic(service: ServiceProcess, code: string): Promise<void> {
  const gql = async (query: string) => JSON.parse((await request(service.port, '/graphql', { body: { query }, key: adminKey })).body!);
  const created = await gql(`mutation { createControl(input: { code: "${code}", title: "Access control", status: IMPLEMENTED }) { id } }`);
  const id = created.data.createControl.id;
  expect((await gql(`mutation { linkControl(controlId: "${id}", framework: "ISO27001", refId: "A.5.15") { coverage } }`)).errors).toBeUndefined();
  const duplicate = await gql(`mutation { createControl(input: { code: "${code}", title: "Again" }) { id } }`);
  expect(duplicate.errors[0].extensions.code).toBe('CONFLICT');
  // The reads that sent several statements at once on the tenant's one client: coverage (five), the control page and
  // the audit trail (rows and count each), several times so that they overlap.
  const reads = [
    `{ coverage(frameworks: ["ISO27001", "SOC2"]) { score } }`,
    `{ requirementCoverage(framework: "SOC2", refId: "CC6.1") { status } }`,
    `{ controls { totalCount edges { node { code } } } }`,
    `{ auditEvents { totalCount edges { node { operation } } } }`,
  ];
  const answers = await Promise.all([...reads, ...reads, ...reads].map(gql));
  expect(answers.filter((a) => a.errors)).toEqual([]);
}

it.each([
  ['info', false],
  ['debug', true],
] as const)('at LOG_LEVEL=%s: no pg warning about concurrent statements on one client, and a refusal is debug-only', async (level, showsRefusal) => {
  const service = await startService({ databaseUrl: db.url, env: { CROSSWALK_LOAD_MAPPINGS: 'false', LOG_LEVEL: level } });
  try {
    await traffic(service, `AC-${level}`);
  } finally {
    await stopService(service, 10_000);
  }
  const log = service.output();
  expect(log).not.toMatch(/already executing a query/);
  expect(log).not.toMatch(/DeprecationWarning/);
  expect(log).not.toMatch(/query failed/);
  expect(/\[crosswalk\] debug: refused by the database \(SQLSTATE 23505\)/.test(log)).toBe(showsRefusal);
});
