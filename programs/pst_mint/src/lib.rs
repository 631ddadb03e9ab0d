//! # pst_mint
//!
//! Listing, issuance and governance for the Profit Share Token (PST) protocol.
//!
//! - **Governance**: one [`state::ProtocolConfig`] holds the admin (two-step transfer), the underwriter and
//!   oracle-reporter sets, the guardian, fee parameters (bounded) and pause flags (the guardian pauses, only
//!   the admin unpauses).
//! - **Listing**: a merchant applies with its store metrics and evidence; an underwriter approves it with the
//!   token economics (each bounded) or rejects it with a reason.
//! - **Issuance**: the merchant creates a Token-2022 PST mint with on-mint metadata, then mints the whole supply
//!   once into three PDA vaults (merchant vesting, LP, public sale) and the mint authority is removed.
//! - **Public sale** at the issue price for USDC into the merchant's treasury; unsold PST is burned at the
//!   close; **release of the proceeds** (the merchant's financing) after the reserve's stake is topped up from
//!   them; **vesting** claims (cliff + linear) for the merchant's allocation; **delisting**.
//! - **Revenue oracle**: reporters submit each period's revenue; a keeper accepts the median of fresh, agreeing
//!   submissions (or a Switchboard On-Demand feed); [`oracle::accepted_revenue`] is how everything reads it.
//! - **Revenue interception**: sales proceeds land in a settlement vault; a sweep sends the revenue share to the
//!   dividend vault before the merchant can withdraw the rest, within a per-period limit; short periods are
//!   recorded for the reserve; the limit follows health and inventory cover (Healthy the approved limit, Watch
//!   half of it scaled by days of inventory over the floor, down to 12.5%, Default frozen until the reserve has
//!   covered every shortfall and the stake is back at its requirement; at most 12.5% until the period just ended
//!   is accepted: `pst_math::ami::withdrawal_limit`).
//! - **Market intelligence (AMI)**: trailing revenue and earnings, growth, volatility, coverage, days of inventory
//!   and health, recomputed on chain with every accepted period.
//! - **Eligibility**: applications below the config's `MerchantRules` (trailing revenue, months of history) are
//!   refused; the same rules carry the inventory floor.
//!
//! This program calls no other PST program; all of them read its accounts. This file only dispatches: each
//! instruction lives in its own file under `instructions/`, grouped by concern
//! (`governance/`, `listing/`, `revenue/`).
#![allow(unexpected_cfgs)]

use anchor_lang::prelude::*;

pub mod constants;
pub mod errors;
pub mod events;
pub mod instructions;
pub mod math;
pub mod oracle;
pub mod state;

use instructions::*;
use state::{ApprovalParams, FeeParams, FeedParams, MerchantProfile, MerchantRules, RejectionReason, Role};

declare_id!("CwD6QkQDG3TR5jJCFeBzjZuvH95U6fjuoFir5mWt41MZ");

#[program]
pub mod pst_mint {
    use super::*;

    // ---- governance ----------------------------------------------------------------------------------

    /// Create the protocol config (upgrade authority only): admin, guardian, USDC mint, fees, merchant rules.
    pub fn initialize_config(ctx: Context<InitializeConfig>, params: InitializeConfigParams) -> Result<()> {
        instructions::governance::initialize_config::handler(ctx, params)
    }

    /// Admin proposes a successor (step one of two).
    pub fn propose_admin(ctx: Context<ProposeAdmin>, new_admin: Pubkey) -> Result<()> {
        instructions::governance::propose_admin::handler(ctx, new_admin)
    }

    /// The proposed admin accepts (step two of two).
    pub fn accept_admin(ctx: Context<AcceptAdmin>) -> Result<()> {
        instructions::governance::accept_admin::handler(ctx)
    }

    /// Admin adds/removes an underwriter or oracle reporter, or replaces the guardian.
    pub fn set_role(ctx: Context<SetRole>, role: Role, member: Pubkey, enabled: bool) -> Result<()> {
        instructions::governance::set_role::handler(ctx, role, member, enabled)
    }

    /// Admin sets the fee parameters (bounded).
    pub fn update_fees(ctx: Context<UpdateFees>, fees: FeeParams) -> Result<()> {
        instructions::governance::update_fees::handler(ctx, fees)
    }

    /// Admin sets the merchant rules: eligibility thresholds and the inventory floor (bounded).
    pub fn set_merchant_rules(ctx: Context<SetMerchantRules>, rules: MerchantRules) -> Result<()> {
        instructions::governance::set_merchant_rules::handler(ctx, rules)
    }

    /// Guardian or admin sets pause flags; only the admin clears them.
    pub fn set_pause(ctx: Context<SetPause>, paused: u64) -> Result<()> {
        instructions::governance::set_pause::handler(ctx, paused)
    }

    /// Admin freezes exits for a bounded time (0 lifts the freeze); the guardian's pauses never stop exits.
    pub fn freeze_exits(ctx: Context<FreezeExits>, duration_secs: i64) -> Result<()> {
        instructions::governance::freeze_exits::handler(ctx, duration_secs)
    }

    // ---- listing and issuance --------------------------------------------------------------------------

    /// A merchant applies for listing with its store metrics (inventory and history included) and evidence,
    /// within the config's eligibility thresholds.
    pub fn apply_for_listing(ctx: Context<ApplyForListing>, profile: MerchantProfile) -> Result<()> {
        instructions::listing::apply_for_listing::handler(ctx, profile)
    }

    /// An underwriter approves an application with its token economics.
    pub fn approve_merchant(ctx: Context<Underwrite>, params: ApprovalParams) -> Result<()> {
        instructions::listing::approve_merchant::handler(ctx, params)
    }

    /// An underwriter rejects an application with a reason.
    pub fn reject_merchant(ctx: Context<Underwrite>, reason: RejectionReason) -> Result<()> {
        instructions::listing::reject_merchant::handler(ctx, reason)
    }

    /// The merchant creates its Token-2022 PST mint with metadata.
    pub fn create_token(ctx: Context<CreateToken>) -> Result<()> {
        instructions::listing::create_token::handler(ctx)
    }

    /// The merchant mints the fixed supply into the three vaults and opens the public sale.
    pub fn issue_supply(ctx: Context<IssueSupply>) -> Result<()> {
        instructions::listing::issue_supply::handler(ctx)
    }

    /// An investor buys PST at the issue price (cost rounds up; capped by `max_usdc_cost`).
    pub fn buy_public(ctx: Context<BuyPublic>, pst_amount: u64, max_usdc_cost: u64) -> Result<()> {
        instructions::listing::buy_public::handler(ctx, pst_amount, max_usdc_cost)
    }

    /// Anyone closes a sale that ended or sold out; unsold PST is burned.
    pub fn close_sale(ctx: Context<CloseSale>) -> Result<()> {
        instructions::listing::close_sale::handler(ctx)
    }

    /// The merchant takes the sale proceeds: the reserve's stake is topped up to its requirement first.
    pub fn release_proceeds(ctx: Context<ReleaseProceeds>) -> Result<()> {
        instructions::listing::release_proceeds::handler(ctx)
    }

    /// The admin delists a merchant in Default, or at its request once its shortfalls are covered.
    pub fn delist(ctx: Context<Delist>) -> Result<()> {
        instructions::listing::delist::handler(ctx)
    }

    /// The merchant claims vested PST.
    pub fn claim_vested(ctx: Context<ClaimVested>) -> Result<()> {
        instructions::listing::claim_vested::handler(ctx)
    }

    // ---- revenue and settlement ------------------------------------------------------------------------

    /// An underwriter opens a merchant's revenue feed, metrics, settlement and dividend vaults.
    pub fn open_revenue_feed(ctx: Context<OpenRevenueFeed>, params: FeedParams) -> Result<()> {
        instructions::revenue::open_revenue_feed::handler(ctx, params)
    }

    /// An oracle reporter submits a period's gross revenue, net earnings and closing inventory.
    pub fn submit_report(
        ctx: Context<SubmitReport>,
        period: u32,
        gross_revenue: u64,
        net_earnings: i64,
        inventory_value: u64,
    ) -> Result<()> {
        instructions::revenue::submit_report::handler(
            ctx,
            period,
            gross_revenue,
            net_earnings,
            inventory_value,
        )
    }

    /// A keeper accepts the next period: median of fresh submissions, metrics, shortfall check.
    pub fn accept_period(ctx: Context<AcceptPeriod>, period: u32) -> Result<()> {
        instructions::revenue::accept_period::handler(ctx, period)
    }

    /// Anyone sweeps new settlement inflow: the revenue share to the dividend vault (credited to `period`, the
    /// period in progress), the rest to the merchant.
    pub fn sweep(ctx: Context<Sweep>, period: u32) -> Result<()> {
        instructions::revenue::sweep::handler(ctx, period)
    }

    /// The merchant withdraws swept revenue within its per-period limit.
    pub fn withdraw_settlement(ctx: Context<WithdrawSettlement>, amount: u64) -> Result<()> {
        instructions::revenue::withdraw_settlement::handler(ctx, amount)
    }
}
