use crate::{constants::*, errors::*};
use anchor_lang::prelude::*;
use pst_math::{
    curve::{price_q64, MINIMUM_LIQUIDITY},
    twap, SafeMath,
};

/// Cumulative volumes and fees, for LP reporting and audits.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, Default, PartialEq, Eq, InitSpace)]
pub struct PoolTotals {
    pub pst_in: u64,
    pub usdc_in: u64,
    /// Trade fees charged (the protocol's part included), per side.
    pub fees_pst: u64,
    pub fees_usdc: u64,
    /// Dividends the pool's PST earned and harvested into the USDC reserve.
    pub dividends: u64,
}

/// A merchant's PST/USDC pool. PDA `["pool", merchant]`.
///
/// The reserves are the pool's accounting, not the vault balances: a vault holds its reserve plus the
/// protocol's uncollected fees on that side (plus anything donated, which nobody can withdraw).
#[account]
#[derive(InitSpace, Debug)]
pub struct Pool {
    pub merchant: Pubkey,
    pub pst_mint: Pubkey,
    pub usdc_mint: Pubkey,
    pub lp_mint: Pubkey,
    /// `pst_mint`'s LP vault `["lp_vault", merchant]` (token authority: this pool).
    pub pst_vault: Pubkey,
    pub usdc_vault: Pubkey,
    pub seed_lp_vault: Pubkey,
    pub observations: Pubkey,
    /// `revenue_distributor`'s distributor of the merchant, and the pool's custody position in it.
    pub distributor: Pubkey,
    pub position: Pubkey,
    pub reserve_pst: u64,
    pub reserve_usdc: u64,
    /// The protocol's share of the trade fees, held in the vaults until collected.
    pub protocol_fees_pst: u64,
    pub protocol_fees_usdc: u64,
    /// LP supply for the curve: the LP mint's supply plus `MINIMUM_LIQUIDITY` locked forever (never minted).
    pub lp_supply: u64,
    pub fee_bps: u16,
    pub protocol_share_bps: u16,
    pub paused: u8,
    /// The seeding deposit's LP tokens: who may claim them, from when, and how many are still locked.
    pub seed_beneficiary: Pubkey,
    pub seed_unlock_ts: i64,
    pub seed_lp_locked: u64,
    /// TWAP accumulator: Σ price_q64 × seconds (wrapping), up to `last_update_ts`.
    pub price_cumulative: u128,
    pub last_update_ts: i64,
    pub totals: PoolTotals,
    pub bump: u8,
    pub usdc_vault_bump: u8,
    pub lp_mint_bump: u8,
    pub seed_lp_vault_bump: u8,
    pub observations_bump: u8,
}

impl Pool {
    pub fn signer_seeds(&self) -> [&[u8]; 3] {
        [POOL_SEED, self.merchant.as_ref(), core::slice::from_ref(&self.bump)]
    }

    pub fn require_not_paused(&self, flag: u8) -> Result<()> {
        require!(self.paused & flag == 0, AmmError::Paused);
        Ok(())
    }

    /// Spot price, USDC base units per PST base unit, ×2^64.
    pub fn price_q64(&self) -> Result<u128> {
        price_q64(self.reserve_pst, self.reserve_usdc).or_overflow()
    }

    /// The TWAP accumulator as of `now` (the current price has held since `last_update_ts`).
    pub fn cumulative_at(&self, now: i64) -> Result<u128> {
        let elapsed = now.saturating_sub(self.last_update_ts).max(0) as u64;
        Ok(twap::accumulate(self.price_cumulative, self.price_q64()?, elapsed))
    }

    /// Bring the TWAP accumulator to `now` with the price in force until now. Call before changing reserves.
    pub fn accumulate(&mut self, now: i64) -> Result<()> {
        if now > self.last_update_ts {
            self.price_cumulative = self.cumulative_at(now)?;
            self.last_update_ts = now;
        }
        Ok(())
    }

    /// Add a harvested dividend to the USDC reserve.
    pub fn add_dividends(&mut self, amount: u64) -> Result<()> {
        self.reserve_usdc = self.reserve_usdc.safe_add(amount).or_overflow()?;
        self.totals.dividends = self.totals.dividends.safe_add(amount).or_overflow()?;
        Ok(())
    }

    pub fn invariant(&self) -> Result<()> {
        require!(self.fee_bps <= MAX_FEE_BPS, AmmError::InvariantViolated);
        require!(self.protocol_share_bps <= MAX_PROTOCOL_SHARE_BPS, AmmError::InvariantViolated);
        require!(self.paused & !PAUSE_ALL == 0, AmmError::InvariantViolated);
        require!(self.lp_supply >= MINIMUM_LIQUIDITY, AmmError::InvariantViolated);
        // a pool never empties: withdrawals leave the locked minimum's share, swaps never pay a whole reserve
        require!(self.reserve_pst > 0 && self.reserve_usdc > 0, AmmError::InvariantViolated);
        require!(self.seed_lp_locked <= self.lp_supply - MINIMUM_LIQUIDITY, AmmError::InvariantViolated);
        Ok(())
    }
}

/// The token a transfer of the pool moves: PST (`pst`, Token-2022, checked with `mint`) or USDC.
pub fn asset<'a, 'info>(pst: bool, mint: &'a AccountInfo<'info>) -> pst_common::Asset<'a, 'info> {
    if pst {
        pst_common::Asset::Pst { mint, decimals: pst_mint::constants::PST_DECIMALS }
    } else {
        pst_common::Asset::Usdc
    }
}
