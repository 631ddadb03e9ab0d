// Every action a person takes in the app, as the instructions to send: built with the Codama-generated client
// (src/generated), never encoded by hand. Signers are placeholders (`createNoopSigner`): the wallet signs the
// whole transaction in `tx.ts`. Accounts the wallet may lack (associated token accounts, a distributor
// position) are created in the same transaction, as the `pst` CLI does.
import { createNoopSigner, AccountRole, type Address, type Instruction } from '@solana/kit';
import { getCreateAssociatedTokenIdempotentInstructionAsync } from '@solana-program/token';
import * as pm from '../generated/pst_mint';
import * as rd from '../generated/revenue_distributor';
import * as amm from '../generated/amm_pool';
import * as ar from '../generated/alar_reserve';
import * as yt from '../generated/yield_tranches';
import { ata, epoch, position, pstAta, usdcAta, type MerchantAddresses } from './addresses';
import { TOKEN_2022_PROGRAM, TOKEN_PROGRAM } from '../lib/errors';
import type { ProfileInput, ApprovalInput } from '../lib/bounds';
import { configAddress } from './data';

const signer = createNoopSigner;

function hexBytes(hex: string): Uint8Array {
  return Uint8Array.from(hex.match(/../g) ?? [], (b) => parseInt(b, 16));
}

async function createAta(payer: Address, owner: Address, mint: Address, tokenProgram: string): Promise<Instruction> {
  return getCreateAssociatedTokenIdempotentInstructionAsync({
    payer: signer(payer),
    owner,
    mint,
    tokenProgram: tokenProgram as Address,
  });
}

// ---- merchant ---------------------------------------------------------------------------------------------

export async function applyForListing(me: Address, p: ProfileInput): Promise<Instruction[]> {
  return [
    await pm.getApplyForListingInstructionAsync({
      authority: signer(me),
      profile: {
        name: p.name,
        symbol: p.symbol,
        tokenUri: p.tokenUri,
        evidenceHash: hexBytes(p.evidenceHash),
        evidenceUri: p.evidenceUri,
        trailingRevenue: p.trailingRevenue,
        marginBps: p.marginBps,
        growthBps: p.growthBps,
        inventoryValue: p.inventoryValue,
        historyMonths: p.historyMonths,
      },
    }),
  ];
}

export async function createToken(me: Address, a: MerchantAddresses): Promise<Instruction[]> {
  return [await pm.getCreateTokenInstructionAsync({ authority: signer(me), merchant: a.merchant })];
}

export async function issueSupply(me: Address, a: MerchantAddresses, usdcMint: Address): Promise<Instruction[]> {
  return [await pm.getIssueSupplyInstructionAsync({ authority: signer(me), merchant: a.merchant, pstMint: a.pstMint, usdcMint })];
}

export async function releaseProceeds(me: Address, a: MerchantAddresses, usdcMint: Address): Promise<Instruction[]> {
  const destination = await usdcAta(me, usdcMint);
  return [
    await createAta(me, me, usdcMint, TOKEN_PROGRAM),
    await pm.getReleaseProceedsInstructionAsync({ authority: signer(me), merchant: a.merchant, pstMint: a.pstMint, usdcMint, destination }),
  ];
}

export async function claimVested(me: Address, a: MerchantAddresses): Promise<Instruction[]> {
  return [
    await createAta(me, me, a.pstMint, TOKEN_2022_PROGRAM),
    await pm.getClaimVestedInstructionAsync({ authority: signer(me), merchant: a.merchant, pstMint: a.pstMint, destination: await pstAta(me, a.pstMint) }),
  ];
}

export async function withdrawSettlement(me: Address, a: MerchantAddresses, usdcMint: Address, amount: bigint): Promise<Instruction[]> {
  return [
    await createAta(me, me, usdcMint, TOKEN_PROGRAM),
    await pm.getWithdrawSettlementInstructionAsync({
      authority: signer(me),
      merchant: a.merchant,
      pstMint: a.pstMint,
      usdcMint,
      destination: await usdcAta(me, usdcMint),
      amount,
    }),
  ];
}

export async function openPool(me: Address, a: MerchantAddresses, usdcMint: Address, maxUsdc: bigint): Promise<Instruction[]> {
  return [
    await amm.getInitializePoolInstructionAsync({
      authority: signer(me),
      merchant: a.merchant,
      pstMint: a.pstMint,
      usdcMint,
      sourceUsdc: await usdcAta(me, usdcMint),
      position: a.poolPosition,
      maxUsdc,
    }),
  ];
}

export async function openReserve(me: Address, a: MerchantAddresses): Promise<Instruction[]> {
  return [
    await ar.getInitializeReserveInstructionAsync({
      payer: signer(me),
      merchant: a.merchant,
      usdcVault: a.alarVault,
      pstMint: a.pstMint,
      reservePosition: a.reservePosition,
    }),
  ];
}

export async function openTranches(me: Address, a: MerchantAddresses, usdcMint: Address): Promise<Instruction[]> {
  return [
    await yt.getInitializeTranchesInstructionAsync({
      payer: signer(me),
      merchant: a.merchant,
      pstMint: a.pstMint,
      usdcMint,
      position: await position(a.distributor, a.tranches),
    }),
  ];
}

export async function depositStake(me: Address, a: MerchantAddresses, usdcMint: Address, amount: bigint): Promise<Instruction[]> {
  return [
    ar.getDepositStakeInstruction({
      depositor: signer(me),
      reserve: a.reserve,
      merchant: a.merchant,
      pstMint: a.pstMint,
      usdcVault: a.alarVault,
      depositorUsdc: await usdcAta(me, usdcMint),
      amount,
    }),
  ];
}

/** After delisting (and the last period accepted), the merchant takes back what is left of its stake. */
export async function releaseStake(me: Address, a: MerchantAddresses, usdcMint: Address): Promise<Instruction[]> {
  return [
    await createAta(me, me, usdcMint, TOKEN_PROGRAM),
    await createAta(me, me, a.pstMint, TOKEN_2022_PROGRAM),
    ar.getReleaseStakeInstruction({
      authority: signer(me),
      reserve: a.reserve,
      reserveAuthority: a.reserveAuthority,
      merchant: a.merchant,
      settlement: a.settlement,
      feed: a.feed,
      pstMint: a.pstMint,
      usdcVault: a.alarVault,
      pstVault: a.reservePstVault,
      distributor: a.distributor,
      reservePosition: a.reservePosition,
      dividendVault: a.dividendVault,
      destinationUsdc: await usdcAta(me, usdcMint),
      destinationPst: await pstAta(me, a.pstMint),
    }),
  ];
}

/** Once the merchant's vesting has ended, it takes the LP tokens of the pool's seeding deposit. */
export async function claimSeedLiquidity(me: Address, a: MerchantAddresses): Promise<Instruction[]> {
  return [
    await createAta(me, me, a.lpMint, TOKEN_PROGRAM),
    amm.getClaimSeedLiquidityInstruction({
      beneficiary: signer(me),
      pool: a.pool,
      lpMint: a.lpMint,
      seedLpVault: a.seedLpVault,
      destination: await ata(me, a.lpMint, TOKEN_PROGRAM),
    }),
  ];
}

// ---- underwriter ------------------------------------------------------------------------------------------

export async function approveMerchant(me: Address, merchant: Address, e: ApprovalInput): Promise<Instruction[]> {
  return [
    pm.getApproveMerchantInstruction({
      underwriter: signer(me),
      config: await configAddress(),
      merchant,
      ...e,
    }),
  ];
}

export async function rejectMerchant(me: Address, merchant: Address, reason: pm.RejectionReason): Promise<Instruction[]> {
  return [pm.getRejectMerchantInstruction({ underwriter: signer(me), config: await configAddress(), merchant, reason })];
}

export interface FeedInput {
  periodSecs: bigint;
  minResponses: number;
  maxStalenessSlots: bigint;
  maxVarianceBps: number;
  shortfallToleranceBps: number;
  firstPeriodStart: bigint;
}

export async function openFeed(me: Address, a: MerchantAddresses, usdcMint: Address, f: FeedInput): Promise<Instruction[]> {
  return [
    await pm.getOpenRevenueFeedInstructionAsync({
      underwriter: signer(me),
      merchant: a.merchant,
      usdcMint,
      params: { source: { __kind: 'Native' }, ...f },
    }),
  ];
}

export async function openDistributor(me: Address, a: MerchantAddresses, usdcMint: Address, distributionSecs: bigint): Promise<Instruction[]> {
  return [
    await rd.getInitializeDistributorInstructionAsync({
      underwriter: signer(me),
      merchant: a.merchant,
      pstMint: a.pstMint,
      usdcMint,
      distributionSecs,
    }),
  ];
}

// ---- investor ---------------------------------------------------------------------------------------------

/** Buy in the public sale; with `stake`, stake what was bought in the same transaction. */
export async function buyPublic(
  me: Address,
  a: MerchantAddresses,
  usdcMint: Address,
  pstAmount: bigint,
  maxCost: bigint,
  stake: { hasPosition: boolean } | null,
): Promise<Instruction[]> {
  const buyerPst = await pstAta(me, a.pstMint);
  const ixs: Instruction[] = [
    await createAta(me, me, a.pstMint, TOKEN_2022_PROGRAM),
    await pm.getBuyPublicInstructionAsync({
      buyer: signer(me),
      merchant: a.merchant,
      pstMint: a.pstMint,
      usdcMint,
      buyerUsdc: await usdcAta(me, usdcMint),
      buyerPst,
      pstAmount,
      maxUsdcCost: maxCost,
    }),
  ];
  if (stake) ixs.push(...(await stakeIxs(me, a, pstAmount, stake.hasPosition)));
  return ixs;
}

async function stakeIxs(me: Address, a: MerchantAddresses, amount: bigint, hasPosition: boolean): Promise<Instruction[]> {
  const pos = await position(a.distributor, me);
  const ixs: Instruction[] = [];
  if (!hasPosition) {
    ixs.push(await rd.getOpenPositionInstructionAsync({ payer: signer(me), owner: signer(me), distributor: a.distributor, position: pos }));
  }
  ixs.push(
    rd.getDepositInstruction({
      owner: signer(me),
      distributor: a.distributor,
      position: pos,
      pstMint: a.pstMint,
      source: await pstAta(me, a.pstMint),
      stakeVault: a.stakeVault,
      amount,
    }),
  );
  return ixs;
}

export const stake = stakeIxs;

export async function unstake(me: Address, a: MerchantAddresses, amount: bigint): Promise<Instruction[]> {
  return [
    await createAta(me, me, a.pstMint, TOKEN_2022_PROGRAM),
    rd.getWithdrawInstruction({
      owner: signer(me),
      distributor: a.distributor,
      position: await position(a.distributor, me),
      pstMint: a.pstMint,
      destination: await pstAta(me, a.pstMint),
      stakeVault: a.stakeVault,
      amount,
    }),
  ];
}

export async function claim(me: Address, a: MerchantAddresses, usdcMint: Address): Promise<Instruction[]> {
  return [
    await createAta(me, me, usdcMint, TOKEN_PROGRAM),
    rd.getClaimInstruction({
      owner: signer(me),
      distributor: a.distributor,
      position: await position(a.distributor, me),
      dividendVault: a.dividendVault,
      destination: await usdcAta(me, usdcMint),
      usdcMint,
    }),
  ];
}

export async function setAutoPayout(me: Address, a: MerchantAddresses, usdcMint: Address, enabled: boolean): Promise<Instruction[]> {
  return [
    await createAta(me, me, usdcMint, TOKEN_PROGRAM),
    await rd.getSetAutoPayoutInstructionAsync({
      owner: signer(me),
      distributor: a.distributor,
      payoutAccount: await usdcAta(me, usdcMint),
      enabled,
    }),
  ];
}

async function poolAccounts(me: Address, a: MerchantAddresses, usdcMint: Address) {
  return {
    pool: a.pool,
    observations: a.observations,
    pstMint: a.pstMint,
    usdcMint,
    pstVault: a.lpVault,
    usdcVault: a.poolUsdcVault,
    distributor: a.distributor,
    position: a.poolPosition,
    dividendVault: a.dividendVault,
    pst: await pstAta(me, a.pstMint),
    usdc: await usdcAta(me, usdcMint),
  };
}

/** Swap exactly `amountIn`: buy PST with USDC or sell PST for USDC, accepting no less than `minOut`. */
export async function swapExactIn(
  me: Address,
  a: MerchantAddresses,
  usdcMint: Address,
  side: 'buy' | 'sell',
  amountIn: bigint,
  minOut: bigint,
): Promise<Instruction[]> {
  const p = await poolAccounts(me, a, usdcMint);
  return [
    await createAta(me, me, a.pstMint, TOKEN_2022_PROGRAM),
    await createAta(me, me, usdcMint, TOKEN_PROGRAM),
    amm.getSwapExactInInstruction({
      trader: signer(me),
      ...p,
      traderPst: p.pst,
      traderUsdc: p.usdc,
      direction: side === 'buy' ? amm.Direction.UsdcToPst : amm.Direction.PstToUsdc,
      amountIn,
      minOut,
    }),
  ];
}

/** Swap for exactly `amountOut`: receive that much PST (buy) or USDC (sell), paying no more than `maxIn`. */
export async function swapExactOut(
  me: Address,
  a: MerchantAddresses,
  usdcMint: Address,
  side: 'buy' | 'sell',
  amountOut: bigint,
  maxIn: bigint,
): Promise<Instruction[]> {
  const p = await poolAccounts(me, a, usdcMint);
  return [
    await createAta(me, me, a.pstMint, TOKEN_2022_PROGRAM),
    await createAta(me, me, usdcMint, TOKEN_PROGRAM),
    amm.getSwapExactOutInstruction({
      trader: signer(me),
      ...p,
      traderPst: p.pst,
      traderUsdc: p.usdc,
      direction: side === 'buy' ? amm.Direction.UsdcToPst : amm.Direction.PstToUsdc,
      amountOut,
      maxIn,
    }),
  ];
}

export async function addLiquidity(
  me: Address,
  a: MerchantAddresses,
  usdcMint: Address,
  lp: bigint,
  maxPst: bigint,
  maxUsdc: bigint,
): Promise<Instruction[]> {
  const p = await poolAccounts(me, a, usdcMint);
  return [
    await createAta(me, me, a.lpMint, TOKEN_PROGRAM),
    amm.getDepositInstruction({
      owner: signer(me),
      ...p,
      lpMint: a.lpMint,
      ownerPst: p.pst,
      ownerUsdc: p.usdc,
      ownerLp: await ata(me, a.lpMint, TOKEN_PROGRAM),
      lp,
      maxPst,
      maxUsdc,
    }),
  ];
}

export async function removeLiquidity(
  me: Address,
  a: MerchantAddresses,
  usdcMint: Address,
  lp: bigint,
  minPst: bigint,
  minUsdc: bigint,
): Promise<Instruction[]> {
  const p = await poolAccounts(me, a, usdcMint);
  return [
    await createAta(me, me, a.pstMint, TOKEN_2022_PROGRAM),
    await createAta(me, me, usdcMint, TOKEN_PROGRAM),
    amm.getWithdrawInstruction({
      owner: signer(me),
      ...p,
      lpMint: a.lpMint,
      ownerPst: p.pst,
      ownerUsdc: p.usdc,
      ownerLp: await ata(me, a.lpMint, TOKEN_PROGRAM),
      lp,
      minPst,
      minUsdc,
    }),
  ];
}

export async function trancheDeposit(me: Address, a: MerchantAddresses, usdcMint: Address, t: 0 | 1, amount: bigint): Promise<Instruction[]> {
  return [
    await yt.getRequestDepositInstructionAsync({
      owner: signer(me),
      tranches: a.tranches,
      merchant: a.merchant,
      ownerUsdc: await usdcAta(me, usdcMint),
      usdcVault: a.trancheUsdc,
      tranche: t === 0 ? yt.Tranche.Senior : yt.Tranche.Junior,
      amount,
    }),
  ];
}

export async function trancheRedeem(me: Address, a: MerchantAddresses, t: 0 | 1, shares: bigint): Promise<Instruction[]> {
  return [
    await yt.getRequestRedeemInstructionAsync({
      owner: signer(me),
      tranches: a.tranches,
      shareMint: a.trancheMints[t],
      ownerShares: await ata(me, a.trancheMints[t], TOKEN_2022_PROGRAM),
      shareEscrow: a.trancheEscrows[t],
      tranche: t === 0 ? yt.Tranche.Senior : yt.Tranche.Junior,
      shares,
    }),
  ];
}

async function trancheRequestAccounts(me: Address, a: MerchantAddresses, usdcMint: Address, t: 0 | 1) {
  return {
    owner: signer(me),
    tranches: a.tranches,
    usdcVault: a.trancheUsdc,
    ownerUsdc: await usdcAta(me, usdcMint),
    shareMint: a.trancheMints[t],
    shareEscrow: a.trancheEscrows[t],
    ownerShares: await ata(me, a.trancheMints[t], TOKEN_2022_PROGRAM),
    tranche: t === 0 ? yt.Tranche.Senior : yt.Tranche.Junior,
  };
}

export async function trancheCancel(me: Address, a: MerchantAddresses, usdcMint: Address, t: 0 | 1): Promise<Instruction[]> {
  return [
    await createAta(me, me, usdcMint, TOKEN_PROGRAM),
    await createAta(me, me, a.trancheMints[t], TOKEN_2022_PROGRAM),
    await yt.getCancelRequestInstructionAsync(await trancheRequestAccounts(me, a, usdcMint, t)),
  ];
}

/** Claim a tranche request over closed epochs `[from, to)` (at most 16), their records passed in order. */
export async function trancheClaim(
  me: Address,
  a: MerchantAddresses,
  usdcMint: Address,
  t: 0 | 1,
  from: number,
  to: number,
): Promise<Instruction[]> {
  const ix = await yt.getClaimRequestInstructionAsync(await trancheRequestAccounts(me, a, usdcMint, t));
  const records = await Promise.all(Array.from({ length: Math.max(0, to - from) }, (_, i) => epoch(a.tranches, from + i)));
  const withEpochs: Instruction = {
    ...ix,
    accounts: [...(ix.accounts ?? []), ...records.map((address) => ({ address, role: AccountRole.READONLY }))],
  };
  return [await createAta(me, me, usdcMint, TOKEN_PROGRAM), await createAta(me, me, a.trancheMints[t], TOKEN_2022_PROGRAM), withEpochs];
}


// ---- keeper cranks (anyone may send them) ------------------------------------------------------------------

export async function closeSale(a: MerchantAddresses): Promise<Instruction[]> {
  return [await pm.getCloseSaleInstructionAsync({ merchant: a.merchant, pstMint: a.pstMint })];
}

export async function sweep(me: Address, a: MerchantAddresses, usdcMint: Address, period: number): Promise<Instruction[]> {
  return [await pm.getSweepInstructionAsync({ merchant: a.merchant, usdcMint, payer: signer(me), period })];
}

export async function distribute(me: Address, a: MerchantAddresses, usdcMint: Address, admin: Address): Promise<Instruction[]> {
  return [
    await createAta(me, admin, usdcMint, TOKEN_PROGRAM),
    await createAta(me, me, usdcMint, TOKEN_PROGRAM),
    rd.getDistributeInstruction({
      keeper: signer(me),
      distributor: a.distributor,
      dividendVault: a.dividendVault,
      alarVault: a.alarVault,
      feeDestination: await usdcAta(admin, usdcMint),
      keeperUsdc: await usdcAta(me, usdcMint),
      usdcMint,
    }),
  ];
}
