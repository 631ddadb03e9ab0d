use crate::{constants::*, errors::PstError, events::ConfigInitialized, state::*};
use anchor_lang::{prelude::*, solana_program::bpf_loader_upgradeable};
use anchor_spl::token::Mint as ClassicMint;
use pst_common::{create_anchor_account, is_uninitialized};

/// Create the protocol config. Only the program's upgrade authority may do this, so nobody can front-run the
/// deployment and install themselves as admin; a second call fails with `AlreadyInitialized`.
#[derive(Accounts)]
pub struct InitializeConfig<'info> {
    #[account(mut)]
    pub payer: Signer<'info>,
    pub upgrade_authority: Signer<'info>,
    /// The program's ProgramData account (owned by the upgradeable loader, at its canonical address).
    #[account(
        seeds = [crate::ID.as_ref()],
        bump,
        seeds::program = bpf_loader_upgradeable::ID,
        constraint = program_data.upgrade_authority_address == Some(upgrade_authority.key())
            @ PstError::NotUpgradeAuthority,
    )]
    pub program_data: Account<'info, ProgramData>,
    /// CHECK: created here at its PDA (see `pst_common::create_anchor_account`).
    #[account(mut, seeds = [CONFIG_SEED], bump)]
    pub config: UncheckedAccount<'info>,
    /// USDC: a classic SPL Token mint with 6 decimals.
    #[account(mint::decimals = 6)]
    pub usdc_mint: Account<'info, ClassicMint>,
    pub system_program: Program<'info, System>,
}

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug)]
pub struct InitializeConfigParams {
    pub admin: Pubkey,
    pub guardian: Pubkey,
    pub fees: FeeParams,
    pub merchant_rules: MerchantRules,
}

pub fn handler(ctx: Context<InitializeConfig>, params: InitializeConfigParams) -> Result<()> {
    params.fees.validate()?;
    params.merchant_rules.validate()?;
    require!(
        params.admin != Pubkey::default() && params.guardian != Pubkey::default(),
        PstError::InvalidRoleMember
    );
    let a = &ctx.accounts;
    require!(is_uninitialized(&a.config), PstError::AlreadyInitialized);
    let config = ProtocolConfig {
        paused: 0,
        exits_frozen_until: 0,
        fees: params.fees,
        admin: params.admin,
        guardian: params.guardian,
        usdc_mint: ctx.accounts.usdc_mint.key(),
        pending_admin: None,
        underwriters: Vec::new(),
        oracle_reporters: Vec::new(),
        merchant_count: 0,
        merchant_rules: params.merchant_rules,
        bump: ctx.bumps.config,
    };
    config.invariant()?;
    create_anchor_account(
        &a.payer,
        &a.config,
        &a.system_program,
        8 + ProtocolConfig::INIT_SPACE,
        &[CONFIG_SEED, &[config.bump]],
        &config,
    )?;
    emit!(ConfigInitialized {
        admin: params.admin,
        guardian: params.guardian,
        usdc_mint: config.usdc_mint,
        protocol_fee_bps: params.fees.protocol_fee_bps,
        alar_contribution_bps: params.fees.alar_contribution_bps,
        keeper_tip_bps: params.fees.keeper_tip_bps,
        min_trailing_revenue: params.merchant_rules.min_trailing_revenue,
        min_history_months: params.merchant_rules.min_history_months,
        inventory_floor_days: params.merchant_rules.inventory_floor_days,
    });
    Ok(())
}
