// Wallet Standard: discovers every registered wallet (Phantom, Solflare, Backpack, any standard wallet, the test
// wallet) that can connect and sign Solana transactions. The app never holds a key: it asks the wallet to sign.
import { getWallets } from '@wallet-standard/app';
import type { Wallet, WalletAccount } from '@wallet-standard/base';
import { StandardConnect, StandardDisconnect, StandardEvents } from '@wallet-standard/features';
import type {
  StandardConnectFeature,
  StandardDisconnectFeature,
  StandardEventsFeature,
} from '@wallet-standard/features';
import { SolanaSignTransaction, type SolanaSignTransactionFeature } from '@solana/wallet-standard-features';
import { TxError } from '../lib/errors';

export type { Wallet, WalletAccount };

/** Whether a wallet can connect and sign Solana transactions. */
export function isSolanaWallet(w: Wallet): boolean {
  return StandardConnect in w.features && SolanaSignTransaction in w.features && w.chains.some((c) => c.startsWith('solana:'));
}

/** The Solana wallets registered now, and a subscription to ones registered later. */
export function watchWallets(onChange: (wallets: readonly Wallet[]) => void): () => void {
  const api = getWallets();
  const emit = (): void => onChange(api.get().filter(isSolanaWallet));
  emit();
  const offRegister = api.on('register', emit);
  const offUnregister = api.on('unregister', emit);
  return () => {
    offRegister();
    offUnregister();
  };
}

/** Connects; `silent` reconnects a wallet the user connected before without prompting (if the wallet allows). */
export async function connect(w: Wallet, silent = false): Promise<readonly WalletAccount[]> {
  const f = (w.features as unknown as StandardConnectFeature)[StandardConnect];
  const { accounts } = await f.connect(silent ? { silent: true } : undefined);
  return accounts.length > 0 ? accounts : w.accounts;
}

export async function disconnect(w: Wallet): Promise<void> {
  if (StandardDisconnect in w.features) {
    await (w.features as unknown as StandardDisconnectFeature)[StandardDisconnect].disconnect();
  }
}

/** Calls `onChange` when the wallet's accounts or chains change. */
export function onWalletChange(w: Wallet, onChange: () => void): () => void {
  if (!(StandardEvents in w.features)) return () => undefined;
  return (w.features as unknown as StandardEventsFeature)[StandardEvents].on('change', onChange);
}

/** Refuses, in words, an account whose wallet is not on the app's network. */
export function checkNetwork(account: WalletAccount, chain: string): void {
  if (!account.chains.includes(chain as `${string}:${string}`)) {
    const on = account.chains.filter((c) => c.startsWith('solana:')).join(', ') || 'another network';
    throw new TxError(`Your wallet is on ${on}, but this app is on ${chain}: switch your wallet's network and try again.`, 'network');
  }
}

/** Asks the wallet to sign one serialized transaction; returns the signed bytes. */
export async function signTransaction(w: Wallet, account: WalletAccount, chain: string, tx: Uint8Array): Promise<Uint8Array> {
  checkNetwork(account, chain);
  const f = (w.features as unknown as SolanaSignTransactionFeature)[SolanaSignTransaction];
  const [out] = await f.signTransaction({ account, transaction: tx, chain: chain as `${string}:${string}` });
  if (!out) throw new TxError('The wallet returned no signed transaction.', 'other');
  return out.signedTransaction;
}
