use crate::{constants::*, errors::*, events::SeedLiquidityClaimed, state::*};
use anchor_lang::prelude::*;
use anchor_spl::{token::Token, token_interface::TokenAccount};

/// The merchant takes the seeding deposit's LP tokens once its vesting has ended (until then the pool's
/// opening liquidity cannot be pulled).
#[derive(Accounts)]
pub struct ClaimSeedLiquidity<'info> {
    pub beneficiary: Signer<'info>,
    #[account(
        mut,
        seeds = [POOL_SEED, pool.merchant.as_ref()],
        bump = pool.bump,
        constraint = pool.seed_beneficiary == beneficiary.key() @ AmmError::NotMerchantAuthority,
    )]
    pub pool: Box<Account<'info, Pool>>,
    /// CHECK: checked by address.
    #[account(address = pool.lp_mint @ AmmError::WrongMint)]
    pub lp_mint: UncheckedAccount<'info>,
    /// CHECK: checked by address.
    #[account(mut, address = pool.seed_lp_vault @ AmmError::WrongVault)]
    pub seed_lp_vault: UncheckedAccount<'info>,
    #[account(
        mut,
        constraint = destination.mint == pool.lp_mint @ AmmError::WrongMint,
        constraint = destination.key() != pool.seed_lp_vault @ AmmError::DuplicateAccount,
    )]
    pub destination: Box<InterfaceAccount<'info, TokenAccount>>,
    pub token_program: Program<'info, Token>,
}

pub fn handler(ctx: Context<ClaimSeedLiquidity>) -> Result<()> {
    let a = &ctx.accounts;
    let now = Clock::get()?.unix_timestamp;
    require!(now >= a.pool.seed_unlock_ts, AmmError::SeedLiquidityLocked);
    let amount = a.pool.seed_lp_locked;
    require!(amount > 0, AmmError::NothingToClaim);
    let seeds = a.pool.signer_seeds();
    pst_common::transfer_tokens(
        pst_common::Asset::Lp,
        a.token_program.key(),
        a.seed_lp_vault.to_account_info(),
        a.destination.to_account_info(),
        a.pool.to_account_info(),
        &[&seeds[..]],
        amount,
    )?;
    let pool = &mut ctx.accounts.pool;
    pool.seed_lp_locked = 0;
    pool.invariant()?;
    emit!(SeedLiquidityClaimed { pool: pool.key(), beneficiary: pool.seed_beneficiary, lp: amount });
    Ok(())
}
