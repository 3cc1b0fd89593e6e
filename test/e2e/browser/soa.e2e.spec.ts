/**
 * Issue 15, the Statement of Applicability page (/app/soa) in a real browser against the in-process service:
 * - exclude a requirement with a justification and see the line (No, the justification, the key's name, a time) and
 *   the denominator one less; include it again and see it back;
 * - an empty (or blank) justification is refused by the page before anything is sent, and nothing changes;
 * - a change the service refuses (a justification over its limit, or a framework deleted while the page was open)
 *   shows the service's own words, and nothing changes;
 * - paging, the filter and the search; an AUDITOR key reads without toggles; no key leads to sign-in;
 * - on every state a user sees: axe finds nothing serious, no request leaves the origin, no console error.
 */
import { jest } from '@jest/globals';
import type { Page } from 'playwright-core';
import { TenantDb } from '../../../src/database/tenant-db';
import { openBrowser, type OpenBrowser, screenshot, seriousViolations, signIn } from '../../support/browser';
import { insertOwnFramework } from '../../support/own-catalog';
import { startTestServer, type TestServer } from '../../support/server';

jest.setTimeout(180_000);

let t: TestServer;
let admin: string;
let orgId: string;
let auditor: string;
let b: OpenBrowser;
let page: Page;

const REF = 'A.2.2';
const row = (refId: string) => page.locator(`tr[data-refid="${refId}"]`);
const denominator = () => page.getByTestId('soa-denominator');

const COVERAGE = `query($f: String!) { coverage(frameworks: [$f]) { full partial none excluded applicable } }`;
const LINE = `query($f: String!) { statementOfApplicability(framework: $f, first: 500) { edges { node {
  requirement { refId } applicable justification setByName setAt } } } }`;

async function apiCoverage(framework: string) {
  return (await t.ok(COVERAGE, { f: framework }, admin)).coverage[0] as { full: number; partial: number; none: number; excluded: number; applicable: number };
}
async function apiLine(framework: string, refId: string) {
  const data = await t.ok(LINE, { f: framework }, admin);
  return data.statementOfApplicability.edges.map((e: any) => e.node).find((n: any) => n.requirement.refId === refId);
}

/** The number in the denominator element, once it shows one. */
async function shownDenominator(): Promise<number> {
  await denominator().waitFor();
  const text = (await denominator().textContent()) ?? '';
  const match = /Denominator:\s*(\d+)/.exec(text);
  if (!match) throw new Error(`no number in the denominator: ${text}`);
  return Number(match[1]);
}
const waitForDenominator = (n: number) => page.getByTestId('soa-denominator').filter({ hasText: new RegExp(`Denominator:\\s*${n}\\b`) }).waitFor();

/** The setApplicability mutations the page sends from now on. */
function recordMutations(): string[] {
  const sent: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && (request.postData() ?? '').includes('SoaSetApplicability')) sent.push(request.postData()!);
  });
  return sent;
}

async function expectClean() {
  expect(b.foreign).toEqual([]);
  expect(b.errors).toEqual([]);
  expect(await seriousViolations(page)).toEqual([]);
}

beforeAll(async () => {
  t = await startTestServer();
  const org = await t.createOrganization('Acme SoA');
  admin = org.adminKey;
  orgId = org.organizationId;
  auditor = (await t.ok(`mutation { createApiKey(role: AUDITOR, name: "Audit firm") { secret } }`, {}, admin)).createApiKey.secret;
  // A control linked to two ISO 42001 lines, so the statement shows linked controls and a FULL status.
  const control = (await t.ok(`mutation { createControl(input: { code: "AI-POL", title: "AI policy", status: IMPLEMENTED }) { id } }`, {}, admin)).createControl.id;
  await t.ok(
    `mutation($c: ID!) { a: linkControl(controlId: $c, framework: "ISO42001", refId: "A.2.2") { coverage } b: linkControl(controlId: $c, framework: "ISO42001", refId: "5.2", coverage: PARTIAL) { coverage } }`,
    { c: control },
    admin,
  );
  b = await openBrowser(t.url);
  page = b.page;
  await signIn(page, t.url, admin);
});
afterAll(async () => {
  await b?.close();
  await t?.close();
});

describe('the Statement of Applicability page', () => {
  it('excludes a requirement with a justification: the line says so, who and when, and the denominator is one less', async () => {
    const before = await apiCoverage('ISO42001');
    await page.goto(`${t.url}/app/soa?framework=ISO42001`);
    await page.getByRole('heading', { level: 1, name: 'Statement of Applicability' }).waitFor();
    const shown = await shownDenominator();
    expect(shown).toBe(before.applicable);
    expect(before.applicable).toBe(before.full + before.partial + before.none);
    await row(REF).waitFor();
    expect(await row(REF).locator('td.soa-applies').textContent()).toContain('Yes');
    expect(await row(REF).locator('td.soa-controls').textContent()).toContain('AI-POL');
    expect(await row(REF).locator('.chip').textContent()).toBe('Full');
    await expectClean();

    // The toggle opens the form and puts the focus in it.
    await row(REF).getByRole('button', { name: /Exclude/ }).click();
    const justification = page.getByLabel(`Why does ${REF} not apply? (required)`);
    await justification.waitFor();
    expect(await justification.evaluate((el) => el === document.activeElement)).toBe(true);

    await justification.fill('We do not set AI policies: the group policy applies (see GRP-7).');
    await page.getByRole('button', { name: 'Save: exclude' }).click();

    await waitForDenominator(shown - 1);
    await row(REF).getByRole('button', { name: /Include again/ }).waitFor();
    const line = row(REF);
    expect(await line.locator('td.soa-applies').textContent()).toContain('No');
    expect(await line.locator('td.soa-justification').textContent()).toBe('We do not set AI policies: the group policy applies (see GRP-7).');
    expect(await line.locator('td.soa-setby').textContent()).toContain('first admin key');
    const time = line.locator('td.soa-setby time');
    const iso = (await time.getAttribute('datetime'))!;
    expect(Math.abs(Date.now() - Date.parse(iso))).toBeLessThan(5 * 60_000);
    expect((await time.textContent())!.trim()).not.toBe('');
    expect(await line.locator('.chip').textContent()).toBe('Excluded');
    // The focus is back on the line's toggle, which now offers the opposite.
    expect(await line.getByRole('button', { name: /Include again/ }).evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.locator('.soa-numbers .soa-number-excluded dd').textContent()).toBe(String(before.excluded + 1));

    // The service agrees: the line and the coverage the page shows are the API's.
    expect(await apiLine('ISO42001', REF)).toMatchObject({ applicable: false, justification: 'We do not set AI policies: the group policy applies (see GRP-7).', setByName: 'first admin key', setAt: iso });
    const after = await apiCoverage('ISO42001');
    expect(after.full + after.partial + after.none).toBe(shown - 1);
    expect(after.excluded).toBe(before.excluded + 1);

    // The picture for the README: the numbers, the excluded line with who and when, and a form open on the next one.
    await page.getByLabel('Search refId or title').fill('A.2');
    await row('A.2.3').getByRole('button', { name: /Exclude/ }).click();
    await page.getByLabel('Why does A.2.3 not apply? (required)').fill('Our AI policy is the group policy; we align to it and do not keep our own.');
    await expectClean();
    await screenshot(page, 'statement-of-applicability');
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect(await apiLine('ISO42001', 'A.2.3')).toMatchObject({ applicable: true, justification: null });
  });

  it('refuses an empty or blank justification before sending anything, then includes the line again', async () => {
    await page.goto(`${t.url}/app/soa?framework=ISO42001`);
    const shown = await shownDenominator();
    const sent = recordMutations();
    await row(REF).getByRole('button', { name: /Include again/ }).click();
    const justification = page.getByLabel(`Why does ${REF} apply again? (required)`);
    await justification.waitFor();

    for (const text of ['', '   \n ']) {
      await justification.fill(text);
      await page.getByRole('button', { name: 'Save: include again' }).click();
      const problem = page.locator('.soa-form [role="alert"]');
      await problem.waitFor();
      expect(await problem.textContent()).toContain('justification');
      expect(await problem.textContent()).toContain('Nothing was sent');
      expect(await justification.getAttribute('aria-invalid')).toBe('true');
    }
    expect(sent).toEqual([]);
    expect(await apiLine('ISO42001', REF)).toMatchObject({ applicable: false, justification: 'We do not set AI policies: the group policy applies (see GRP-7).' });
    expect(await shownDenominator()).toBe(shown);
    await expectClean();

    // Escape closes the form and gives the focus back to the toggle; reopening and saving includes it again.
    await justification.press('Escape');
    const toggle = row(REF).getByRole('button', { name: /Include again/ });
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-soa-toggle') === 'A.2.2');
    expect(await page.locator('.soa-form').count()).toBe(0);
    await toggle.press('Enter');
    await justification.waitFor();
    await page.keyboard.type('The AI policy is ours again after the reorganisation.');
    await page.keyboard.press('Tab'); // to the save button
    await page.keyboard.press('Enter');

    await waitForDenominator(shown + 1);
    await row(REF).getByRole('button', { name: /Exclude/ }).waitFor();
    expect(await row(REF).locator('td.soa-applies').textContent()).toContain('Yes');
    expect(await row(REF).locator('td.soa-justification').textContent()).toBe('The AI policy is ours again after the reorganisation.');
    expect(await row(REF).locator('.chip').textContent()).toBe('Full');
    expect(sent).toHaveLength(1);
    expect(await apiLine('ISO42001', REF)).toMatchObject({ applicable: true, justification: 'The AI policy is ours again after the reorganisation.' });
    await expectClean();
  });

  it("shows the service's words when it refuses a justification over its limit, and nothing changes", async () => {
    await page.goto(`${t.url}/app/soa?framework=ISO42001`);
    const shown = await shownDenominator();
    const before = await apiLine('ISO42001', '4.1');
    await row('4.1').getByRole('button', { name: /Exclude/ }).click();
    const justification = page.getByLabel('Why does 4.1 not apply? (required)');
    await justification.fill('x'.repeat(2001));
    expect(await page.locator('.soa-form .soa-help').textContent()).toContain('2001 of at most 2000 characters');
    await page.getByRole('button', { name: 'Save: exclude' }).click();
    const refused = page.locator('.soa-form .state-error');
    await refused.waitFor();
    expect(await refused.textContent()).toContain('justification');
    expect(await refused.textContent()).toContain('at most 2000 characters');
    expect(await refused.textContent()).toContain('nothing was saved');
    // The form stays open with the text, for the user to shorten it.
    expect((await justification.inputValue()).length).toBe(2001);
    expect(await apiLine('ISO42001', '4.1')).toEqual(before);
    expect(await shownDenominator()).toBe(shown);
    await expectClean();
    await page.getByRole('button', { name: 'Cancel' }).click();
  });

  it("shows the service's words when the framework was deleted while the page was open", async () => {
    await insertOwnFramework(t.server.app.get(TenantDb), orgId, {
      code: 'ACME-POL',
      name: 'Acme policies',
      requirements: [{ refId: 'P.1', title: 'Access' }, { refId: 'P.2', title: 'Backups' }],
    });
    await page.goto(`${t.url}/app/soa?framework=ACME-POL`);
    await row('P.2').waitFor();
    expect(await shownDenominator()).toBe(2);
    expect(await page.getByLabel('Framework').inputValue()).toBe('ACME-POL');
    expect(await page.locator('optgroup[label="Your own frameworks"] option').allTextContents()).toEqual(['ACME-POL:1 — Acme policies']);

    await t.ok(`mutation { deleteOwnFramework(framework: "ACME-POL", force: true) { requirements } }`, {}, admin);
    await row('P.2').getByRole('button', { name: /Exclude/ }).click();
    await page.getByLabel('Why does P.2 not apply? (required)').fill('Backups are the hosting provider’s.');
    await page.getByRole('button', { name: 'Save: exclude' }).click();
    const refused = page.locator('.soa-form .state-error');
    await refused.waitFor();
    const words = (await t.gql(`mutation { setApplicability(framework: "ACME-POL", refId: "P.2", applicable: false, justification: "x") { applicable } }`, {}, admin)).errors![0].message;
    expect(await refused.textContent()).toContain(words);
    expect(await row('P.2').locator('td.soa-applies').textContent()).toContain('Yes');
    await expectClean();
  });

  it('pages through a longer statement, filters it, searches it, and keeps the framework in the URL', async () => {
    await page.goto(`${t.url}/app/soa?framework=ISO42001`);
    await shownDenominator();
    await page.getByLabel('Framework').selectOption('ISO27001');
    await page.waitForURL((url) => url.searchParams.get('framework') === 'ISO27001');
    await row('A.5.1').waitFor();
    const total = (await t.ok(`{ statementOfApplicability(framework: "ISO27001", first: 0) { totalCount } }`, {}, admin)).statementOfApplicability.totalCount;
    expect(total).toBeGreaterThan(100);
    expect(await page.locator('tr.soa-line').count()).toBe(50);
    expect(await page.locator('.soa-count').textContent()).toContain(`50 loaded of ${total} lines`);
    await page.getByRole('button', { name: 'Load 50 more' }).click();
    await page.locator('.soa-count', { hasText: `${Math.min(100, total)} loaded of ${total} lines` }).waitFor();
    await page.getByRole('button', { name: /^Load all \d+ remaining$/ }).click();
    await page.locator('.soa-count', { hasText: `${total} loaded of ${total} lines` }).waitFor();
    expect(await page.locator('tr.soa-line').count()).toBe(total);
    expect(await page.getByRole('button', { name: /Load all/ }).count()).toBe(0);

    // Exclude one line through the API: the filter "excluded" shows exactly it (after a reload, from the service).
    await t.ok(`mutation { setApplicability(framework: "ISO27001", refId: "A.7.4", applicable: false, justification: "Fully remote: no premises") { applicable } }`, {}, admin);
    await page.reload();
    await page.getByRole('button', { name: /^Load all \d+ remaining$/ }).click();
    await row('A.7.4').waitFor();
    await page.getByLabel('excluded', { exact: true }).check();
    expect(await page.locator('tr.soa-line').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-refid')))).toEqual(['A.7.4']);
    await page.getByLabel('all', { exact: true }).check();
    await page.getByLabel('Search refId or title').fill('A.5.1');
    const found = await page.locator('tr.soa-line').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-refid')));
    expect(found).toContain('A.5.1');
    expect(found.every((refId) => refId!.includes('A.5.1'))).toBe(true);
    await page.getByLabel('Search refId or title').fill('no such requirement anywhere');
    await page.getByText('No loaded line matches the filter and search.').waitFor();
    await expectClean();
  });

  it('says which heading a line inherits its decision from', async () => {
    await t.ok(`mutation { setApplicability(framework: "ISO9001", refId: "8.3", applicable: false, justification: "We do not design products") { descendantsAffected } }`, {}, admin);
    await page.goto(`${t.url}/app/soa?framework=ISO9001`);
    await row('8.3.1').waitFor();
    const applies = row('8.3.1').locator('td.soa-applies');
    expect((await applies.textContent())!.replace(/\s+/g, ' ')).toContain('No inherited from heading 8.3');
    expect(await applies.getByRole('link', { name: '8.3' }).getAttribute('href')).toBe('/app/frameworks/ISO9001/requirements/8.3');
    expect(await row('8.3.1').locator('td.soa-justification').textContent()).toBe('We do not design products');
    expect(await row('8.4.1').locator('td.soa-applies').textContent()).toBe('Yes');
    expect(b.foreign).toEqual([]);
    expect(b.errors).toEqual([]);
  });

  it("shows the service's words for a framework it does not know", async () => {
    await page.goto(`${t.url}/app/soa?framework=NOPE`);
    const error = page.locator('.state-error').first();
    await error.waitFor();
    const words = (await t.gql(`{ coverage(frameworks: ["NOPE"]) { full } }`, {}, admin)).errors![0].message;
    expect(await error.textContent()).toContain(words);
    await expectClean();
  });
});

describe('without a key, and with a read-only key', () => {
  it('asks for a key, then lets an AUDITOR read the statement without toggles', async () => {
    const other = await openBrowser(t.url);
    try {
      await other.page.goto(`${t.url}/app/soa?framework=ISO42001`);
      await other.page.getByRole('link', { name: 'Sign in with an API key' }).waitFor();
      expect(await seriousViolations(other.page)).toEqual([]);
      await signIn(other.page, t.url, auditor);
      await other.page.goto(`${t.url}/app/soa?framework=ISO42001`);
      await other.page.locator('tr[data-refid="A.2.2"]').waitFor();
      expect(await other.page.locator('.notice').textContent()).toContain('AUDITOR');
      expect(await other.page.getByRole('button', { name: /Exclude|Include again/ }).count()).toBe(0);
      expect(await other.page.getByTestId('soa-denominator').textContent()).toMatch(/Denominator:\s*\d+/);
      expect(other.foreign).toEqual([]);
      expect(other.errors).toEqual([]);
      expect(await seriousViolations(other.page)).toEqual([]);
    } finally {
      await other.close();
    }
  });
});
