import { address, type Address } from '@solana/kit';
import { useApp, useLoad } from './context';
import { fetchHoldings, fetchMerchantView, type Holdings, type MerchantView } from '../chain/data';
import { merchantAddresses } from '../chain/addresses';

/** Whether `s` is a base58 address. */
export function asAddress(s: string): Address | null {
  try {
    return address(s);
  } catch {
    return null;
  }
}

/** The whole state of the merchant whose wallet is `authority`. */
export function useMerchant(authority: Address | null) {
  const { rpc } = useApp();
  return useLoad<MerchantView | null>(() => (authority ? fetchMerchantView(rpc, authority) : Promise.resolve(null)), [rpc, authority]);
}

/** The connected wallet's holdings of the merchant's tokens. */
export function useHoldings(authority: Address | null) {
  const { rpc, me, config } = useApp();
  return useLoad<Holdings | null>(async () => {
    if (!authority || !me || !config) return null;
    return fetchHoldings(rpc, me, config.usdcMint, await merchantAddresses(authority));
  }, [rpc, authority, me, config]);
}
