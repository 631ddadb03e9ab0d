use crate::{
    constants::*,
    errors::{DistributorError, OrOverflow},
    events::DistributorInitialized,
    state::*,
};
use anchor_lang::prelude::*;
use anchor_spl::{
    token::Token,
    token_2022::Token2022,
    token_interface::{Mint, TokenAccount},
};
use pst_common::{create_anchor_account, create_token_account, is_uninitialized};
use pst_mint::{
    constants::{CONFIG_ADDRESS, DIVIDEND_VAULT_SEED, MERCHANT_SEED},
    state::{Merchant, ProtocolConfig},
};

/// An underwriter sets up a merchant's distributor: the accumulator state, the PST stake vault and the reserve
/// contribution vault. The merchant's dividend vault (created by `pst_mint` when its revenue feed opened) must
/// already belong to this distributor.
#[derive(Accounts)]
pub struct InitializeDistributor<'info> {
    #[account(mut)]
    pub underwriter: Signer<'info>,
    #[account(
        address = CONFIG_ADDRESS,
        constraint = config.is_underwriter(&underwriter.key()) @ DistributorError::NotUnderwriter,
    )]
    pub config: Box<Account<'info, ProtocolConfig>>,
    #[account(seeds = [MERCHANT_SEED, merchant.authority.as_ref()], bump = merchant.bump, seeds::program = pst_mint::ID)]
    pub merchant: Box<Account<'info, Merchant>>,
    /// CHECK: created here at its PDA.
    #[account(mut, seeds = [DISTRIBUTOR_SEED, merchant.key().as_ref()], bump)]
    pub distributor: UncheckedAccount<'info>,
    #[account(
        seeds = [DIVIDEND_VAULT_SEED, merchant.key().as_ref()],
        bump,
        seeds::program = pst_mint::ID,
        constraint = dividend_vault.owner == distributor.key() @ DistributorError::WrongVault,
        constraint = dividend_vault.mint == usdc_mint.key() @ DistributorError::WrongMint,
    )]
    pub dividend_vault: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(address = merchant.pst_mint @ DistributorError::WrongMint)]
    pub pst_mint: Box<InterfaceAccount<'info, Mint>>,
    #[account(address = config.usdc_mint @ DistributorError::WrongMint)]
    pub usdc_mint: Box<InterfaceAccount<'info, Mint>>,
    /// CHECK: created here at its PDA as a PST account owned by the distributor.
    #[account(mut, seeds = [STAKE_VAULT_SEED, merchant.key().as_ref()], bump)]
    pub stake_vault: UncheckedAccount<'info>,
    /// CHECK: created here at its PDA as a USDC account owned by `alar_reserve`'s PDA.
    #[account(mut, seeds = [ALAR_VAULT_SEED, merchant.key().as_ref()], bump)]
    pub alar_vault: UncheckedAccount<'info>,
    pub pst_token_program: Program<'info, Token2022>,
    pub usdc_token_program: Program<'info, Token>,
    pub system_program: Program<'info, System>,
}

pub fn handler(ctx: Context<InitializeDistributor>, distribution_secs: i64) -> Result<()> {
    let a = &ctx.accounts;
    require!(a.merchant.is_issued(), DistributorError::MerchantNotIssued);
    require!(
        (MIN_DISTRIBUTION_SECS..=MAX_DISTRIBUTION_SECS).contains(&distribution_secs),
        DistributorError::InvalidDistributionPeriod
    );
    for acc in [&a.distributor, &a.stake_vault, &a.alar_vault] {
        require!(is_uninitialized(acc), DistributorError::AlreadyInitialized);
    }
    let merchant = a.merchant.key();
    let m = merchant.as_ref();
    let b = &ctx.bumps;
    let payer = a.underwriter.to_account_info();
    let system = a.system_program.to_account_info();
    let distributor_key = a.distributor.key();

    create_token_account(
        &payer,
        &a.stake_vault,
        &a.pst_mint.to_account_info(),
        &distributor_key,
        &a.pst_token_program.to_account_info(),
        &system,
        &[STAKE_VAULT_SEED, m, &[b.stake_vault]],
    )?;
    let (alar_authority, _) = Pubkey::find_program_address(
        &[pst_ids::alar_reserve::RESERVE_AUTHORITY_SEED, m],
        &pst_ids::alar_reserve::ID,
    );
    create_token_account(
        &payer,
        &a.alar_vault,
        &a.usdc_mint.to_account_info(),
        &alar_authority,
        &a.usdc_token_program.to_account_info(),
        &system,
        &[ALAR_VAULT_SEED, m, &[b.alar_vault]],
    )?;

    // USDC already in the dividend vault (swept before the distributor existed) is new inflow for the first
    // distribution: nothing is registered yet.
    let distributor = Box::new(Distributor {
        merchant,
        pst_mint: a.pst_mint.key(),
        usdc_mint: a.usdc_mint.key(),
        dividend_vault: a.dividend_vault.key(),
        stake_vault: a.stake_vault.key(),
        alar_vault: a.alar_vault.key(),
        distribution_secs,
        total_staked: 0,
        custody_staked: 0,
        reward_per_token: 0,
        schedule: pst_math::dividends::Schedule::new(distribution_secs).or_overflow()?.into(),
        undistributed: 0,
        accounted: 0,
        total_inflow: 0,
        total_protocol_fees: 0,
        total_alar: 0,
        total_tips: 0,
        total_claimed: 0,
        bump: b.distributor,
        dividend_vault_bump: b.dividend_vault,
        stake_vault_bump: b.stake_vault,
        alar_vault_bump: b.alar_vault,
    });
    distributor.invariant()?;
    create_anchor_account(
        &payer,
        &a.distributor,
        &system,
        8 + Distributor::INIT_SPACE,
        &[DISTRIBUTOR_SEED, m, &[b.distributor]],
        distributor.as_ref(),
    )?;
    emit!(DistributorInitialized { distributor: distributor_key, merchant, distribution_secs });
    Ok(())
}
