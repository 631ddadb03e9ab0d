use crate::{constants::*, errors::PstError, events::MerchantDelisted, state::*};
use anchor_lang::prelude::*;
use pst_common::ReserveHead;

/// The admin ends a listing: after a Default, or at the merchant's request (the merchant co-signs) once every
/// recorded shortfall is covered. The merchant becomes Delisted and `alar_reserve::release_stake` can then return
/// what is left of its stake. Holders keep their PST, their positions and the dividends already distributed.
#[derive(Accounts)]
pub struct Delist<'info> {
    pub admin: Signer<'info>,
    #[account(address = CONFIG_ADDRESS, has_one = admin @ PstError::NotAdmin)]
    pub config: Box<Account<'info, ProtocolConfig>>,
    #[account(mut, seeds = [MERCHANT_SEED, merchant.authority.as_ref()], bump = merchant.bump)]
    pub merchant: Box<Account<'info, Merchant>>,
    /// The merchant's wallet, when the merchant asks to be delisted.
    pub merchant_authority: Option<Signer<'info>>,
    #[account(seeds = [METRICS_SEED, merchant.key().as_ref()], bump = metrics.bump)]
    pub metrics: Box<Account<'info, MerchantMetrics>>,
    #[account(seeds = [SETTLEMENT_SEED, merchant.key().as_ref()], bump = settlement.bump)]
    pub settlement: Box<Account<'info, Settlement>>,
    /// CHECK: the merchant's reserve, `["reserve", merchant]` of `alar_reserve`; its head is read.
    #[account(seeds = [RESERVE_SEED, merchant.key().as_ref()], bump, seeds::program = ALAR_RESERVE_ID)]
    pub reserve: UncheckedAccount<'info>,
}

pub fn handler(ctx: Context<Delist>) -> Result<()> {
    let a = &ctx.accounts;
    a.merchant.require_status(MerchantStatus::Active)?;
    let reserve = ReserveHead::read(&a.reserve).ok_or(PstError::ReserveNotInitialized)?;
    let uncovered = a.settlement.shortfall_recorded.saturating_sub(reserve.covered_total);
    let on_request = match &a.merchant_authority {
        Some(signer) => {
            require_keys_eq!(signer.key(), a.merchant.authority, PstError::NotMerchantAuthority);
            true
        }
        None => false,
    };
    let health = a.metrics.health;
    let allowed = health == HealthStatus::Default || (on_request && uncovered == 0);
    require!(allowed, PstError::DelistNotAllowed);
    let admin = a.admin.key();
    let merchant = &mut ctx.accounts.merchant;
    merchant.status = MerchantStatus::Delisted;
    merchant.delisted_at = Clock::get()?.unix_timestamp.max(1);
    merchant.invariant()?;
    emit!(MerchantDelisted {
        merchant: merchant.key(),
        admin,
        on_request,
        health,
        uncovered_shortfall: uncovered
    });
    Ok(())
}
