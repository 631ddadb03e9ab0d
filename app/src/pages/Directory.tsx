// The merchant directory: every listed merchant with its price, revenue and health.
import { useApp, useLoad } from '../app/context';
import { listMerchants, fetchMerchantView } from '../chain/data';
import { Loading, TableWrap } from '../ui/components';
import { formatBps, usdc } from '../lib/amounts';
import { healthText, statusStep } from '../lib/merchant';
import { spotPrice } from '../lib/curve';
import { MerchantStatus } from '../generated/pst_mint';

export function Directory() {
  const { rpc } = useApp();
  const { data, error, loading } = useLoad(async () => {
    const all = await listMerchants(rpc);
    const shown = all.filter((m) => m.merchant.status === MerchantStatus.Sale || m.merchant.status === MerchantStatus.Active || m.merchant.status === MerchantStatus.Delisted);
    return Promise.all(shown.map((m) => fetchMerchantView(rpc, m.merchant.authority)));
  }, [rpc]);
  return (
    <section>
      <h1>Merchants</h1>
      <p className="muted">Each token pays its holders a share of the merchant's gross revenue, streamed as USDC.</p>
      <Loading error={error} loading={loading && !data} />
      {data && data.length === 0 && <p>No merchant is listed yet.</p>}
      {data && data.length > 0 && (
        <TableWrap label="Listed merchants">
        <table className="directory">
          <caption className="sr-only">Listed merchants</caption>
          <thead>
            <tr>
              <th scope="col">Merchant</th>
              <th scope="col">Status</th>
              <th scope="col">Revenue share</th>
              <th scope="col">Price (USDC)</th>
              <th scope="col">Annual revenue</th>
              <th scope="col">Health</th>
            </tr>
          </thead>
          <tbody>
            {data.map((v) =>
              v.merchant ? (
                <tr key={v.a.merchant}>
                  <th scope="row">
                    <a href={`#/m/${v.a.authority}`}>
                      {v.merchant.profile.name} ({v.merchant.profile.symbol})
                    </a>
                  </th>
                  <td>{statusStep(v.merchant.status).label}</td>
                  <td>{formatBps(v.merchant.economics.revenueShareBps)}</td>
                  <td>{v.pool && v.pool.reservePst > 0n ? usdc(spotPrice(v.pool.reservePst, v.pool.reserveUsdc)) : usdc(v.merchant.economics.issuePrice)}</td>
                  <td>{v.metrics ? usdc(v.metrics.annualRevenue) : '—'}</td>
                  <td>{v.metrics ? healthText(v.metrics.health) : '—'}</td>
                </tr>
              ) : null,
            )}
          </tbody>
        </table>
        </TableWrap>
      )}
    </section>
  );
}
