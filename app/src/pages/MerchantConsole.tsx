// The merchant's console: apply for listing, then follow the timeline (approved → token → sale → active) with
// the action each step needs; the sale, proceeds and vesting; settlement; revenue periods; the reserve stake.
import { useState } from 'react';
import { useApp, useLoad } from '../app/context';
import { fetchCovers } from '../chain/data';
import { useMerchant } from '../app/hooks';
import * as act from '../chain/actions';
import { checkProfile, type ProfileInput } from '../lib/bounds';
import { formatAmount, formatBps, formatDuration, formatTime, parsePercentToBps, pst, tryParse, usdc } from '../lib/amounts';
import { daysText, healthText, latestInventoryDays, rejectionText, statusStep, STATUS_STEPS, stakeRequirement, unjudgedLimit, withdrawalLimit } from '../lib/merchant';
import { MerchantStatus } from '../generated/pst_mint';
import { ActionForm, Field, Loading, Stats, Timeline, TableWrap } from '../ui/components';

function ApplyForm() {
  const { run, config } = useApp();
  const rules = config?.merchantRules;
  const [f, setF] = useState({
    name: '',
    symbol: '',
    tokenUri: '',
    evidenceUri: '',
    evidenceHash: '',
    trailingRevenue: '',
    margin: '',
    growth: '',
    inventory: '',
    history: '',
  });
  const set = (k: keyof typeof f) => (v: string) => setF({ ...f, [k]: v });
  const revenue = tryParse(f.trailingRevenue, 6);
  const inventory = tryParse(f.inventory, 6);
  const historyMonths = /^\d{1,5}$/.test(f.history.trim()) ? Number(f.history.trim()) : NaN;
  let marginBps = NaN;
  let growthBps = NaN;
  const numErr: Record<string, string> = {};
  try {
    marginBps = f.margin === '' ? NaN : parsePercentToBps(f.margin);
  } catch (e) {
    numErr['marginBps'] = (e as Error).message;
  }
  try {
    const neg = f.growth.trim().startsWith('-');
    growthBps = f.growth === '' ? NaN : (neg ? -1 : 1) * parsePercentToBps(f.growth.trim().replace(/^-/, ''));
  } catch (e) {
    numErr['growthBps'] = (e as Error).message;
  }
  const profile: ProfileInput = {
    name: f.name,
    symbol: f.symbol,
    tokenUri: f.tokenUri,
    evidenceUri: f.evidenceUri,
    evidenceHash: f.evidenceHash.trim(),
    trailingRevenue: revenue.value ?? 0n,
    marginBps,
    growthBps,
    inventoryValue: inventory.value ?? 0n,
    historyMonths,
  };
  const touched = Object.values(f).some((v) => v !== '');
  const problems = Object.fromEntries(checkProfile(profile, rules).map((p) => [p.field, p.message]));
  if (revenue.error) problems['trailingRevenue'] = revenue.error;
  if (inventory.error) problems['inventoryValue'] = inventory.error;
  if (f.inventory === '') problems['inventoryValue'] = 'Enter the current inventory at cost (0 if the store holds none).';
  if (f.history !== '' && Number.isNaN(historyMonths)) problems['historyMonths'] = 'Enter whole months.';
  if (f.history === '') problems['historyMonths'] = 'Enter the months the store has been trading.';
  Object.assign(problems, numErr);
  const formKey: Record<string, string> = { marginBps: 'margin', growthBps: 'growth', inventoryValue: 'inventory', historyMonths: 'history' };
  const err = (k: string) => (touched && (f as Record<string, string>)[formKey[k] ?? k] !== '' ? problems[k] : undefined);
  return (
    <ActionForm
      level={2}
      title="Apply for listing"
      submit="Sign and apply"
      problems={touched ? Object.values(problems) : ['Fill in the application.']}
      onSubmit={() => void run('Apply for listing', (me) => act.applyForListing(me, profile))}
    >
      <p className="muted">An underwriter reviews your store's evidence and sets the token's economics.</p>
      {rules && (
        <p data-testid="eligibility">
          To apply, a store needs at least {usdc(rules.minTrailingRevenue)} USDC of revenue over the last twelve months and {rules.minHistoryMonths} months of operating history.
        </p>
      )}
      <Field label="Store name (token name)" value={f.name} onChange={set('name')} error={err('name')} hint="Up to 32 characters (fewer with accents or emoji)" />
      <Field label="Token symbol" value={f.symbol} onChange={set('symbol')} error={err('symbol')} hint="Up to 10 characters, e.g. ACME" />
      <Field label="Token metadata URI (optional)" value={f.tokenUri} onChange={set('tokenUri')} error={err('tokenUri')} />
      <Field label="Evidence bundle URI" value={f.evidenceUri} onChange={set('evidenceUri')} error={err('evidenceUri')} hint="Store exports and bank statements for the underwriter" />
      <Field label="Evidence SHA-256 (hex)" value={f.evidenceHash} onChange={set('evidenceHash')} error={err('evidenceHash')} hint="64 hexadecimal characters" />
      <Field label="Trailing 12-month gross revenue (USDC)" inputMode="decimal" value={f.trailingRevenue} onChange={set('trailingRevenue')} error={err('trailingRevenue')} />
      <Field label="Net margin (%)" inputMode="decimal" value={f.margin} onChange={set('margin')} error={err('marginBps')} hint="0 to 100" />
      <Field label="Year-on-year growth (%)" inputMode="decimal" value={f.growth} onChange={set('growth')} error={err('growthBps')} hint="-100 to 1000" />
      <Field label="Current inventory at cost (USDC)" inputMode="decimal" value={f.inventory} onChange={set('inventory')} error={err('inventoryValue')} hint="What the stock on hand cost you" />
      <Field label="Operating history (months)" inputMode="numeric" value={f.history} onChange={set('history')} error={err('historyMonths')} hint="Months the store has been trading" />
    </ActionForm>
  );
}

export function MerchantConsole() {
  const { me, run, config } = useApp();
  const { data: v, error, loading } = useMerchant(me);
  const { rpc } = useApp();
  const covers = useLoad(
    async () => (v?.reserve && v.metrics ? fetchCovers(rpc, v.a.reserve, v.metrics.history.slice(0, v.metrics.len).filter((r) => r.shortfall > 0n).map((r) => r.period)) : new Map()),
    [rpc, v?.a.reserve, v?.metrics?.len, !!v?.reserve],
  );
  const [seed, setSeed] = useState('');
  const [withdraw, setWithdraw] = useState('');
  const [stakeTopUp, setStakeTopUp] = useState('');
  if (!me) return <section><h1>Merchant</h1><p>Connect the merchant's wallet to apply or manage a listing.</p></section>;
  if (!v) return <section><h1>Merchant</h1><Loading error={error} loading={loading} /></section>;
  const m = v.merchant;
  if (!m) {
    return (
      <section>
        <h1>Merchant</h1>
        <ApplyForm />
      </section>
    );
  }
  const usdcMint = config?.usdcMint;
  const step = statusStep(m.status);
  const e = m.economics;
  const a = v.a;
  const seedAmt = tryParse(seed, 6);
  const wAmt = tryParse(withdraw, 6);
  const topUp = tryParse(stakeTopUp, 6);
  const settlement = v.settlement;
  const feedPeriod = v.feed && v.now >= v.feed.params.firstPeriodStart ? Number((v.now - v.feed.params.firstPeriodStart) / v.feed.params.periodSecs) : 0;
  const withdrawnNow = settlement && settlement.withdrawPeriod === feedPeriod ? settlement.withdrawnInPeriod : 0n;
  const met = v.metrics;
  const daysNow = met && met.inventoryDaysX100.__option === 'Some' ? met.inventoryDaysX100.value : null;
  // the limit the program applies now: the approved limit scaled by health and inventory cover (a Default is
  // frozen until the reserve has covered every shortfall and the stake is restored)
  // ... and at most 12.5% while the period just ended is not accepted yet (the metrics still judge an older one)
  const judged = !v.feed || v.feed.nextPeriod >= feedPeriod;
  const formula = met ? withdrawalLimit(e.withdrawalLimitPerPeriod, met.health, daysNow, met.inventoryFloorDays) : e.withdrawalLimitPerPeriod;
  const cap = unjudgedLimit(e.withdrawalLimitPerPeriod);
  const limit = judged || formula < cap ? formula : cap;
  const rows = met ? met.history.slice(0, met.len) : [];
  const limitLeft = limit > withdrawnNow ? limit - withdrawnNow : 0n;
  const lastRecord = met && met.len > 0 ? met.history[met.len - 1] : undefined;
  const required = (e.totalSupply ? stakeRequirement(e.totalSupply, e.issuePrice, e.stakeBps) : null) ?? 0n;
  return (
    <section>
      <h1>
        {m.profile.name} <small>({m.profile.symbol})</small>
      </h1>
      <Timeline steps={STATUS_STEPS} current={step.index} failed={step.stopped} />
      <p data-testid="merchant-status">
        Status: <strong>{step.label}</strong>
        {m.rejectionReason.__option === 'Some' && <> — reason: {rejectionText(m.rejectionReason.value)}</>}
        {v.metrics && <> · Health: {healthText(v.metrics.health)}</>}
      </p>

      {m.status === MerchantStatus.Approved && (
        <ActionForm level={2} title="Create the token" submit="Create token" onSubmit={() => void run('Create token', (me) => act.createToken(me, a))}>
          <p>Creates {m.profile.symbol}, a Token-2022 mint with on-mint metadata and no freeze authority.</p>
        </ActionForm>
      )}
      {m.status === MerchantStatus.TokenCreated && usdcMint && (
        <ActionForm level={2} title="Issue the supply" submit="Issue supply" onSubmit={() => void run('Issue supply', (me) => act.issueSupply(me, a, usdcMint))}>
          <p>
            Mints {pst(e.totalSupply)} {m.profile.symbol} once: {formatBps(e.publicBps)} for the public sale at {usdc(e.issuePrice)} USDC, {formatBps(e.lpBps)} for the pool,
            {' '}{formatBps(e.merchantBps)} vesting to you. The sale opens at once for {formatDuration(e.saleDurationSecs)}.
          </p>
        </ActionForm>
      )}
      {e.totalSupply > 0n && (
        <div className="card">
          <h2>Token economics</h2>
          <Stats
            items={[
              ['Revenue share', formatBps(e.revenueShareBps)],
              ['Supply', `${pst(e.totalSupply)} ${m.profile.symbol}`],
              ['Issue price', `${usdc(e.issuePrice)} USDC`],
              ['Split (merchant / pool / public)', `${formatBps(e.merchantBps)} / ${formatBps(e.lpBps)} / ${formatBps(e.publicBps)}`],
              ['Vesting', e.vestingCliffSecs > 0n ? `${formatDuration(e.vestingCliffSecs)} cliff; vests over ${formatDuration(e.vestingDurationSecs)}` : `no cliff; vests over ${formatDuration(e.vestingDurationSecs)}`],
              ['Withdrawal limit per period', `${usdc(e.withdrawalLimitPerPeriod)} USDC`],
            ]}
          />
        </div>
      )}
      {(m.status === MerchantStatus.Sale || m.status === MerchantStatus.Active) && (
        <div className="card">
          <h2>Public sale</h2>
          <Stats
            label="Sale"
            items={[
              ['Sold', `${pst(m.sale.sold)} of ${pst(m.sale.publicSupply)} ${m.profile.symbol}`],
              ['Proceeds', `${usdc(m.sale.proceeds)} USDC`],
              ['Ends', m.status === MerchantStatus.Sale ? `${formatTime(m.sale.end)} (in ${formatDuration(m.sale.end - v.now)})` : 'Closed'],
              ['Proceeds released', m.proceedsReleased ? `yes (${usdc(m.stakeFunded)} USDC to the reserve stake)` : 'not yet'],
              ['Still vesting', `${pst(v.vaults.vesting)} ${m.profile.symbol}`],
            ]}
          />
          {m.status === MerchantStatus.Active && !m.proceedsReleased && usdcMint && (
            <ActionForm title="Release the proceeds" submit="Release proceeds" onSubmit={() => void run('Release proceeds', (me) => act.releaseProceeds(me, a, usdcMint))} />
          )}
          {m.status === MerchantStatus.Active && (
            <ActionForm title="Claim vested PST" submit="Claim vested" onSubmit={() => void run('Claim vested', (me) => act.claimVested(me, a))} />
          )}
        </div>
      )}
      {(m.status === MerchantStatus.Sale || m.status === MerchantStatus.Active) && usdcMint && (
        <div className="card">
          <h2>Markets</h2>
          {!v.pool ? (
            <ActionForm
              title="Open the pool"
              submit="Open pool"
              problems={seedAmt.error ? [seedAmt.error] : seedAmt.value === null ? ['Enter the maximum USDC to add.'] : []}
              onSubmit={() => void run('Open pool', (me) => act.openPool(me, a, usdcMint, seedAmt.value ?? 0n))}
            >
              <p>Pairs the pool allocation ({formatBps(e.lpBps)} of supply) with your USDC at the issue price.</p>
               <Field label="Maximum USDC to add to the pool" inputMode="decimal" value={seed} onChange={setSeed} error={seedAmt.error} />
            </ActionForm>
          ) : (
            <>
              <p>Pool open: {pst(v.pool.reservePst)} {m.profile.symbol} and {usdc(v.pool.reserveUsdc)} USDC.</p>
              {v.pool.seedLpLocked > 0n && (
                <ActionForm
                  title="Claim the seed liquidity"
                  submit="Claim LP tokens"
                  reason={v.now < v.pool.seedUnlockTs ? `Locked until ${formatTime(v.pool.seedUnlockTs)}, when your vesting ends.` : undefined}
                  onSubmit={() => void run('Claim seed liquidity', (me) => act.claimSeedLiquidity(me, a))}
                >
                  <p>{formatAmount(v.pool.seedLpLocked, 6)} LP tokens from seeding the pool.</p>
                </ActionForm>
              )}
            </>
          )}
          {!v.reserve ? (
            <ActionForm title="Open the reserve" submit="Open reserve" onSubmit={() => void run('Open reserve', (me) => act.openReserve(me, a))} disabled={!v.pool || !v.distributor}>
              <p>{!v.distributor ? 'Waiting for the underwriter to open the distributor; then you can open the reserve.' : !v.pool ? 'Open the pool first.' : 'Holds your stake and keeps the price within its PE band.'}</p>
            </ActionForm>
          ) : (
            <p>Reserve open.</p>
          )}
          {v.reserve && !v.tranches && m.status === MerchantStatus.Active && (
            <ActionForm title="Open the tranches" submit="Open tranches" onSubmit={() => void run('Open tranches', (me) => act.openTranches(me, a, usdcMint))}>
              <p>Senior (stable yield) and junior (levered) tranches over your PST.</p>
            </ActionForm>
          )}
        </div>
      )}
      {settlement && usdcMint && (
        <div className="card">
          <h2>Settlement</h2>
          <Stats
            label="Settlement"
            items={[
              ['Balance in settlement', `${usdc(v.vaults.settlement)} USDC`],
              ['Available to withdraw', `${usdc(settlement.available)} USDC`],
              ['Limit this period', `${usdc(limit)} USDC (${usdc(limitLeft)} left)`],
              ['Approved limit', `${usdc(e.withdrawalLimitPerPeriod)} USDC`],
              ['Revenue share swept', `${usdc(settlement.totalShare)} USDC of ${usdc(settlement.totalInflow)} received`],
              ['Shortfall recorded', `${usdc(settlement.shortfallRecorded)} USDC in ${settlement.shortPeriods} period(s)`],
            ]}
          />
          <ActionForm
            title="Withdraw from settlement"
            submit="Withdraw"
            problems={
              wAmt.error
                ? [wAmt.error]
                : wAmt.value === null
                  ? ['Enter an amount.']
                  : wAmt.value > settlement.available
                    ? [`Only ${usdc(settlement.available)} USDC is available.`]
                    : wAmt.value > limitLeft
                      ? [`That is over this period's limit: ${usdc(limitLeft)} USDC left.`]
                      : []
            }
            onSubmit={() => void run('Withdraw settlement', (me) => act.withdrawSettlement(me, a, usdcMint, wAmt.value ?? 0n))}
          >
            <Field label="USDC to withdraw" inputMode="decimal" value={withdraw} onChange={setWithdraw} error={wAmt.error} />
          </ActionForm>
        </div>
      )}
      {met && lastRecord && (
        <div className="card" data-testid="inventory">
          <h2>Inventory and withdrawals</h2>
          <Stats
            label="Inventory"
            items={[
              ['Closing inventory (last period)', `${usdc(lastRecord.inventory)} USDC`],
              ['Days of inventory', daysNow === null ? '—' : daysText(daysNow)],
              ['Trend', met.inventoryTrendBps.__option === 'Some' ? `${met.inventoryTrendBps.value >= 0n ? '+' : ''}${formatBps(Number(met.inventoryTrendBps.value))} on the period before` : '—'],
              ['Floor', met.inventoryFloorDays > 0 ? `${met.inventoryFloorDays} days` : 'none'],
              ['Health', healthText(met.health)],
              ['Withdrawal limit now', `${usdc(limit)} of ${usdc(e.withdrawalLimitPerPeriod)} USDC approved`],
            ]}
          />
          {!judged && <p data-testid="unjudged">The period just ended is not accepted yet: until it is, at most 12.5% of the approved limit.</p>}
          <p className="muted">
            Healthy: the approved limit. Watch: half of it, times your days of inventory over the floor (at least a quarter), so from 50% down to
            12.5%. Default: frozen until the reserve covers every shortfall and your stake is restored.
          </p>
        </div>
      )}
      {v.metrics && v.metrics.len > 0 && (
        <div className="card">
          <h2>Revenue periods</h2>
          <TableWrap label="Revenue periods">
          <table>
            <caption className="sr-only">Accepted revenue periods</caption>
            <thead>
              <tr>
                <th scope="col">Period</th>
                <th scope="col">Revenue</th>
                <th scope="col">Share due</th>
                <th scope="col">Paid</th>
                <th scope="col">Shortfall</th>
                <th scope="col">Covered from the stake</th>
                <th scope="col">Closing inventory</th>
                <th scope="col">Days of inventory</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, k) => (
                <tr key={r.period}>
                  <td>{r.period}</td>
                  <td>{usdc(r.revenue)}</td>
                  <td>{usdc(r.shareDue)}</td>
                  <td>{usdc(r.sharePaid)}</td>
                  <td>{r.shortfall > 0n ? usdc(r.shortfall) : '—'}</td>
                  <td>{r.shortfall > 0n ? (covers.data?.get(r.period) ? usdc(covers.data.get(r.period)!.covered) : 'not yet') : '—'}</td>
                  <td>{usdc(r.inventory)}</td>
                  <td>{daysText(latestInventoryDays(rows.slice(0, k + 1), v.metrics!.periodSecs) ?? 0n)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
          {v.reserve && <p>The reserve has covered {usdc(v.reserve.coveredTotal)} USDC of shortfalls from the stake.</p>}
        </div>
      )}
      {v.reserve && usdcMint && (
        <div className="card">
          <h2>Reserve stake</h2>
          <Stats
            label="Stake"
            items={[
              ['Stake', `${usdc(v.reserve.stake)} USDC`],
              ['Requirement', `${usdc(required)} USDC (${formatBps(e.stakeBps)} of the market cap at issue)`],
              ['Status', v.reserve.stake >= required ? 'Met' : `Short by ${usdc(required - v.reserve.stake)} USDC`],
            ]}
          />
          {m.status === MerchantStatus.Delisted && !v.reserve.released && (
            <ActionForm title="Take back the stake" submit="Release stake" onSubmit={() => void run('Release stake', (me) => act.releaseStake(me, a, usdcMint))}>
              <p>After delisting, once the last period is accepted, what is left of the stake returns to you.</p>
            </ActionForm>
          )}
          <ActionForm
            title="Top up the stake"
            submit="Deposit stake"
            problems={topUp.error ? [topUp.error] : topUp.value === null ? ['Enter an amount.'] : []}
            onSubmit={() => void run('Deposit stake', (me) => act.depositStake(me, a, usdcMint, topUp.value ?? 0n))}
          >
            <Field label="USDC to add to the stake" inputMode="decimal" value={stakeTopUp} onChange={setStakeTopUp} error={topUp.error} />
          </ActionForm>
        </div>
      )}
    </section>
  );
}
