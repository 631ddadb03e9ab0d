use crate::{constants::*, errors::ReserveError, events::ReserveInitialized, state::*};
use anchor_lang::prelude::*;
use anchor_spl::{
    token_2022::Token2022,
    token_interface::{Mint, TokenAccount},
};
use pst_common::{create_anchor_account, create_token_account, is_uninitialized};
use pst_mint::{constants::MERCHANT_SEED, state::Merchant};
use revenue_distributor::{
    constants::DISTRIBUTOR_SEED, cpi::accounts::OpenReservePosition, program::RevenueDistributor,
    state::Distributor,
};

/// Anyone opens a merchant's reserve once its distributor exists: the `Reserve` account with the default
/// parameters, its PST vault, and (by CPI, signed by the reserve authority) its custody position in
/// `revenue_distributor`. The USDC vault is the contribution vault the distributor created for the reserve, so
/// contributions made before the reserve existed are counted as its own USDC at its first instruction.
#[derive(Accounts)]
pub struct InitializeReserve<'info> {
    #[account(mut)]
    pub payer: Signer<'info>,
    #[account(seeds = [MERCHANT_SEED, merchant.authority.as_ref()], bump = merchant.bump, seeds::program = pst_mint::ID)]
    pub merchant: Box<Account<'info, Merchant>>,
    #[account(
        mut,
        seeds = [DISTRIBUTOR_SEED, merchant.key().as_ref()],
        bump = distributor.bump,
        seeds::program = revenue_distributor::ID,
    )]
    pub distributor: Box<Account<'info, Distributor>>,
    /// CHECK: created here at its PDA.
    #[account(mut, seeds = [RESERVE_SEED, merchant.key().as_ref()], bump)]
    pub reserve: UncheckedAccount<'info>,
    /// CHECK: a PDA with no data: the reserve's token authority and position owner.
    #[account(seeds = [RESERVE_AUTHORITY_SEED, merchant.key().as_ref()], bump)]
    pub reserve_authority: UncheckedAccount<'info>,
    /// The reserve's USDC vault: the distributor's contribution vault, owned by the reserve authority.
    #[account(
        address = distributor.alar_vault @ ReserveError::WrongVault,
        token::authority = reserve_authority,
    )]
    pub usdc_vault: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(address = merchant.pst_mint @ ReserveError::WrongMint)]
    pub pst_mint: Box<InterfaceAccount<'info, Mint>>,
    /// CHECK: created here at its PDA as a PST account owned by the reserve authority.
    #[account(mut, seeds = [RESERVE_PST_VAULT_SEED, merchant.key().as_ref()], bump)]
    pub pst_vault: UncheckedAccount<'info>,
    /// CHECK: the reserve's position PDA in `revenue_distributor`, created there (which checks its seeds).
    #[account(mut)]
    pub reserve_position: UncheckedAccount<'info>,
    pub distributor_program: Program<'info, RevenueDistributor>,
    pub pst_token_program: Program<'info, Token2022>,
    pub system_program: Program<'info, System>,
}

pub fn handler(ctx: Context<InitializeReserve>) -> Result<()> {
    let a = &ctx.accounts;
    require!(a.merchant.is_issued(), ReserveError::MerchantNotIssued);
    for acc in [&a.reserve, &a.pst_vault] {
        require!(is_uninitialized(acc), ReserveError::AlreadyInitialized);
    }
    let merchant = a.merchant.key();
    let m = merchant.as_ref();
    let b = &ctx.bumps;
    let payer = a.payer.to_account_info();
    let system = a.system_program.to_account_info();
    create_token_account(
        &payer,
        &a.pst_vault,
        &a.pst_mint.to_account_info(),
        &a.reserve_authority.key(),
        &a.pst_token_program.to_account_info(),
        &system,
        &[RESERVE_PST_VAULT_SEED, m, &[b.pst_vault]],
    )?;
    let authority_seeds: &[&[u8]] = &[RESERVE_AUTHORITY_SEED, m, &[b.reserve_authority]];
    revenue_distributor::cpi::open_reserve_position(CpiContext::new_with_signer(
        a.distributor_program.key(),
        OpenReservePosition {
            payer: payer.clone(),
            distributor: a.distributor.to_account_info(),
            reserve_authority: a.reserve_authority.to_account_info(),
            position: a.reserve_position.to_account_info(),
            custody: a.pst_vault.to_account_info(),
            harvest_destination: a.usdc_vault.to_account_info(),
            system_program: system.clone(),
        },
        &[authority_seeds],
    ))?;

    let pool = Pubkey::find_program_address(&[pst_ids::amm_pool::POOL_SEED, m], &pst_ids::amm_pool::ID).0;
    let reserve = Box::new(Reserve {
        merchant,
        stake: 0,
        covered_total: 0,
        stake_funded_seen: 0,
        pst_mint: a.pst_mint.key(),
        usdc_mint: a.distributor.usdc_mint,
        usdc_vault: a.usdc_vault.key(),
        pst_vault: a.pst_vault.key(),
        distributor: a.distributor.key(),
        position: a.reserve_position.key(),
        pool,
        usdc: 0,
        pst: 0,
        params: ReserveParams::default(),
        last_stabilize_ts: 0,
        next_withdrawal_id: 0,
        senior_window_start: 0,
        senior_window_capacity: 0,
        senior_paid_in_window: 0,
        released: false,
        totals: ReserveTotals::default(),
        bump: b.reserve,
        authority_bump: b.reserve_authority,
        pst_vault_bump: b.pst_vault,
    });
    reserve.invariant()?;
    create_anchor_account(
        &payer,
        &a.reserve,
        &system,
        8 + Reserve::INIT_SPACE,
        &[RESERVE_SEED, m, &[b.reserve]],
        reserve.as_ref(),
    )?;
    emit!(ReserveInitialized {
        reserve: a.reserve.key(),
        merchant,
        usdc_vault: reserve.usdc_vault,
        pst_vault: reserve.pst_vault,
        position: reserve.position,
        params: reserve.params,
    });
    Ok(())
}
