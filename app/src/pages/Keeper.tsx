// What is due for every merchant, worked out from on-chain state as the keeper daemon does (`pst keeper run`),
// with the simple cranks one click away: anyone may send them, and `distribute` pays its sender a tip.
import { useApp, useLoad } from '../app/context';
import { chainNow, listMerchants, fetchMerchantView, type MerchantView } from '../chain/data';
import * as act from '../chain/actions';
import { MerchantStatus } from '../generated/pst_mint';
import { claimable } from '../lib/dividends';
import { formatDuration, formatTime, usdc } from '../lib/amounts';
import { Loading } from '../ui/components';

const MIN_CRANK = 1_000_000n; // 1 USDC: as the keeper's --min-crank default

/** The revenue period `now` falls in, 0 before the first starts (`RevenueFeed::period_at`). */
export function periodAt(firstStart: bigint, periodSecs: bigint, now: bigint): number {
  return now <= firstStart || periodSecs <= 0n ? 0 : Number((now - firstStart) / periodSecs);
}

/** What each crank does, in words. */
const LABELS: Record<string, string> = {
  close_sale: 'Close the sale',
  sweep: 'Split received payments (the revenue share to holders)',
  accept_period: 'Accept the ended revenue period',
  distribute: 'Stream new dividends (pays the sender a tip)',
  harvest_dividends: "Harvest the pool's dividends for its LPs",
  stabilize: 'Keep the price within its PE band',
  close_epoch: 'Close the tranche epoch',
};

interface Due {
  kind: string;
  why: string;
  send?: 'close_sale' | 'sweep' | 'distribute';
}

export function dueFor(v: MerchantView): { due: Due[]; upcoming: string[] } {
  const due: Due[] = [];
  const upcoming: string[] = [];
  const m = v.merchant;
  if (!m) return { due, upcoming };
  if (m.status === MerchantStatus.Sale) {
    if (v.now >= m.sale.end || m.sale.sold >= m.sale.publicSupply) due.push({ kind: 'close_sale', why: 'the sale ended or sold out', send: 'close_sale' });
    else upcoming.push(`The sale closes ${formatTime(m.sale.end)} (in ${formatDuration(m.sale.end - v.now)}).`);
  }
  if (v.feed) {
    const unswept = v.vaults.settlement - (v.settlement?.available ?? 0n);
    if (unswept >= MIN_CRANK) due.push({ kind: 'sweep', why: `${usdc(unswept)} USDC of payments to split`, send: 'sweep' });
    const end = v.feed.params.firstPeriodStart + BigInt(v.feed.nextPeriod + 1) * v.feed.params.periodSecs;
    if (v.now >= end) due.push({ kind: 'accept_period', why: `period ${v.feed.nextPeriod} ended: accepted once enough reporters submit` });
    else upcoming.push(`Period ${v.feed.nextPeriod} ends ${formatTime(end)}.`);
  }
  if (v.distributor) {
    const inflow = v.vaults.dividend - v.distributor.accounted;
    if (inflow >= MIN_CRANK) due.push({ kind: 'distribute', why: `${usdc(inflow)} USDC of revenue share to stream`, send: 'distribute' });
    if (v.vaults.dividend > 0n && v.distributor.schedule.end > v.now) upcoming.push(`The current stream ends ${formatTime(v.distributor.schedule.end)}.`);
  }
  if (v.pool && v.distributor && v.poolPosition) {
    const owed = claimable(v.distributor, v.poolPosition, v.now);
    if (owed >= MIN_CRANK) due.push({ kind: 'harvest_dividends', why: `the pool's PST earned ${usdc(owed)} USDC for its LPs` });
  }
  if (v.reserve && m.status === MerchantStatus.Active && v.pool) due.push({ kind: 'stabilize', why: 'checked every pass: trades only when the TWAP leaves the PE band' });
  if (v.tranches) {
    const end = v.tranches.epochStart + v.tranches.params.epochSecs;
    if (v.now >= end) due.push({ kind: 'close_epoch', why: `epoch ${v.tranches.epoch} ended` });
    else upcoming.push(`Tranche epoch ${v.tranches.epoch} closes ${formatTime(end)}.`);
  }
  return { due, upcoming };
}

export function Keeper() {
  const { rpc, run, config } = useApp();
  const { data, error, loading } = useLoad(async () => {
    const all = await listMerchants(rpc);
    return Promise.all(all.filter((m) => m.merchant.status >= MerchantStatus.Sale).map((m) => fetchMerchantView(rpc, m.merchant.authority)));
  }, [rpc]);
  return (
    <section>
      <h1>Keeper</h1>
      <p className="muted">
        The keeper daemon (<code>pst keeper run</code>) sends these on its own; each is simulated first and only sent if the program would accept it.
      </p>
      <Loading error={error} loading={loading && !data} />
      {data?.map((v) => {
        const { due, upcoming } = dueFor(v);
        const name = v.merchant?.profile.name ?? v.a.merchant;
        return (
          <article key={v.a.merchant} className="card" aria-label={`Due for ${name}`}>
            <h2>{name}</h2>
            {due.length === 0 ? <p>Nothing is due.</p> : null}
            <ul>
              {due.map((d) => (
                <li key={d.kind} data-testid={`due-${d.kind}`}>
                  <strong>{LABELS[d.kind] ?? d.kind}</strong> (<code>{d.kind}</code>): {d.why}
                  {!d.send && <span className="muted"> — the keeper daemon sends it</span>}{' '}
                  {d.send && config && (
                    <button
                      type="button"
                      aria-label={`Send it: ${d.kind} for ${name}`}
                      onClick={() =>
                        void run(`Crank ${d.kind}`, (me) =>
                          d.send === 'close_sale'
                            ? act.closeSale(v.a)
                            : d.send === 'sweep'
                              ? chainNow(rpc).then((now) => act.sweep(me, v.a, config.usdcMint, v.feed ? periodAt(v.feed.params.firstPeriodStart, v.feed.params.periodSecs, now) : 0))
                              : act.distribute(me, v.a, config.usdcMint, config.admin),
                        )
                      }
                    >
                      Send it
                    </button>
                  )}
                </li>
              ))}
            </ul>
            {upcoming.length > 0 && (
              <ul className="muted" aria-label="Upcoming">
                {upcoming.map((u) => (
                  <li key={u}>{u}</li>
                ))}
              </ul>
            )}
          </article>
        );
      })}
    </section>
  );
}
