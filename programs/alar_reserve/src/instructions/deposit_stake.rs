use crate::{constants::*, errors::*, events::StakeDeposited, ops, state::*};
use anchor_lang::prelude::*;
use anchor_spl::{
    token::Token,
    token_interface::{Mint, TokenAccount},
};
use pst_common::Asset;
use pst_math::SafeMath;
use pst_mint::{constants::CONFIG_ADDRESS, state::Merchant};

/// The merchant, or anyone, adds USDC to the merchant's stake (to meet the requirement, or to restore it after a
/// cover). The stake only leaves the reserve to cover the merchant's shortfalls, or back to the merchant after
/// delisting.
#[derive(Accounts)]
pub struct DepositStake<'info> {
    pub depositor: Signer<'info>,
    /// CHECK: the protocol config, checked by address; its fixed head is read with `ConfigView`.
    #[account(address = CONFIG_ADDRESS)]
    pub config: UncheckedAccount<'info>,
    #[account(mut, seeds = [RESERVE_SEED, reserve.merchant.as_ref()], bump = reserve.bump)]
    pub reserve: Box<Account<'info, Reserve>>,
    #[account(address = reserve.merchant @ ReserveError::WrongReserve)]
    pub merchant: Box<Account<'info, Merchant>>,
    #[account(address = reserve.pst_mint @ ReserveError::WrongMint)]
    pub pst_mint: Box<InterfaceAccount<'info, Mint>>,
    #[account(mut, address = reserve.usdc_vault @ ReserveError::WrongVault)]
    pub usdc_vault: Box<InterfaceAccount<'info, TokenAccount>>,
    /// Pays the USDC.
    #[account(
        mut,
        token::authority = depositor,
        constraint = depositor_usdc.mint == reserve.usdc_mint @ ReserveError::WrongMint,
    )]
    pub depositor_usdc: Box<InterfaceAccount<'info, TokenAccount>>,
    pub token_program: Program<'info, Token>,
}

pub fn handler(ctx: Context<DepositStake>, amount: u64) -> Result<()> {
    let a = &ctx.accounts;
    ops::config_not_paused(&a.config, PAUSE_STAKE)?;
    require!(amount > 0, ReserveError::ZeroAmount);
    require!(!a.reserve.released, ReserveError::AlreadyReleased);
    pst_common::transfer_tokens(
        Asset::Usdc,
        a.token_program.key(),
        a.depositor_usdc.to_account_info(),
        a.usdc_vault.to_account_info(),
        a.depositor.to_account_info(),
        &[],
        amount,
    )?;
    let requirement = a.merchant.stake_requirement(a.pst_mint.supply)?;
    let stake_funded = a.merchant.stake_funded;
    let depositor = a.depositor.key();
    ctx.accounts.usdc_vault.reload()?;
    let balance = ctx.accounts.usdc_vault.amount;
    let r = &mut ctx.accounts.reserve;
    // what arrived before this deposit, then the deposit itself as stake
    r.absorb(balance.safe_sub(amount).or_overflow()?, stake_funded)?;
    r.stake = r.stake.safe_add(amount).or_overflow()?;
    r.totals.stake_deposited = r.totals.stake_deposited.safe_add(amount).or_overflow()?;
    r.invariant()?;
    r.check_vaults(balance, r.pst)?;
    emit!(StakeDeposited {
        reserve: r.key(),
        depositor,
        amount,
        stake: r.stake,
        stake_requirement: requirement,
        stake_deficit: r.stake_deficit(requirement),
    });
    Ok(())
}
