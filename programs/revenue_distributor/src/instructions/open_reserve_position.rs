use super::open_pool_position::{open_custody, CustodyAccounts};
use crate::{constants::*, errors::DistributorError, state::*};
use anchor_lang::prelude::*;
use anchor_spl::token_interface::TokenAccount;
use pst_ids::alar_reserve::{ID as ALAR_RESERVE_ID, RESERVE_AUTHORITY_SEED, RESERVE_PST_VAULT_SEED};

/// The merchant's reserve (its authority PDA `["reserve_authority", merchant]` of `alar_reserve`, signing by CPI
/// from `initialize_reserve`) opens a custody position, exactly like the pool's: the PST in the reserve's PST
/// vault earns dividends without leaving the reserve, `sync_pool_stake` (called by the reserve after every change
/// of that vault and by its harvest crank) keeps the stake equal to the PST the reserve accounts for and pays what
/// it earned into the reserve's USDC vault (the contribution vault, `alar_vault`). No other owner may open one.
#[derive(Accounts)]
pub struct OpenReservePosition<'info> {
    #[account(mut)]
    pub payer: Signer<'info>,
    #[account(mut, seeds = [DISTRIBUTOR_SEED, distributor.merchant.as_ref()], bump = distributor.bump)]
    pub distributor: Box<Account<'info, Distributor>>,
    /// The merchant's reserve authority PDA of `alar_reserve`.
    #[account(
        constraint = reserve_authority.key() == Pubkey::find_program_address(
            &[RESERVE_AUTHORITY_SEED, distributor.merchant.as_ref()], &ALAR_RESERVE_ID
        ).0 @ DistributorError::NotReserve,
    )]
    pub reserve_authority: Signer<'info>,
    /// CHECK: created here at its PDA.
    #[account(mut, seeds = [POSITION_SEED, distributor.key().as_ref(), reserve_authority.key().as_ref()], bump)]
    pub position: UncheckedAccount<'info>,
    /// The reserve's PST vault, `["reserve_pst", merchant]` of `alar_reserve`, owned by the reserve authority.
    #[account(
        seeds = [RESERVE_PST_VAULT_SEED, distributor.merchant.as_ref()],
        bump,
        seeds::program = ALAR_RESERVE_ID,
        token::mint = distributor.pst_mint,
        token::authority = reserve_authority,
    )]
    pub custody: Box<InterfaceAccount<'info, TokenAccount>>,
    /// The reserve's USDC vault, where its dividends are paid.
    #[account(address = distributor.alar_vault @ DistributorError::WrongVault)]
    pub harvest_destination: Box<InterfaceAccount<'info, TokenAccount>>,
    pub system_program: Program<'info, System>,
}

pub fn handler(ctx: Context<OpenReservePosition>) -> Result<()> {
    let a = &mut *ctx.accounts;
    open_custody(
        CustodyAccounts {
            payer: a.payer.to_account_info(),
            distributor: &mut a.distributor,
            owner: a.reserve_authority.key(),
            position: a.position.to_account_info(),
            custody: &a.custody,
            harvest_destination: a.harvest_destination.key(),
            system_program: a.system_program.to_account_info(),
        },
        ctx.bumps.position,
    )
}
