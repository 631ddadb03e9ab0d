// Every address of a merchant's accounts across the five programs, derived from the merchant's wallet with the
// programs' seeds (from their IDLs). The TypeScript twin of pst_client's `MerchantAddresses` & co.
import { getAddressEncoder, getProgramDerivedAddress, type Address } from '@solana/kit';
import * as PM from '../generated/pst_mint/constants';
import * as RD from '../generated/revenue_distributor/constants';
import * as AMM from '../generated/amm_pool/constants';
import * as AR from '../generated/alar_reserve/constants';
import * as YT from '../generated/yield_tranches/constants';
import { PST_MINT_PROGRAM_ADDRESS } from '../generated/pst_mint/programs';
import { REVENUE_DISTRIBUTOR_PROGRAM_ADDRESS } from '../generated/revenue_distributor/programs';
import { AMM_POOL_PROGRAM_ADDRESS } from '../generated/amm_pool/programs';
import { ALAR_RESERVE_PROGRAM_ADDRESS } from '../generated/alar_reserve/programs';
import { YIELD_TRANCHES_PROGRAM_ADDRESS } from '../generated/yield_tranches/programs';
import { ASSOCIATED_TOKEN_PROGRAM, TOKEN_2022_PROGRAM, TOKEN_PROGRAM } from '../lib/errors';

const enc = getAddressEncoder();
const key = (a: Address): Uint8Array => enc.encode(a) as Uint8Array;
const u32le = (n: number): Uint8Array => {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, n, true);
  return b;
};

export async function pda(program: Address, seeds: Uint8Array[]): Promise<Address> {
  const [a] = await getProgramDerivedAddress({ programAddress: program, seeds });
  return a;
}

/** The associated token account of `owner` for `mint` under `tokenProgram`. */
export function ata(owner: Address, mint: Address, tokenProgram: string): Promise<Address> {
  return pda(ASSOCIATED_TOKEN_PROGRAM as Address, [key(owner), key(tokenProgram as Address), key(mint)]);
}
export const usdcAta = (owner: Address, usdcMint: Address): Promise<Address> => ata(owner, usdcMint, TOKEN_PROGRAM);
export const pstAta = (owner: Address, pstMint: Address): Promise<Address> => ata(owner, pstMint, TOKEN_2022_PROGRAM);

export interface MerchantAddresses {
  authority: Address;
  merchant: Address;
  pstMint: Address;
  vestingVault: Address;
  lpVault: Address;
  saleVault: Address;
  treasury: Address;
  feed: Address;
  metrics: Address;
  settlement: Address;
  settlementVault: Address;
  dividendVault: Address;
  // revenue_distributor
  distributor: Address;
  stakeVault: Address;
  alarVault: Address;
  // amm_pool
  pool: Address;
  poolUsdcVault: Address;
  lpMint: Address;
  seedLpVault: Address;
  observations: Address;
  poolPosition: Address;
  // alar_reserve
  reserve: Address;
  reserveAuthority: Address;
  reservePstVault: Address;
  reservePosition: Address;
  // yield_tranches
  tranches: Address;
  trancheUsdc: Address;
  tranchePst: Address;
  trancheMints: [Address, Address];
  trancheEscrows: [Address, Address];
}

const cache = new Map<string, Promise<MerchantAddresses>>();

/** Every address of the merchant whose wallet is `authority` (memoised). */
export function merchantAddresses(authority: Address): Promise<MerchantAddresses> {
  let p = cache.get(authority);
  if (!p) {
    p = derive(authority);
    cache.set(authority, p);
  }
  return p;
}

async function derive(authority: Address): Promise<MerchantAddresses> {
  const P = PST_MINT_PROGRAM_ADDRESS;
  const merchant = await pda(P, [PM.MERCHANT_SEED, key(authority)]);
  const m = key(merchant);
  const distributor = await pda(REVENUE_DISTRIBUTOR_PROGRAM_ADDRESS, [RD.DISTRIBUTOR_SEED, m]);
  const pool = await pda(AMM_POOL_PROGRAM_ADDRESS, [AMM.POOL_SEED, m]);
  const reserveAuthority = await pda(ALAR_RESERVE_PROGRAM_ADDRESS, [AR.RESERVE_AUTHORITY_SEED, m]);
  const tranches = await pda(YIELD_TRANCHES_PROGRAM_ADDRESS, [YT.TRANCHES_SEED, m]);
  const Y = YIELD_TRANCHES_PROGRAM_ADDRESS;
  return {
    authority,
    merchant,
    pstMint: await pda(P, [PM.PST_MINT_SEED, m]),
    vestingVault: await pda(P, [PM.VESTING_VAULT_SEED, m]),
    lpVault: await pda(P, [PM.LP_VAULT_SEED, m]),
    saleVault: await pda(P, [PM.SALE_VAULT_SEED, m]),
    treasury: await pda(P, [PM.TREASURY_SEED, m]),
    feed: await pda(P, [PM.FEED_SEED, m]),
    metrics: await pda(P, [PM.METRICS_SEED, m]),
    settlement: await pda(P, [PM.SETTLEMENT_SEED, m]),
    settlementVault: await pda(P, [PM.SETTLEMENT_VAULT_SEED, m]),
    dividendVault: await pda(P, [PM.DIVIDEND_VAULT_SEED, m]),
    distributor,
    stakeVault: await pda(REVENUE_DISTRIBUTOR_PROGRAM_ADDRESS, [RD.STAKE_VAULT_SEED, m]),
    alarVault: await pda(REVENUE_DISTRIBUTOR_PROGRAM_ADDRESS, [RD.ALAR_VAULT_SEED, m]),
    pool,
    poolUsdcVault: await pda(AMM_POOL_PROGRAM_ADDRESS, [AMM.USDC_VAULT_SEED, key(pool)]),
    lpMint: await pda(AMM_POOL_PROGRAM_ADDRESS, [AMM.LP_MINT_SEED, key(pool)]),
    seedLpVault: await pda(AMM_POOL_PROGRAM_ADDRESS, [AMM.SEED_LP_VAULT_SEED, key(pool)]),
    observations: await pda(AMM_POOL_PROGRAM_ADDRESS, [AMM.OBSERVATIONS_SEED, key(pool)]),
    poolPosition: await position(distributor, pool),
    reserve: await pda(ALAR_RESERVE_PROGRAM_ADDRESS, [AR.RESERVE_SEED, m]),
    reserveAuthority,
    reservePstVault: await pda(ALAR_RESERVE_PROGRAM_ADDRESS, [AR.RESERVE_PST_VAULT_SEED, m]),
    reservePosition: await position(distributor, reserveAuthority),
    tranches,
    trancheUsdc: await pda(Y, [YT.TRANCHE_USDC_SEED, m]),
    tranchePst: await pda(Y, [YT.TRANCHE_PST_SEED, m]),
    trancheMints: [await pda(Y, [YT.SHARE_MINT_SEED, m, new Uint8Array([0])]), await pda(Y, [YT.SHARE_MINT_SEED, m, new Uint8Array([1])])],
    trancheEscrows: [
      await pda(Y, [YT.SHARE_ESCROW_SEED, m, new Uint8Array([0])]),
      await pda(Y, [YT.SHARE_ESCROW_SEED, m, new Uint8Array([1])]),
    ],
  };
}

/** An earning position in the merchant's distributor. */
export function position(distributor: Address, owner: Address): Promise<Address> {
  return pda(REVENUE_DISTRIBUTOR_PROGRAM_ADDRESS, [RD.POSITION_SEED, key(distributor), key(owner)]);
}
/** A revenue period's report account. */
export function report(merchant: Address, period: number): Promise<Address> {
  return pda(PST_MINT_PROGRAM_ADDRESS, [PM.REPORT_SEED, key(merchant), u32le(period)]);
}
/** The reserve's cover record of a short period. */
export function cover(reserve: Address, period: number): Promise<Address> {
  return pda(ALAR_RESERVE_PROGRAM_ADDRESS, [AR.COVER_SEED, key(reserve), u32le(period)]);
}
/** An investor's queued request in tranche `t` (0 senior, 1 junior). */
export function request(tranches: Address, owner: Address, t: 0 | 1): Promise<Address> {
  return pda(YIELD_TRANCHES_PROGRAM_ADDRESS, [YT.REQUEST_SEED, key(tranches), key(owner), new Uint8Array([t])]);
}
/** The record of closed epoch `index`. */
export function epoch(tranches: Address, index: number): Promise<Address> {
  return pda(YIELD_TRANCHES_PROGRAM_ADDRESS, [YT.EPOCH_SEED, key(tranches), u32le(index)]);
}
