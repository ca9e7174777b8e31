import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import axe from 'axe-core';
import { expect } from 'chai';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { harness, onHarnessStop } from './harness';

/**
 * Browser suites (`*.browser.test.ts`): Debian's chromium driven by playwright-core against the harness's app
 * served on a real port. One browser per mocha run (launched by the first suite that needs it, closed by the
 * root after-hook), a fresh context (cookies, storage) per test or per story.
 */
export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOT_DIR = path.resolve(__dirname, '../../.tmp/screenshots');

let browser: Promise<Browser> | undefined;
let server: Promise<string> | undefined;

/** `http://127.0.0.1:<port>`: the harness's app (API and pages) on a free port, started on first use. */
export function baseUrl(): Promise<string> {
  server ??= new Promise<string>((resolve, reject) => {
    const listening = http.createServer(harness().app);
    listening.once('error', reject);
    listening.listen(0, '127.0.0.1', () => {
      onHarnessStop(
        () =>
          new Promise<void>((done) => {
            listening.closeAllConnections();
            listening.close(() => done());
          }),
      );
      resolve(`http://127.0.0.1:${(listening.address() as AddressInfo).port}`);
    });
  });
  return server;
}

function launch(): Promise<Browser> {
  browser ??= chromium
    .launch({
      executablePath: CHROMIUM,
      // Chromium refuses its sandbox as root (CI containers); elsewhere it keeps it.
      args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
    })
    .then((launched) => {
      onHarnessStop(() => launched.close());
      return launched;
    })
    .catch((err: Error) => {
      throw new Error(`Cannot start ${CHROMIUM} (npm pretest installs Debian's chromium): ${err.message}`);
    });
  return browser;
}

/** What went wrong inside a page that no assertion on its content would see. */
export interface TPageProblems {
  /** Uncaught script errors. */
  errors: string[];
  /** Console errors about the Content-Security-Policy (a blocked script or style). */
  blocked: string[];
  /** Sub-resources (stylesheet, script, font, image) answered 4xx/5xx or not at all. */
  failedResources: string[];
}
const problemsOf = new WeakMap<Page, TPageProblems>();

function watch(page: Page): Page {
  const problems: TPageProblems = { errors: [], blocked: [], failedResources: [] };
  problemsOf.set(page, problems);
  page.on('pageerror', (err) => problems.errors.push(err.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) problems.blocked.push(message.text());
  });
  page.on('requestfailed', (request) => {
    // The browser's own PDF viewer (in a framed PDF) loads chrome:// and chrome-extension:// parts it may abort.
    if (/^chrome(-extension)?:/.test(request.url())) return;
    if (request.resourceType() !== 'document') problems.failedResources.push(`${request.url()} (${request.failure()?.errorText})`);
  });
  page.on('response', (response) => {
    const type = response.request().resourceType();
    if (type !== 'document' && type !== 'fetch' && type !== 'xhr' && response.status() >= 400) {
      problems.failedResources.push(`${response.url()} (${response.status()})`);
    }
  });
  return page;
}

/** A new context on the app's base URL (Indonesian browser, WIB), every page in it watched for problems. */
export async function newContext(options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await (await launch()).newContext({
    baseURL: await baseUrl(),
    locale: 'id-ID',
    timezoneId: 'Asia/Jakarta',
    viewport: { width: 1280, height: 900 },
    ...options,
  });
  context.setDefaultTimeout(30_000);
  context.setDefaultNavigationTimeout(90_000); // a page may wait for a workflow update on a loaded machine
  context.on('page', watch);
  return context;
}

export async function newPage(options: BrowserContextOptions = {}): Promise<Page> {
  const context = await newContext(options);
  return watch(await context.newPage());
}

/**
 * In a describe: a fresh context and page for every test (`const web = freshPagePerTest(); … web.page`),
 * closed after it; a failed test leaves a screenshot `failed-<title>.png`.
 */
export function freshPagePerTest(options: BrowserContextOptions = {}): { readonly page: Page } {
  let page: Page | undefined;
  beforeEach(async () => {
    page = await newPage(options);
  });
  afterEach(async function () {
    if (!page) return;
    if (this.currentTest?.state === 'failed') await screenshot(page, `failed-${slug(this.currentTest.fullTitle())}`).catch(() => undefined);
    await page.context().close();
    page = undefined;
  });
  return {
    get page() {
      if (!page) throw new Error('no page outside a test');
      return page;
    },
  };
}

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 100);

/** Saves a full-page screenshot to `.tmp/screenshots/<name>.png` (git-ignored) and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${slug(name)}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** The problems seen on this page since it opened (see `TPageProblems`). */
export function pageProblems(page: Page): TPageProblems {
  const problems = problemsOf.get(page);
  if (!problems) throw new Error('this page was not opened through newContext()/newPage()');
  return problems;
}

/** No uncaught script error, no resource blocked by the CSP, no missing stylesheet, script, font or image. */
export function expectNoPageProblems(page: Page): void {
  const { errors, blocked, failedResources } = pageProblems(page);
  const all = [...errors.map((e) => `script error: ${e}`), ...blocked.map((b) => `blocked: ${b}`), ...failedResources.map((r) => `resource failed: ${r}`)];
  expect(all, `problems on ${page.url()}:\n${all.join('\n')}`).to.deep.equal([]);
}

interface TAxeViolation {
  id: string;
  impact?: string | null;
  help: string;
  helpUrl: string;
  nodes: Array<{ target: unknown[]; html: string; failureSummary?: string }>;
}

/**
 * Runs axe-core in the page (evaluated through the DevTools protocol, so the page's CSP need not allow it)
 * and fails with a readable list of every serious or critical violation.
 */
export async function expectNoSeriousA11yViolations(page: Page): Promise<void> {
  // Strings, not functions: the test code is compiled without the DOM library and runs in Node.
  if (!(await page.evaluate<boolean>("'axe' in window"))) await page.evaluate(axe.source);
  const violations = await page.evaluate<TAxeViolation[]>(`axe.run(document, { resultTypes: ['violations'] }).then((result) =>
    result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, failureSummary: n.failureSummary })) })))`);
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = serious
    .map(
      (v) =>
        `[${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n` +
        v.nodes
          .slice(0, 5)
          .map((n) => `    at ${n.target.join(' ')}: ${n.html.slice(0, 160)}\n      ${(n.failureSummary ?? '').replace(/\n/g, '\n      ')}`)
          .join('\n'),
    )
    .join('\n');
  expect(serious.length, `axe-core on ${page.url()}: ${serious.length} serious or critical violation(s)\n${report}`).to.equal(0);
}

/** Axe, no page problems and a screenshot `<name>.png`: what every page type gets in the browser suites. */
export async function checkPage(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  await expectNoSeriousA11yViolations(page);
  expectNoPageProblems(page);
}

/** The development sign-in page (`/masuk`, with SAHKAN_DEV_USERS on): signs in as a seeded user. */
export async function signIn(page: Page, userId: string): Promise<void> {
  await page.goto('/masuk');
  const button = page.locator(`form:has(input[name="userId"][value="${userId}"]) [type="submit"]`);
  await Promise.all([page.waitForURL((url) => url.pathname !== '/masuk'), button.click()]);
}
