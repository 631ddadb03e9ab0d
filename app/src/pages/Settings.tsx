// Where the app connects: the RPC endpoint and the network its wallet must be on.
import { useState } from 'react';
import { useApp } from '../app/context';
import { CHAINS, DEFAULT_RPC_URL, type Chain } from '../chain/settings';
import { Field, Select } from '../ui/components';

export function SettingsPage() {
  const { settings, setSettings } = useApp();
  const [rpc, setRpc] = useState(settings.rpcUrl);
  const [chain, setChain] = useState<Chain>(settings.chain);
  const [saved, setSaved] = useState(false);
  let problem: string | undefined;
  try {
    const u = new URL(rpc);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') problem = 'The RPC URL must start with http:// or https://.';
  } catch {
    problem = 'That is not a URL.';
  }
  return (
    <section>
      <h1>Settings</h1>
      <form
        className="card"
        aria-label="Network"
        onSubmit={(e) => {
          e.preventDefault();
          if (!problem) {
            setSettings({ rpcUrl: rpc, chain });
            setSaved(true);
          }
        }}
      >
        <Field label="RPC endpoint" value={rpc} onChange={setRpc} error={problem} hint={`The local chain is ${DEFAULT_RPC_URL}`} />
        <Select label="Network (your wallet must be on it)" value={chain} options={CHAINS.map((c) => ({ value: c, label: c }))} onChange={setChain} />
        <button type="submit" disabled={!!problem}>
          Save
        </button>
        <p role="status">{saved ? 'Saved: the app now reads from this endpoint.' : ''}</p>
      </form>
    </section>
  );
}
