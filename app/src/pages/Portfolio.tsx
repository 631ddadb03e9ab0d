// Every position of the connected wallet on one page: per merchant its PST held and staked, dividends pending and
// already received (realised yield), LP tokens and tranche shares, valued at the pool's price.
import { useApp, useLoad } from '../app/context';
import { listMerchants, fetchMerchantView, fetchHoldings, fetchWalletBasics } from '../chain/data';
import { MerchantStatus } from '../generated/pst_mint';
import { claimable } from '../lib/dividends';
import { spotPrice, withdrawAmounts } from '../lib/curve';
import { formatAmount, formatBps, pst, usdc } from '../lib/amounts';
import { Loading, Stats, TableWrap } from '../ui/components';

export function Portfolio() {
  const { rpc, me, config } = useApp();
  const { data, error, loading } = useLoad(async () => {
    if (!me || !config) return null;
    const basics = await fetchWalletBasics(rpc, me, config.usdcMint);
    const all = await listMerchants(rpc);
    const rows = await Promise.all(
      all
        .filter((m) => m.merchant.status >= MerchantStatus.Sale)
        .map(async (m) => {
          const v = await fetchMerchantView(rpc, m.merchant.authority);
          const h = await fetchHoldings(rpc, me, config.usdcMint, v.a);
          return { v, h };
        }),
    );
    return { basics, rows: rows.filter(({ h }) => h.pst > 0n || h.position || h.lp > 0n || h.shares[0] > 0n || h.shares[1] > 0n) };
  }, [rpc, me, config]);
  if (!me) return <section><h1>Portfolio</h1><p>Connect a wallet to see its positions.</p></section>;
  let totalValue = 0n;
  let totalPending = 0n;
  let totalClaimed = 0n;
  const rows = (data?.rows ?? []).map(({ v, h }) => {
    const price = v.pool && v.pool.reservePst > 0n ? spotPrice(v.pool.reservePst, v.pool.reserveUsdc) : (v.merchant?.economics.issuePrice ?? 0n);
    const staked = h.position?.staked ?? 0n;
    const pending = v.distributor && h.position ? claimable(v.distributor, h.position, v.now) : 0n;
    const claimed = h.position?.claimed ?? 0n;
    const [lpPst, lpUsdc] = v.pool && h.lp > 0n ? withdrawAmounts(h.lp, v.pool.lpSupply, v.pool.reservePst, v.pool.reserveUsdc) : [0n, 0n];
    const value = ((h.pst + staked + lpPst) * price) / 1_000_000n + lpUsdc;
    totalValue += value;
    totalPending += pending;
    totalClaimed += claimed;
    const cost = (staked * (v.merchant?.economics.issuePrice ?? 0n)) / 1_000_000n;
    return { v, h, price, staked, pending, claimed, value, yieldBps: cost > 0n ? Number((claimed * 10_000n) / cost) : null };
  });
  return (
    <section>
      <h1>Portfolio</h1>
      <Loading error={error} loading={loading && !data} />
      {data && (
        <Stats
          label="Totals"
          items={[
            ['USDC', usdc(data.basics.usdc)],
            ['SOL', formatAmount(data.basics.sol, 9)],
            ['Positions value (excl. tranches)', `${usdc(totalValue)} USDC`],
            ['Dividends to claim', `${usdc(totalPending)} USDC`],
            ['Dividends received', `${usdc(totalClaimed)} USDC`],
          ]}
        />
      )}
      {data && rows.length === 0 && <p>No positions yet: <a href="#/">find a merchant</a>.</p>}
      {rows.length > 0 && (
        <TableWrap label="Positions">
        <table>
          <caption className="sr-only">Positions</caption>
          <thead>
            <tr>
              <th scope="col">Merchant</th>
              <th scope="col">Held</th>
              <th scope="col">Staked</th>
              <th scope="col">To claim (USDC)</th>
              <th scope="col">Received (USDC)</th>
              <th scope="col">Dividends ÷ staked at issue price</th>
              <th scope="col">LP</th>
              <th scope="col">Senior / junior shares</th>
              <th scope="col">Value excl. tranches (USDC)</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.v.a.merchant}>
                <th scope="row">
                  <a href={`#/m/${r.v.a.authority}`}>{r.v.merchant?.profile.symbol}</a>
                </th>
                <td>{pst(r.h.pst)}</td>
                <td>{pst(r.staked)}</td>
                <td>{usdc(r.pending)}</td>
                <td>{usdc(r.claimed)}</td>
                <td>{r.yieldBps === null ? '—' : formatBps(r.yieldBps)}</td>
                <td>{formatAmount(r.h.lp, 6)}</td>
                <td>
                  {formatAmount(r.h.shares[0], 9)} / {formatAmount(r.h.shares[1], 9)}
                </td>
                <td>{usdc(r.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </TableWrap>
      )}
    </section>
  );
}
