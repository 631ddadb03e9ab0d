use crate::{errors::DistributorError, events::Claimed, state::*};
use anchor_lang::prelude::*;
use anchor_spl::{
    token::Token,
    token_interface::{Mint, TokenAccount},
};
use pst_mint::{constants::CONFIG_ADDRESS, state::ConfigView};

/// The owner claims what its position earned, to any USDC account. O(1) in the number of holders. An exit: no
/// pause stops it, only the admin's bounded exit freeze.
#[derive(Accounts)]
pub struct Claim<'info> {
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
    )]
    pub position: Box<Account<'info, Position>>,
    #[account(mut, address = distributor.dividend_vault @ DistributorError::WrongVault)]
    pub dividend_vault: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(mut, token::mint = usdc_mint)]
    pub destination: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(address = distributor.usdc_mint @ DistributorError::WrongMint)]
    pub usdc_mint: Box<InterfaceAccount<'info, Mint>>,
    pub token_program: Program<'info, Token>,
}

pub fn handler(ctx: Context<Claim>) -> Result<()> {
    let a = &ctx.accounts;
    let now = Clock::get()?.unix_timestamp;
    require!(!ConfigView::read(&a.config)?.exits_frozen(now), DistributorError::ExitsFrozen);
    let accounts = &mut *ctx.accounts;
    accounts.distributor.update(now)?;
    accounts.position.settle(accounts.distributor.reward_per_token)?;
    let amount = accounts.position.pending;
    require!(amount > 0, DistributorError::NothingToClaim);
    crate::payout::pay(
        &mut accounts.distributor,
        &mut accounts.position,
        &accounts.dividend_vault.to_account_info(),
        &accounts.destination.to_account_info(),
        &accounts.token_program.to_account_info(),
        0,
    )?;
    emit!(Claimed { position: accounts.position.key(), amount, tip: 0, pushed: false });
    Ok(())
}
