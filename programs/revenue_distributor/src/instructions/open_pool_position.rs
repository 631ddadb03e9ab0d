use crate::{constants::*, errors::DistributorError, events::CustodyPositionOpened, state::*};
use anchor_lang::prelude::*;
use anchor_spl::token_interface::TokenAccount;
use pst_common::{create_anchor_account, is_uninitialized};
use pst_ids::amm_pool::{ID as AMM_POOL_ID, POOL_SEED};
use pst_mint::constants::LP_VAULT_SEED;

/// The merchant's AMM pool (its PDA `["pool", merchant]`, signing by CPI) opens a custody position: the PST in
/// its vault earns dividends without leaving the pool, `sync_pool_stake` keeps the stake equal to the pool's PST
/// reserve and pays what it earned into the pool's USDC vault (`harvest_destination`, recorded as the position's
/// payout account). No other owner may open one: a wallet could move its tokens and be counted twice.
#[derive(Accounts)]
pub struct OpenPoolPosition<'info> {
    #[account(mut)]
    pub payer: Signer<'info>,
    #[account(mut, seeds = [DISTRIBUTOR_SEED, distributor.merchant.as_ref()], bump = distributor.bump)]
    pub distributor: Box<Account<'info, Distributor>>,
    /// The merchant's pool PDA, `["pool", merchant]` of `amm_pool`.
    #[account(
        constraint = pool.key() == Pubkey::find_program_address(
            &[POOL_SEED, distributor.merchant.as_ref()], &AMM_POOL_ID
        ).0 @ DistributorError::NotPool,
    )]
    pub pool: Signer<'info>,
    /// CHECK: created here at its PDA.
    #[account(mut, seeds = [POSITION_SEED, distributor.key().as_ref(), pool.key().as_ref()], bump)]
    pub position: UncheckedAccount<'info>,
    /// The pool's PST vault: `pst_mint`'s LP vault of this merchant, whose token authority is the pool.
    #[account(
        seeds = [LP_VAULT_SEED, distributor.merchant.as_ref()],
        bump,
        seeds::program = pst_mint::ID,
        token::mint = distributor.pst_mint,
        token::authority = pool,
    )]
    pub custody: Box<InterfaceAccount<'info, TokenAccount>>,
    /// The pool's USDC vault, where its dividends are paid.
    #[account(token::mint = distributor.usdc_mint, token::authority = pool)]
    pub harvest_destination: Box<InterfaceAccount<'info, TokenAccount>>,
    pub system_program: Program<'info, System>,
}

pub fn handler(ctx: Context<OpenPoolPosition>) -> Result<()> {
    let a = &mut *ctx.accounts;
    open_custody(
        CustodyAccounts {
            payer: a.payer.to_account_info(),
            distributor: &mut a.distributor,
            owner: a.pool.key(),
            position: a.position.to_account_info(),
            custody: &a.custody,
            harvest_destination: a.harvest_destination.key(),
            system_program: a.system_program.to_account_info(),
        },
        ctx.bumps.position,
    )
}

/// What opening a custody position needs, whoever its owner.
pub(crate) struct CustodyAccounts<'a, 'info> {
    pub payer: AccountInfo<'info>,
    pub distributor: &'a mut Account<'info, Distributor>,
    /// The signing owner (the pool's or the reserve's PDA).
    pub owner: Pubkey,
    pub position: AccountInfo<'info>,
    pub custody: &'a InterfaceAccount<'info, TokenAccount>,
    pub harvest_destination: Pubkey,
    pub system_program: AccountInfo<'info>,
}

/// Create a custody position at its PDA, earning on the custody vault's balance from now, paying out to
/// `harvest_destination`; emit `CustodyPositionOpened`.
pub(crate) fn open_custody(a: CustodyAccounts, bump: u8) -> Result<()> {
    require!(is_uninitialized(&a.position), DistributorError::AlreadyInitialized);
    let distributor_key = a.distributor.key();
    let checkpoint = a.distributor.reward_per_token;
    let mut position = Position::new(distributor_key, a.owner, checkpoint, a.custody.key(), bump);
    position.payout_account = a.harvest_destination;
    let now = Clock::get()?.unix_timestamp;
    a.distributor.sync_custody(&mut position, a.custody.amount, now)?;
    a.distributor.invariant()?;
    position.invariant()?;
    create_anchor_account(
        &a.payer,
        &a.position,
        &a.system_program,
        8 + Position::INIT_SPACE,
        &[POSITION_SEED, distributor_key.as_ref(), a.owner.as_ref(), &[bump]],
        &position,
    )?;
    emit!(CustodyPositionOpened {
        distributor: distributor_key,
        position: a.position.key(),
        owner: a.owner,
        custody: position.custody,
        staked: position.staked,
        total_staked: a.distributor.total_staked,
    });
    Ok(())
}
