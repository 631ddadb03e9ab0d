// The underwriter's desk: the application queue with each merchant's evidence and metrics; approve with the token
// economics (bounded inputs with defaults, the initial PE shown) or reject with a reason; then open the merchant's
// revenue feed and distributor.
import { useState } from 'react';
import type { Address } from '@solana/kit';
import { useApp, useLoad } from '../app/context';
import { listMerchants, fetchMerchantView, chainNow, type ListedMerchant } from '../chain/data';
import * as act from '../chain/actions';
import { checkApproval, defaultApproval, initialPeBps, type ApprovalInput } from '../lib/bounds';
import { formatAmount, formatBps, formatTime, parsePercentToBps, tryParse, usdc, shortAddress } from '../lib/amounts';
import { REJECTION_REASONS, statusStep } from '../lib/merchant';
import { MerchantStatus, RejectionReason } from '../generated/pst_mint';
import { ActionForm, Field, Loading, Select, Stats } from '../ui/components';

const DAY = 86_400n;

function ApproveForm({ m }: { m: ListedMerchant }) {
  const { run } = useApp();
  const d = defaultApproval(m.merchant.profile.trailingRevenue);
  const [f, setF] = useState({
    share: formatAmount(BigInt(d.revenueShareBps), 2),
    stake: formatAmount(BigInt(d.stakeBps), 2),
    supply: formatAmount(d.totalSupply, 6),
    price: formatAmount(d.issuePrice, 6),
    merchant: formatAmount(BigInt(d.merchantBps), 2),
    lp: formatAmount(BigInt(d.lpBps), 2),
    pub: formatAmount(BigInt(d.publicBps), 2),
    cliffDays: String(d.vestingCliffSecs / DAY),
    vestingDays: String(d.vestingDurationSecs / DAY),
    limit: formatAmount(d.withdrawalLimitPerPeriod, 6),
    saleHours: String(d.saleDurationSecs / 3_600n),
  });
  const set = (k: keyof typeof f) => (v: string) => setF({ ...f, [k]: v });
  const problems: string[] = [];
  const pct = (s: string, what: string): number => {
    try {
      return parsePercentToBps(s);
    } catch (e) {
      problems.push(`${what}: ${(e as Error).message}`);
      return 0;
    }
  };
  const amt = (s: string, what: string): bigint => {
    const r = tryParse(s, 6);
    if (r.error || r.value === null) problems.push(`${what}: ${r.error ?? 'enter a value.'}`);
    return r.value ?? 0n;
  };
  const whole = (s: string, what: string): bigint => {
    if (!/^\d+$/.test(s.trim())) {
      problems.push(`${what}: enter a whole number.`);
      return 0n;
    }
    return BigInt(s.trim());
  };
  const input: ApprovalInput = {
    revenueShareBps: pct(f.share, 'Revenue share'),
    stakeBps: pct(f.stake, 'Stake'),
    totalSupply: amt(f.supply, 'Supply'),
    issuePrice: amt(f.price, 'Issue price'),
    merchantBps: pct(f.merchant, 'Merchant share'),
    lpBps: pct(f.lp, 'Pool share'),
    publicBps: pct(f.pub, 'Public share'),
    vestingCliffSecs: whole(f.cliffDays, 'Cliff') * DAY,
    vestingDurationSecs: whole(f.vestingDays, 'Vesting') * DAY,
    withdrawalLimitPerPeriod: amt(f.limit, 'Withdrawal limit'),
    saleDurationSecs: whole(f.saleHours, 'Sale length') * 3_600n,
  };
  if (problems.length === 0) problems.push(...checkApproval(input, m.merchant.profile.trailingRevenue).map((p) => p.message));
  const pe = problems.length === 0 ? initialPeBps(input, m.merchant.profile.trailingRevenue) : null;
  return (
    <ActionForm
      level={4}
      title={`Approve ${m.merchant.profile.name}`}
      submit="Sign and approve"
      problems={problems}
      onSubmit={() => void run(`Approve ${m.merchant.profile.symbol}`, (me) => act.approveMerchant(me, m.address, input))}
    >
      <div className="grid">
        <Field label="Revenue share (%)" inputMode="decimal" value={f.share} onChange={set('share')} hint="1 to 50" />
        <Field label="Reserve stake (% of market cap)" inputMode="decimal" value={f.stake} onChange={set('stake')} hint="1 to 20" />
        <Field label="Total supply (PST)" inputMode="decimal" value={f.supply} onChange={set('supply')} hint="1,000 to 1,000,000,000" />
        <Field label="Issue price (USDC per PST)" inputMode="decimal" value={f.price} onChange={set('price')} />
        <Field label="Merchant share (%)" inputMode="decimal" value={f.merchant} onChange={set('merchant')} hint="at most 80" />
        <Field label="Pool share (%)" inputMode="decimal" value={f.lp} onChange={set('lp')} hint="at least 1" />
        <Field label="Public sale share (%)" inputMode="decimal" value={f.pub} onChange={set('pub')} hint="at least 1" />
        <Field label="Vesting cliff (days)" inputMode="numeric" value={f.cliffDays} onChange={set('cliffDays')} />
        <Field label="Vesting duration (days)" inputMode="numeric" value={f.vestingDays} onChange={set('vestingDays')} hint="1 day to 10 years" />
        <Field label="Withdrawal limit per period (USDC)" inputMode="decimal" value={f.limit} onChange={set('limit')} />
        <Field label="Sale length (hours)" inputMode="numeric" value={f.saleHours} onChange={set('saleHours')} hint="1 hour to 90 days" />
      </div>
      {pe !== null && <p data-testid="initial-pe">Initial PE: {formatAmount(pe, 4)} (the band is 8 to 15).</p>}
    </ActionForm>
  );
}

function RejectForm({ m }: { m: ListedMerchant }) {
  const { run } = useApp();
  const [reason, setReason] = useState<string>(String(RejectionReason.UnverifiableEvidence));
  return (
    <ActionForm level={4} secondary title={`Reject ${m.merchant.profile.name}`} submit="Sign and reject" onSubmit={() => void run(`Reject ${m.merchant.profile.symbol}`, (me) => act.rejectMerchant(me, m.address, Number(reason) as RejectionReason))}>
      <Select label="Reason" value={reason} options={REJECTION_REASONS.map((r) => ({ value: String(r.value), label: r.label }))} onChange={setReason} />
    </ActionForm>
  );
}

function Markets({ authority }: { authority: Address }) {
  const { rpc, run, config } = useApp();
  const { data: v } = useLoad(() => fetchMerchantView(rpc, authority), [rpc, authority]);
  const [periodDays, setPeriodDays] = useState('30');
  const [distHours, setDistHours] = useState('168');
  if (!v || !v.merchant || !config) return null;
  const usdcMint = config.usdcMint;
  const issued = v.merchant.status === MerchantStatus.Sale || v.merchant.status === MerchantStatus.Active;
  if (!issued || (v.feed && v.distributor)) return null;
  const pd = /^\d+$/.test(periodDays) ? BigInt(periodDays) : 0n;
  const dh = /^\d+$/.test(distHours) ? BigInt(distHours) : 0n;
  return (
    <div className="card">
      <h3>{v.merchant.profile.name}: revenue feed and distributor</h3>
      {!v.feed && (
        <ActionForm
          title="Open the revenue feed"
          submit="Open feed"
          problems={pd < 1n || pd > 92n ? ['A period lasts 1 to 92 days.'] : []}
          onSubmit={() =>
            void run('Open revenue feed', async (me) =>
              act.openFeed(me, v.a, usdcMint, {
                periodSecs: pd * DAY,
                minResponses: 2,
                maxStalenessSlots: 1_000n,
                maxVarianceBps: 500,
                shortfallToleranceBps: 500,
                firstPeriodStart: await chainNow(rpc),
              }),
            )
          }
        >
          <Field label="Reporting period (days)" inputMode="numeric" value={periodDays} onChange={setPeriodDays} hint="Two reporters must agree within 5%" />
        </ActionForm>
      )}
      {!v.distributor && (
        <ActionForm
          title="Open the distributor"
          submit="Open distributor"
          problems={dh < 1n ? ['Stream each distribution over at least an hour.'] : []}
          onSubmit={() => void run('Open distributor', (me) => act.openDistributor(me, v.a, usdcMint, dh * 3_600n))}
        >
          <Field label="Stream each distribution over (hours)" inputMode="numeric" value={distHours} onChange={setDistHours} />
        </ActionForm>
      )}
    </div>
  );
}

export function Underwriter() {
  const { rpc, me, config } = useApp();
  const { data, error, loading } = useLoad(() => listMerchants(rpc), [rpc]);
  const isUnderwriter = !!(me && config?.underwriters.includes(me));
  const queue = (data ?? []).filter((x) => x.merchant.status === MerchantStatus.Applied);
  const listed = (data ?? []).filter((x) => x.merchant.status === MerchantStatus.Sale || x.merchant.status === MerchantStatus.Active);
  return (
    <section>
      <h1>Underwriter desk</h1>
      {me && config && !isUnderwriter && <p className="error" role="alert">This wallet is not an underwriter: the programs will refuse its decisions.</p>}
      <Loading error={error} loading={loading && !data} />
      <h2>Applications ({queue.length})</h2>
      {queue.length === 0 && <p className="muted">No applications are waiting.</p>}
      {queue.map((m) => (
        <article key={m.address} className="card" aria-label={`Application of ${m.merchant.profile.name}`}>
          <h3>
            {m.merchant.profile.name} <small>({m.merchant.profile.symbol})</small>
          </h3>
          <Stats
            items={[
              ['Applied', formatTime(m.merchant.appliedAt)],
              ['Trailing revenue', `${usdc(m.merchant.profile.trailingRevenue)} USDC`],
              ['Net margin', formatBps(m.merchant.profile.marginBps)],
              ['Growth', formatBps(m.merchant.profile.growthBps)],
              ['Inventory at cost', `${usdc(m.merchant.profile.inventoryValue)} USDC`],
              ['Operating history', `${m.merchant.profile.historyMonths} months`],
              [
                'Evidence',
                m.merchant.profile.evidenceUri ? (
                  <a href={m.merchant.profile.evidenceUri} target="_blank" rel="noreferrer">
                    {m.merchant.profile.evidenceUri}
                  </a>
                ) : (
                  'none'
                ),
              ],
              ['Evidence SHA-256', <code key="h">{Array.from(m.merchant.profile.evidenceHash, (b) => b.toString(16).padStart(2, '0')).join('')}</code>],
              ['Wallet', shortAddress(m.merchant.authority)],
            ]}
          />
          <ApproveForm m={m} />
          <RejectForm m={m} />
        </article>
      ))}
      <h2>Listed merchants</h2>
      {listed.map((m) => (
        <div key={m.address}>
          <p>
            {m.merchant.profile.name}: {statusStep(m.merchant.status).label}
          </p>
          <Markets authority={m.merchant.authority} />
        </div>
      ))}
    </section>
  );
}
