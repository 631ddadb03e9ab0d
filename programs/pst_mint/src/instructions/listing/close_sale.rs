use crate::{constants::*, errors::PstError, events::SaleClosed, math::*, state::*};
use anchor_lang::prelude::*;
use anchor_spl::{
    token_2022::Token2022,
    token_interface::{Mint, TokenAccount},
};
use pst_common::Asset;

/// Anyone closes the public sale once its window has passed or it sold out. Unsold PST moves to the merchant's
/// vesting vault and vests on the merchant's schedule; the merchant becomes Active.
#[derive(Accounts)]
pub struct CloseSale<'info> {
    #[account(address = CONFIG_ADDRESS)]
    pub config: Box<Account<'info, ProtocolConfig>>,
    #[account(
        mut,
        seeds = [MERCHANT_SEED, merchant.authority.as_ref()],
        bump = merchant.bump,
        has_one = pst_mint @ PstError::WrongPstMint,
    )]
    pub merchant: Box<Account<'info, Merchant>>,
    pub pst_mint: Box<InterfaceAccount<'info, Mint>>,
    #[account(mut, seeds = [SALE_VAULT_SEED, merchant.key().as_ref()], bump = merchant.bumps.sale_vault)]
    pub sale_vault: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(mut, seeds = [VESTING_VAULT_SEED, merchant.key().as_ref()], bump = merchant.bumps.vesting_vault)]
    pub vesting_vault: Box<InterfaceAccount<'info, TokenAccount>>,
    pub pst_token_program: Program<'info, Token2022>,
}

pub fn handler(ctx: Context<CloseSale>) -> Result<()> {
    let a = &ctx.accounts;
    a.config.require_not_paused(PAUSE_SALE)?;
    a.merchant.require_status(MerchantStatus::Sale)?;
    let sale = a.merchant.sale;
    let now = Clock::get()?.unix_timestamp;
    let unsold = sale.public_supply.safe_sub(sale.sold).or_overflow()?;
    require!(now >= sale.end || unsold == 0, PstError::SaleStillOpen);
    // `>=`, not `==`: anyone can send PST to a token account, and a donation must not block the close. Only
    // the unsold public supply moves; a donation stays in the sale vault.
    require!(a.sale_vault.amount >= unsold, PstError::InvariantViolated);

    if unsold > 0 {
        pay_from_merchant_vault(
            &a.merchant,
            Asset::Pst { mint: a.pst_mint.to_account_info() },
            a.pst_token_program.key(),
            a.sale_vault.to_account_info(),
            a.vesting_vault.to_account_info(),
            unsold,
        )?;
    }

    let merchant = &mut ctx.accounts.merchant;
    merchant.vesting.total = merchant.vesting.total.safe_add(unsold).or_overflow()?;
    merchant.status = MerchantStatus::Active;
    merchant.invariant()?;
    emit!(SaleClosed {
        merchant: merchant.key(),
        sold: sale.sold,
        unsold_to_vesting: unsold,
        proceeds: sale.proceeds,
    });
    Ok(())
}
