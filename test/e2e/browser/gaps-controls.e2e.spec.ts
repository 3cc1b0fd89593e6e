/**
 * Issue 15, the Controls and Gaps pages in a real browser (Debian's Chromium through playwright-core) against the
 * in-process service on a fresh database with the shipped catalog:
 * - /controls: the empty state; a control created through the form appears in the list; a code in use shows the
 *   service's CONFLICT next to the code field; the filters narrow the list and live in the URL;
 * - /controls/:id: linking to ISO27001 A.5.15 through the form shows the link; a wrong refId shows the service's
 *   message next to the field; unlinking removes it; a control that does not exist is "not found";
 * - optimistic locking: the control changed behind the page's back while its edit form is open; saving shows their
 *   version beside the user's, and re-applying saves the user's change on top of theirs (both survive);
 * - /gaps: have ISO27001, target ISO42001: the API's coverage numbers and gaps with their sources, kept in the URL
 *   through a reload; the export downloads as .xlsx and .csv under the service's file name; a refused choice shows
 *   the service's words.
 * Every page state a user sees is checked with axe (no serious or critical violation); nothing is requested from
 * another origin and nothing is logged as an error.
 */
import { jest } from '@jest/globals';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Download, Page } from 'playwright-core';
import { type OpenBrowser, openBrowser, screenshot, seriousViolations, signIn } from '../../support/browser';
import { startTestServer, type TestServer } from '../../support/server';
import { readCsv, readWorkbook, table } from '../../support/spreadsheets';

jest.setTimeout(180_000);

let t: TestServer;
let b: OpenBrowser;
let page: Page;
let key = '';
const downloads = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-gaps-downloads-'));

beforeAll(async () => {
  t = await startTestServer();
  key = (await t.createOrganization('Acme Ltd')).adminKey;
  b = await openBrowser(new URL(t.url).origin);
  page = b.page;
});

afterAll(async () => {
  await b?.close();
  await t?.close();
  fs.rmSync(downloads, { recursive: true, force: true });
});

/** What every test ends with: no request left the origin, nothing was logged as an error, axe finds nothing serious. */
async function clean(): Promise<void> {
  expect(b.foreign).toEqual([]);
  expect(b.errors).toEqual([]);
  expect(await seriousViolations(page)).toEqual([]);
}

const url = (p: string) => `${t.url}/app${p}`;
const rowCodes = async () => page.getByTestId('control-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code')));

async function controlByCode(code: string): Promise<{ id: string; version: number; title: string; owner: string | null }> {
  const data = await t.ok(`query($q: String!) { controls(filter: { search: $q }) { edges { node { id code version title owner } } } }`, { q: code }, key);
  return data.controls.edges.map((e: any) => e.node).find((n: any) => n.code === code);
}

describe('without a key', () => {
  it('the controls and gaps pages say they need one and link to sign-in', async () => {
    for (const p of ['/controls', '/gaps']) {
      await page.goto(url(p));
      await page.getByRole('link', { name: 'Sign in with an API key' }).waitFor();
      expect(await page.locator('h1').textContent()).toBe(p === '/gaps' ? 'Gaps' : 'Controls');
      expect(await seriousViolations(page)).toEqual([]);
    }
    await clean();
  });
});

describe('controls', () => {
  beforeAll(async () => {
    await signIn(page, new URL(t.url).origin, key);
  });

  it('shows the empty state, creates a control through the form and lists it', async () => {
    await page.goto(url('/controls'));
    const empty = page.getByText('No controls yet: create the first');
    await empty.waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByLabel('Code').fill('AC-01');
    await page.getByLabel('Title').fill('Access control policy');
    await page.getByLabel('Status').last().selectOption('IMPLEMENTED');
    await page.getByLabel('Owner (optional)').fill('CISO');
    await page.getByLabel('Description (optional)').fill('Who may reach what, reviewed yearly.');
    await page.getByRole('button', { name: 'Create control' }).click();
    await page.getByText('Created control AC-01').waitFor();
    await page.getByTestId('control-row').first().waitFor();
    expect(await rowCodes()).toEqual(['AC-01']);
    const row = page.getByTestId('control-row').first();
    expect(await row.textContent()).toContain('Implemented');
    expect(await row.textContent()).toContain('CISO');
    // The form is empty again for the next one.
    expect(await page.locator('#new-code').inputValue()).toBe('');
    await clean();
  });

  it('shows the service\'s CONFLICT next to the code field when the code is in use', async () => {
    await page.locator('#new-code').fill('AC-01');
    await page.locator('#new-title').fill('A second one');
    await page.getByRole('button', { name: 'Create control' }).click();
    const error = page.locator('#new-code-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('a control with code "AC-01" already exists');
    expect(await page.locator('#new-code').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#new-code').getAttribute('aria-describedby')).toContain('new-code-error');
    expect(await rowCodes()).toEqual(['AC-01']);
    await clean();
  });

  it('filters the list by search text and status, and keeps the filters in the URL', async () => {
    await t.ok(`mutation { createControl(input: { code: "BK-01", title: "Backups", status: PLANNED, owner: "IT" }) { id } }`, {}, key);
    await page.goto(url('/controls'));
    await page.locator('[data-code="BK-01"]').waitFor();
    expect(await rowCodes()).toEqual(['AC-01', 'BK-01']);
    expect(await page.locator('.controls-count').textContent()).toBe('2 controls.');

    await page.getByLabel('Search').fill('backup');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL((u) => u.searchParams.get('q') === 'backup');
    await page.locator('.controls-count', { hasText: '1 control match these filters' }).waitFor();
    expect(await rowCodes()).toEqual(['BK-01']);

    // A reload keeps the filter; then status instead of text.
    await page.reload();
    await page.locator('.controls-count', { hasText: '1 control match these filters' }).waitFor();
    expect(await page.getByLabel('Search').inputValue()).toBe('backup');
    await page.getByLabel('Search').fill('');
    await page.locator('#controls-status').selectOption('IMPLEMENTED');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL((u) => u.searchParams.get('status') === 'IMPLEMENTED' && !u.searchParams.has('q'));
    await page.locator('[data-code="AC-01"]').waitFor();
    await page.locator('[data-code="BK-01"]').waitFor({ state: 'detached' });
    expect(await rowCodes()).toEqual(['AC-01']);
    expect(await seriousViolations(page)).toEqual([]);

    // Nothing matches: the filtered empty state, not "create the first".
    await page.goto(url('/controls?q=nothing-like-this'));
    await page.getByText('No controls match these filters').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.locator('[data-code="BK-01"]').waitFor();
    expect(new URL(page.url()).search).toBe('');
    await clean();
  });

  it('opens a control, links it to ISO27001 A.5.15 through the form, shows a wrong refId in the service\'s words, and unlinks', async () => {
    await page.goto(url('/controls'));
    await page.getByRole('link', { name: 'AC-01', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Control AC-01: Access control policy' }).waitFor();
    await page.getByText('Not linked to any requirement yet').waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.locator('#link-framework').selectOption('ISO27001');
    await page.locator('#link-refId').fill('A.5.15');
    await page.locator('#link-coverage').selectOption('FULL');
    await page.getByRole('button', { name: 'Link', exact: true }).click();
    const link = page.locator('[data-testid="control-link"][data-ref-id="A.5.15"]');
    await link.waitFor();
    expect(await link.getAttribute('data-framework')).toBe('ISO27001');
    expect(await link.textContent()).toContain('Full');
    expect(await link.getByRole('link').getAttribute('href')).toBe('/app/frameworks/ISO27001/requirements/A.5.15');
    await page.getByText('Linked to ISO27001 A.5.15 (FULL).').waitFor();

    await page.locator('#link-refId').fill('Z.9.99');
    await page.getByRole('button', { name: 'Link', exact: true }).click();
    const wrong = page.locator('#link-refId-error');
    await wrong.waitFor();
    expect(await wrong.textContent()).toBe('refId: ISO27001:2022 has no requirement "Z.9.99"');
    expect(await page.getByTestId('control-link').count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);

    // Unlink a second link, keeping A.5.15 for the gaps below.
    await page.locator('#link-refId').fill('A.5.16');
    await page.locator('#link-coverage').selectOption('PARTIAL');
    await page.getByRole('button', { name: 'Link', exact: true }).click();
    await page.locator('[data-testid="control-link"][data-ref-id="A.5.16"]').waitFor();
    expect(await page.locator('[data-ref-id="A.5.16"]').textContent()).toContain('Partial');
    await page.getByRole('button', { name: 'Unlink ISO27001 A.5.16' }).click();
    await page.locator('[data-testid="control-link"][data-ref-id="A.5.16"]').waitFor({ state: 'detached' });
    const links = (await t.ok(`query($id: ID!) { control(id: $id) { links { requirement { refId } } } }`, { id: (await controlByCode('AC-01')).id }, key)).control.links;
    expect(links.map((l: any) => l.requirement.refId)).toEqual(['A.5.15']);
    await clean();
  });

  it('shows a conflict kindly when someone changed the control while it was being edited, and re-applies the change on top of theirs', async () => {
    const before = await controlByCode('AC-01');
    await page.goto(url(`/controls/${before.id}`));
    await page.getByRole('button', { name: 'Edit control' }).click();
    await page.locator('#edit-title').fill('Access control policy (mine)');

    // Behind the page's back: someone else changes the owner with the version they read.
    const theirs = (await t.ok(`mutation($id: ID!, $v: Int!) { updateControl(id: $id, expectedVersion: $v, input: { owner: "Security team" }) { version } }`, { id: before.id, v: before.version }, key)).updateControl;
    expect(theirs.version).toBe(before.version + 1);

    await page.getByRole('button', { name: 'Save changes' }).click();
    const conflict = page.getByTestId('control-conflict');
    await conflict.waitFor();
    expect(await conflict.getByRole('heading').textContent()).toBe('Someone changed this control while you were editing; here is their version');
    expect(await conflict.textContent()).toContain(`Their version is ${theirs.version}`);
    expect(await conflict.locator('tr[data-field="owner"] [data-testid="conflict-theirs"]').textContent()).toBe('Security team');
    expect(await conflict.locator('tr[data-field="owner"] [data-testid="conflict-yours"]').textContent()).toBe('not changed by you');
    expect(await conflict.locator('tr[data-field="title"] [data-testid="conflict-theirs"]').textContent()).toBe('Access control policy');
    expect(await conflict.locator('tr[data-field="title"] [data-testid="conflict-yours"]').textContent()).toBe('Access control policy (mine)');
    expect(await conflict.textContent()).toContain(`the control is at version ${theirs.version}, not ${before.version}`);
    // Nothing of the user's was saved.
    expect((await controlByCode('AC-01')).title).toBe('Access control policy');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'control-conflict');

    await page.getByRole('button', { name: 'Re-apply my changes and save' }).click();
    await page.getByText(`Saved: version ${theirs.version + 1}.`).waitFor();
    await page.getByRole('heading', { level: 1, name: 'Control AC-01: Access control policy (mine)' }).waitFor();
    const after = await controlByCode('AC-01');
    expect(after).toMatchObject({ version: theirs.version + 1, title: 'Access control policy (mine)', owner: 'Security team' });
    expect(await page.locator('.controls-dl').textContent()).toContain('Security team');
    await clean();
  });

  it('discards the user\'s changes on request and shows their version', async () => {
    const before = await controlByCode('BK-01');
    await page.goto(url(`/controls/${before.id}`));
    await page.getByRole('button', { name: 'Edit control' }).click();
    await page.locator('#edit-owner').fill('Me');
    await t.ok(`mutation($id: ID!, $v: Int!) { updateControl(id: $id, expectedVersion: $v, input: { status: IMPLEMENTED }) { version } }`, { id: before.id, v: before.version }, key);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByTestId('control-conflict').waitFor();
    await page.getByRole('button', { name: 'Discard my changes' }).click();
    await page.getByText('Your changes were discarded; this is their version.').waitFor();
    await page.locator('.controls-dl', { hasText: 'Implemented' }).waitFor();
    expect(await page.locator('.controls-dl').textContent()).toContain('IT');
    expect(await controlByCode('BK-01')).toMatchObject({ owner: 'IT', version: before.version + 1 });
    await clean();
  });

  it('says a control that does not exist is not found', async () => {
    await page.goto(url('/controls/00000000-0000-4000-8000-000000000000'));
    await page.getByRole('heading', { level: 1, name: 'Control not found' }).waitFor();
    await page.getByRole('link', { name: 'All controls' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await clean();
  });
});

describe('gaps', () => {
  const saved = async (download: Download) => {
    const file = path.join(downloads, download.suggestedFilename());
    await download.saveAs(file);
    return fs.readFileSync(file);
  };

  it('asks for a target first', async () => {
    await page.goto(url('/gaps'));
    await page.getByText('Choose the framework you want to reach').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await clean();
  });

  it('with ISO27001 in place, shows what is left of ISO42001 as the API answers it, with the sources, in the URL', async () => {
    const api = (await t.ok(`{ gapAnalysis(target: "ISO42001", have: ["ISO27001"]) {
      coverage { full partial none excluded score }
      gaps { requirement { refId } status sources { source { refId framework { code } } steps { relationship strength } } } } }`, {}, key)).gapAnalysis;
    expect(api.gaps.length).toBeGreaterThan(0);

    await page.goto(url('/gaps'));
    await page.getByLabel('Target: the framework to reach').selectOption('ISO42001');
    await page.getByLabel('Frameworks we have fully in place:').check();
    await page.locator('input[name="have"][value="ISO27001"]').check();
    expect(await page.locator('input[name="have"][value="ISO42001"]').isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Show gaps' }).click();
    await page.waitForURL((u) => u.searchParams.get('target') === 'ISO42001' && u.searchParams.get('have') === 'ISO27001');
    await page.getByTestId('gap-row').first().waitFor();

    const check = async () => {
      const rows = page.getByTestId('gap-row');
      expect(await rows.evaluateAll((rs) => rs.map((r) => r.getAttribute('data-ref-id')))).toEqual(api.gaps.map((g: any) => g.requirement.refId));
      const summary = await page.getByTestId('gaps-summary').textContent();
      const c = api.coverage;
      expect(summary).toContain(`${c.full} full${c.partial} partial${c.none} none${c.excluded} excluded`);
      expect(summary).toContain(`${Math.round(c.score * 1000) / 10}%`);
      // A gap with partial sources shows each: the source requirement and the crosswalk step that reaches it.
      const withSources = api.gaps.find((g: any) => g.sources.length > 0);
      const row = page.locator(`[data-testid="gap-row"][data-ref-id="${withSources.requirement.refId}"]`);
      const sources = row.getByTestId('gap-source');
      expect(await sources.count()).toBe(withSources.sources.length);
      const first = withSources.sources[0];
      const text = await sources.first().textContent();
      expect(text).toContain(`${first.source.framework.code} ${first.source.refId}`);
      expect(text).toContain(`${first.steps[0].relationship} (strength ${first.steps[0].strength})`);
      expect(text).toContain('Assumed in place.');
      expect(await row.getByRole('link').first().getAttribute('href')).toBe(`/app/frameworks/ISO42001/requirements/${encodeURIComponent(withSources.requirement.refId)}`);
    };
    await check();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'gaps');

    // The choice is in the URL: a reload shows the same report, and the form shows the choice.
    await page.reload();
    await page.getByTestId('gap-row').first().waitFor();
    await check();
    expect(await page.locator('input[name="have"][value="ISO27001"]').isChecked()).toBe(true);
    expect(await page.getByLabel('Target: the framework to reach').inputValue()).toBe('ISO42001');
    await clean();
  });

  it('downloads the export as .xlsx and .csv under the service\'s file names', async () => {
    const rows = await page.getByTestId('gap-row').count();
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download Excel workbook (.xlsx)' }).click()]);
    expect(xlsx.suggestedFilename()).toMatch(/^gaps_ISO42001_ISO27001_\d{4}-\d\d-\d\d\.xlsx$/);
    const book = await readWorkbook(await saved(xlsx));
    expect(book.worksheets.map((ws) => ws.name)).toEqual(['Read me', 'Gaps', 'Coverage']);
    expect(table(book.getWorksheet('Gaps')!).rows).toHaveLength(rows);
    await page.getByText(`Saved ${xlsx.suggestedFilename()}.`).waitFor();

    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download gaps as CSV (.csv)' }).click()]);
    expect(csv.suggestedFilename()).toMatch(/^gaps_ISO42001_ISO27001_\d{4}-\d\d-\d\d_Gaps\.csv$/);
    const body = await saved(csv);
    expect(body.length).toBeGreaterThan(0);
    expect(readCsv(body).rows.length).toBeGreaterThanOrEqual(rows);
    expect(body.toString('utf8')).toContain('ISO27001');
    // Both went to the service with the key, on its own origin.
    expect(b.requests.filter((r) => r.includes('/export/gaps.'))).toEqual([
      `${t.url}/export/gaps.xlsx?target=ISO42001&have=ISO27001`,
      `${t.url}/export/gaps.csv?target=ISO42001&have=ISO27001`,
    ]);
    await clean();
  });

  it('given the organization\'s controls, shows the control a source comes from, with 2 hops from the URL', async () => {
    // AC-01 (implemented) also satisfies ISO27001 A.5.1, which a crosswalk relates to ISO42001 A.2.2.
    const ac01 = await controlByCode('AC-01');
    await t.ok(`mutation($c: ID!) { linkControl(controlId: $c, framework: "ISO27001", refId: "A.5.1") { coverage } }`, { c: ac01.id }, key);
    const api = (await t.ok(`{ gapAnalysis(target: "ISO42001", maxHops: 2) { gaps { requirement { refId } sources { controls { code } } } } }`, {}, key)).gapAnalysis;
    const a22 = api.gaps.find((g: any) => g.requirement.refId === 'A.2.2');
    expect(a22.sources.some((s: any) => s.controls.some((c: any) => c.code === 'AC-01'))).toBe(true);

    await page.goto(url('/gaps?target=ISO42001&hops=2'));
    await page.getByTestId('gap-row').first().waitFor();
    expect(await page.getByTestId('gap-row').count()).toBe(api.gaps.length);
    expect(await page.getByLabel('Our controls').isChecked()).toBe(true);
    expect(await page.getByLabel('Crosswalk hops').inputValue()).toBe('2');
    const row = page.locator('[data-testid="gap-row"][data-ref-id="A.2.2"]');
    expect(await row.getByTestId('gap-source').first().textContent()).toContain('Controls: AC-01');
    expect(await row.getByRole('link', { name: 'AC-01' }).first().getAttribute('href')).toBe(`/app/controls/${ac01.id}`);
    // The export follows one hop: the page says so when it shows more.
    await page.getByText('The export follows one crosswalk hop, so its sources and numbers can differ from these (2 hops)').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await clean();
  });

  it('shows the service\'s words for a choice it refuses', async () => {
    await page.goto(url('/gaps?target=ISO42001&have=ISO42001'));
    const error = page.getByRole('alert').filter({ hasText: 'Something went wrong' });
    await error.waitFor();
    expect(await error.textContent()).toContain('have: must not include the target framework itself');
    expect(await seriousViolations(page)).toEqual([]);
    await clean();
  });
});
