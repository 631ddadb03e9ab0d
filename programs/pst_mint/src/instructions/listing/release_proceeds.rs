use crate::{constants::*, errors::PstError, events::ProceedsReleased, state::*};
use anchor_lang::prelude::*;
use anchor_spl::{
    token::Token,
    token_interface::{Mint, TokenAccount},
};
use pst_common::{Asset, ReserveHead};

/// The merchant takes its financing once the sale has closed. The proceeds first top the reserve's stake up to
/// the requirement (`stake_bps` of the market cap of the supply at the issue price, after the unsold PST was
/// burned) plus any recorded shortfall the reserve has not covered yet (so a merchant in Default cannot take the
/// proceeds past its obligations), by a plain token transfer into the reserve's USDC vault, and the rest goes to
/// the merchant's USDC account. Once per merchant, live or delisted. `pst_mint` calls no program of ours: it reads the reserve's head
/// (`pst_common::ReserveHead`) and records what it sent (`stake_funded`), which the reserve counts as stake.
#[derive(Accounts)]
pub struct ReleaseProceeds<'info> {
    pub authority: Signer<'info>,
    #[account(address = CONFIG_ADDRESS)]
    pub config: Box<Account<'info, ProtocolConfig>>,
    #[account(
        mut,
        seeds = [MERCHANT_SEED, merchant.authority.as_ref()],
        bump = merchant.bump,
        has_one = authority @ PstError::NotMerchantAuthority,
        has_one = pst_mint @ PstError::WrongPstMint,
    )]
    pub merchant: Box<Account<'info, Merchant>>,
    pub pst_mint: Box<InterfaceAccount<'info, Mint>>,
    #[account(mut, seeds = [TREASURY_SEED, merchant.key().as_ref()], bump = merchant.bumps.treasury)]
    pub treasury: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(seeds = [SETTLEMENT_SEED, merchant.key().as_ref()], bump = settlement.bump)]
    pub settlement: Box<Account<'info, Settlement>>,
    /// CHECK: the merchant's reserve, `["reserve", merchant]` of `alar_reserve`; its head is read.
    #[account(seeds = [RESERVE_SEED, merchant.key().as_ref()], bump, seeds::program = ALAR_RESERVE_ID)]
    pub reserve: UncheckedAccount<'info>,
    /// The reserve's USDC vault (`["alar_contribution", merchant]` of `revenue_distributor`).
    #[account(
        mut,
        seeds = [ALAR_VAULT_SEED, merchant.key().as_ref()],
        bump,
        seeds::program = REVENUE_DISTRIBUTOR_ID,
        token::mint = usdc_mint,
    )]
    pub reserve_vault: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(address = config.usdc_mint @ PstError::WrongUsdcMint)]
    pub usdc_mint: Box<InterfaceAccount<'info, Mint>>,
    /// Receives the merchant's part.
    #[account(mut, token::mint = usdc_mint, token::token_program = usdc_token_program)]
    pub destination: Box<InterfaceAccount<'info, TokenAccount>>,
    pub usdc_token_program: Program<'info, Token>,
}

pub fn handler(ctx: Context<ReleaseProceeds>) -> Result<()> {
    let a = &ctx.accounts;
    a.config.require_not_paused(PAUSE_SALE)?;
    require!(a.merchant.sale_closed(), PstError::InvalidMerchantStatus);
    require!(!a.merchant.proceeds_released, PstError::ProceedsAlreadyReleased);
    let reserve = ReserveHead::read(&a.reserve).ok_or(PstError::ReserveNotInitialized)?;
    require_keys_eq!(reserve.merchant, a.merchant.key(), PstError::ReserveNotInitialized);
    let proceeds = a.merchant.sale.proceeds;
    require!(a.treasury.amount >= proceeds, PstError::InvariantViolated);
    let requirement = a.merchant.stake_requirement(a.pst_mint.supply)?;
    let stake = reserve.effective_stake(a.merchant.stake_funded);
    let uncovered = a.settlement.shortfall_recorded.saturating_sub(reserve.covered_total);
    let to_stake = requirement.saturating_add(uncovered).saturating_sub(stake).min(proceeds);
    let to_merchant = proceeds - to_stake; // to_stake ≤ proceeds

    for (to, amount) in [(&a.reserve_vault, to_stake), (&a.destination, to_merchant)] {
        if amount > 0 {
            pay_from_merchant_vault(
                &a.merchant,
                Asset::Usdc,
                a.usdc_token_program.key(),
                a.treasury.to_account_info(),
                to.to_account_info(),
                amount,
            )?;
        }
    }
    let merchant = &mut ctx.accounts.merchant;
    merchant.proceeds_released = true;
    merchant.stake_funded = to_stake;
    merchant.invariant()?;
    emit!(ProceedsReleased {
        merchant: merchant.key(),
        proceeds,
        to_stake,
        to_merchant,
        stake_requirement: requirement,
        stake_before: stake,
    });
    Ok(())
}
