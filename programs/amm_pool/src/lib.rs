//! # amm_pool
//!
//! A merchant's PST/USDC constant-product pool (x·y = k) with LP tokens, a trade fee to LPs plus a protocol
//! share, a pause bitmask per direction of use, a TWAP ring buffer, and dividends for LPs.
//!
//! - **Seeding.** `pst_mint` creates the merchant's LP allocation vault with this program's pool PDA as token
//!   authority; `initialize_pool` adopts it as the PST reserve and takes USDC from the merchant at the issue
//!   price. The seed LP tokens stay locked until the merchant's vesting ends.
//! - **Curve.** `pst_math::curve`: fees and amounts paid in round up, amounts paid out round down; the program
//!   re-checks k after every swap and the value of an LP token after every deposit and withdrawal.
//! - **TWAP.** Swaps accumulate the pre-trade price over time and record it in a zero-copy ring buffer;
//!   [`state::twap_q64`] is the one read function (`alar_reserve` uses it).
//! - **Dividends.** The PST vault is a custody position in `revenue_distributor`: the pool syncs its stake by
//!   CPI after every change of the vault and harvests its dividends into the USDC reserve before every change of
//!   the LP supply (and on the `harvest_dividends` crank), so they accrue to LPs.
//!
//! Reads `pst_mint`'s accounts; calls `revenue_distributor` and SPL Token only.
#![allow(unexpected_cfgs)]

use anchor_lang::prelude::*;

pub mod constants;
pub mod dividends;
pub mod errors;
pub mod events;
pub mod instructions;
pub mod state;
#[cfg(feature = "cpi")]
pub mod trade;

use instructions::*;

declare_id!("9NJqMa1uzjF8uYPghxd669xdDgikJykjMtZFWNisF5Vx");

#[program]
pub mod amm_pool {
    use super::*;

    /// The merchant opens its pool from the LP allocation plus USDC at the issue price (at most `max_usdc`).
    pub fn initialize_pool(ctx: Context<InitializePool>, max_usdc: u64) -> Result<()> {
        instructions::initialize_pool::handler(ctx, max_usdc)
    }

    /// Add liquidity: mint `lp` LP tokens for at most `max_pst` and `max_usdc`.
    pub fn deposit(ctx: Context<Liquidity>, lp: u64, max_pst: u64, max_usdc: u64) -> Result<()> {
        instructions::deposit::handler(ctx, lp, max_pst, max_usdc)
    }

    /// Remove liquidity: burn `lp` LP tokens for at least `min_pst` and `min_usdc`.
    pub fn withdraw(ctx: Context<Liquidity>, lp: u64, min_pst: u64, min_usdc: u64) -> Result<()> {
        instructions::withdraw::handler(ctx, lp, min_pst, min_usdc)
    }

    /// Swap exactly `amount_in` for at least `min_out`.
    pub fn swap_exact_in(
        ctx: Context<Swap>,
        direction: Direction,
        amount_in: u64,
        min_out: u64,
    ) -> Result<()> {
        instructions::swap_exact_in::handler(ctx, direction, amount_in, min_out)
    }

    /// Swap for exactly `amount_out`, paying at most `max_in`.
    pub fn swap_exact_out(
        ctx: Context<Swap>,
        direction: Direction,
        amount_out: u64,
        max_in: u64,
    ) -> Result<()> {
        instructions::swap_exact_out::handler(ctx, direction, amount_out, max_in)
    }

    /// Keeper crank: harvest the pool's dividends into the USDC reserve, refused below `min_amount` (a keeper's
    /// floor, so a racing keeper's late copy, which would harvest a second's dust, is refused and costs nothing).
    pub fn harvest_dividends(ctx: Context<HarvestDividends>, min_amount: u64) -> Result<()> {
        instructions::harvest_dividends::handler(ctx, min_amount)
    }

    /// Admin: set the trade fee and the protocol's share of it.
    pub fn update_pool_fees(
        ctx: Context<UpdatePoolFees>,
        fee_bps: u16,
        protocol_share_bps: u16,
    ) -> Result<()> {
        instructions::update_pool_fees::handler(ctx, fee_bps, protocol_share_bps)
    }

    /// Guardian sets / admin clears the pool's pause flags.
    pub fn set_pool_pause(ctx: Context<SetPoolPause>, paused: u8) -> Result<()> {
        instructions::set_pool_pause::handler(ctx, paused)
    }

    /// Send the protocol's share of the fees to the admin's accounts.
    pub fn collect_protocol_fees(ctx: Context<CollectProtocolFees>) -> Result<()> {
        instructions::collect_protocol_fees::handler(ctx)
    }

    /// The merchant takes the seed LP tokens after its vesting ends.
    pub fn claim_seed_liquidity(ctx: Context<ClaimSeedLiquidity>) -> Result<()> {
        instructions::claim_seed_liquidity::handler(ctx)
    }

    /// Read-only: the TWAP over `window_secs` as return data.
    pub fn get_twap(ctx: Context<GetTwap>, window_secs: i64) -> Result<u128> {
        instructions::get_twap::handler(ctx, window_secs)
    }
}
