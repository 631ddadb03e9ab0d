use crate::{
    constants::PAUSE_STAKE,
    errors::{DistributorError, OrOverflow},
    events::Staked,
    state::*,
};
use anchor_lang::prelude::*;
use anchor_spl::{
    token_2022::Token2022,
    token_interface::{Mint, TokenAccount},
};
use pst_common::{transfer_tokens, Asset};
use pst_math::SafeMath;
use pst_mint::{constants::CONFIG_ADDRESS, state::ConfigView};

/// The owner stakes PST into its position; it earns from this moment on.
#[derive(Accounts)]
pub struct Deposit<'info> {
    pub owner: Signer<'info>,
    /// CHECK: the protocol config, checked by address; its fixed head is read with `ConfigView`.
    #[account(address = CONFIG_ADDRESS)]
    pub config: UncheckedAccount<'info>,
    #[account(mut)]
    pub distributor: Box<Account<'info, Distributor>>,
    #[account(
        mut,
        has_one = owner @ DistributorError::NotPositionOwner,
        has_one = distributor @ DistributorError::WrongDistributor,
        constraint = !position.is_custody() @ DistributorError::CustodyPosition,
    )]
    pub position: Box<Account<'info, Position>>,
    #[account(address = distributor.pst_mint @ DistributorError::WrongMint)]
    pub pst_mint: Box<InterfaceAccount<'info, Mint>>,
    /// The owner's PST.
    #[account(mut, token::mint = pst_mint, token::authority = owner, token::token_program = token_program)]
    pub source: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(mut, address = distributor.stake_vault @ DistributorError::WrongVault)]
    pub stake_vault: Box<InterfaceAccount<'info, TokenAccount>>,
    pub token_program: Program<'info, Token2022>,
}

pub fn handler(ctx: Context<Deposit>, amount: u64) -> Result<()> {
    let a = &ctx.accounts;
    require!(ConfigView::read(&a.config)?.paused & PAUSE_STAKE == 0, DistributorError::Paused);
    require!(amount > 0, DistributorError::ZeroAmount);
    transfer_tokens(
        Asset::Pst { mint: a.pst_mint.to_account_info() },
        a.token_program.key(),
        a.source.to_account_info(),
        a.stake_vault.to_account_info(),
        a.owner.to_account_info(),
        &[],
        amount,
    )?;
    let now = Clock::get()?.unix_timestamp;
    let d = &mut ctx.accounts.distributor;
    d.update(now)?;
    let p = &mut ctx.accounts.position;
    p.settle(d.reward_per_token)?;
    p.staked = p.staked.safe_add(amount).or_overflow()?;
    d.total_staked = d.total_staked.safe_add(amount).or_overflow()?;
    d.invariant()?;
    p.invariant()?;
    emit!(Staked { position: p.key(), amount, staked: p.staked, total_staked: d.total_staked });
    Ok(())
}
