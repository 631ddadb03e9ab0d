use crate::{errors::DistributorError, events::Unstaked, state::*};
use anchor_lang::prelude::*;
use anchor_spl::{
    token_2022::Token2022,
    token_interface::{Mint, TokenAccount},
};
use pst_common::{transfer_tokens, Asset};
use pst_mint::{constants::CONFIG_ADDRESS, state::ConfigView};

/// The owner withdraws staked PST at any time (no pause stops it; only the admin's bounded exit freeze); what it
/// earned so far stays claimable.
#[derive(Accounts)]
pub struct Withdraw<'info> {
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
    /// Receives the PST.
    #[account(mut, token::mint = pst_mint, token::token_program = token_program)]
    pub destination: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(mut, address = distributor.stake_vault @ DistributorError::WrongVault)]
    pub stake_vault: Box<InterfaceAccount<'info, TokenAccount>>,
    pub token_program: Program<'info, Token2022>,
}

pub fn handler(ctx: Context<Withdraw>, amount: u64) -> Result<()> {
    let a = &ctx.accounts;
    let now = Clock::get()?.unix_timestamp;
    require!(!ConfigView::read(&a.config)?.exits_frozen(now), DistributorError::ExitsFrozen);
    require!(amount > 0, DistributorError::ZeroAmount);
    require!(amount <= a.position.staked, DistributorError::InsufficientStake);
    let seeds = a.distributor.signer_seeds();
    transfer_tokens(
        Asset::Pst { mint: a.pst_mint.to_account_info() },
        a.token_program.key(),
        a.stake_vault.to_account_info(),
        a.destination.to_account_info(),
        a.distributor.to_account_info(),
        &[&seeds[..]],
        amount,
    )?;
    let d = &mut ctx.accounts.distributor;
    d.update(now)?;
    let p = &mut ctx.accounts.position;
    p.settle(d.reward_per_token)?;
    p.staked -= amount; // checked above
    d.total_staked -= amount; // ≥ p.staked
    d.invariant()?;
    p.invariant()?;
    emit!(Unstaked { position: p.key(), amount, staked: p.staked, total_staked: d.total_staked });
    Ok(())
}
