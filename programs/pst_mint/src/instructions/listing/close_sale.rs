use crate::{constants::*, errors::PstError, events::SaleClosed, math::*, state::*};
use anchor_lang::prelude::*;
use anchor_spl::{
    token_2022::{burn, Burn, Token2022},
    token_interface::{Mint, TokenAccount},
};

/// Anyone closes the public sale once its window has passed or it sold out. Unsold public PST is **burned**: the
/// supply shrinks, so the merchant never ends up with more than its approved share and every holder's share of
/// the revenue grows with it. The merchant becomes Active.
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
    #[account(mut)]
    pub pst_mint: Box<InterfaceAccount<'info, Mint>>,
    #[account(mut, seeds = [SALE_VAULT_SEED, merchant.key().as_ref()], bump = merchant.bumps.sale_vault)]
    pub sale_vault: Box<InterfaceAccount<'info, TokenAccount>>,
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
    // the unsold public supply is burned; a donation stays in the sale vault.
    require!(a.sale_vault.amount >= unsold, PstError::InvariantViolated);

    if unsold > 0 {
        let seeds = a.merchant.signer_seeds();
        burn(
            CpiContext::new_with_signer(
                a.pst_token_program.key(),
                Burn {
                    mint: a.pst_mint.to_account_info(),
                    from: a.sale_vault.to_account_info(),
                    authority: a.merchant.to_account_info(),
                },
                &[&seeds[..]],
            ),
            unsold,
        )?;
    }
    // holders may burn their own PST too, so the supply is read, not derived
    ctx.accounts.pst_mint.reload()?;
    let supply = ctx.accounts.pst_mint.supply;

    let merchant = &mut ctx.accounts.merchant;
    merchant.status = MerchantStatus::Active;
    merchant.invariant()?;
    emit!(SaleClosed {
        merchant: merchant.key(),
        sold: sale.sold,
        unsold_burned: unsold,
        supply,
        proceeds: sale.proceeds
    });
    Ok(())
}
