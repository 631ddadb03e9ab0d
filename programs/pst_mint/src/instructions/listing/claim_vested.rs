use crate::{constants::*, errors::PstError, events::VestedClaimed, math::*, state::*};
use anchor_lang::prelude::*;
use anchor_spl::{
    token_2022::Token2022,
    token_interface::{Mint, TokenAccount},
};
use pst_common::Asset;

/// The merchant claims what has vested (cliff, then linear); never more than vested, never the same units twice.
#[derive(Accounts)]
pub struct ClaimVested<'info> {
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
    #[account(mut, seeds = [VESTING_VAULT_SEED, merchant.key().as_ref()], bump = merchant.bumps.vesting_vault)]
    pub vesting_vault: Box<InterfaceAccount<'info, TokenAccount>>,
    /// Receives the PST.
    #[account(mut, token::mint = pst_mint, token::token_program = pst_token_program)]
    pub destination: Box<InterfaceAccount<'info, TokenAccount>>,
    pub pst_token_program: Program<'info, Token2022>,
}

pub fn handler(ctx: Context<ClaimVested>) -> Result<()> {
    let a = &ctx.accounts;
    a.config.require_not_paused(PAUSE_VESTING)?;
    require!(a.merchant.is_issued(), PstError::InvalidMerchantStatus);
    let vesting = a.merchant.vesting;
    let now = Clock::get()?.unix_timestamp;
    let cliff_end = vesting.start.safe_add(vesting.cliff_secs).or_overflow()?;
    require!(now >= cliff_end, PstError::VestingCliffNotReached);
    let amount = vesting.claimable(now)?;
    require!(amount > 0, PstError::NothingToClaim);

    pay_from_merchant_vault(
        &a.merchant,
        Asset::Pst { mint: a.pst_mint.to_account_info() },
        a.pst_token_program.key(),
        a.vesting_vault.to_account_info(),
        a.destination.to_account_info(),
        amount,
    )?;

    let merchant = &mut ctx.accounts.merchant;
    merchant.vesting.claimed = vesting.claimed.safe_add(amount).or_overflow()?;
    merchant.invariant()?;
    emit!(VestedClaimed {
        merchant: merchant.key(),
        amount,
        claimed_total: merchant.vesting.claimed,
        vesting_total: merchant.vesting.total,
    });
    Ok(())
}
