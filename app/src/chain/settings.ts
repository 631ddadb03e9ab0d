// Where the app connects: the RPC endpoint and the cluster's Wallet Standard chain. Set with `?rpc=…&chain=…` in
// the URL (remembered in this browser), on the Settings page, or at build time (VITE_PST_RPC_URL, VITE_PST_CHAIN);
// the default is the local chain (`scripts/start`).

export const DEFAULT_RPC_URL = 'http://127.0.0.1:8899';
export const CHAINS = ['solana:localnet', 'solana:devnet', 'solana:testnet', 'solana:mainnet'] as const;
export type Chain = (typeof CHAINS)[number];

export interface Settings {
  rpcUrl: string;
  chain: Chain;
}

const isChain = (c: string | null | undefined): c is Chain => !!c && (CHAINS as readonly string[]).includes(c);

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/**
 * Reads the settings: the page's query string first (for this visit only: a link cannot change what this
 * browser keeps), then what the Settings page saved, then the build's, then the local chain.
 */
export function loadSettings(search = typeof location === 'undefined' ? '' : location.search): Settings {
  const q = new URLSearchParams(search);
  const s = storage();
  const qRpc = q.get('rpc');
  const qChain = q.get('chain');
  const env = (import.meta as { env?: Record<string, string | undefined> }).env ?? {};
  const rpcUrl = qRpc || s?.getItem('pst.rpc') || env['VITE_PST_RPC_URL'] || DEFAULT_RPC_URL;
  const stored = s?.getItem('pst.chain');
  const chain: Chain = isChain(qChain) ? qChain : isChain(stored) ? stored : isChain(env['VITE_PST_CHAIN']) ? env['VITE_PST_CHAIN'] : 'solana:localnet';
  return { rpcUrl, chain };
}

export function saveSettings(next: Settings): void {
  const s = storage();
  s?.setItem('pst.rpc', next.rpcUrl);
  s?.setItem('pst.chain', next.chain);
}

/** A Solana Explorer link for a transaction on this RPC. */
export function explorerTxUrl(signature: string, s: Settings): string {
  const cluster = s.chain === 'solana:mainnet' ? '' : s.chain === 'solana:localnet' ? `?cluster=custom&customUrl=${encodeURIComponent(s.rpcUrl)}` : `?cluster=${s.chain.slice(7)}`;
  return `https://explorer.solana.com/tx/${signature}${cluster}`;
}
