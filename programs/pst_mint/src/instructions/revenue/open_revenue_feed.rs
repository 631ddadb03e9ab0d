use crate::{constants::*, errors::PstError, events::RevenueFeedOpened, state::*};
use anchor_lang::prelude::*;
use anchor_spl::{token::Token, token_interface::Mint};
use pst_common::{create_anchor_account, create_token_account, is_uninitialized};

/// An underwriter opens an issued merchant's revenue plumbing: the revenue feed (oracle rules and source), the
/// market-intelligence account, the settlement ledger, the USDC settlement vault where sales proceeds arrive,
/// and the dividend vault (owned by the `revenue_distributor` PDA) that receives the revenue share.
#[derive(Accounts)]
pub struct OpenRevenueFeed<'info> {
    #[account(mut)]
    pub underwriter: Signer<'info>,
    #[account(
        address = CONFIG_ADDRESS,
        constraint = config.is_underwriter(&underwriter.key()) @ PstError::NotUnderwriter,
    )]
    pub config: Box<Account<'info, ProtocolConfig>>,
    #[account(seeds = [MERCHANT_SEED, merchant.authority.as_ref()], bump = merchant.bump)]
    pub merchant: Box<Account<'info, Merchant>>,
    /// CHECK: created here at its PDA.
    #[account(mut, seeds = [FEED_SEED, merchant.key().as_ref()], bump)]
    pub feed: UncheckedAccount<'info>,
    /// CHECK: created here at its PDA.
    #[account(mut, seeds = [METRICS_SEED, merchant.key().as_ref()], bump)]
    pub metrics: UncheckedAccount<'info>,
    /// CHECK: created here at its PDA.
    #[account(mut, seeds = [SETTLEMENT_SEED, merchant.key().as_ref()], bump)]
    pub settlement: UncheckedAccount<'info>,
    /// CHECK: created here at its PDA as a USDC account owned by the merchant PDA.
    #[account(mut, seeds = [SETTLEMENT_VAULT_SEED, merchant.key().as_ref()], bump)]
    pub settlement_vault: UncheckedAccount<'info>,
    /// CHECK: created here at its PDA as a USDC account owned by the revenue_distributor PDA.
    #[account(mut, seeds = [DIVIDEND_VAULT_SEED, merchant.key().as_ref()], bump)]
    pub dividend_vault: UncheckedAccount<'info>,
    #[account(address = config.usdc_mint @ PstError::WrongUsdcMint)]
    pub usdc_mint: Box<InterfaceAccount<'info, Mint>>,
    pub usdc_token_program: Program<'info, Token>,
    pub system_program: Program<'info, System>,
}

pub fn handler(ctx: Context<OpenRevenueFeed>, params: FeedParams) -> Result<()> {
    let a = &ctx.accounts;
    a.config.require_not_paused(PAUSE_ORACLE)?;
    require!(a.merchant.is_issued(), PstError::InvalidMerchantStatus);
    params.validate()?;
    let now = Clock::get()?.unix_timestamp;
    let earliest = now.saturating_sub(params.period_secs);
    let latest = now.saturating_add(MAX_FIRST_PERIOD_OFFSET_SECS);
    require!((earliest..=latest).contains(&params.first_period_start), PstError::InvalidFeedRules);
    for acc in [&a.feed, &a.metrics, &a.settlement, &a.settlement_vault, &a.dividend_vault] {
        require!(is_uninitialized(acc), PstError::AlreadyInitialized);
    }
    let merchant = a.merchant.key();
    let m = merchant.as_ref();
    let bumps = &ctx.bumps;
    let payer = a.underwriter.to_account_info();
    let system = a.system_program.to_account_info();

    let feed = RevenueFeed { merchant, params, next_period: 0, bump: bumps.feed };
    feed.invariant()?;
    create_anchor_account(
        &payer,
        &a.feed,
        &system,
        8 + RevenueFeed::INIT_SPACE,
        &[FEED_SEED, m, &[bumps.feed]],
        &feed,
    )?;

    let metrics = Box::new(MerchantMetrics {
        merchant,
        history: Default::default(),
        len: 0,
        annual_revenue: 0,
        annual_earnings: 0,
        growth_pop_bps: None,
        growth_yoy_bps: None,
        volatility_bps: 0,
        coverage_bps: 10_000,
        inventory_days_x100: None,
        inventory_trend_bps: None,
        inventory_floor_days: a.config.merchant_rules.inventory_floor_days,
        health: HealthStatus::Healthy,
        last_report_ts: 0,
        period_secs: params.period_secs,
        bump: bumps.metrics,
    });
    create_anchor_account(
        &payer,
        &a.metrics,
        &system,
        8 + MerchantMetrics::INIT_SPACE,
        &[METRICS_SEED, m, &[bumps.metrics]],
        metrics.as_ref(),
    )?;

    let settlement = Settlement {
        merchant,
        available: 0,
        total_inflow: 0,
        total_share: 0,
        total_withdrawn: 0,
        withdraw_period: 0,
        withdrawn_in_period: 0,
        shortfall_recorded: 0,
        short_periods: 0,
        bump: bumps.settlement,
        vault_bump: bumps.settlement_vault,
        dividend_vault_bump: bumps.dividend_vault,
    };
    settlement.invariant()?;
    create_anchor_account(
        &payer,
        &a.settlement,
        &system,
        8 + Settlement::INIT_SPACE,
        &[SETTLEMENT_SEED, m, &[bumps.settlement]],
        &settlement,
    )?;

    let usdc = a.usdc_mint.to_account_info();
    let token_program = a.usdc_token_program.to_account_info();
    create_token_account(
        &payer,
        &a.settlement_vault,
        &usdc,
        &merchant,
        &token_program,
        &system,
        &[SETTLEMENT_VAULT_SEED, m, &[bumps.settlement_vault]],
    )?;
    let (dividend_authority, _) = Pubkey::find_program_address(
        &[pst_ids::revenue_distributor::DISTRIBUTOR_SEED, m],
        &pst_ids::revenue_distributor::ID,
    );
    create_token_account(
        &payer,
        &a.dividend_vault,
        &usdc,
        &dividend_authority,
        &token_program,
        &system,
        &[DIVIDEND_VAULT_SEED, m, &[bumps.dividend_vault]],
    )?;

    emit!(RevenueFeedOpened {
        merchant,
        source: params.source,
        min_responses: params.min_responses,
        max_staleness_slots: params.max_staleness_slots,
        max_variance_bps: params.max_variance_bps,
        period_secs: params.period_secs,
        first_period_start: params.first_period_start,
        settlement_vault: a.settlement_vault.key(),
        dividend_vault: a.dividend_vault.key(),
        dividend_authority,
    });
    Ok(())
}
