//! A test-only program deployed (natively, in the test bank only) at `yield_tranches`' id until that program
//! exists: it calls `alar_reserve::cover_senior` by CPI signed by the merchant's tranche-vault PDA
//! `["tranches", merchant]`, the one signer the backstop accepts.
#![allow(unexpected_cfgs)]
use alar_reserve::cpi::{self as alar, accounts as alara};
use anchor_lang::prelude::*;

declare_id!("MpkNt6CS3RcAmgo4hgSxUkDsr8ZEKTMZ8LmvfV7raHs");

#[program]
pub mod senior_caller {
    use super::*;

    pub fn draw(ctx: Context<Draw>, amount: u64) -> Result<()> {
        let merchant = ctx.accounts.merchant.key();
        let seeds: &[&[u8]] =
            &[pst_ids::yield_tranches::TRANCHES_SEED, merchant.as_ref(), &[ctx.bumps.tranche_vault]];
        let a = &ctx.accounts;
        alar::cover_senior(
            CpiContext::new_with_signer(
                alar_reserve::ID,
                alara::CoverSenior {
                    tranche_vault: a.tranche_vault.to_account_info(),
                    config: a.config.to_account_info(),
                    reserve: a.reserve.to_account_info(),
                    reserve_authority: a.reserve_authority.to_account_info(),
                    merchant: a.merchant.to_account_info(),
                    metrics: a.metrics.to_account_info(),
                    usdc_vault: a.usdc_vault.to_account_info(),
                    destination: a.destination.to_account_info(),
                    token_program: a.token_program.to_account_info(),
                },
                &[seeds],
            ),
            amount,
        )
    }
}

#[derive(Accounts)]
pub struct Draw<'info> {
    /// CHECK: the tranche-vault PDA of this program (the signer of the CPI).
    #[account(seeds = [pst_ids::yield_tranches::TRANCHES_SEED, merchant.key().as_ref()], bump)]
    pub tranche_vault: UncheckedAccount<'info>,
    /// CHECK: passed through.
    pub config: UncheckedAccount<'info>,
    /// CHECK: passed through.
    #[account(mut)]
    pub reserve: UncheckedAccount<'info>,
    /// CHECK: passed through.
    pub reserve_authority: UncheckedAccount<'info>,
    /// CHECK: passed through (the merchant account).
    pub merchant: UncheckedAccount<'info>,
    /// CHECK: passed through.
    pub metrics: UncheckedAccount<'info>,
    /// CHECK: passed through.
    #[account(mut)]
    pub usdc_vault: UncheckedAccount<'info>,
    /// CHECK: passed through.
    #[account(mut)]
    pub destination: UncheckedAccount<'info>,
    /// CHECK: passed through.
    pub token_program: UncheckedAccount<'info>,
    pub alar_program: Program<'info, alar_reserve::program::AlarReserve>,
}
