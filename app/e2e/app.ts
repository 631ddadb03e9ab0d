// Page helpers: a browser context per person with the test wallet registered before the app loads, connecting
// through the app's wallet menu, waiting for a transaction's outcome in the activity panel, and screenshots of
// every page a test passes through (under e2e/screenshots/, git-ignored).
import { expect, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
import type { TestWallet } from './chain';

export interface Person {
  context: BrowserContext;
  page: Page;
  wallet: TestWallet;
}

export interface OpenOptions {
  /** The chains the test wallet says it is on (default: the local chain). */
  chains?: string[];
  viewport?: { width: number; height: number };
}

/** A browser context for `wallet`'s owner, on `route` of the app, connected to the test wallet. */
export async function openAs(browser: Browser, wallet: TestWallet, route: string, o: OpenOptions = {}): Promise<Person> {
  const context = await browser.newContext({ viewport: o.viewport ?? { width: 1280, height: 900 } });
  await context.addInitScript((cfg) => {
    (window as unknown as { __PST_TEST_WALLET__: unknown }).__PST_TEST_WALLET__ = cfg;
  }, { secretKey: wallet.secretKey, chains: o.chains ?? ['solana:localnet'], name: `Test Wallet (${wallet.name})` });
  await context.addInitScript({ path: join(here, 'test-wallet.js') });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`[${wallet.name}] page error: ${e.message}`));
  const rpc = process.env['PST_E2E_RPC_URL'];
  await page.goto(`/?rpc=${encodeURIComponent(rpc ?? '')}&chain=solana:localnet&refresh=0#${route}`);
  await page.getByRole('button', { name: 'Connect wallet' }).click();
  await page.getByRole('button', { name: new RegExp(`Test Wallet \\(${wallet.name}\\)`) }).click();
  await expect(page.getByTestId('connected')).toContainText('Test Wallet');
  return { context, page, wallet };
}

export async function go(p: Person, route: string): Promise<void> {
  await p.page.evaluate((r) => (location.hash = r), route);
}

/** Clicks `button` and returns the activity panel's entry of the transaction it started. */
export async function submit(page: Page, button: Locator): Promise<Locator> {
  const entries = page.getByTestId('tx');
  const before = await entries.count();
  await button.click();
  await expect(entries).toHaveCount(before + 1);
  return entries.first();
}

/** Clicks `button` and waits for its transaction, labelled `label`, to be confirmed (fails with its error if not). */
export async function confirmed(page: Page, button: Locator, label: string): Promise<void> {
  const entry = await submit(page, button);
  await expect(entry).toContainText(label);
  await expect(entry).toHaveAttribute('data-stage', /confirmed|failed/, { timeout: 60_000 });
  if ((await entry.getAttribute('data-stage')) !== 'confirmed') throw new Error(`"${label}" failed: ${await entry.innerText()}`);
}

/** Waits for a transaction's entry to fail; returns the message it shows. */
export async function failed(entry: Locator): Promise<string> {
  await expect(entry).toHaveAttribute('data-stage', 'failed', { timeout: 60_000 });
  return entry.locator('.error').innerText();
}

const AXE = join(here, '..', 'node_modules', 'axe-core', 'axe.min.js');

/**
 * An automated accessibility audit of the page as it is (axe-core's WCAG 2.0–2.2 A and AA rules): fails on any
 * violation, listing each rule and the elements it found.
 */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  expect(await accessibilityViolations(page), `accessibility of ${what}`).toEqual([]);
}

/** The page's accessibility violations (axe-core, WCAG 2.0–2.2 A and AA), one line each. */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, o: unknown) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return r.violations.map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`);
  });
}

export class Shots {
  private n = 0;
  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }
  async take(page: Page, name: string): Promise<void> {
    this.n++;
    await page.screenshot({ path: join(this.dir, `${String(this.n).padStart(2, '0')}-${name}.png`), fullPage: true });
  }
}

export const screenshotsDir = (test: string): string => join(here, 'screenshots', test);
