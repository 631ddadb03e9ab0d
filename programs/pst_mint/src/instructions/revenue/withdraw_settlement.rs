use crate::{constants::*, errors::PstError, events::SettlementWithdrawn, math::*, state::*};
use anchor_lang::prelude::*;
use anchor_spl::{
    token::Token,
    token_interface::{Mint, TokenAccount},
};
use pst_common::{Asset, ReserveHead};

/// The merchant withdraws swept revenue from the settlement vault, at most its available balance and at most
/// the per-period limit, which follows the merchant's health and inventory cover (automated withdrawal
/// controls, `pst_math::ami::withdrawal_limit`):
/// - **Healthy**: the approved limit;
/// - **Watch**: half of it, times the inventory-cover factor (days of inventory ÷ the floor, between 25% and
///   100%): from 50% of the approved limit down to 12.5%, so a merchant running its stock down cannot drain
///   settlement at the same time;
/// - **Default**: frozen until every recorded shortfall is covered by the reserve and the stake is back at its
///   requirement (read from the reserve's head), then the Watch limit;
/// - and while the period just ended is not accepted yet (the metrics still judge an older period), at most the
///   lowest of those limits, 12.5% (`pst_math::ami::unjudged_limit`): stock run down in a period cannot be cashed
///   out at the start of the next, before the period is judged.
#[derive(Accounts)]
pub struct WithdrawSettlement<'info> {
    pub authority: Signer<'info>,
    #[account(address = CONFIG_ADDRESS)]
    pub config: Box<Account<'info, ProtocolConfig>>,
    #[account(
        seeds = [MERCHANT_SEED, merchant.authority.as_ref()],
        bump = merchant.bump,
        has_one = authority @ PstError::NotMerchantAuthority,
    )]
    pub merchant: Box<Account<'info, Merchant>>,
    #[account(seeds = [FEED_SEED, merchant.key().as_ref()], bump = feed.bump)]
    pub feed: Box<Account<'info, RevenueFeed>>,
    #[account(seeds = [METRICS_SEED, merchant.key().as_ref()], bump = metrics.bump)]
    pub metrics: Box<Account<'info, MerchantMetrics>>,
    #[account(address = merchant.pst_mint @ PstError::WrongPstMint)]
    pub pst_mint: Box<InterfaceAccount<'info, Mint>>,
    /// CHECK: the merchant's reserve, `["reserve", merchant]` of `alar_reserve`; its head is read in Default.
    #[account(seeds = [RESERVE_SEED, merchant.key().as_ref()], bump, seeds::program = ALAR_RESERVE_ID)]
    pub reserve: UncheckedAccount<'info>,
    #[account(mut, seeds = [SETTLEMENT_SEED, merchant.key().as_ref()], bump = settlement.bump)]
    pub settlement: Box<Account<'info, Settlement>>,
    #[account(mut, seeds = [SETTLEMENT_VAULT_SEED, merchant.key().as_ref()], bump = settlement.vault_bump)]
    pub settlement_vault: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(address = config.usdc_mint @ PstError::WrongUsdcMint)]
    pub usdc_mint: Box<InterfaceAccount<'info, Mint>>,
    /// Receives the USDC.
    #[account(mut, token::mint = usdc_mint, token::token_program = usdc_token_program)]
    pub destination: Box<InterfaceAccount<'info, TokenAccount>>,
    pub usdc_token_program: Program<'info, Token>,
}

impl WithdrawSettlement<'_> {
    /// The limit of `period` under the merchant's health and inventory cover; errors while a Default freezes
    /// withdrawals.
    pub fn limit(&self, period: u32) -> Result<u64> {
        let approved = self.merchant.economics.withdrawal_limit_per_period;
        let m = &self.metrics;
        match m.health {
            HealthStatus::Healthy | HealthStatus::Watch => {}
            HealthStatus::Default => {
                let reserve = ReserveHead::read(&self.reserve).ok_or(PstError::ReserveNotInitialized)?;
                let uncovered = self.settlement.shortfall_recorded.saturating_sub(reserve.covered_total);
                require!(uncovered == 0, PstError::ShortfallUncovered);
                let stake = reserve.effective_stake(self.merchant.stake_funded);
                require!(
                    stake >= self.merchant.stake_requirement(self.pst_mint.supply)?,
                    PstError::StakeBelowRequirement
                );
            }
        }
        // past the Default check, a Default is cured: it withdraws as on Watch
        let judged = self.feed.next_period >= period; // every period before this one is accepted
        Ok(m.withdrawal_limit(approved, judged, true))
    }
}

pub fn handler(ctx: Context<WithdrawSettlement>, amount: u64) -> Result<()> {
    let a = &ctx.accounts;
    a.config.require_not_paused(PAUSE_SETTLEMENT)?;
    require!(amount > 0, PstError::ZeroAmount);
    require!(amount <= a.settlement.available, PstError::InsufficientSettlementBalance);
    let period = a.feed.period_at(Clock::get()?.unix_timestamp);
    let already = if a.settlement.withdraw_period == period { a.settlement.withdrawn_in_period } else { 0 };
    let after = already.safe_add(amount).or_overflow()?;
    let limit = a.limit(period)?;
    require!(after <= limit, PstError::WithdrawalLimitExceeded);

    pay_from_merchant_vault(
        &a.merchant,
        Asset::Usdc,
        a.usdc_token_program.key(),
        a.settlement_vault.to_account_info(),
        a.destination.to_account_info(),
        amount,
    )?;
    let merchant = a.merchant.key();
    let s = &mut ctx.accounts.settlement;
    s.available -= amount; // checked above
    s.total_withdrawn = s.total_withdrawn.safe_add(amount).or_overflow()?;
    s.withdraw_period = period;
    s.withdrawn_in_period = after;
    s.invariant()?;
    emit!(SettlementWithdrawn {
        merchant,
        period,
        amount,
        withdrawn_in_period: after,
        limit,
        available: s.available
    });
    Ok(())
}
