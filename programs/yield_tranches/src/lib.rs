//! # yield_tranches
//!
//! Senior and junior tranches over a merchant's PST, with the Adaptive Yield Mechanism (AYM). One tranche vault
//! per merchant (`["tranches", merchant]`) holds USDC and PST (an earning custody position in
//! `revenue_distributor`) and issues two share tokens (Token-2022 with on-mint metadata, e.g. `ACME-SR` and
//! `ACME-JR`).
//!
//! - **Requests.** `request_deposit` and `request_redeem` escrow USDC or shares in a per-investor request;
//!   `cancel_request` takes them back before a close; `claim_request` settles what each close executed (pro rata)
//!   and pays it, leaving the rest queued.
//! - **Epochs.** `close_epoch` (any keeper, once per epoch, default 7 days): harvest, value the PST at the pool's
//!   TWAP, run the waterfall (senior's target yield first, junior the residual; losses hit junior first; a senior
//!   shortfall is drawn from `alar_reserve::cover_senior`, the rest carried as arrears and paid first later),
//!   execute the queues at the new share prices (minimum subordination 20%, a USDC buffer, trades bounded against
//!   the TWAP) and set the next senior APY in [8%, 11%] (`pst_math::tranche::aym`).
//!
//! Reads `pst_mint`'s accounts; calls `alar_reserve` (the backstop), `amm_pool` (trades), `revenue_distributor`
//! (its custody position) and the token programs. Each instruction lives in its own file under `instructions/`;
//! this file only dispatches.
#![allow(unexpected_cfgs)]

use anchor_lang::prelude::*;

pub mod constants;
pub mod errors;
pub mod events;
pub mod instructions;
pub mod ops;
pub mod state;

use instructions::*;
use state::{Tranche, TrancheParams};

declare_id!("MpkNt6CS3RcAmgo4hgSxUkDsr8ZEKTMZ8LmvfV7raHs");

#[program]
pub mod yield_tranches {
    use super::*;

    /// Anyone opens a merchant's tranche vault (after its pool and reserve): accounting, vaults, share mints,
    /// escrows, custody position.
    pub fn initialize_tranches(ctx: Context<InitializeTranches>) -> Result<()> {
        instructions::initialize_tranches::handler(ctx)
    }

    /// An investor queues USDC to buy shares of a tranche at the next close.
    pub fn request_deposit(ctx: Context<RequestDeposit>, tranche: Tranche, amount: u64) -> Result<()> {
        instructions::request_deposit::handler(ctx, tranche, amount)
    }

    /// An investor queues shares of a tranche for redemption at the next close.
    pub fn request_redeem(ctx: Context<RequestRedeem>, tranche: Tranche, shares: u64) -> Result<()> {
        instructions::request_redeem::handler(ctx, tranche, shares)
    }

    /// An investor takes back what its request still has queued, before a close.
    pub fn cancel_request(ctx: Context<SettleRequest>, tranche: Tranche) -> Result<()> {
        instructions::cancel_request::handler(ctx, tranche)
    }

    /// An investor settles its request against the closes since (epoch records as remaining accounts) and is paid.
    pub fn claim_request<'info>(ctx: Context<'info, SettleRequest<'info>>, tranche: Tranche) -> Result<()> {
        instructions::claim_request::handler(ctx, tranche)
    }

    /// A keeper closes the epoch: harvest, TWAP valuation, waterfall and backstop, queues, next APY.
    pub fn close_epoch(ctx: Context<CloseEpoch>) -> Result<()> {
        instructions::close_epoch::handler(ctx)
    }

    /// The admin sets a tranche vault's bounded parameters.
    pub fn set_tranche_params(ctx: Context<SetTrancheParams>, params: TrancheParams) -> Result<()> {
        instructions::set_tranche_params::handler(ctx, params)
    }
}
