/**
 * The dashboard as a newcomer meets it: `npm start` on a fresh machine (its embedded PostgreSQL), a key from
 * `org:create`, and Debian's Chromium. No request may leave the service's origin, on any page, the IDE included, and
 * no page may log an error (a Content-Security-Policy violation is one).
 */
import { jest } from '@jest/globals';
import { browserStorage, type EmbeddedService, type OpenBrowser, openBrowser, screenshot, seriousViolations, signIn, startEmbeddedService } from '../../support/browser';

jest.setTimeout(240_000);

let service: EmbeddedService;
let browser: OpenBrowser;
let adminKey: string;

async function gql(query: string, variables: Record<string, unknown> = {}, key = adminKey): Promise<any> {
  const response = await fetch(`${service.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: any; errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

beforeAll(async () => {
  service = await startEmbeddedService();
  browser = await openBrowser(service.url);
  adminKey = service.createOrganization('Browser Scenario Co').adminKey;
});

afterAll(async () => {
  await browser?.close();
  await service?.stop();
});

describe('signing in', () => {
  it('offers the dashboard from GET /, shows the public pages without a key, and signs in with the key from org:create', async () => {
    const { page } = browser;
    await page.goto(`${service.url}/`);
    await page.getByRole('link', { name: 'Open the dashboard' }).click();
    await page.waitForURL(`${service.url}/app/`);
    // Without a key the overview says what it needs instead of failing.
    await page.getByText('Sign in with an API key').waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto(`${service.url}/app/sign-in`);
    const input = page.locator('form input[type="password"][name="apiKey"]');
    await input.fill('cwk_not-a-real-key');
    await input.press('Enter');
    await page.getByRole('alert').filter({ hasText: 'not valid' }).waitFor();
    expect((await browserStorage(page)).session).toEqual({});
    expect(await seriousViolations(page)).toEqual([]);

    await signIn(page, service.url, adminKey);
    expect(await browserStorage(page)).toEqual({ session: { 'crosswalk.apiKey': adminKey }, local: {} });
    await page.getByTestId('coverage-bar').first().waitFor();
    expect(await page.getByTestId('coverage-bar').count()).toBe(6);
    await screenshot(page, 'overview');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('leads a revoked key back to sign-in with the service\'s message', async () => {
    const { page } = browser;
    const created = await gql('mutation { createApiKey(name: "revoked soon", role: AUDITOR) { id secret } }');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(page, service.url, created.createApiKey.secret);
    await page.getByTestId('coverage-bar').first().waitFor();
    await gql('mutation($id: ID!) { revokeApiKey(id: $id) }', { id: created.createApiKey.id });
    await page.reload();
    await page.waitForURL(`${service.url}/app/sign-in`);
    await page.getByText('The service refused the key: the API key is not valid').waitFor();
    expect((await browserStorage(page)).session).toEqual({});
    expect(await seriousViolations(page)).toEqual([]);
    // The refusal is the service's 401 answer, which Chromium logs as a failed resource: that is the only error.
    expect(browser.errors.splice(0).every((e) => /status of 401/.test(e))).toBe(true);
  });
});

describe('the GraphQL IDE', () => {
  it('runs a query offline, from the service alone, and keeps the key out of the browser\'s storage', async () => {
    const { page } = browser;
    await signIn(page, service.url, adminKey);
    await page.getByRole('link', { name: 'GraphQL IDE' }).click();
    await page.waitForURL(`${service.url}/graphql`);
    // Monaco, its workers and the schema load first; then the default query is in the editor.
    await page.locator('.graphiql-query-editor').getByText('requirementCount').waitFor();
    await page.getByRole('button', { name: /Execute query/ }).click();
    await page.locator('.result-window').getByText('ISO27001').first().waitFor();
    // The headers editor starts with the dashboard's key, so tenant fields work at once ...
    expect(await page.locator('.graphiql-editor-tool').textContent()).toContain('Bearer');
    // ... and neither the tabs nor the history store it.
    const stored = JSON.stringify((await browserStorage(page)).local);
    expect(stored).toContain('frameworks'); // the query itself is kept, as GraphiQL does
    expect(stored).not.toContain(adminKey);
    expect(stored).not.toContain('Bearer');
    await screenshot(page, 'graphiql');
  });
});

describe('what left the machine', () => {
  it('asked nothing of any other origin and logged no error, on any page', () => {
    expect(browser.requests.length).toBeGreaterThan(20);
    expect(browser.foreign).toEqual([]);
    expect(browser.errors).toEqual([]);
  });
});
