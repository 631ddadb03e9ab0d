//! # revenue_distributor
//!
//! USDC dividends from a merchant's revenue share to PST holders, O(1) in the number of holders.
//!
//! Holders stake PST in a per-owner position; a reward-per-token accumulator (u128, scaled by 10^18) tracks what
//! each staked unit has earned. `distribute` (a keeper crank) takes new USDC from the merchant's dividend vault,
//! carves the protocol fee, the reserve contribution and a keeper tip, and streams the rest linearly over the
//! distribution period, so buying just before a payout earns only the time held. Rewards released while nothing
//! is staked are carried into the next distribution. Owners `claim`; positions that opt in are paid by keepers
//! with `push_payouts`, in batches. A position's owner may be a PDA of another program (the AMM pool, a tranche
//! vault), which signs `open_position`, `deposit`, `withdraw` and `claim` by CPI. The merchant's AMM pool holds a
//! *custody* position instead: its PST stays in the pool's vault (so swaps move no stake), the pool calls
//! `sync_pool_stake` after every change of that vault, and claims its dividends into its USDC reserve. The
//! merchant's reserve (`alar_reserve`) holds its bought-back PST the same way (`open_reserve_position`), and so does
//! its tranche vault (`yield_tranches`, `open_tranche_position`).
//!
//! This program reads `pst_mint`'s accounts (config, merchant, dividend vault) and calls only SPL Token.
#![allow(unexpected_cfgs)]

use anchor_lang::prelude::*;

pub mod constants;
#[cfg(feature = "cpi")]
pub mod custody;
pub mod errors;
pub mod events;
pub mod instructions;
pub mod payout;
pub mod state;

use instructions::*;

declare_id!("9qaNBygLjDyk3zks46gw2H88U3RtuwUEWo384dit1VS9");

#[program]
pub mod revenue_distributor {
    use super::*;

    /// An underwriter sets up a merchant's distributor, stake vault and reserve-contribution vault.
    pub fn initialize_distributor(ctx: Context<InitializeDistributor>, distribution_secs: i64) -> Result<()> {
        instructions::initialize_distributor::handler(ctx, distribution_secs)
    }

    /// Open an earning position (the owner signs; a program's PDA signs by CPI).
    pub fn open_position(ctx: Context<OpenPosition>) -> Result<()> {
        instructions::open_position::handler(ctx)
    }

    /// Stake PST into the position.
    pub fn deposit(ctx: Context<Deposit>, amount: u64) -> Result<()> {
        instructions::deposit::handler(ctx, amount)
    }

    /// Withdraw staked PST at any time.
    pub fn withdraw(ctx: Context<Withdraw>, amount: u64) -> Result<()> {
        instructions::withdraw::handler(ctx, amount)
    }

    /// Keeper crank: distribute new dividends (fees off the top, the rest streamed).
    pub fn distribute(ctx: Context<Distribute>) -> Result<()> {
        instructions::distribute::handler(ctx)
    }

    /// Claim earned dividends.
    pub fn claim(ctx: Context<Claim>) -> Result<()> {
        instructions::claim::handler(ctx)
    }

    /// Opt in to (or out of) keeper-pushed payouts.
    pub fn set_auto_payout(ctx: Context<SetAutoPayout>, enabled: bool) -> Result<()> {
        instructions::set_auto_payout::handler(ctx, enabled)
    }

    /// The merchant's AMM pool (by CPI) opens its custody position: its PST vault earns in place.
    pub fn open_pool_position(ctx: Context<OpenPoolPosition>) -> Result<()> {
        instructions::open_pool_position::handler(ctx)
    }

    /// The merchant's reserve (by CPI) opens its custody position: its PST vault earns in place.
    pub fn open_reserve_position(ctx: Context<OpenReservePosition>) -> Result<()> {
        instructions::open_reserve_position::handler(ctx)
    }

    /// The merchant's tranche vault (by CPI) opens its custody position: its PST vault earns in place.
    pub fn open_tranche_position(ctx: Context<OpenTranchePosition>) -> Result<()> {
        instructions::open_tranche_position::handler(ctx)
    }

    /// The pool (by CPI) pays its custody position's earnings into its USDC vault and sets its stake to its PST
    /// reserve.
    pub fn sync_pool_stake(ctx: Context<SyncPoolStake>, stake: u64) -> Result<()> {
        instructions::sync_pool_stake::handler(ctx, stake)
    }

    /// Keeper crank: pay opted-in positions, pairs of (position, payout account) in remaining accounts, each
    /// owed at least `min_payout`.
    pub fn push_payouts<'info>(ctx: Context<'info, PushPayouts<'info>>, min_payout: u64) -> Result<()> {
        instructions::push_payouts::handler(ctx, min_payout)
    }
}
