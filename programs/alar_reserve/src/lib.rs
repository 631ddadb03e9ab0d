//! # alar_reserve
//!
//! The Automated Liquidity Assurance Reserve: one reserve per merchant (`["reserve", merchant]`).
//!
//! - **Stake.** The merchant's locked USDC: `stake_bps` (default 5%) of the market cap at the issue price.
//!   `pst_mint::release_proceeds` tops it up from the sale proceeds (a plain transfer this program counts as
//!   stake); `deposit_stake` lets anyone add to it. A stake below its requirement is visible in every event
//!   (`stake_deficit`).
//! - **Shortfall cover.** `cover_shortfall(period)` pays a period `pst_mint` recorded as short from the stake into
//!   the merchant's dividend vault, never more than the period's shortfall in all.
//! - **PE band.** `stabilize` buys PST below the low edge (PE 8) and sells above the high edge (PE 15), when the
//!   pool's TWAP and spot price agree, in slices, once per cooldown, sized so the spot price never passes the edge.
//!   The reserve's PST is a custody position in `revenue_distributor`; `harvest` collects its dividends.
//! - **Senior backstop.** `cover_senior`, by CPI from `yield_tranches` only.
//! - **Release and treasury.** After delisting, `release_stake` returns what is left of the stake and the PST to
//!   the merchant. Moving the reserve's own USDC anywhere else needs the admin and a timelock
//!   (`propose_withdrawal` → `execute_withdrawal`, cancellable by the guardian or the admin).
//!
//! Reads `pst_mint`'s accounts; calls `amm_pool` (swaps), `revenue_distributor` (its custody position) and SPL
//! Token only. Each instruction lives in its own file under `instructions/`; this file only dispatches.
#![allow(unexpected_cfgs)]

use anchor_lang::prelude::*;

pub mod constants;
pub mod errors;
pub mod events;
pub mod instructions;
pub mod ops;
pub mod state;

use instructions::*;
use state::ReserveParams;

declare_id!("ALVCBZgWAutwzW4WtX9e2twiVW9YzMtKxSeFr76NFyAE");

#[program]
pub mod alar_reserve {
    use super::*;

    /// Anyone opens a merchant's reserve (after its distributor): accounting, PST vault, custody position.
    pub fn initialize_reserve(ctx: Context<InitializeReserve>) -> Result<()> {
        instructions::initialize_reserve::handler(ctx)
    }

    /// Anyone adds USDC to the merchant's stake.
    pub fn deposit_stake(ctx: Context<DepositStake>, amount: u64) -> Result<()> {
        instructions::deposit_stake::handler(ctx, amount)
    }

    /// A keeper covers a short period from the stake into the dividend vault.
    pub fn cover_shortfall(ctx: Context<CoverShortfall>, period: u32) -> Result<()> {
        instructions::cover_shortfall::handler(ctx, period)
    }

    /// A keeper cranks the PE band: one bounded trade toward the crossed edge.
    pub fn stabilize(ctx: Context<Stabilize>) -> Result<()> {
        instructions::stabilize::handler(ctx)
    }

    /// A keeper harvests the dividends of the reserve's PST into its USDC (and counts USDC that arrived), refused
    /// when that comes to less than `min_amount`.
    pub fn harvest(ctx: Context<Harvest>, min_amount: u64) -> Result<()> {
        instructions::harvest::handler(ctx, min_amount)
    }

    /// The merchant's tranche vault (by CPI) draws on the senior backstop, up to its capacity.
    pub fn cover_senior(ctx: Context<CoverSenior>, amount: u64) -> Result<()> {
        instructions::cover_senior::handler(ctx, amount)
    }

    /// A delisted merchant takes back what is left of its stake and the reserve's PST.
    pub fn release_stake(ctx: Context<ReleaseStake>) -> Result<()> {
        instructions::release_stake::handler(ctx)
    }

    /// The admin sets a reserve's bounded parameters.
    pub fn set_reserve_params(ctx: Context<SetReserveParams>, params: ReserveParams) -> Result<()> {
        instructions::set_reserve_params::handler(ctx, params)
    }

    /// The admin proposes a timelocked move of the reserve's own USDC.
    pub fn propose_withdrawal(ctx: Context<ProposeWithdrawal>, amount: u64) -> Result<()> {
        instructions::propose_withdrawal::handler(ctx, amount)
    }

    /// The admin executes a proposed withdrawal after its timelock.
    pub fn execute_withdrawal(ctx: Context<ExecuteWithdrawal>) -> Result<()> {
        instructions::execute_withdrawal::handler(ctx)
    }

    /// The guardian or the admin cancels a pending withdrawal.
    pub fn cancel_withdrawal(ctx: Context<CancelWithdrawal>) -> Result<()> {
        instructions::cancel_withdrawal::handler(ctx)
    }
}
