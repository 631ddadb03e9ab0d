use crate::{constants::*, errors::*, events::ProtocolFeesCollected, state::*};
use anchor_lang::prelude::*;
use anchor_spl::{token::Token, token_2022::Token2022, token_interface::TokenAccount};
use pst_mint::{constants::CONFIG_ADDRESS, state::ProtocolConfig};

/// Permissionless: send the protocol's uncollected share of the trade fees to the admin's PST and USDC
/// accounts (the only destinations accepted). The fees sit in the vaults outside the reserves and earn no
/// dividends (the pool's stake is its PST reserve), so collecting them changes no stake.
#[derive(Accounts)]
pub struct CollectProtocolFees<'info> {
    #[account(address = CONFIG_ADDRESS)]
    pub config: Box<Account<'info, ProtocolConfig>>,
    #[account(mut, seeds = [POOL_SEED, pool.merchant.as_ref()], bump = pool.bump)]
    pub pool: Box<Account<'info, Pool>>,
    /// CHECK: checked by address.
    #[account(address = pool.pst_mint @ AmmError::WrongMint)]
    pub pst_mint: UncheckedAccount<'info>,
    /// CHECK: checked by address.
    #[account(address = pool.usdc_mint @ AmmError::WrongMint)]
    pub usdc_mint: UncheckedAccount<'info>,
    /// CHECK: checked by address.
    #[account(mut, address = pool.pst_vault @ AmmError::WrongVault)]
    pub pst_vault: UncheckedAccount<'info>,
    /// CHECK: checked by address.
    #[account(mut, address = pool.usdc_vault @ AmmError::WrongVault)]
    pub usdc_vault: UncheckedAccount<'info>,
    #[account(
        mut,
        constraint = admin_pst.mint == pool.pst_mint @ AmmError::WrongMint,
        constraint = admin_pst.owner == config.admin @ AmmError::WrongFeeDestination,
    )]
    pub admin_pst: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(
        mut,
        constraint = admin_usdc.mint == pool.usdc_mint @ AmmError::WrongMint,
        constraint = admin_usdc.owner == config.admin @ AmmError::WrongFeeDestination,
    )]
    pub admin_usdc: Box<InterfaceAccount<'info, TokenAccount>>,
    pub token_program: Program<'info, Token>,
    pub pst_token_program: Program<'info, Token2022>,
}

pub fn handler(ctx: Context<CollectProtocolFees>) -> Result<()> {
    let a = &ctx.accounts;
    let (pst, usdc) = (a.pool.protocol_fees_pst, a.pool.protocol_fees_usdc);
    require!(pst > 0 || usdc > 0, AmmError::NothingToCollect);
    let vaults = pool_vaults!(a);
    for (side, amount, to) in
        [(Side::Pst, pst, a.admin_pst.to_account_info()), (Side::Usdc, usdc, a.admin_usdc.to_account_info())]
    {
        if amount > 0 {
            vaults.pay(side, to, amount)?;
        }
    }
    let pool = &mut ctx.accounts.pool;
    pool.protocol_fees_pst = 0;
    pool.protocol_fees_usdc = 0;
    pool.invariant()?;
    emit!(ProtocolFeesCollected { pool: pool.key(), pst, usdc });
    Ok(())
}
