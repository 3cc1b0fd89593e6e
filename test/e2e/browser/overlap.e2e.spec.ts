/**
 * The overlap heat map in a real browser, without a key (it is public): 30 off-diagonal cells whose numbers are
 * frameworkOverlap's, the hops and management-system controls re-querying, the drill-down of ISO27001 → ISO42001 with
 * the cell's counts, opened by mouse and by keyboard, linked by its address, the table fallback, and the error state.
 * Every state a user sees is checked by axe; no request leaves the origin and the console stays clean.
 */
import { jest } from '@jest/globals';
import type { Page } from 'playwright-core';
import { openBrowser, type OpenBrowser, screenshot, seriousViolations } from '../../support/browser';
import { startTestServer, type TestServer } from '../../support/server';

jest.setTimeout(180_000);

let t: TestServer;
let browser: OpenBrowser;
let page: Page;

beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t?.close();
});
beforeEach(async () => {
  browser = await openBrowser(t.url);
  page = browser.page;
});
afterEach(async () => {
  await browser?.close();
});

/** The page's own rounding of a score (components/status.tsx percent). */
const percent = (score: number) => `${Math.round(score * 1000) / 10}%`;

interface ApiCell {
  source: { code: string };
  target: { code: string };
  full: number;
  partial: number;
  none: number;
  score: number;
}

async function matrix(maxHops: number, one = false): Promise<Map<string, ApiCell>> {
  const data = await t.ok(`query($h: Int!, $one: Boolean!) { frameworkOverlap(maxHops: $h, assumeSameManagementSystem: $one) { source { code } target { code } full partial none score } }`, {
    h: maxHops,
    one,
  });
  return new Map((data.frameworkOverlap as ApiCell[]).map((c) => [`${c.source.code}>${c.target.code}`, c]));
}

const cells = () => page.locator('[data-testid="overlap-heatmap"] [data-testid="overlap-cell"]');
const cell = (source: string, target: string) => page.locator(`[data-testid="overlap-cell"][data-source="${source}"][data-target="${target}"]`);

/** What the heat map shows now: per cell, its printed score and its accessible name. */
async function shown(): Promise<Map<string, { text: string; label: string }>> {
  const all = await cells().evaluateAll((els) =>
    els.map((e) => ({ key: `${e.getAttribute('data-source')}>${e.getAttribute('data-target')}`, text: e.querySelector('.overlap-score')?.textContent ?? '', label: e.getAttribute('aria-label') ?? '' })),
  );
  return new Map(all.map(({ key, ...rest }) => [key, rest]));
}

function expectMatches(seen: Map<string, { text: string; label: string }>, api: Map<string, ApiCell>) {
  expect([...seen.keys()].sort()).toEqual([...api.keys()].sort());
  for (const [key, c] of api) {
    expect([key, seen.get(key)]).toEqual([
      key,
      {
        text: percent(c.score),
        label: `If all of ${c.source.code}: covers ${percent(c.score)} of ${c.target.code} (${c.full} full, ${c.partial} partial, ${c.none} none)`,
      },
    ]);
  }
}

async function expectClean() {
  expect(await seriousViolations(page)).toEqual([]);
  expect(browser.foreign).toEqual([]);
  expect(browser.errors).toEqual([]);
}

/** The drill-down's engine counts and its rows by status, once loaded. */
async function drillDown() {
  const counts = page.getByTestId('overlap-drilldown-counts');
  await counts.waitFor();
  const attr = async (name: string) => Number(await counts.getAttribute(name));
  const rows = page.locator('[data-testid="overlap-drilldown"] [data-testid="overlap-requirement"]');
  const byStatus = async (status: string) => rows.and(page.locator(`[data-status="${status}"]`)).count();
  return {
    counts: { full: await attr('data-full'), partial: await attr('data-partial'), none: await attr('data-none') },
    rows: { full: await byStatus('FULL'), partial: await byStatus('PARTIAL'), none: await byStatus('NONE') },
    total: await rows.count(),
  };
}

describe('the overlap heat map', () => {
  it("shows 30 off-diagonal cells with frameworkOverlap's numbers, a legend, and a table fallback without test ids", async () => {
    const api = await matrix(1);
    expect(api.size).toBe(30);
    await page.goto(`${t.url}/app/`);
    await page.getByRole('link', { name: /Overlap/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Overlap heat map' }).waitFor();
    await cells().first().waitFor();
    expect(await cells().count()).toBe(30);
    expectMatches(await shown(), api);
    // The diagonal is not a cell.
    for (const code of ['ISO27001', 'SOC2', 'NIST-AI-RMF']) expect(await cell(code, code).count()).toBe(0);
    expect(await page.locator('.overlap-legend').textContent()).toMatch(/Colour by score:.*under 20%.*80% to 100%/);
    await screenshot(page, 'overlap-heatmap');
    await expectClean();

    // The table: every number of the heat map, in a real table with headers, and none of its cells carries a test id.
    const table = page.locator('.overlap-table table');
    expect(await table.isVisible()).toBe(false);
    await page.getByText('Show the matrix as a table').click();
    await table.waitFor();
    expect(await table.locator('[data-testid]').count()).toBe(0);
    expect(await table.locator('thead th[scope="col"]').count()).toBe(7);
    expect(await table.locator('tbody th[scope="row"]').count()).toBe(6);
    const c = api.get('ISO27001>ISO42001')!;
    const row = table.locator('tbody tr').filter({ has: page.locator('th', { hasText: /^ISO27001$/ }) });
    expect(await row.textContent()).toContain(`${percent(c.score)} (${c.full} full, ${c.partial} partial, ${c.none} none)`);
    expect(await table.locator('td', { hasText: 'same framework' }).count()).toBe(6);
    await expectClean();
  });

  it('shows a loading state while the matrix is on its way', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(`${t.url}/graphql`, async (route) => {
      await held;
      await route.fallback();
    });
    await page.goto(`${t.url}/app/overlap`);
    const loading = page.getByRole('status');
    await loading.waitFor();
    expect(await loading.textContent()).toBe('Loading the overlap matrix…');
    expect(await seriousViolations(page)).toEqual([]);
    release();
    await cells().first().waitFor();
    expect(await page.getByRole('status').count()).toBe(0);
    await expectClean();
  });

  it('re-queries when the hops or the management systems change, and shows the new numbers', async () => {
    const [one, two, oneSystem] = await Promise.all([matrix(1), matrix(2), matrix(1, true)]);
    // The test can fail: the catalog gives different numbers at two hops and under one management system.
    expect([...two].some(([k, c]) => c.score !== one.get(k)!.score)).toBe(true);
    expect([...oneSystem].some(([k, c]) => c.score !== one.get(k)!.score)).toBe(true);

    await page.goto(`${t.url}/app/overlap`);
    await cells().first().waitFor();
    expectMatches(await shown(), one);

    const asked = page.waitForRequest((r) => r.url() === `${t.url}/graphql` && /"maxHops":2/.test(r.postData() ?? ''));
    // click, not check(): the choice is kept in the address, so the control shows it once the router has moved there.
    await page.getByLabel('2: through one other framework').click();
    await asked;
    const changed = [...two].find(([k, c]) => c.score !== one.get(k)!.score)!;
    const [source, target] = changed[0].split('>');
    await page.waitForFunction(
      ([s, tgt, text]) => document.querySelector(`[data-testid="overlap-cell"][data-source="${s}"][data-target="${tgt}"] .overlap-score`)?.textContent === text,
      [source, target, percent(changed[1].score)],
    );
    expectMatches(await shown(), two);
    expect(new URL(page.url()).searchParams.get('maxHops')).toBe('2');
    await expectClean();

    await page.getByLabel('1: direct crosswalks only').click();
    await page.waitForURL((url) => !url.searchParams.has('maxHops'));
    const askedOne = page.waitForRequest((r) => r.url() === `${t.url}/graphql` && /"assumeSameManagementSystem":true/.test(r.postData() ?? ''));
    await page.getByLabel('Read as one management system').click();
    await askedOne;
    const differs = [...oneSystem].find(([k, c]) => c.score !== one.get(k)!.score)!;
    const [s2, t2] = differs[0].split('>');
    await page.waitForFunction(
      ([s, tgt, text]) => document.querySelector(`[data-testid="overlap-cell"][data-source="${s}"][data-target="${tgt}"] .overlap-score`)?.textContent === text,
      [s2, t2, percent(differs[1].score)],
    );
    expectMatches(await shown(), oneSystem);
    expect(await page.getByLabel('Read as one management system').isChecked()).toBe(true);
    expect(await page.getByLabel('1: direct crosswalks only').isChecked()).toBe(true);
    await expectClean();
  });

  it('opens the drill-down of ISO27001 → ISO42001 with the cell\'s counts, each requirement with its status and paths', async () => {
    const c = (await matrix(1)).get('ISO27001>ISO42001')!;
    await page.goto(`${t.url}/app/overlap`);
    await cell('ISO27001', 'ISO42001').click();
    const d = await drillDown();
    expect(d.counts).toEqual({ full: c.full, partial: c.partial, none: c.none });
    expect(d.rows).toEqual(d.counts);
    expect(d.total).toBe(c.full + c.partial + c.none);
    expect(new URL(page.url()).search).toBe('?source=ISO27001&target=ISO42001');
    expect(await cell('ISO27001', 'ISO42001').getAttribute('aria-expanded')).toBe('true');
    // A covered requirement names the path: source requirement → relationship and strength → target requirement.
    const first = page.locator('[data-testid="overlap-requirement"][data-status="PARTIAL"]').first();
    expect(await first.textContent()).toMatch(/ISO27001 \S+ → INTERSECTS_WITH, strength \d+(, \w+ rationale)?.* → ISO42001 \S+: gives partial \(0\.\d+\)/);
    const none = page.locator('[data-testid="overlap-requirement"][data-status="NONE"]').first();
    expect(await none.textContent()).toContain('No crosswalk from ISO27001 reaches it.');
    expect(await page.locator('[data-testid="overlap-drilldown"] [data-testid="overlap-cell"]').count()).toBe(0);
    await screenshot(page, 'overlap-drilldown');
    await expectClean();

    // Back closes it; forward opens it again, from the address alone.
    await page.goBack();
    await page.getByTestId('overlap-drilldown').waitFor({ state: 'detached' });
    await page.goForward();
    expect((await drillDown()).counts).toEqual({ full: c.full, partial: c.partial, none: c.none });
    await expectClean();
  });

  it('works from the keyboard: Tab reaches a cell, Enter opens its drill-down and focus moves to it', async () => {
    const api = await matrix(1);
    await page.goto(`${t.url}/app/overlap`);
    await cells().first().waitFor();
    let focused = '';
    for (let i = 0; i < 40 && !focused; i++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => (document.activeElement?.getAttribute('data-testid') === 'overlap-cell' ? document.activeElement.getAttribute('aria-label') ?? '' : ''));
    }
    // The first cell in reading order: the first row's first off-diagonal column.
    const [source, target] = await cells().first().evaluate((e) => [e.getAttribute('data-source')!, e.getAttribute('data-target')!]);
    const c = api.get(`${source}>${target}`)!;
    expect(focused).toBe(`If all of ${source}: covers ${percent(c.score)} of ${target} (${c.full} full, ${c.partial} partial, ${c.none} none)`);
    await page.keyboard.press('ArrowRight'); // nothing happens: it is a button, not a grid widget
    await page.keyboard.press('Enter');
    const d = await drillDown();
    expect(d.counts).toEqual({ full: c.full, partial: c.partial, none: c.none });
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('overlap-drilldown-title');
    expect(await page.locator('#overlap-drilldown-title').textContent()).toBe(`If all of ${source}: how ${target} is covered`);
    await expectClean();
  });

  it("opens a linked drill-down at three hops under one management system, and says in the service's words what is wrong with a bad link", async () => {
    const c = (await matrix(3, true)).get('SOC2>ISO27001')!;
    await page.goto(`${t.url}/app/overlap?maxHops=3&oneSystem=1&source=SOC2&target=ISO27001`);
    const d = await drillDown();
    expect(d.counts).toEqual({ full: c.full, partial: c.partial, none: c.none });
    expect(d.rows).toEqual(d.counts);
    expect(await page.getByLabel('3: through up to two others').isChecked()).toBe(true);
    expect(await page.getByLabel('Read as one management system').isChecked()).toBe(true);
    await expectClean();

    await page.goto(`${t.url}/app/overlap?source=NOPE&target=ISO42001`);
    const error = page.locator('[data-testid="overlap-drilldown"] [role="alert"]');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/no framework "NOPE" in the catalog; known: .*ISO42001:2023/);
    expect(await error.textContent()).toContain('source');
    await cells().first().waitFor(); // the heat map itself still works
    expect(await seriousViolations(page)).toEqual([]);
    expect(browser.foreign).toEqual([]);
    expect(browser.errors).toEqual([]);
  });
});
