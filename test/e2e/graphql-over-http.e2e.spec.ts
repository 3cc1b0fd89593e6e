/** The GraphQL-over-HTTP conformance audit of the `graphql-http` package, against the live server. */
import { serverAudits } from 'graphql-http';
import { startTestServer, type TestServer } from '../support/server';

let t: TestServer;
const results: Array<{ id: string; name: string; status: string; reason?: string }> = [];

beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  const count = (status: string) => results.filter((r) => r.status === status).length;
  console.log(`graphql-http audit: ${count('ok')} ok, ${count('warn')} warnings, ${count('notice')} notices, ${count('error')} errors`);
  await t.close();
});

for (const audit of serverAudits({ url: () => `${t.url}/graphql` })) {
  it(`${audit.id} ${audit.name}`, async () => {
    const result = await audit.fn();
    results.push({ id: audit.id, name: audit.name, status: result.status, reason: 'reason' in result ? result.reason : undefined });
    if (result.status === 'error') throw new Error(result.reason);
    expect(['ok', 'warn', 'notice']).toContain(result.status); // warn and notice are for SHOULD and MAY
  });
}
