use super::open_pool_position::{open_custody, CustodyAccounts};
use crate::{constants::*, errors::DistributorError, state::*};
use anchor_lang::prelude::*;
use anchor_spl::token_interface::TokenAccount;
use pst_ids::yield_tranches::{ID as YIELD_TRANCHES_ID, TRANCHES_SEED, TRANCHE_PST_SEED, TRANCHE_USDC_SEED};

/// The merchant's tranche vault (its PDA `["tranches", merchant]` of `yield_tranches`, signing by CPI from
/// `initialize_tranches`) opens a custody position, exactly like the pool's and the reserve's: the PST in the
/// vault's PST account earns dividends in place; `sync_pool_stake` (called by the vault after every change of that
/// account and at every epoch close) keeps the stake equal to the PST the vault accounts for and pays what it earned
/// into the vault's USDC account. No other owner may open one.
#[derive(Accounts)]
pub struct OpenTranchePosition<'info> {
    #[account(mut)]
    pub payer: Signer<'info>,
    #[account(mut, seeds = [DISTRIBUTOR_SEED, distributor.merchant.as_ref()], bump = distributor.bump)]
    pub distributor: Box<Account<'info, Distributor>>,
    /// The merchant's tranche vault PDA of `yield_tranches`.
    #[account(
        constraint = tranches.key() == Pubkey::find_program_address(
            &[TRANCHES_SEED, distributor.merchant.as_ref()], &YIELD_TRANCHES_ID
        ).0 @ DistributorError::NotTrancheVault,
    )]
    pub tranches: Signer<'info>,
    /// CHECK: created here at its PDA.
    #[account(mut, seeds = [POSITION_SEED, distributor.key().as_ref(), tranches.key().as_ref()], bump)]
    pub position: UncheckedAccount<'info>,
    /// The vault's PST account, `["tranche_pst", merchant]` of `yield_tranches`, owned by the vault.
    #[account(
        seeds = [TRANCHE_PST_SEED, distributor.merchant.as_ref()],
        bump,
        seeds::program = YIELD_TRANCHES_ID,
        token::mint = distributor.pst_mint,
        token::authority = tranches,
    )]
    pub custody: Box<InterfaceAccount<'info, TokenAccount>>,
    /// The vault's USDC account, `["tranche_usdc", merchant]` of `yield_tranches`, where its dividends are paid.
    #[account(
        seeds = [TRANCHE_USDC_SEED, distributor.merchant.as_ref()],
        bump,
        seeds::program = YIELD_TRANCHES_ID,
        token::mint = distributor.usdc_mint,
        token::authority = tranches,
    )]
    pub harvest_destination: Box<InterfaceAccount<'info, TokenAccount>>,
    pub system_program: Program<'info, System>,
}

pub fn handler(ctx: Context<OpenTranchePosition>) -> Result<()> {
    let a = &mut *ctx.accounts;
    open_custody(
        CustodyAccounts {
            payer: a.payer.to_account_info(),
            distributor: &mut a.distributor,
            owner: a.tranches.key(),
            position: a.position.to_account_info(),
            custody: &a.custody,
            harvest_destination: a.harvest_destination.key(),
            system_program: a.system_program.to_account_info(),
        },
        ctx.bumps.position,
    )
}
