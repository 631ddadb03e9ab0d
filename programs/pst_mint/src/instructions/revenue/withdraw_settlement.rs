use crate::{constants::*, errors::PstError, events::SettlementWithdrawn, math::*, state::*};
use anchor_lang::prelude::*;
use anchor_spl::{
    token::Token,
    token_interface::{Mint, TokenAccount},
};
use pst_common::Asset;

/// The merchant withdraws swept revenue from the settlement vault, at most its available balance and at most
/// the approved limit per period.
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

pub fn handler(ctx: Context<WithdrawSettlement>, amount: u64) -> Result<()> {
    let a = &ctx.accounts;
    a.config.require_not_paused(PAUSE_SETTLEMENT)?;
    require!(amount > 0, PstError::ZeroAmount);
    require!(amount <= a.settlement.available, PstError::InsufficientSettlementBalance);
    let period = a.feed.period_at(Clock::get()?.unix_timestamp);
    let already = if a.settlement.withdraw_period == period { a.settlement.withdrawn_in_period } else { 0 };
    let after = already.safe_add(amount).or_overflow()?;
    require!(after <= a.merchant.economics.withdrawal_limit_per_period, PstError::WithdrawalLimitExceeded);

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
        available: s.available
    });
    Ok(())
}
