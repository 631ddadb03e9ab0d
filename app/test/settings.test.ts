import { describe, expect, it } from 'vitest';
import { explorerTxUrl, loadSettings } from '../src/chain/settings';
import { unitLimit } from '../src/chain/tx';
import { checkNetwork } from '../src/wallet/wallets';

describe('settings', () => {
  it('defaults to the local chain; the query string overrides', () => {
    expect(loadSettings('')).toEqual({ rpcUrl: 'http://127.0.0.1:8899', chain: 'solana:localnet' });
    expect(loadSettings('?rpc=https%3A%2F%2Fapi.devnet.solana.com&chain=solana:devnet')).toEqual({ rpcUrl: 'https://api.devnet.solana.com', chain: 'solana:devnet' });
    expect(loadSettings('?chain=solana:moon').chain).toBe('solana:localnet');
  });
  it('explorer links per cluster', () => {
    expect(explorerTxUrl('sig', { rpcUrl: 'http://127.0.0.1:8899', chain: 'solana:localnet' })).toBe(
      'https://explorer.solana.com/tx/sig?cluster=custom&customUrl=http%3A%2F%2F127.0.0.1%3A8899',
    );
    expect(explorerTxUrl('sig', { rpcUrl: 'x', chain: 'solana:devnet' })).toBe('https://explorer.solana.com/tx/sig?cluster=devnet');
    expect(explorerTxUrl('sig', { rpcUrl: 'x', chain: 'solana:mainnet' })).toBe('https://explorer.solana.com/tx/sig');
  });
});

describe('transactions', () => {
  it('compute-unit limit: 20% headroom and 5,000 more, at most 1.4M', () => {
    expect(unitLimit(100_000)).toBe(125_000);
    expect(unitLimit(1_300_000)).toBe(1_400_000);
  });
  it('a wallet on another network is refused in words', () => {
    const account = { address: 'x', publicKey: new Uint8Array(32), chains: ['solana:devnet'], features: [] } as const;
    expect(() => checkNetwork(account as never, 'solana:localnet')).toThrow(
      "Your wallet is on solana:devnet, but this app is on solana:localnet: switch your wallet's network and try again.",
    );
    expect(() => checkNetwork({ ...account, chains: ['solana:localnet'] } as never, 'solana:localnet')).not.toThrow();
  });
});
