// Reads the protocol's accounts over RPC with the generated decoders: the config, every merchant, one merchant's
// whole state across the five programs, and a wallet's holdings.
import {
  appendTransactionMessageInstruction,
  compileTransaction,
  createTransactionMessage,
  getBase58Decoder,
  getBase64EncodedWireTransaction,
  getBase64Encoder,
  pipe,
  setTransactionMessageFeePayer,
  setTransactionMessageLifetimeUsingBlockhash,
  type Address,
  type Rpc,
  type SolanaRpcApi,
  type MaybeAccount,
} from '@solana/kit';
import { fetchSysvarClock } from '@solana/sysvars';
import { fetchAllMaybeToken } from '@solana-program/token';
import {
  decodeMerchant,
  fetchMaybeMerchant,
  fetchMaybeMerchantMetrics,
  fetchMaybeProtocolConfig,
  fetchMaybeRevenueFeed,
  fetchMaybeSettlement,
  MERCHANT_DISCRIMINATOR,
  type Merchant,
  type MerchantMetrics,
  type ProtocolConfig,
  type RevenueFeed,
  type Settlement,
} from '../generated/pst_mint';
import { PST_MINT_PROGRAM_ADDRESS } from '../generated/pst_mint/programs';
import { fetchMaybeDistributor, fetchMaybePosition, type Distributor, type Position } from '../generated/revenue_distributor';
import { fetchMaybePool, getGetTwapInstruction, type Pool } from '../generated/amm_pool';
import { twapFromReturnData } from '../lib/market';
import { fetchMaybeReserve, type Reserve } from '../generated/alar_reserve';
import { fetchMaybeTranches, type Tranches } from '../generated/yield_tranches';
import * as PM from '../generated/pst_mint/constants';
import { merchantAddresses, pda, position, pstAta, usdcAta, ata, cover, epoch, request, type MerchantAddresses } from './addresses';
import { decodeCover, decodeEpoch, decodeRequest, type Cover, type Epoch, type Request } from './extraAccounts';
import { TOKEN_PROGRAM, TOKEN_2022_PROGRAM, TxError } from '../lib/errors';
import { claimable } from '../lib/dividends';
import { maxIn, minOut, swapExactIn, swapExactOut } from '../lib/curve';
import { formatAmount } from '../lib/amounts';

export type { Merchant, MerchantMetrics, ProtocolConfig, RevenueFeed, Settlement, Distributor, Position, Pool, Reserve, Tranches };
type R = Rpc<SolanaRpcApi>;

const some = <T extends object>(a: MaybeAccount<T>): T | null => (a.exists ? a.data : null);

export async function configAddress(): Promise<Address> {
  return pda(PST_MINT_PROGRAM_ADDRESS, [PM.CONFIG_SEED]);
}

export async function fetchConfig(rpc: R): Promise<ProtocolConfig | null> {
  return some(await fetchMaybeProtocolConfig(rpc, await configAddress()));
}

/** The chain's clock (unix seconds): the local chain may have travelled in time, so never the browser's clock. */
export async function chainNow(rpc: R): Promise<bigint> {
  const c = await fetchSysvarClock(rpc);
  return c.unixTimestamp;
}

export interface ListedMerchant {
  address: Address;
  merchant: Merchant;
}

/** Every merchant account (applied, approved, listed, rejected, delisted), by listing id. */
export async function listMerchants(rpc: R): Promise<ListedMerchant[]> {
  const disc = getBase58Decoder().decode(MERCHANT_DISCRIMINATOR);
  const accounts = await rpc
    .getProgramAccounts(PST_MINT_PROGRAM_ADDRESS, {
      encoding: 'base64',
      filters: [{ memcmp: { offset: 0n, bytes: disc as never, encoding: 'base58' } }],
    })
    .send();
  return accounts
    .map(({ pubkey, account }) => {
      const [b64] = account.data as unknown as [string, string];
      const data = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const decoded = decodeMerchant({
        address: pubkey,
        data,
        executable: account.executable,
        lamports: account.lamports,
        programAddress: account.owner,
        space: account.space,
        exists: true,
      } as never) as unknown as { data: Merchant };
      return { address: pubkey, merchant: decoded.data };
    })
    .sort((a, b) => Number(a.merchant.id - b.merchant.id));
}

export interface MerchantView {
  a: MerchantAddresses;
  merchant: Merchant | null;
  metrics: MerchantMetrics | null;
  feed: RevenueFeed | null;
  settlement: Settlement | null;
  distributor: Distributor | null;
  pool: Pool | null;
  reserve: Reserve | null;
  tranches: Tranches | null;
  /** The pool's custody position in the distributor. */
  poolPosition: Position | null;
  /** Balances of the merchant's vaults (USDC or PST base units; 0 if the vault does not exist yet). */
  vaults: {
    settlement: bigint;
    dividend: bigint;
    treasury: bigint;
    sale: bigint;
    vesting: bigint;
    reserveUsdc: bigint;
    reservePst: bigint;
    stake: bigint;
  };
  now: bigint;
}

/** A token account's balance per address (0 where there is none). */
export async function balances(rpc: R, addresses: Address[]): Promise<bigint[]> {
  if (addresses.length === 0) return [];
  const accounts = await fetchAllMaybeToken(rpc, addresses);
  return accounts.map((a) => (a.exists ? a.data.amount : 0n));
}

/** The whole state of the merchant whose wallet is `authority`. */
export async function fetchMerchantView(rpc: R, authority: Address): Promise<MerchantView> {
  const a = await merchantAddresses(authority);
  const [merchant, metrics, feed, settlement, distributor, pool, reserve, tranches, poolPosition, now] = await Promise.all([
    fetchMaybeMerchant(rpc, a.merchant).then(some),
    fetchMaybeMerchantMetrics(rpc, a.metrics).then(some),
    fetchMaybeRevenueFeed(rpc, a.feed).then(some),
    fetchMaybeSettlement(rpc, a.settlement).then(some),
    fetchMaybeDistributor(rpc, a.distributor).then(some),
    fetchMaybePool(rpc, a.pool).then(some),
    fetchMaybeReserve(rpc, a.reserve).then(some),
    fetchMaybeTranches(rpc, a.tranches).then(some),
    fetchMaybePosition(rpc, a.poolPosition).then(some),
    chainNow(rpc),
  ]);
  const [settlementVault, dividend, treasury, sale, vesting, reserveUsdc, reservePst, stake] = await balances(rpc, [
    a.settlementVault,
    a.dividendVault,
    a.treasury,
    a.saleVault,
    a.vestingVault,
    a.alarVault,
    a.reservePstVault,
    a.stakeVault,
  ]);
  return {
    a,
    merchant,
    metrics,
    feed,
    settlement,
    distributor,
    pool,
    reserve,
    tranches,
    poolPosition,
    vaults: {
      settlement: settlementVault ?? 0n,
      dividend: dividend ?? 0n,
      treasury: treasury ?? 0n,
      sale: sale ?? 0n,
      vesting: vesting ?? 0n,
      reserveUsdc: reserveUsdc ?? 0n,
      reservePst: reservePst ?? 0n,
      stake: stake ?? 0n,
    },
    now,
  };
}

export interface Holdings {
  sol: bigint;
  usdc: bigint;
  pst: bigint;
  lp: bigint;
  position: Position | null;
  shares: [bigint, bigint];
}

/** What `owner` holds of one merchant's tokens, and its USDC and SOL. */
export async function fetchHoldings(rpc: R, owner: Address, usdcMint: Address, a: MerchantAddresses): Promise<Holdings> {
  const [usdcAcc, pstAcc, lpAcc, sr, jr, pos] = await Promise.all([
    usdcAta(owner, usdcMint),
    pstAta(owner, a.pstMint),
    ata(owner, a.lpMint, TOKEN_PROGRAM),
    ata(owner, a.trancheMints[0], TOKEN_2022_PROGRAM),
    ata(owner, a.trancheMints[1], TOKEN_2022_PROGRAM),
    position(a.distributor, owner),
  ]);
  const [[usdc, pst, lp, s, j], { value: sol }, p] = await Promise.all([
    balances(rpc, [usdcAcc, pstAcc, lpAcc, sr, jr]),
    rpc.getBalance(owner).send(),
    fetchMaybePosition(rpc, pos).then(some),
  ]);
  return { sol, usdc: usdc ?? 0n, pst: pst ?? 0n, lp: lp ?? 0n, position: p, shares: [s ?? 0n, j ?? 0n] };
}

/** A wallet's USDC and SOL. */
export async function fetchWalletBasics(rpc: R, owner: Address, usdcMint: Address): Promise<{ sol: bigint; usdc: bigint }> {
  const [[usdc], { value: sol }] = await Promise.all([balances(rpc, [await usdcAta(owner, usdcMint)]), rpc.getBalance(owner).send()]);
  return { sol, usdc: usdc ?? 0n };
}

/**
 * The pool's TWAP over `windowSecs`, exactly as the reserve and the tranches read it: `amm_pool::get_twap`
 * simulated (nothing is signed or sent; the connected wallet, or else the merchant's, stands as the simulation's
 * fee payer). Null when the window is not covered yet.
 */
export async function fetchTwap(rpc: R, a: MerchantAddresses, windowSecs: bigint, feePayer?: Address): Promise<bigint | null> {
  const ix = getGetTwapInstruction({ pool: a.pool, observations: a.observations, windowSecs });
  const { value: latest } = await rpc.getLatestBlockhash().send();
  const message = pipe(
    createTransactionMessage({ version: 0 }),
    (m) => setTransactionMessageFeePayer(feePayer ?? a.authority, m),
    (m) => setTransactionMessageLifetimeUsingBlockhash(latest, m),
    (m) => appendTransactionMessageInstruction(ix, m),
  );
  const sim = await rpc
    .simulateTransaction(getBase64EncodedWireTransaction(compileTransaction(message)), {
      encoding: 'base64',
      sigVerify: false,
      replaceRecentBlockhash: true,
    })
    .send();
  const data = sim.value.returnData?.data;
  if (sim.value.err || !data) return null;
  return twapFromReturnData(new Uint8Array(getBase64Encoder().encode(data[0])));
}

/** An investor's queued request in tranche `t`, or null if none. */
export async function fetchRequest(rpc: R, tranches: Address, owner: Address, t: 0 | 1): Promise<Request | null> {
  const { value } = await rpc.getAccountInfo(await request(tranches, owner, t), { encoding: 'base64' }).send();
  return value ? decodeRequest(new Uint8Array(getBase64Encoder().encode(value.data[0]))) : null;
}

/** The records of the last `n` closed epochs (before `open`, the epoch in progress), oldest first. */
export async function fetchEpochs(rpc: R, tranches: Address, open: number, n: number): Promise<Epoch[]> {
  const from = Math.max(0, open - n);
  if (open <= from) return [];
  const addresses = await Promise.all(Array.from({ length: open - from }, (_, i) => epoch(tranches, from + i)));
  const { value } = await rpc.getMultipleAccounts(addresses, { encoding: 'base64' }).send();
  return value.flatMap((a) => {
    const e = a ? decodeEpoch(new Uint8Array(getBase64Encoder().encode(a.data[0]))) : null;
    return e ? [e] : [];
  });
}

/**
 * The minimum output to sign for a swap, read again from the chain just before signing: refuses if the pool now
 * gives less than the minimum the person saw, and never signs a weaker bound than either quote (so a price that
 * moved in the person's favour since the page loaded cannot be taken back by a sandwich).
 */
export async function freshSwapBound(
  rpc: R,
  a: MerchantAddresses,
  side: 'buy' | 'sell',
  amountIn: bigint,
  shownMin: bigint,
  slippageBps: number,
): Promise<bigint> {
  const { rIn, rOut, pool } = await reservesForNextTrade(rpc, a, side);
  const q = swapExactIn(rIn, rOut, amountIn, pool.feeBps, pool.protocolShareBps);
  if (q.amountOut < shownMin) {
    throw new TxError(
      `The price moved since your quote: this swap now gives ${formatAmount(q.amountOut, 6)}, below your minimum of ${formatAmount(shownMin, 6)}; nothing was sent. Review the new quote and try again.`,
      'input',
    );
  }
  const fresh = minOut(q.amountOut, slippageBps);
  return fresh > shownMin ? fresh : shownMin;
}

/** The exact-out twin of [`freshSwapBound`]: the most to pay, never above what the person saw. */
export async function freshSwapExactOutBound(
  rpc: R,
  a: MerchantAddresses,
  side: 'buy' | 'sell',
  amountOut: bigint,
  shownMax: bigint,
  slippageBps: number,
): Promise<bigint> {
  const { rIn, rOut, pool } = await reservesForNextTrade(rpc, a, side);
  const q = swapExactOut(rIn, rOut, amountOut, pool.feeBps, pool.protocolShareBps);
  if (q.amountIn > shownMax) {
    throw new TxError(
      `The price moved since your quote: this swap now costs ${formatAmount(q.amountIn, 6)}, above your maximum of ${formatAmount(shownMax, 6)}; nothing was sent. Review the new quote and try again.`,
      'input',
    );
  }
  const fresh = maxIn(q.amountIn, slippageBps);
  return fresh < shownMax ? fresh : shownMax;
}

/** The pool's reserves (in, out) for `side` as the next trade will see them: after the harvest it does first. */
async function reservesForNextTrade(rpc: R, a: MerchantAddresses, side: 'buy' | 'sell'): Promise<{ rIn: bigint; rOut: bigint; pool: Pool }> {
  const [pool, distributor, poolPosition, now] = await Promise.all([
    fetchMaybePool(rpc, a.pool).then(some),
    fetchMaybeDistributor(rpc, a.distributor).then(some),
    fetchMaybePosition(rpc, a.poolPosition).then(some),
    chainNow(rpc),
  ]);
  if (!pool) throw new TxError('The pool is not open.', 'input');
  const harvest = distributor && poolPosition ? claimable(distributor, poolPosition, now) : 0n;
  const usdcReserve = pool.reserveUsdc + harvest;
  const [rIn, rOut] = side === 'buy' ? [usdcReserve, pool.reservePst] : [pool.reservePst, usdcReserve];
  return { rIn, rOut, pool };
}

/** The reserve's cover records of `periods` (those that have one), by period. */
export async function fetchCovers(rpc: R, reserve: Address, periods: readonly number[]): Promise<Map<number, Cover>> {
  const out = new Map<number, Cover>();
  if (periods.length === 0) return out;
  const addresses = await Promise.all(periods.map((p) => cover(reserve, p)));
  const { value } = await rpc.getMultipleAccounts(addresses, { encoding: 'base64' }).send();
  value.forEach((a) => {
    const c = a ? decodeCover(new Uint8Array(getBase64Encoder().encode(a.data[0]))) : null;
    if (c) out.set(c.period, c);
  });
  return out;
}
