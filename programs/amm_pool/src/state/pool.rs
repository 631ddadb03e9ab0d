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
    /// TWAP accumulator: Σ log2(price_q64) × seconds (log2 with 16 fraction bits, wrapping), up to
    /// `last_update_ts` (see `pst_math::twap`).
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

    /// Refuse with `ExitsFrozen` while the admin has frozen exits: a swap, a withdrawal and a harvest each pay
    /// value out of a vault.
    pub fn require_exits_open(config: &AccountInfo, now: i64) -> Result<()> {
        let config = pst_mint::state::ConfigView::read(config)?;
        require!(!config.exits_frozen(now), AmmError::ExitsFrozen);
        Ok(())
    }

    /// Spot price, USDC base units per PST base unit, ×2^64.
    pub fn price_q64(&self) -> Result<u128> {
        price_q64(self.reserve_pst, self.reserve_usdc).or_overflow()
    }

    /// log2 of the spot price (`pst_math::twap`, 16 fraction bits).
    pub fn log_price(&self) -> Result<u32> {
        Ok(twap::log2_q16(self.price_q64()?).ok_or(AmmError::InvariantViolated)?)
    }

    /// The TWAP accumulator as of `now`, given the current price's log (it has held since `last_update_ts`).
    pub fn cumulative_at(&self, now: i64, log_price: u32) -> u128 {
        let elapsed = now.saturating_sub(self.last_update_ts).max(0) as u64;
        twap::accumulate(self.price_cumulative, log_price, elapsed)
    }

    /// Bring the TWAP accumulator to `now` with the price in force until now, whose log (`Self::log_price`) the
    /// caller passes. Call before changing reserves.
    pub fn accumulate(&mut self, now: i64, log_price: u32) {
        if now > self.last_update_ts {
            self.price_cumulative = self.cumulative_at(now, log_price);
            self.last_update_ts = now;
        }
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

/// One of the pool's two tokens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Pst,
    Usdc,
}

/// The [`PoolVaults`] of an instruction's accounts (every instruction that moves the pool's tokens names them
/// alike: `pool`, `pst_mint`, `pst_vault`, `usdc_vault`, `pst_token_program`, `token_program`).
macro_rules! pool_vaults {
    ($a:expr) => {
        $crate::state::PoolVaults::new(
            &$a.pool,
            &$a.pst_mint,
            &$a.pst_vault,
            &$a.usdc_vault,
            $a.pst_token_program.key(),
            $a.token_program.key(),
        )
    };
}
pub(crate) use pool_vaults;

/// The pool's vaults and the programs that move them: every token transfer of the pool goes through
/// [`PoolVaults::transfer`] (and so through `pst_common::transfer_tokens`).
pub struct PoolVaults<'a, 'info> {
    pub pool: &'a Account<'info, Pool>,
    pub pst_mint: AccountInfo<'info>,
    pub pst_vault: AccountInfo<'info>,
    pub usdc_vault: AccountInfo<'info>,
    pub pst_token_program: Pubkey,
    pub usdc_token_program: Pubkey,
}

impl<'a, 'info> PoolVaults<'a, 'info> {
    pub fn new(
        pool: &'a Account<'info, Pool>,
        pst_mint: &impl ToAccountInfo<'info>,
        pst_vault: &impl ToAccountInfo<'info>,
        usdc_vault: &impl ToAccountInfo<'info>,
        pst_token_program: Pubkey,
        usdc_token_program: Pubkey,
    ) -> Self {
        PoolVaults {
            pool,
            pst_mint: pst_mint.to_account_info(),
            pst_vault: pst_vault.to_account_info(),
            usdc_vault: usdc_vault.to_account_info(),
            pst_token_program,
            usdc_token_program,
        }
    }

    /// Move `amount` of `side` from `from` (a user's account, `owner` signing) into the pool's vault.
    pub fn receive(
        &self,
        side: Side,
        from: AccountInfo<'info>,
        owner: AccountInfo<'info>,
        amount: u64,
    ) -> Result<()> {
        let (asset, program, vault) = self.of(side);
        pst_common::transfer_tokens(asset, program, from, vault, owner, &[], amount)
    }

    /// Pay `amount` of `side` out of the pool's vault to `to`, signed by the pool PDA.
    pub fn pay(&self, side: Side, to: AccountInfo<'info>, amount: u64) -> Result<()> {
        let (asset, program, vault) = self.of(side);
        let seeds = self.pool.signer_seeds();
        pst_common::transfer_tokens(
            asset,
            program,
            vault,
            to,
            self.pool.to_account_info(),
            &[&seeds[..]],
            amount,
        )
    }

    /// The asset, its token program and the pool's vault of `side`.
    fn of(&self, side: Side) -> (pst_common::Asset<'info>, Pubkey, AccountInfo<'info>) {
        match side {
            Side::Pst => (
                pst_common::Asset::Pst { mint: self.pst_mint.clone() },
                self.pst_token_program,
                self.pst_vault.clone(),
            ),
            Side::Usdc => (pst_common::Asset::Usdc, self.usdc_token_program, self.usdc_vault.clone()),
        }
    }
}
