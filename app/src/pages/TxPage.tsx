// One transaction by its signature: status, compute units, fee, and the programs' logs (a link-able page that
// works on the local chain, where no public explorer can look).
import { useApp, useLoad } from '../app/context';
import type { Signature } from '@solana/kit';
import { Loading, Stats } from '../ui/components';
import { describeTransactionError } from '../lib/errors';
import { formatTime } from '../lib/amounts';

export function TxPage({ signature }: { signature: string }) {
  const { rpc } = useApp();
  const { data, error, loading } = useLoad(
    () => rpc.getTransaction(signature as Signature, { maxSupportedTransactionVersion: 0, commitment: 'confirmed', encoding: 'json' }).send(),
    [rpc, signature],
  );
  if (!data) return <Loading error={error ?? (loading ? null : 'This transaction is not on this chain.')} loading={loading} />;
  const keys = data.transaction.message.accountKeys;
  const programs = data.transaction.message.instructions.map((i) => keys[i.programIdIndex] ?? '');
  return (
    <section>
      <h1>Transaction</h1>
      <p>
        <code>{signature}</code>
      </p>
      <Stats
        items={[
          ['Status', data.meta?.err ? describeTransactionError(data.meta.err, programs, data.meta.logMessages ?? []).message : 'Succeeded'],
          ['Slot', String(data.slot)],
          ['Time', data.blockTime ? formatTime(data.blockTime) : '—'],
          ['Fee', `${Number(data.meta?.fee ?? 0n) / 1e9} SOL`],
          ['Compute units', String(data.meta?.computeUnitsConsumed ?? '—')],
        ]}
      />
      <h2>Logs</h2>
      <div className="table-wrap" role="region" aria-label="Logs" tabIndex={0}>
        <pre className="logs">{(data.meta?.logMessages ?? []).join('\n')}</pre>
      </div>
    </section>
  );
}
