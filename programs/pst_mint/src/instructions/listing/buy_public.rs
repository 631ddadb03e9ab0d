use crate::{constants::*, errors::PstError, events::TokensPurchased, math::*, state::*};
use anchor_lang::prelude::*;
use anchor_spl::{
    token::Token,
    token_2022::Token2022,
    token_interface::{Mint, TokenAccount},
};
use pst_common::{transfer_tokens, Asset};

/// An investor buys PST from the public allocation at the issue price. The cost rounds up (in the protocol's
/// favour) and goes to the merchant's treasury.
#[derive(Accounts)]
pub struct BuyPublic<'info> {
    pub buyer: Signer<'info>,
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
    #[account(address = config.usdc_mint @ PstError::WrongUsdcMint)]
    pub usdc_mint: Box<InterfaceAccount<'info, Mint>>,
    #[account(mut, seeds = [SALE_VAULT_SEED, merchant.key().as_ref()], bump = merchant.bumps.sale_vault)]
    pub sale_vault: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(mut, seeds = [TREASURY_SEED, merchant.key().as_ref()], bump = merchant.bumps.treasury)]
    pub treasury: Box<InterfaceAccount<'info, TokenAccount>>,
    /// Pays the USDC.
    #[account(mut, token::mint = usdc_mint, token::authority = buyer, token::token_program = usdc_token_program)]
    pub buyer_usdc: Box<InterfaceAccount<'info, TokenAccount>>,
    /// Receives the PST (any PST account; usually the buyer's associated token account).
    #[account(mut, token::mint = pst_mint, token::token_program = pst_token_program)]
    pub buyer_pst: Box<InterfaceAccount<'info, TokenAccount>>,
    pub pst_token_program: Program<'info, Token2022>,
    pub usdc_token_program: Program<'info, Token>,
}

pub fn handler(ctx: Context<BuyPublic>, pst_amount: u64, max_usdc_cost: u64) -> Result<()> {
    let a = &ctx.accounts;
    a.config.require_not_paused(PAUSE_SALE)?;
    a.merchant.require_status(MerchantStatus::Sale)?;
    require!(pst_amount > 0, PstError::ZeroAmount);
    let now = Clock::get()?.unix_timestamp;
    let sale = a.merchant.sale;
    require!(now < sale.end, PstError::SaleEnded);
    let remaining = sale.public_supply.safe_sub(sale.sold).or_overflow()?;
    require!(pst_amount <= remaining, PstError::InsufficientSaleSupply);
    let cost = sale_cost(pst_amount, a.merchant.economics.issue_price).or_overflow()?;
    require!(cost <= max_usdc_cost, PstError::SlippageExceeded);

    transfer_tokens(
        Asset::Usdc,
        a.usdc_token_program.key(),
        a.buyer_usdc.to_account_info(),
        a.treasury.to_account_info(),
        a.buyer.to_account_info(),
        &[],
        cost,
    )?;
    pay_from_merchant_vault(
        &a.merchant,
        Asset::Pst { mint: a.pst_mint.to_account_info() },
        a.pst_token_program.key(),
        a.sale_vault.to_account_info(),
        a.buyer_pst.to_account_info(),
        pst_amount,
    )?;

    let merchant = &mut ctx.accounts.merchant;
    merchant.sale.sold = sale.sold.safe_add(pst_amount).or_overflow()?;
    merchant.sale.proceeds = sale.proceeds.safe_add(cost).or_overflow()?;
    merchant.invariant()?;
    emit!(TokensPurchased {
        merchant: merchant.key(),
        buyer: ctx.accounts.buyer.key(),
        pst_amount,
        usdc_cost: cost,
        sold_total: merchant.sale.sold,
    });
    Ok(())
}
