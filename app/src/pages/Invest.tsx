// A merchant's page for investors: charts (revenue, growth, volatility, coverage, health; price, TWAP and the PE
// band; the reserve; the tranches), and every investor action: buy in the sale (and stake in the same
// transaction), swap with a quote, price impact and slippage, stake, unstake, claim, auto-payout, liquidity, and
// tranche requests. Every input is checked against the wallet's balances and the programs' bounds before signing.
import { useState } from 'react';
import { useApp, useLoad } from '../app/context';
import { fetchEpochs, fetchRequest, fetchTwap, freshSwapBound, freshSwapExactOutBound } from '../chain/data';
import { asAddress, useHoldings, useMerchant } from '../app/hooks';
import * as act from '../chain/actions';
import { fetchMaybeObservations } from '../generated/amm_pool';
import { MerchantStatus } from '../generated/pst_mint';
import { formatAmount, formatBps, formatTime, pst, tryParse, usdc } from '../lib/amounts';
import { checkSpend, checkTrancheDeposit } from '../lib/bounds';
import { TxError } from '../lib/errors';
import { CurveError, lpForUsdc, maxIn, minOut, minReturned, priceImpactBps, saleCost, spotPrice, swapExactIn, swapExactOut, withdrawAmounts } from '../lib/curve';
import { claimable } from '../lib/dividends';
import { bandPrice, ordered, peAt, pricePath } from '../lib/market';
import { daysText, healthText, latestInventoryDays, statusStep } from '../lib/merchant';
import { ActionForm, Chart, Field, Loading, Select, Stats } from '../ui/components';

const toNum = (v: bigint, d = 6): number => Number(v) / 10 ** d;

export function Invest({ authority }: { authority: string }) {
  const { rpc, run, config } = useApp();
  const auth = asAddress(authority);
  const { data: v, error, loading } = useMerchant(auth);
  const { data: h } = useHoldings(auth);
  const obs = useLoad(async () => (v?.pool ? fetchMaybeObservations(rpc, v.a.observations) : null), [rpc, v?.a.observations, !!v?.pool]);
  const twapWindow = v?.reserve?.params.twapWindowSecs ?? 3_600n;
  const { me } = useApp();
  const twapRead = useLoad(async () => (v?.pool ? fetchTwap(rpc, v.a, twapWindow, me ?? undefined) : null), [rpc, v?.a.pool, !!v?.pool, twapWindow, me]);
  const [buy, setBuy] = useState('');
  const [andStake, setAndStake] = useState(true);
  const [side, setSide] = useState<'buy' | 'sell'>('buy');
  const [swapIn, setSwapIn] = useState('');
  const [exact, setExact] = useState<'in' | 'out'>('in');
  const [slippage, setSlippage] = useState('0.5');
  const [stakeAmt, setStakeAmt] = useState('');
  const [unstakeAmt, setUnstakeAmt] = useState('');
  const [lpUsdc, setLpUsdc] = useState('');
  const [lpOut, setLpOut] = useState('');
  const [tranche, setTranche] = useState<'0' | '1'>('1');
  const [trancheAmt, setTrancheAmt] = useState('');
  const [redeemAmt, setRedeemAmt] = useState('');
  const [lpSlippage, setLpSlippage] = useState('1');
  const [accepted, setAccepted] = useState(false);
  const t = Number(tranche) as 0 | 1;
  const req = useLoad(async () => (v?.tranches && me ? fetchRequest(rpc, v.a.tranches, me, t) : null), [rpc, v?.a.tranches, me, t, !!v?.tranches]);
  const epochs = useLoad(async () => (v?.tranches ? fetchEpochs(rpc, v.a.tranches, v.tranches.epoch, 52) : []), [rpc, v?.a.tranches, v?.tranches?.epoch]);

  if (!auth) return <p className="error" role="alert">"{authority}" is not a merchant address.</p>;
  if (!v) return <Loading error={error} loading={loading} />;
  const m = v.merchant;
  if (!m) return <p className="error" role="alert">No merchant has applied from {authority}.</p>;
  const a = v.a;
  const usdcMint = config?.usdcMint;
  const sym = m.profile.symbol;
  const e = m.economics;
  const holdings = h ?? { sol: 0n, usdc: 0n, pst: 0n, lp: 0n, position: null, shares: [0n, 0n] as [bigint, bigint] };

  // ---- market figures ----
  const o = obs.data && obs.data.exists ? obs.data.data : null;
  const series = o ? ordered(o.entries, o.head, o.count) : [];
  const path = pricePath(series);
  const tw = twapRead.data ?? null;
  const spot = v.pool && v.pool.reservePst > 0n ? spotPrice(v.pool.reservePst, v.pool.reserveUsdc) : null;
  const annualShare = v.metrics ? (v.metrics.annualRevenue * BigInt(e.revenueShareBps)) / 10_000n : 0n;
  const band = v.reserve && annualShare > 0n ? { low: bandPrice(annualShare, v.reserve.params.peLowBps, e.totalSupply), high: bandPrice(annualShare, v.reserve.params.peHighBps, e.totalSupply) } : null;
  const pe = spot !== null ? peAt(spot, e.totalSupply, annualShare) : null;
  const history = v.metrics ? v.metrics.history.slice(0, v.metrics.len) : [];

  // The pool harvests its dividends into its USDC reserve before every trade and deposit: quote on the reserves
  // as they will be then (a quote on the stored reserves is optimistic for buyers and fails its slippage bound).
  const harvest = v.distributor && v.poolPosition ? claimable(v.distributor, v.poolPosition, v.now) : 0n;
  const pool = v.pool ? { ...v.pool, reserveUsdc: v.pool.reserveUsdc + harvest } : null;

  // ---- sale ----
  const buyAmt = tryParse(buy, 6);
  let cost = 0n;
  try {
    cost = buyAmt.value !== null ? saleCost(buyAmt.value, e.issuePrice) : 0n;
  } catch {
    buyAmt.error = 'That amount is too large.';
  }
  const saleLeft = m.sale.publicSupply - m.sale.sold;
  const buyProblems = buyAmt.error
    ? [buyAmt.error]
    : buyAmt.value === null
      ? ['Enter how much to buy.']
      : buyAmt.value > saleLeft
        ? [`Only ${pst(saleLeft)} ${sym} are left in the sale.`]
        : checkSpend(cost, holdings.usdc, 'USDC').map((p) => p.message);
  const needsDistributor = andStake && !v.distributor;
  if (needsDistributor) buyProblems.push('Staking opens when the underwriter opens the distributor: untick "stake" to buy only.');

  // ---- swap ----
  // exact in: pay exactly the amount, receive at least the bound; exact out: receive exactly, pay at most the bound
  const swapAmt = tryParse(swapIn, 6);
  let quote: { pay: bigint; receive: bigint; fee: bigint; impact: number; bound: bigint } | null = null;
  const swapProblems: string[] = [];
  let slipBps = 0;
  const slipParsed = tryParse(slippage, 2);
  if (slipParsed.error || slipParsed.value === null || slipParsed.value > 5_000n) swapProblems.push('Slippage must be between 0% and 50%.');
  else slipBps = Number(slipParsed.value);
  const payToken = side === 'buy' ? 'USDC' : sym;
  const payBalance = side === 'buy' ? holdings.usdc : holdings.pst;
  if (!pool) swapProblems.push('The pool is not open yet.');
  else if (swapAmt.error) swapProblems.push(swapAmt.error);
  else if (swapAmt.value === null) swapProblems.push('Enter an amount.');
  else {
    const [rIn, rOut] = side === 'buy' ? [pool.reserveUsdc, pool.reservePst] : [pool.reservePst, pool.reserveUsdc];
    try {
      if (exact === 'in') {
        swapProblems.push(...checkSpend(swapAmt.value, payBalance, payToken).map((p) => p.message));
        const r = swapExactIn(rIn, rOut, swapAmt.value, pool.feeBps, pool.protocolShareBps);
        if (r.amountOut === 0n) swapProblems.push('That is too small to get anything back.');
        quote = { pay: r.amountIn, receive: r.amountOut, fee: r.fee, impact: priceImpactBps(rIn, rOut, r), bound: minOut(r.amountOut, slipBps) };
      } else {
        const r = swapExactOut(rIn, rOut, swapAmt.value, pool.feeBps, pool.protocolShareBps);
        const most = maxIn(r.amountIn, slipBps);
        swapProblems.push(...checkSpend(most, payBalance, payToken).map((p) => p.message));
        quote = { pay: r.amountIn, receive: r.amountOut, fee: r.fee, impact: priceImpactBps(rIn, rOut, r), bound: most };
      }
    } catch (x) {
      swapProblems.push(x instanceof CurveError ? x.message : String(x));
    }
  }
  // a large price impact or a wide slippage bound is signed only once the person says so
  const risky = (quote !== null && quote.impact > 500) || slipBps > 500;
  if (risky && !accepted) swapProblems.push('Tick the box to accept the price impact and slippage shown.');

  // ---- staking ----
  const staked = holdings.position?.staked ?? 0n;
  const pending = v.distributor && holdings.position ? claimable(v.distributor, holdings.position, v.now) : 0n;
  const sAmt = tryParse(stakeAmt, 6);
  const uAmt = tryParse(unstakeAmt, 6);

  // ---- liquidity ----
  const lpSlip = tryParse(lpSlippage, 2);
  const lpSlipBps = lpSlip.value !== null && !lpSlip.error && lpSlip.value <= 5_000n ? Number(lpSlip.value) : null;
  const lpU = tryParse(lpUsdc, 6);
  let lpQuote: { lp: bigint; pst: bigint; usdc: bigint } | null = null;
  const lpProblems: string[] = [];
  if (lpSlipBps === null) lpProblems.push('Slippage must be between 0% and 50%.');
  if (!pool) lpProblems.push('The pool is not open yet.');
  else if (lpU.error) lpProblems.push(lpU.error);
  else if (lpU.value === null) lpProblems.push('Enter the USDC to add.');
  else {
    try {
      lpQuote = lpForUsdc(lpU.value, pool.lpSupply, pool.reservePst, pool.reserveUsdc);
      lpProblems.push(...checkSpend(maxIn(lpQuote.usdc, lpSlipBps ?? 0), holdings.usdc, 'USDC').map((p) => p.message));
      lpProblems.push(...checkSpend(maxIn(lpQuote.pst, lpSlipBps ?? 0), holdings.pst, sym).map((p) => p.message));
    } catch (x) {
      lpProblems.push((x as Error).message);
    }
  }
  const lpO = tryParse(lpOut, 6);
  let outQuote: [bigint, bigint] | null = null;
  const outProblems: string[] = [];
  if (lpSlipBps === null) outProblems.push('Slippage must be between 0% and 50%.');
  if (!pool) outProblems.push('The pool is not open yet.');
  else if (lpO.error) outProblems.push(lpO.error);
  else if (lpO.value === null) outProblems.push('Enter the LP tokens to return.');
  else {
    outProblems.push(...checkSpend(lpO.value, holdings.lp, 'LP').map((p) => p.message));
    try {
      outQuote = withdrawAmounts(lpO.value, pool.lpSupply, pool.reservePst, pool.reserveUsdc);
    } catch (x) {
      outProblems.push((x as Error).message);
    }
  }

  // ---- tranches ----
  const myRequest = req.data ?? null;
  const claimTo = myRequest && v.tranches ? Math.min(v.tranches.epoch, myRequest.nextEpoch + 16) : 0;
  const claimable_ = !!myRequest && v.tranches !== null && (claimTo > myRequest.nextEpoch || myRequest.sharesToClaim > 0n || myRequest.usdcToClaim > 0n);
  const tAmt = tryParse(trancheAmt, 6);
  const rAmt = tryParse(redeemAmt, 9);

  // the problem an amount field shows under itself (its parse error, or spending more than the wallet holds)
  const amountError = (ps: readonly string[]) => ps.find((p) => /^(You have |At most |".*" is not a number|Use a point|Only |The amount must|That amount|A tranche deposit)/.test(p));
  const slipError = (ps: readonly string[]) => ps.find((p) => p.startsWith('Slippage '));
  const usdcProblems = (p: { value: bigint | null; error?: string }, bal: bigint, token: string, decimals = 6) =>
    p.error ? [p.error] : p.value === null ? ['Enter an amount.'] : checkSpend(p.value, bal, token, decimals).map((x) => x.message);

  return (
    <section>
      <h1>
        {m.profile.name} <small>({sym})</small>
      </h1>
      <p>
        {statusStep(m.status).label} · revenue share {formatBps(e.revenueShareBps)}
        {v.metrics && <> · health {healthText(v.metrics.health)}</>}
      </p>
      <div className="card">
        <h2>Your position</h2>
        <Stats
          label="Your position"
          items={[
            ['USDC', usdc(holdings.usdc)],
            [`${sym} held`, pst(holdings.pst)],
            [`${sym} staked`, pst(staked)],
            ['Dividends to claim', `${usdc(pending)} USDC`],
            ['LP tokens', formatAmount(holdings.lp, 6)],
            ['Senior / junior shares', `${formatAmount(holdings.shares[0], 9)} / ${formatAmount(holdings.shares[1], 9)}`],
          ]}
        />
      </div>

      <div className="charts">
        <Chart title="Revenue per period (USDC)" xLabel="Period" format={(x) => x.toLocaleString()} series={[{ name: 'Revenue', points: history.map((r) => ({ x: r.period, y: toNum(r.revenue) })) }, { name: 'Share paid', points: history.map((r) => ({ x: r.period, y: toNum(r.sharePaid) })) }]} />
        <Chart
          title="Price, TWAP and the PE band (USDC per PST)"
          format={(x) => x.toFixed(4)}
          fromZero={false}
          xLabel="Time"
          formatX={(x) => formatTime(x)}
          series={[
            { name: 'Price', points: [...path.map((p) => ({ x: p.t, y: toNum(p.price) })), ...(spot !== null && path.length ? [{ x: Number(v.now), y: toNum(spot) }] : [])] },
            { name: `TWAP (${Number(twapWindow) / 60} min, now)`, points: tw !== null && path.length ? [{ x: path[0]!.t, y: toNum(tw) }, { x: Number(v.now), y: toNum(tw) }] : [], dashed: true },
          ]}
          {...(band ? { band: { low: toNum(band.low), high: toNum(band.high), label: 'PE band' } } : {})}
        />
        <Chart
          title="Revenue growth on the period before, and coverage of the share due (%)"
          format={(x) => x.toFixed(1)}
          fromZero={false}
          xLabel="Period"
          series={[
            {
              name: 'Growth',
              points: history.slice(1).map((r, k) => ({ x: r.period, y: history[k]!.revenue > 0n ? (Number(r.revenue) / Number(history[k]!.revenue) - 1) * 100 : 0 })),
            },
            { name: 'Coverage', points: history.map((r) => ({ x: r.period, y: r.shareDue > 0n ? (Number(r.sharePaid) / Number(r.shareDue)) * 100 : 100 })), dashed: true },
          ]}
        />
        {v.metrics && (
          <Chart
            title="Days of inventory at each period's close, and the floor"
            format={(x) => x.toFixed(1)}
            xLabel="Period"
            series={[
              {
                name: 'Days of inventory',
                points: history.map((r, k) => ({ x: r.period, y: Number(latestInventoryDays(history.slice(0, k + 1), v.metrics!.periodSecs) ?? 0n) / 100 })),
              },
              ...(v.metrics.inventoryFloorDays > 0
                ? [{ name: 'Floor', points: history.map((r) => ({ x: r.period, y: v.metrics!.inventoryFloorDays })), dashed: true }]
                : []),
            ]}
          />
        )}
        {v.tranches && (
          <Chart
            title="Senior APY: set and realised, per epoch (%)"
            format={(x) => x.toFixed(2)}
            fromZero={false}
            xLabel="Epoch"
            series={[
              { name: 'Set', points: (epochs.data ?? []).map((e) => ({ x: e.index, y: e.apyBps / 100 })) },
              { name: 'Realised', points: (epochs.data ?? []).map((e) => ({ x: e.index, y: Number(e.seniorRealisedBps) / 100 })), dashed: true },
            ]}
          />
        )}
      </div>
      <div className="card">
        <h2>Market</h2>
        <Stats
          label="Market"
          items={[
            ['Spot price', spot !== null ? `${usdc(spot)} USDC` : 'no pool yet'],
            [`TWAP (${Number(twapWindow) / 60} min)`, tw !== null ? `${usdc(tw)} USDC` : 'not enough history'],
            ['PE', pe !== null ? formatAmount(pe, 4) : '—'],
            ['PE band', v.reserve ? `${formatAmount(BigInt(v.reserve.params.peLowBps), 4)} to ${formatAmount(BigInt(v.reserve.params.peHighBps), 4)}${band ? ` (${usdc(band.low)} to ${usdc(band.high)} USDC)` : ''}` : '—'],
            ['Annual revenue', v.metrics ? `${usdc(v.metrics.annualRevenue)} USDC` : '—'],
            ['Growth (period / year)', v.metrics ? `${v.metrics.growthPopBps.__option === 'Some' ? formatBps(v.metrics.growthPopBps.value) : '—'} / ${v.metrics.growthYoyBps.__option === 'Some' ? formatBps(v.metrics.growthYoyBps.value) : '—'}` : '—'],
            ['Volatility', v.metrics ? formatBps(v.metrics.volatilityBps) : '—'],
            ['Coverage', v.metrics ? formatBps(v.metrics.coverageBps) : '—'],
            [
              'Days of inventory',
              v.metrics && v.metrics.inventoryDaysX100.__option === 'Some'
                ? `${daysText(v.metrics.inventoryDaysX100.value)} (floor ${v.metrics.inventoryFloorDays} days)`
                : '—',
            ],
            ['Reserve', v.reserve ? `${usdc(v.vaults.reserveUsdc)} USDC and ${pst(v.vaults.reservePst)} ${sym}; stake ${usdc(v.reserve.stake)} USDC` : '—'],
            ['Senior APY', v.tranches ? formatBps(v.tranches.apyBps) : '—'],
            ['Tranche NAV (senior / junior)', v.tranches ? `${usdc(v.tranches.books[0]?.value ?? 0n)} / ${usdc(v.tranches.books[1]?.value ?? 0n)} USDC` : '—'],
          ]}
        />
      </div>

      {m.status === MerchantStatus.Sale && usdcMint && (
        <ActionForm
          level={2}
          title="Buy in the public sale"
          submit={andStake ? 'Buy and stake' : 'Buy'}
          problems={buyProblems}
          atFields={[amountError(buyProblems)]}
          onSubmit={() =>
            void run(andStake ? `Buy and stake ${sym}` : `Buy ${sym}`, (me) =>
              act.buyPublic(me, a, usdcMint, buyAmt.value ?? 0n, cost, andStake ? { hasPosition: !!holdings.position } : null),
            )
          }
        >
          <p>
            {pst(saleLeft)} {sym} left at {usdc(e.issuePrice)} USDC each; the sale ends {formatTime(m.sale.end)}.
          </p>
          <Field label={`${sym} to buy`} inputMode="decimal" value={buy} onChange={setBuy} hint={buyAmt.value ? `Costs ${usdc(cost)} USDC` : undefined} error={amountError(buyProblems)} />
          <label className="check">
            <input type="checkbox" checked={andStake} onChange={(x) => setAndStake(x.target.checked)} /> Stake what I buy (earns dividends from the first distribution)
          </label>
        </ActionForm>
      )}

      {v.pool && usdcMint && (
        <ActionForm
          level={2}
          title="Swap"
          submit={side === 'buy' ? `Buy ${sym}` : `Sell ${sym}`}
          problems={swapProblems}
          atFields={[amountError(swapProblems), slipError(swapProblems)]}
          onSubmit={() =>
            void run(side === 'buy' ? `Swap USDC for ${sym}` : `Swap ${sym} for USDC`, async (me) => {
              const amount = swapAmt.value;
              if (!quote || amount === null) throw new TxError('There is no quote to sign.', 'input');
              if (exact === 'in') {
                const bound = await freshSwapBound(rpc, a, side, amount, quote.bound, slipBps);
                return act.swapExactIn(me, a, usdcMint, side, amount, bound);
              }
              const bound = await freshSwapExactOutBound(rpc, a, side, amount, quote.bound, slipBps);
              return act.swapExactOut(me, a, usdcMint, side, amount, bound);
            })
          }
        >
          <Select label="Direction" value={side} options={[{ value: 'buy', label: `Buy ${sym} with USDC` }, { value: 'sell', label: `Sell ${sym} for USDC` }]} onChange={setSide} />
          <Select
            label="Amount"
            value={exact}
            options={[
              { value: 'in', label: side === 'buy' ? 'Pay exactly this much USDC' : `Sell exactly this much ${sym}` },
              { value: 'out', label: side === 'buy' ? `Receive exactly this much ${sym}` : 'Receive exactly this much USDC' },
            ]}
            onChange={setExact}
          />
          <Field
            label={exact === 'in' ? (side === 'buy' ? 'USDC to pay' : `${sym} to sell`) : side === 'buy' ? `${sym} to receive` : 'USDC to receive'}
            inputMode="decimal"
            value={swapIn}
            onChange={setSwapIn}
            error={amountError(swapProblems)}
          />
          <Field label="Slippage tolerance (%)" inputMode="decimal" value={slippage} onChange={setSlippage} error={slipError(swapProblems)} />
          {quote && (
            <Stats
              label="Quote"
              items={[
                ...(exact === 'in'
                  ? ([
                      ['You receive (quote)', `${formatAmount(quote.receive, 6)} ${side === 'buy' ? sym : 'USDC'}`],
                      ['At least', `${formatAmount(quote.bound, 6)} ${side === 'buy' ? sym : 'USDC'}`],
                    ] as [string, string][])
                  : ([
                      ['You pay (quote)', `${formatAmount(quote.pay, 6)} ${payToken}`],
                      ['At most', `${formatAmount(quote.bound, 6)} ${payToken}`],
                    ] as [string, string][])),
                ['Fee', `${formatAmount(quote.fee, 6)} ${side === 'buy' ? 'USDC' : sym} (${formatBps(v.pool.feeBps)})`],
                ...(harvest > 0n ? ([['Pool dividends added before your trade', `${usdc(harvest)} USDC`]] as [string, string][]) : []),
                ['Price impact', <span key="i" className={quote.impact > 300 ? 'warn' : undefined}>{formatBps(quote.impact)}</span>],
                ['Rate (spot)', `1 ${sym} ≈ ${usdc(spot ?? 0n)} USDC`],
                ['Balance', side === 'buy' ? `${usdc(holdings.usdc)} USDC` : `${pst(holdings.pst)} ${sym}`],
              ]}
            />
          )}
          {quote && quote.impact > 100 && (
            <p className="warn">High price impact: this trade gets {formatBps(quote.impact)} less than the spot price would give.</p>
          )}
          {risky && (
            <label className="check">
              <input type="checkbox" checked={accepted} onChange={(x) => setAccepted(x.target.checked)} /> I accept a price impact of{' '}
              {quote ? formatBps(quote.impact) : '—'} and a slippage limit of {formatBps(slipBps)}
            </label>
          )}
        </ActionForm>
      )}

      {v.distributor && (
        <div className="card">
          <h2>Staking and dividends</h2>
          <p>
            {pst(staked)} {sym} staked; {usdc(pending)} USDC to claim; auto-payout {holdings.position?.autoPayout ? 'on' : 'off'}.
          </p>
          <ActionForm title="Stake" submit="Stake" problems={usdcProblems(sAmt, holdings.pst, sym)} atFields={[amountError(usdcProblems(sAmt, holdings.pst, sym))]} onSubmit={() => void run(`Stake ${sym}`, (me) => act.stake(me, a, sAmt.value ?? 0n, !!holdings.position))}>
            <Field label={`${sym} to stake`} inputMode="decimal" value={stakeAmt} onChange={setStakeAmt} error={amountError(usdcProblems(sAmt, holdings.pst, sym))} />
          </ActionForm>
          <ActionForm title="Unstake" submit="Unstake" problems={usdcProblems(uAmt, staked, `staked ${sym}`)} atFields={[amountError(usdcProblems(uAmt, staked, `staked ${sym}`))]} onSubmit={() => void run(`Unstake ${sym}`, (me) => act.unstake(me, a, uAmt.value ?? 0n))}>
            <Field label={`${sym} to unstake`} inputMode="decimal" value={unstakeAmt} onChange={setUnstakeAmt} error={amountError(usdcProblems(uAmt, staked, `staked ${sym}`))} />
          </ActionForm>
          {usdcMint && (
            <ActionForm title="Claim dividends" submit="Claim" reason={!holdings.position ? 'Stake first: dividends accrue to staked PST.' : pending === 0n ? 'Nothing to claim yet.' : undefined} onSubmit={() => void run('Claim dividends', (me) => act.claim(me, a, usdcMint))}>
              <p data-testid="claimable">{usdc(pending)} USDC claimable now.</p>
            </ActionForm>
          )}
          {usdcMint && holdings.position && (
            <ActionForm
              title="Auto-payout"
              submit={holdings.position.autoPayout ? 'Turn auto-payout off' : 'Turn auto-payout on'}
              onSubmit={() => void run('Set auto-payout', (me) => act.setAutoPayout(me, a, usdcMint, !holdings.position?.autoPayout))}
            >
              <p>Keepers push your dividends to your USDC account as they stream.</p>
            </ActionForm>
          )}
        </div>
      )}

      {v.pool && usdcMint && (
        <div className="card">
          <h2>Liquidity</h2>
          <ActionForm
            title="Add liquidity"
            submit="Add liquidity"
            problems={lpProblems}
            onSubmit={() => {
              if (!lpQuote || lpSlipBps === null) return;
              const q = lpQuote;
              void run('Add liquidity', (me) => act.addLiquidity(me, a, usdcMint, q.lp, maxIn(q.pst, lpSlipBps), maxIn(q.usdc, lpSlipBps)));
            }}
          >
            <Field label="Liquidity slippage tolerance (%)" inputMode="decimal" value={lpSlippage} onChange={setLpSlippage} hint="Applies to adding and removing" />
            <Field label="USDC to add (PST is added in proportion)" inputMode="decimal" value={lpUsdc} onChange={setLpUsdc} />
            {lpQuote && <p>Mints {formatAmount(lpQuote.lp, 6)} LP for {formatAmount(lpQuote.usdc, 6)} USDC and {pst(lpQuote.pst)} {sym}.</p>}
          </ActionForm>
          <ActionForm
            title="Remove liquidity"
            submit="Remove liquidity"
            problems={outProblems}
            onSubmit={() => {
              if (!outQuote || lpO.value === null || lpSlipBps === null) return;
              const [x, y] = outQuote;
              const lp = lpO.value;
              void run('Remove liquidity', (me) => act.removeLiquidity(me, a, usdcMint, lp, minReturned(x, lpSlipBps), minReturned(y, lpSlipBps)));
            }}
          >
            <Field label="LP tokens to return" inputMode="decimal" value={lpOut} onChange={setLpOut} />
            {outQuote && <p>Returns {pst(outQuote[0])} {sym} and {usdc(outQuote[1])} USDC.</p>}
          </ActionForm>
        </div>
      )}

      {v.tranches && usdcMint && (
        <div className="card">
          <h2>Tranches</h2>
          <p>
            Senior earns a stable {formatBps(v.tranches.apyBps)} a year, paid before junior; junior takes the rest of the vault's return. Requests execute at the epoch's close (epoch {v.tranches.epoch}).
          </p>
          <Select label="Tranche" value={tranche} options={[{ value: '0', label: 'Senior' }, { value: '1', label: 'Junior' }]} onChange={setTranche} />
          <ActionForm
            title="Request a deposit"
            submit="Request deposit"
            problems={tAmt.value !== null ? [...checkTrancheDeposit(tAmt.value).map((p) => p.message), ...checkSpend(tAmt.value, holdings.usdc, 'USDC').map((p) => p.message)] : [tAmt.error ?? 'Enter an amount.']}
            onSubmit={() => void run('Tranche deposit request', (me) => act.trancheDeposit(me, a, usdcMint, t, tAmt.value ?? 0n))}
          >
            <Field label="USDC to deposit" inputMode="decimal" value={trancheAmt} onChange={setTrancheAmt} />
          </ActionForm>
          <ActionForm title="Request a redemption" submit="Request redemption" problems={usdcProblems(rAmt, holdings.shares[t], 'shares', 9)} onSubmit={() => void run('Tranche redemption request', (me) => act.trancheRedeem(me, a, t, rAmt.value ?? 0n))}>
            <Field label="Shares to redeem" inputMode="decimal" value={redeemAmt} onChange={setRedeemAmt} />
          </ActionForm>
          {myRequest && (
            <Stats
              label="Your request"
              items={[
                ['Deposit queued', `${usdc(myRequest.deposit)} USDC`],
                ['Redemption queued', `${formatAmount(myRequest.redeem, 9)} shares`],
                ['Executed, to claim', `${formatAmount(myRequest.sharesToClaim, 9)} shares, ${usdc(myRequest.usdcToClaim)} USDC`],
                ['Epochs to settle', String(Math.max(0, v.tranches.epoch - myRequest.nextEpoch))],
              ]}
            />
          )}
          <ActionForm
            title="Cancel my request"
            submit="Cancel request"
            disabled={!(myRequest && (myRequest.deposit > 0n || myRequest.redeem > 0n))}
            onSubmit={() => void run('Cancel tranche request', (me) => act.trancheCancel(me, a, usdcMint, t))}
          >
            {!(myRequest && (myRequest.deposit > 0n || myRequest.redeem > 0n)) && <p className="muted">Nothing is queued.</p>}
          </ActionForm>
          <ActionForm
            title="Claim executed requests"
            submit="Claim"
            disabled={!claimable_}
            onSubmit={() => void run('Claim tranche request', (me) => act.trancheClaim(me, a, usdcMint, t, myRequest?.nextEpoch ?? 0, claimTo))}
          >
            {!claimable_ && <p className="muted">Nothing has executed for you yet: requests execute when the epoch closes.</p>}
          </ActionForm>
        </div>
      )}
    </section>
  );
}
