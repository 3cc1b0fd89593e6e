/**
 * The dashboard in a real browser: Playwright's library (playwright-core) driving Debian's Chromium (/usr/bin/chromium,
 * or CHROMIUM_PATH; bench/chromium.ts), which `.ci/run` installs when it is missing. Nothing is downloaded at run time.
 *
 * - `startEmbeddedService()`: the built service (dist/src/main.js) as `npm start` runs it on a fresh machine: no
 *   DATABASE_URL, so on its own embedded PostgreSQL in a temporary data folder; keys come from `org:create`.
 * - `openBrowser(origin)`: a fresh profile whose every request is recorded; a request to any other origin is
 *   aborted and listed in `foreign`, so a test can fail on it. Console errors (CSP violations among them) and page
 *   errors are collected too.
 * - `seriousViolations(page)`: axe-core's serious and critical findings on the page as it is now.
 * - `screenshot(page, name)`: docs/screenshots/<name>.png, which the README shows.
 */
import AxeBuilder from '@axe-core/playwright';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { launchChromium } from '../../bench/chromium';
import { embeddedPostmaster, isAlive } from '../../src/database/embedded-postgres';
import { freePort } from './service-process';

export interface EmbeddedService {
  url: string;
  output(): string;
  /** A new organization and its first ADMIN key, from `npm run org:create` on the same data folder. */
  createOrganization(name: string): { adminKey: string };
  stop(): Promise<void>;
}

export async function startEmbeddedService(): Promise<EmbeddedService> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-browser-'));
  const env: NodeJS.ProcessEnv = { ...process.env, CROSSWALK_DATA_DIR: dataDir, RATE_LIMIT_PER_MINUTE: '100000' };
  delete env.DATABASE_URL;
  delete env.TEST_DATABASE_URL;
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['dist/src/main.js'], { env: { ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`service exited with ${child.exitCode}:\n${output}`);
    if (await fetch(`${url}/health/ready`).then((r) => r.status === 200, () => false)) break;
    if (Date.now() - started > 120_000) throw new Error(`service not ready after 120 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    output: () => output,
    createOrganization(name) {
      const run = spawnSync(process.execPath, ['dist/src/organizations/cli/create-org.js', '--name', name], { env, encoding: 'utf8' });
      const adminKey = /^API key: (\S+)$/m.exec(run.stdout)?.[1];
      if (run.status !== 0 || !adminKey) throw new Error(`org:create failed (${run.status}):\n${run.stdout}\n${run.stderr}`);
      return { adminKey };
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      const postmaster = embeddedPostmaster(dataDir)?.pid;
      if (isAlive(postmaster)) process.kill(postmaster!, 'SIGINT');
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface OpenBrowser {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Every URL the pages asked for, in order. */
  requests: string[];
  /** Requests to anywhere but `origin`: aborted, and listed here. */
  foreign: string[];
  /** console.error lines (CSP violations appear here) and uncaught page errors. */
  errors: string[];
  close(): Promise<void>;
}

export async function openBrowser(origin: string): Promise<OpenBrowser> {
  const browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
  const requests: string[] = [];
  const foreign: string[] = [];
  const errors: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    requests.push(url);
    if (new URL(url).origin === origin) return route.continue();
    foreign.push(url);
    return route.abort('blockedbyclient');
  });
  context.on('page', (page) => watch(page, errors));
  const page = await context.newPage();
  watch(page, errors);
  return { browser, context, page, requests, foreign, errors, close: () => browser.close() };
}

const watched = new WeakSet<Page>();
function watch(page: Page, errors: string[]): void {
  if (watched.has(page)) return;
  watched.add(page);
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
}

/** axe-core's serious and critical violations, each with the rule and the first offending element. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.length} element(s), e.g. ${v.nodes[0]?.target.join(' ')})`);
}

export const SCREENSHOTS = path.resolve('docs', 'screenshots');

/** `mask`: parts to paint over (an API key, say), as Playwright's screenshot option does. */
export async function screenshot(page: Page, name: string, mask: Locator[] = []): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  // The window, not the whole page: what a reader of the README sees first, and a PNG of a sensible size.
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), mask, maskColor: '#c8ced8' });
}

/** Signs in through the form as a user would: paste the key, press Enter, land on the overview. */
export async function signIn(page: Page, origin: string, key: string): Promise<void> {
  await page.goto(`${origin}/app/sign-in`);
  await page.locator('input[name="apiKey"]').fill(key);
  await page.locator('input[name="apiKey"]').press('Enter');
  await page.waitForURL((url) => url.pathname === '/app' || url.pathname === '/app/');
}

/** What the page's origin keeps in sessionStorage and localStorage now (keys and values). */
export async function browserStorage(page: Page): Promise<{ session: Record<string, string>; local: Record<string, string> }> {
  // The callback runs in the browser; the project's TypeScript has no DOM library, so it reaches the globals untyped.
  return page.evaluate(() => {
    const browser = globalThis as unknown as { sessionStorage: Record<string, string>; localStorage: Record<string, string> };
    return { session: { ...browser.sessionStorage }, local: { ...browser.localStorage } };
  });
}
