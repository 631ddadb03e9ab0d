// The whole story in a real browser, each person with their own wallet: a merchant applies → an underwriter
// approves → the merchant creates and issues, opens its pool and reserve → an investor buys and stakes in one
// transaction → the keeper closes the sale, sweeps customers' payments and distributes → the investor claims →
// swaps both ways → adds liquidity. Then the refusals a user can hit, each shown as its message. Every on-chain
// effect is read back over RPC; every page passed through is screenshotted.
import { expect, test, type Browser } from '@playwright/test';
import { fetchMaybeMerchant, MerchantStatus } from '../src/generated/pst_mint';
import { fetchMaybePosition, fetchMaybeDistributor } from '../src/generated/revenue_distributor';
import { fetchMaybePool } from '../src/generated/amm_pool';
import { merchantAddresses, position, usdcAta, pstAta, ata } from '../src/chain/addresses';
import { balances } from '../src/chain/data';
import { parseAmount } from '../src/lib/amounts';
import { ChainClient, loadWallet, newWallet, type TestWallet } from './chain';
import { accessibilityViolations, confirmed, expectAccessible, failed, go, openAs, Shots, screenshotsDir, submit, type Person } from './app';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const USDC = 1_000_000n;
const parseUnits = (text: string): bigint => parseAmount(text, 6);

test.describe.configure({ mode: 'serial' });

let chain: ChainClient;
let merchant: TestWallet;
let investor: TestWallet;
let keeper: TestWallet;
let underwriter: TestWallet;

test.beforeAll(async () => {
  chain = new ChainClient({
    url: process.env['PST_E2E_RPC_URL']!,
    keysDir: process.env['PST_E2E_KEYS_DIR']!,
    usdcMint: process.env['PST_E2E_USDC_MINT']! as never,
    process: undefined as never,
  });
  const dir = mkdtempSync(join(tmpdir(), 'pst-e2e-wallets-'));
  merchant = newWallet(dir, 'merchant');
  investor = newWallet(dir, 'investor');
  keeper = newWallet(dir, 'keeper');
  underwriter = loadWallet(chain.chain.keysDir, 'underwriter');
  for (const w of [merchant, investor, keeper]) await chain.airdrop(w.address, 10);
  await chain.mintUsdc(merchant.address, 400_000n * USDC);
  await chain.mintUsdc(investor.address, 1_000_000n * USDC);
});

async function fill(p: Person, label: string | RegExp, value: string): Promise<void> {
  await p.page.getByLabel(label).fill(value);
}

async function form(p: Person, title: string | RegExp) {
  return p.page.getByRole('form', { name: title });
}

test('a merchant lists, an investor buys, stakes, earns, claims, swaps and provides liquidity', async ({ browser }: { browser: Browser }) => {
  const shots = new Shots(screenshotsDir('lifecycle'));
  const a = await merchantAddresses(merchant.address);

  // ---- the merchant applies -----------------------------------------------------------------------------
  const m = await openAs(browser, merchant, '/merchant');
  await shots.take(m.page, 'merchant-apply-empty');
  const apply = await form(m, 'Apply for listing');
  await expect(apply.getByRole('button', { name: 'Sign and apply' })).toBeDisabled();
  await fill(m, 'Store name (token name)', 'Test Store');
  await fill(m, 'Token symbol', 'TOOLONGSYMBOL');
  await expect(apply.getByText('The symbol must be 1 to 10 bytes long.').first()).toBeVisible();
  await fill(m, 'Token symbol', 'TST');
  await fill(m, 'Evidence bundle URI', 'https://pst.example/evidence/test-store.zip');
  await fill(m, 'Evidence SHA-256 (hex)', 'ab'.repeat(32));
  // the protocol's eligibility thresholds, shown and checked before signing
  await expect(m.page.getByTestId('eligibility')).toContainText('at least 50,000.00 USDC');
  await fill(m, 'Trailing 12-month gross revenue (USDC)', '40,000');
  await expect(apply.getByText('The protocol lists stores with at least 50,000.00 USDC of trailing revenue.').first()).toBeVisible();
  await fill(m, 'Trailing 12-month gross revenue (USDC)', '1,000,000');
  await fill(m, 'Net margin (%)', '18');
  await fill(m, 'Year-on-year growth (%)', '25');
  await fill(m, 'Current inventory at cost (USDC)', '250,000');
  await fill(m, 'Operating history (months)', '6');
  await expect(apply.getByText('The protocol lists stores with at least 12 months of operating history.').first()).toBeVisible();
  await fill(m, 'Operating history (months)', '36');
  await shots.take(m.page, 'merchant-apply-filled');
  await expectAccessible(m.page, 'the application form');
  await confirmed(m.page, apply.getByRole('button', { name: 'Sign and apply' }), 'Apply for listing');
  await expect(m.page.getByTestId('merchant-status')).toContainText('Applied');
  await shots.take(m.page, 'merchant-applied');
  expect((await fetchMaybeMerchant(chain.rpc, a.merchant)).exists).toBe(true);

  // ---- the underwriter approves with economics -----------------------------------------------------------
  const u = await openAs(browser, underwriter, '/underwriter');
  const card = u.page.getByRole('article', { name: 'Application of Test Store' });
  await expect(card).toBeVisible();
  await expect(card.getByRole('link', { name: 'https://pst.example/evidence/test-store.zip' })).toBeVisible();
  await expect(card).toContainText('250,000.00 USDC');
  await expect(card).toContainText('36 months');
  await card.getByLabel('Sale length (hours)').fill('1');
  await card.getByLabel('Vesting cliff (days)').fill('0');
  await card.getByLabel('Vesting duration (days)').fill('1');
  await card.getByLabel('Issue price (USDC per PST)').fill('3');
  await expect(card.getByText(/the initial PE would be 30/)).toBeVisible();
  await card.getByLabel('Issue price (USDC per PST)').fill('1');
  await expect(card.getByTestId('initial-pe')).toContainText('Initial PE: 10');
  await shots.take(u.page, 'underwriter-queue');
  await expectAccessible(u.page, 'the underwriter desk');
  await confirmed(u.page, card.getByRole('button', { name: 'Sign and approve' }), 'Approve TST');
  await shots.take(u.page, 'underwriter-approved');

  // ---- the merchant creates and issues -----------------------------------------------------------------
  await m.page.reload();
  await expect(m.page.getByTestId('merchant-status')).toContainText('Approved');
  await confirmed(m.page, m.page.getByRole('button', { name: 'Create token' }), 'Create token');
  await confirmed(m.page, m.page.getByRole('button', { name: 'Issue supply' }), 'Issue supply');
  await expect(m.page.getByTestId('merchant-status')).toContainText('Public sale');
  await shots.take(m.page, 'merchant-issued');

  // ---- the underwriter opens the feed and the distributor; the merchant the pool and the reserve -----------
  await u.page.reload();
  await u.page.getByLabel('Reporting period (days)').fill('1');
  await confirmed(u.page, u.page.getByRole('button', { name: 'Open feed' }), 'Open revenue feed');
  await u.page.getByLabel('Stream each distribution over (hours)').fill('1');
  await confirmed(u.page, u.page.getByRole('button', { name: 'Open distributor' }), 'Open distributor');
  await m.page.reload();
  await m.page.getByLabel('Maximum USDC to add to the pool').fill('300000');
  await confirmed(m.page, m.page.getByRole('button', { name: 'Open pool' }), 'Open pool');
  await confirmed(m.page, m.page.getByRole('button', { name: 'Open reserve' }), 'Open reserve');
  await shots.take(m.page, 'merchant-markets');
  await expectAccessible(m.page, 'the merchant console');

  // ---- an investor buys and stakes in one transaction ----------------------------------------------------
  const i = await openAs(browser, investor, '/');
  await i.page.getByRole('link', { name: /Test Store \(TST\)/ }).click();
  const buy = i.page.getByRole('form', { name: 'Buy in the public sale' });
  await buy.getByLabel('TST to buy').fill('100000');
  await expect(buy.getByText('Costs 100,000.00 USDC')).toBeVisible();
  await shots.take(i.page, 'investor-sale');
  await confirmed(i.page, buy.getByRole('button', { name: 'Buy and stake' }), 'Buy and stake TST');
  const pos = (await fetchMaybePosition(chain.rpc, await position(a.distributor, investor.address)));
  expect(pos.exists && pos.data.staked).toBe(100_000n * USDC);
  await shots.take(i.page, 'investor-bought-and-staked');

  // ---- the keeper: sale close, sweep, distribution --------------------------------------------------------
  await chain.travel(3_700);
  expect(chain.keeper(keeper)).toContain('close_sale');
  expect((await fetchMaybeMerchant(chain.rpc, a.merchant)).exists && (await fetchMaybeMerchant(chain.rpc, a.merchant))).toMatchObject({ data: { status: MerchantStatus.Active } });
  await chain.mintUsdcTo(a.settlementVault, 100_000n * USDC);
  expect(chain.keeper(keeper)).toContain('sweep');
  expect(chain.keeper(keeper)).toContain('distribute');
  const dist = await fetchMaybeDistributor(chain.rpc, a.distributor);
  expect(dist.exists && dist.data.totalInflow).toBe(10_000n * USDC);
  await chain.travel(7_200);

  // ---- the investor claims ------------------------------------------------------------------------------
  const investorUsdc = await usdcAta(investor.address, chain.chain.usdcMint);
  const [before] = await balances(chain.rpc, [investorUsdc]);
  await i.page.reload();
  await expect(i.page.getByTestId('claimable')).not.toContainText(/^0\.00 USDC/);
  await shots.take(i.page, 'investor-dividends');
  await confirmed(i.page, i.page.getByRole('form', { name: 'Claim dividends' }).getByRole('button', { name: 'Claim' }), 'Claim dividends');
  const [after] = await balances(chain.rpc, [investorUsdc]);
  const claimed = (after ?? 0n) - (before ?? 0n);
  expect(claimed).toBeGreaterThan(0n);
  const posAfter = await fetchMaybePosition(chain.rpc, await position(a.distributor, investor.address));
  expect(posAfter.exists && posAfter.data.claimed).toBe(claimed);

  // ---- swaps both ways -----------------------------------------------------------------------------------
  const swap = i.page.getByRole('form', { name: 'Swap' });
  const investorPst = await pstAta(investor.address, a.pstMint);
  const [pstBefore] = await balances(chain.rpc, [investorPst]);
  await swap.getByLabel('Direction').selectOption('buy');
  await swap.getByLabel('USDC to pay').fill('1000');
  await expect(swap.getByText('Price impact')).toBeVisible();
  await shots.take(i.page, 'investor-swap-quote');
  await expectAccessible(i.page, "a merchant's page with a quote");
  await confirmed(i.page, swap.getByRole('button', { name: 'Buy TST' }), 'Swap USDC for TST');
  const [pstAfter] = await balances(chain.rpc, [investorPst]);
  expect((pstAfter ?? 0n) - (pstBefore ?? 0n)).toBeGreaterThan(900n * USDC);
  await swap.getByLabel('Direction').selectOption('sell');
  await swap.getByLabel('TST to sell').fill('500');
  await confirmed(i.page, swap.getByRole('button', { name: 'Sell TST' }), 'Swap TST for USDC');
  const [pstSold] = await balances(chain.rpc, [investorPst]);
  expect((pstAfter ?? 0n) - (pstSold ?? 0n)).toBe(500n * USDC);
  // exact out: receive exactly 100 TST, paying at most the quote plus the slippage
  await swap.getByLabel('Direction').selectOption('buy');
  await swap.getByLabel('Amount').selectOption('out');
  await swap.getByLabel('TST to receive').fill('100');
  await expect(swap.getByText('At most')).toBeVisible();
  const shown = async (term: string) => parseUnits((await swap.getByText(term, { exact: true }).locator('xpath=following-sibling::dd').innerText()).split(' ')[0]!);
  const [quotedPay, mostPay] = [await shown('You pay (quote)'), await shown('At most')];
  const usdcBeforeExact = (await balances(chain.rpc, [investorUsdc]))[0] ?? 0n;
  await confirmed(i.page, swap.getByRole('button', { name: 'Buy TST' }), 'Swap USDC for TST');
  const [pstExact] = await balances(chain.rpc, [investorPst]);
  expect((pstExact ?? 0n) - (pstSold ?? 0n)).toBe(100n * USDC);
  const paid = usdcBeforeExact - ((await balances(chain.rpc, [investorUsdc]))[0] ?? 0n);
  expect(paid).toBe(quotedPay); // nothing moved the pool between the quote and the swap
  expect(paid).toBeLessThanOrEqual(mostPay);

  // ---- adds liquidity ------------------------------------------------------------------------------------
  const pool = await fetchMaybePool(chain.rpc, a.pool);
  const lpBefore = pool.exists ? pool.data.lpSupply : 0n;
  await i.page.getByLabel('USDC to add (PST is added in proportion)').fill('100');
  await confirmed(i.page, i.page.getByRole('button', { name: 'Add liquidity' }), 'Add liquidity');
  const [lp] = await balances(chain.rpc, [await ata(investor.address, a.lpMint, 'TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA')]);
  expect(lp).toBeGreaterThan(0n);
  const poolAfter = await fetchMaybePool(chain.rpc, a.pool);
  expect(poolAfter.exists && poolAfter.data.lpSupply - lpBefore).toBe(lp);
  await shots.take(i.page, 'investor-liquidity');

  // ---- the portfolio and the keeper page ------------------------------------------------------------------
  await go(i, '/portfolio');
  await expect(i.page.getByRole('table')).toContainText('TST');
  await shots.take(i.page, 'investor-portfolio');
  await expectAccessible(i.page, 'the portfolio');
  await go(i, '/keeper');
  await expect(i.page.getByRole('article', { name: 'Due for Test Store' })).toBeVisible();
  await shots.take(i.page, 'keeper');
  await expectAccessible(i.page, 'the keeper page');
  for (const p of [m, u, i]) await p.context.close();
});

test("the merchant's withdrawal limit follows its inventory", async ({ browser }: { browser: Browser }) => {
  const shots = new Shots(screenshotsDir('inventory'));
  const a = await merchantAddresses(merchant.address);
  const reporters = [0, 1, 2].map((k) => loadWallet(chain.chain.keysDir, `reporter-${k}`));
  // the reporters report a period of Test Store's one-day feed (100,000 USDC of sales, as swept) with its closing
  // inventory, and a keeper accepts it
  const report = (period: number, inventory: string) => {
    for (const r of reporters) {
      chain.cli(r, ['reporter', 'submit', '--merchant', 'TST', '--period', String(period), '--gross', '100000', '--net', '18000', '--inventory', inventory]);
    }
    expect(chain.keeper(keeper)).toContain('accept_period');
  };
  await chain.travel(86_400);
  report(0, '2000000'); // 20 days of sales in stock
  const m = await openAs(browser, merchant, '/merchant');
  const inv = m.page.getByTestId('inventory');
  await expect(inv).toContainText('20.00 days');
  await expect(inv).toContainText('Healthy');
  await expect(inv).toContainText('83,333.333333 of 83,333.333333 USDC approved');
  await shots.take(m.page, 'merchant-inventory-healthy');

  // the next period the store sells as much but runs its stock down to 7 days, half the 14-day floor: Watch, and
  // half the Watch limit for its cover, so 83,333.333333 × ½ × ½
  await chain.mintUsdcTo(a.settlementVault, 100_000n * USDC);
  expect(chain.keeper(keeper)).toContain('sweep');
  await chain.travel(86_400);
  report(1, '700000');
  await m.page.reload();
  await expect(inv).toContainText('7.00 days');
  await expect(inv).toContainText('Watch');
  await expect(inv).toContainText('20,833.333333 of 83,333.333333 USDC approved');
  await expect(m.page.getByRole('table', { name: 'Accepted revenue periods' })).toContainText('700,000.00');
  await shots.take(m.page, 'merchant-inventory-watch');
  await expectAccessible(m.page, 'the merchant console with inventory');
  const withdraw = m.page.getByRole('form', { name: 'Withdraw from settlement' });
  await withdraw.getByLabel('USDC to withdraw').fill('30000');
  await expect(withdraw.getByText("That is over this period's limit: 20,833.333333 USDC left.")).toBeVisible();
  await withdraw.getByLabel('USDC to withdraw').fill('20000');
  const merchantUsdc = await usdcAta(merchant.address, chain.chain.usdcMint);
  const [before] = await balances(chain.rpc, [merchantUsdc]);
  await confirmed(m.page, withdraw.getByRole('button', { name: 'Withdraw' }), 'Withdraw settlement');
  const [after] = await balances(chain.rpc, [merchantUsdc]);
  expect((after ?? 0n) - (before ?? 0n)).toBe(20_000n * USDC);
  await m.context.close();
});

test('refusals: amount over balance, slippage exceeded, wrong network, rejected signature', async ({ browser }: { browser: Browser }) => {
  const shots = new Shots(screenshotsDir('refusals'));
  const route = `/m/${merchant.address}`;
  const i = await openAs(browser, investor, route);
  const swap = i.page.getByRole('form', { name: 'Swap' });
  const txs = async () => (await chain.rpc.getTransactionCount().send());

  // amount over balance: caught before signing, in words
  await swap.getByLabel('Direction').selectOption('buy');
  await swap.getByLabel('USDC to pay').fill('5000000');
  await expect(swap.getByText(/You have [\d,.]+ USDC; that is less than 5,000,000/)).toBeVisible();
  await expect(swap.getByRole('button', { name: 'Buy TST' })).toBeDisabled();
  await shots.take(i.page, 'over-balance');
  await expectAccessible(i.page, 'a refused swap');

  // slippage exceeded: the market moves while the transaction waits for the signature
  await swap.getByLabel('USDC to pay').fill('1000');
  await swap.getByLabel('Slippage tolerance (%)').fill('0.5');
  await i.page.evaluate(() => (window as unknown as { __pstTestWallet: { hold: () => void } }).__pstTestWallet.hold());
  const held = await submit(i.page, swap.getByRole('button', { name: 'Buy TST' }));
  await expect(held).toHaveAttribute('data-stage', 'awaiting-signature');
  chain.cli(merchant, ['investor', 'swap', '--merchant', merchant.address, '--side', 'buy', '--amount', '50000']);
  await i.page.evaluate(() => (window as unknown as { __pstTestWallet: { release: () => void } }).__pstTestWallet.release());
  const slip = await failed(held);
  expect(slip).toContain('amm_pool refused: SlippageExceeded — Slippage limit exceeded. The price moved past your slippage limit');
  await shots.take(i.page, 'slippage-exceeded');

  // a quote gone stale: the market moves after the page read it; the app reads the pool again before asking for a
  // signature and refuses, in words, to sign below the minimum the person saw
  await expect(swap.getByText('You receive (quote)')).toBeVisible();
  chain.cli(merchant, ['investor', 'swap', '--merchant', merchant.address, '--side', 'buy', '--amount', '20000']);
  const staleBefore = await txs();
  const stale = await submit(i.page, swap.getByRole('button', { name: 'Buy TST' }));
  expect(await failed(stale)).toMatch(/^The price moved since your quote: this swap now gives [\d,.]+, below your minimum of [\d,.]+; nothing was sent\./);
  expect(await txs()).toBe(staleBefore);
  await shots.take(i.page, 'stale-quote');

  // a wide slippage bound is signed only once accepted
  await swap.getByLabel('Slippage tolerance (%)').fill('6');
  await expect(swap.getByText('Tick the box to accept the price impact and slippage shown.')).toBeVisible();
  await expect(swap.getByRole('button', { name: 'Buy TST' })).toBeDisabled();
  await swap.getByLabel(/I accept a price impact of/).check();
  await expect(swap.getByRole('button', { name: 'Buy TST' })).toBeEnabled();
  await swap.getByLabel('Slippage tolerance (%)').fill('0.5');

  // rejected signature: nothing is sent
  const before = await txs();
  await i.page.evaluate(() => (window as unknown as { __pstTestWallet: { reject: (b: boolean) => void } }).__pstTestWallet.reject(true));
  expect(await failed(await submit(i.page, swap.getByRole('button', { name: 'Buy TST' })))).toBe(
    'You rejected the request in your wallet; nothing was sent.',
  );
  expect(await txs()).toBe(before);
  await shots.take(i.page, 'rejected');
  await i.context.close();

  // wrong network: a wallet on devnet
  const w = await openAs(browser, investor, route, { chains: ['solana:devnet'] }).catch((e: unknown) => {
    throw e;
  });
  await expect(w.page.getByRole('alert').filter({ hasText: 'Your wallet is on solana:devnet, but this app is on solana:localnet' }).first()).toBeVisible();
  const before2 = await txs();
  await w.page.getByRole('form', { name: 'Swap' }).getByLabel('USDC to pay').fill('10');
  const wrong = await submit(w.page, w.page.getByRole('form', { name: 'Swap' }).getByRole('button', { name: 'Buy TST' }));
  expect(await failed(wrong)).toContain("switch your wallet's network");
  expect(await txs()).toBe(before2);
  await shots.take(w.page, 'wrong-network');
  await w.context.close();
});

test("the demo merchant's page charts its revenue, price and PE band", async ({ browser }: { browser: Browser }) => {
  const shots = new Shots(screenshotsDir('demo-merchant'));
  const i = await openAs(browser, investor, '/');
  const row = i.page.getByRole('row', { name: /Acme Outdoor Gear \(ACME\)/ });
  await expect(row).toContainText('Healthy');
  await shots.take(i.page, 'directory');
  await expectAccessible(i.page, 'the directory');
  await row.getByRole('link').click();
  const points = async (title: string, line: number) =>
    ((await i.page.getByRole('figure').filter({ hasText: title }).locator(`polyline.line-${line}`).getAttribute('points')) ?? '').trim().split(/\s+/).filter(Boolean).length;
  await expect(i.page.getByRole('heading', { name: /Acme Outdoor Gear/ })).toBeVisible();
  await expect.poll(() => points('Revenue per period', 0)).toBe(2); // two accepted periods
  expect(await points('Revenue per period', 1)).toBe(2); // the share paid in each
  expect(await points('Price, TWAP and the PE band', 0)).toBeGreaterThanOrEqual(3); // trades over two days
  await expect(i.page.getByRole('figure').filter({ hasText: 'PE band' }).locator('rect.band')).toHaveCount(1);
  const market = i.page.getByRole('definition').filter({ hasText: /USDC$/ });
  await expect(market.first()).toBeVisible();
  await expect(i.page.getByText('Annual revenue').locator('..')).not.toContainText('0.00 USDC');
  // each day's closing inventory: 82,000 USDC of stock against 2,603 USDC of sales a day on the second day
  expect(await points("Days of inventory at each period's close", 0)).toBe(2);
  await expect(i.page.getByRole('definition').filter({ hasText: 'floor 14 days' })).toHaveText('31.50 days (floor 14 days)');
  await shots.take(i.page, 'acme-charts');
  await expectAccessible(i.page, "ACME's page with its charts");

  // a junior tranche deposit request, then its cancellation: the USDC goes to the vault and comes back
  const usdcAcc = await usdcAta(investor.address, chain.chain.usdcMint);
  const [start] = await balances(chain.rpc, [usdcAcc]);
  await i.page.getByLabel('Tranche', { exact: true }).selectOption('1');
  await i.page.getByLabel('USDC to deposit').fill('0.5');
  await expect(i.page.getByText('A tranche deposit is at least 1.00 USDC.')).toBeVisible();
  await i.page.getByLabel('USDC to deposit').fill('25');
  await confirmed(i.page, i.page.getByRole('button', { name: 'Request deposit' }), 'Tranche deposit request');
  await expect(i.page.getByRole('definition').filter({ hasText: '25.00 USDC' }).first()).toBeVisible();
  const [queued] = await balances(chain.rpc, [usdcAcc]);
  expect((start ?? 0n) - (queued ?? 0n)).toBe(25n * USDC);
  await shots.take(i.page, 'tranche-request');
  await confirmed(i.page, i.page.getByRole('button', { name: 'Cancel request' }), 'Cancel tranche request');
  const [back] = await balances(chain.rpc, [usdcAcc]);
  expect(back).toBe(start);
  await i.context.close();
});

test('the app fits a phone screen and works with the keyboard', async ({ browser }: { browser: Browser }) => {
  const shots = new Shots(screenshotsDir('phone'));
  const acme = loadWallet(chain.chain.keysDir, 'demo-merchant').address;
  const p = await openAs(browser, investor, `/m/${acme}`, { viewport: { width: 390, height: 844 } });
  const overflow = await p.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await shots.take(p.page, 'merchant-page-phone');
  await expectAccessible(p.page, "a merchant's page on a phone");
  // the audit does catch what it should: an unlabelled field and low-contrast text put into the page
  await p.page.evaluate(() => {
    document.getElementById('main')!.insertAdjacentHTML('beforeend', '<input id="probe"><p style="color:#ccc;background:#fff">faint</p>');
  });
  const found = (await accessibilityViolations(p.page)).join('\n');
  expect(found).toMatch(/label/);
  expect(found).toMatch(/color-contrast/);
  await p.page.evaluate(() => document.getElementById('probe')?.nextElementSibling?.remove());
  await p.page.evaluate(() => document.getElementById('probe')?.remove());
  // keyboard, from a fresh load (the wallet reconnects silently): the skip link first, then the navigation
  await p.page.reload();
  await expect(p.page.getByTestId('connected')).toBeVisible();
  await p.page.keyboard.press('Tab');
  await expect(p.page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  // the skip link moves the keyboard to the page's content and stays on the page
  await p.page.keyboard.press('Enter');
  await expect(p.page.locator('#main')).toBeFocused();
  await expect(p.page.getByRole('heading', { name: /Acme Outdoor Gear/ })).toBeVisible();
  // the wallet menu opens from the keyboard and Escape closes it, back on its button
  await p.page.getByRole('button', { name: 'Disconnect' }).focus();
  await p.page.keyboard.press('Enter');
  await expect(p.page.getByRole('button', { name: 'Connect wallet' })).toBeFocused();
  await p.page.keyboard.press('Enter');
  await expect(p.page.getByRole('list', { name: 'Wallets' })).toBeVisible();
  await p.page.keyboard.press('Escape');
  await expect(p.page.getByRole('list', { name: 'Wallets' })).toHaveCount(0);
  await expect(p.page.getByRole('button', { name: 'Connect wallet' })).toBeFocused();
  await p.page.reload();
  await p.page.keyboard.press('Tab');
  await p.page.keyboard.press('Tab');
  await p.page.keyboard.press('Tab');
  await expect(p.page.getByRole('link', { name: 'Invest' })).toBeFocused();
  await p.page.keyboard.press('Enter');
  await expect(p.page.getByRole('heading', { name: 'Merchants' })).toBeVisible();
  await p.context.close();
});
