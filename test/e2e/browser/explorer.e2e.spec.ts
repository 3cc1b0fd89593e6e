/**
 * The framework explorer in Debian's Chromium against the in-process service (a fresh database with the shipped
 * catalog): the public pages without a key (the frameworks, ISO 27001's tree with a heading toggled by keyboard,
 * A.5.15's crosswalks), then with a key whose one IMPLEMENTED control is linked to A.5.15: its FULL chip in the tree
 * and the coverage path drawn on a requirement of another framework that a crosswalk of A.5.15 reaches. Every page:
 * no request off the origin, no console error, and no serious axe finding.
 */
import { jest } from '@jest/globals';
import { type OpenBrowser, openBrowser, screenshot, seriousViolations, signIn } from '../../support/browser';
import { startTestServer, type TestServer } from '../../support/server';

jest.setTimeout(180_000);

let server: TestServer;
let browser: OpenBrowser;

beforeAll(async () => {
  server = await startTestServer();
  browser = await openBrowser(new URL(server.url).origin);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

afterEach(() => {
  expect(browser.foreign).toEqual([]);
  expect(browser.errors).toEqual([]);
});

const app = (path: string) => `${server.url}/app${path}`;

describe('without a key', () => {
  it('lists the catalog frameworks with their assessable counts and licence notes, each linking to its tree', async () => {
    const { page } = browser;
    await page.goto(app('/frameworks'));
    const table = page.getByTestId('explorer-frameworks');
    await table.waitFor();
    const catalog = (await server.ok('{ frameworks { code version requirementCount(assessableOnly: true) licenceNote } }')).frameworks as Array<{
      code: string;
      version: string;
      requirementCount: number;
      licenceNote: string;
    }>;
    expect(await table.locator('tbody tr').count()).toBe(catalog.length);
    for (const fw of catalog) {
      const row = table.locator(`tr[data-framework="${fw.code}"]`);
      expect(await row.textContent()).toContain(String(fw.requirementCount));
      expect(await row.textContent()).toContain(fw.licenceNote);
      expect(await row.getByRole('link', { name: fw.code }).getAttribute('href')).toBe(`/app/frameworks/${fw.code}:${fw.version}`);
    }
    await page.getByText('Sign in').last().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('draws ISO 27001 as a tree whose headings expand and collapse by keyboard, without chips', async () => {
    const { page } = browser;
    await page.goto(app('/frameworks/ISO27001'));
    await page.getByTestId('explorer-tree').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('ISO27001');
    await page.getByText('to see your organization’s status').waitFor();
    expect(await page.locator('.explorer-tree .chip').count()).toBe(0);
    // Every requirement of every page is in the tree.
    const total = (await server.ok('{ requirements(framework: "ISO27001", first: 0) { totalCount } }')).requirements.totalCount as number;
    expect(await page.locator('.explorer-tree li').count()).toBe(total);

    const heading = page.getByRole('button', { name: /Context of the organization/ });
    const child = page.getByRole('link', { name: /4\.1 Understanding the organization/ });
    expect(await heading.getAttribute('aria-expanded')).toBe('true');
    expect(await child.isVisible()).toBe(true);
    await heading.focus();
    await page.keyboard.press('Enter');
    expect(await heading.getAttribute('aria-expanded')).toBe('false');
    expect(await child.isVisible()).toBe(false);
    await page.keyboard.press('Space');
    expect(await heading.getAttribute('aria-expanded')).toBe('true');
    expect(await child.isVisible()).toBe(true);

    // The filter keeps the matches and the headings above them.
    await page.getByLabel('Filter requirements').fill('access control');
    await page.getByText(/requirements match/).waitFor();
    expect(await page.getByRole('link', { name: /A\.5\.15 Access control/ }).isVisible()).toBe(true);
    expect(await child.count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('shows A.5.15 without its (copyrighted) text, and its crosswalks with relationship, strength and source', async () => {
    const { page } = browser;
    const expected = (
      await server.ok('{ requirement(framework: "ISO27001", refId: "A.5.15") { framework { licenceNote } crosswalks { relationship strength target { refId framework { code } } mappingSet { name } } } }')
    ).requirement;
    expect(expected.crosswalks.length).toBeGreaterThan(0);
    await page.goto(app('/frameworks/ISO27001/requirements/A.5.15'));
    const table = page.getByTestId('explorer-crosswalks');
    await table.waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('A.5.15 Access control');
    expect(await page.getByTestId('explorer-no-text').textContent()).toContain(expected.framework.licenceNote);
    const words: Record<string, string> = { EQUAL: 'equal to', SUBSET_OF: 'subset of', SUPERSET_OF: 'superset of', INTERSECTS_WITH: 'intersects with', NOT_RELATED: 'not related to' };
    expect(await table.locator('tbody tr').count()).toBe(expected.crosswalks.length);
    for (const c of expected.crosswalks) {
      const row = table.locator(`tr[data-target="${c.target.framework.code} ${c.target.refId}"]`);
      expect(await row.getByTestId('explorer-relationship').textContent()).toContain(words[c.relationship]);
      expect(await row.getByTestId('explorer-strength').textContent()).toBe(`${c.strength}/10`);
      expect(await row.textContent()).toContain(c.mappingSet.name);
    }
    await page.getByRole('heading', { name: 'Sources of these crosswalks' }).waitFor();
    await page.getByText('to see your organization’s status on A.5.15').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('says so for an unknown requirement and an unknown framework', async () => {
    const { page } = browser;
    await page.goto(app('/frameworks/ISO27001/requirements/A.99.99'));
    await page.getByText('ISO27001 has no requirement “A.99.99”').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('No such requirement');
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto(app('/frameworks/ISO99999'));
    await page.getByText('There is no framework “ISO99999”').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });
});

describe('with a key and a control on A.5.15', () => {
  let target: { code: string; version: string; refId: string; relationship: string; strength: number };
  let adminKey: string;

  beforeAll(async () => {
    ({ adminKey } = await server.createOrganization('Explorer Co'));
    const control = (await server.ok('mutation { createControl(input: { code: "AC-01", title: "Access control policy", status: IMPLEMENTED }) { id } }', {}, adminKey)).createControl;
    await server.ok('mutation($id: ID!) { linkControl(controlId: $id, framework: "ISO27001", refId: "A.5.15") { coverage } }', { id: control.id }, adminKey);
    // The crosswalked requirement to look at: ISO 42001's if A.5.15 reaches one, else the strongest other one.
    const crosswalks = (
      await server.ok('{ requirement(framework: "ISO27001", refId: "A.5.15") { crosswalks { relationship strength target { refId framework { code version } } } } }')
    ).requirement.crosswalks as Array<{ relationship: string; strength: number; target: { refId: string; framework: { code: string; version: string } } }>;
    const pick =
      crosswalks.find((c) => c.target.framework.code === 'ISO42001' && c.relationship !== 'NOT_RELATED') ??
      [...crosswalks].filter((c) => c.relationship !== 'NOT_RELATED').sort((a, b) => b.strength - a.strength)[0];
    target = { ...pick.target.framework, refId: pick.target.refId, relationship: pick.relationship, strength: pick.strength };
    await signIn(browser.page, new URL(server.url).origin, adminKey);
  });

  it('puts a FULL chip on A.5.15 in the tree, from the Statement of Applicability', async () => {
    const { page } = browser;
    await page.goto(app('/frameworks/ISO27001'));
    await page.locator('.explorer-tree .chip').first().waitFor();
    expect(await page.locator('[data-ref="A.5.15"] .chip').textContent()).toBe('Full');
    expect(await page.locator('[data-ref="A.5.16"] .chip').textContent()).toBe('None');
    // Only assessable requirements carry one.
    const assessable = (await server.ok('{ framework(framework: "ISO27001") { requirementCount(assessableOnly: true) } }')).framework.requirementCount;
    expect(await page.locator('.explorer-tree .chip').count()).toBe(assessable);
    await page.locator('[data-ref="A.5.15"]').scrollIntoViewIfNeeded();
    await screenshot(page, 'framework-explorer');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('draws the path control → A.5.15 → crosswalk step → the crosswalked requirement', async () => {
    const { page } = browser;
    await page.goto(app(`/frameworks/${target.code}:${target.version}/requirements/${encodeURIComponent(target.refId)}`));
    const path = page.getByTestId('explorer-path').first();
    await path.waitFor();
    const nodes = await path.getByTestId('explorer-path-node').evaluateAll((els) => els.map((el) => el.getAttribute('data-node')));
    expect(nodes).toEqual(['control AC-01', 'ISO27001 A.5.15', `${target.code} ${target.refId}`]);
    const words: Record<string, string> = { EQUAL: 'equal to', SUBSET_OF: 'subset of', SUPERSET_OF: 'superset of', INTERSECTS_WITH: 'intersects with' };
    expect(await path.getByTestId('explorer-path-step').textContent()).toBe(`${words[target.relationship]} · ${target.strength}`);
    // The engine's status and weight, as the API gives them.
    const coverage = (
      await server.ok('query($f: String!, $r: String!) { requirementCoverage(framework: $f, refId: $r) { status weight } }', { f: target.code, r: target.refId }, adminKey)
    ).requirementCoverage;
    const label: Record<string, string> = { FULL: 'Full', PARTIAL: 'Partial' };
    expect(await page.getByTestId('explorer-status').textContent()).toBe(`Status ${label[coverage.status]} weight ${coverage.weight}`);
    // The same path in words, with links, for screen readers and keyboards.
    expect(await path.locator('.explorer-path-words').textContent()).toContain('control AC-01 (full link) satisfies ISO27001 A.5.15, which');
    expect(await path.getByRole('link', { name: 'AC-01' }).getAttribute('href')).toMatch(/^\/app\/controls\//);
    await screenshot(page, 'requirement-paths');
    expect(await seriousViolations(page)).toEqual([]);

    // Three hops: composed paths are read and marked inferred; the direct one is still there.
    await page.getByLabel('Crosswalk hops').selectOption('3');
    await page.locator('[data-testid="explorer-path"][data-inferred="false"]').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });
});
