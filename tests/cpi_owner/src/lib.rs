//! A test-only program that owns a `revenue_distributor` position as its PDA `["owner"]` and drives it by CPI,
//! the way `amm_pool` and `yield_tranches` will. It is loaded natively by the test fixture only.
#![allow(unexpected_cfgs)]
use anchor_lang::prelude::*;
use revenue_distributor::cpi::{self as rd, accounts as rda};

declare_id!("5QQMgP7UL9Vc3eaS3YCktVXWmuFzHZnL7dtREvwSUTv8");

pub const OWNER_SEED: &[u8] = b"owner";

#[program]
pub mod cpi_owner {
    use super::*;

    pub fn open_position(ctx: Context<OpenPosition>) -> Result<()> {
        let seeds: &[&[u8]] = &[OWNER_SEED, &[ctx.bumps.owner]];
        rd::open_position(CpiContext::new_with_signer(
            revenue_distributor::ID,
            rda::OpenPosition {
                payer: ctx.accounts.payer.to_account_info(),
                owner: ctx.accounts.owner.to_account_info(),
                distributor: ctx.accounts.distributor.to_account_info(),
                position: ctx.accounts.position.to_account_info(),
                system_program: ctx.accounts.system_program.to_account_info(),
            },
            &[seeds],
        ))
    }

    pub fn deposit(ctx: Context<Deposit>, amount: u64) -> Result<()> {
        let seeds: &[&[u8]] = &[OWNER_SEED, &[ctx.bumps.owner]];
        let a = &ctx.accounts;
        rd::deposit(
            CpiContext::new_with_signer(
                revenue_distributor::ID,
                rda::Deposit {
                    owner: a.owner.to_account_info(),
                    config: a.config.to_account_info(),
                    distributor: a.distributor.to_account_info(),
                    position: a.position.to_account_info(),
                    pst_mint: a.pst_mint.to_account_info(),
                    source: a.source.to_account_info(),
                    stake_vault: a.stake_vault.to_account_info(),
                    token_program: a.token_program.to_account_info(),
                },
                &[seeds],
            ),
            amount,
        )
    }

    pub fn claim(ctx: Context<Claim>) -> Result<()> {
        let seeds: &[&[u8]] = &[OWNER_SEED, &[ctx.bumps.owner]];
        let a = &ctx.accounts;
        rd::claim(CpiContext::new_with_signer(
            revenue_distributor::ID,
            rda::Claim {
                owner: a.owner.to_account_info(),
                config: a.config.to_account_info(),
                distributor: a.distributor.to_account_info(),
                position: a.position.to_account_info(),
                dividend_vault: a.dividend_vault.to_account_info(),
                destination: a.destination.to_account_info(),
                usdc_mint: a.usdc_mint.to_account_info(),
                token_program: a.token_program.to_account_info(),
            },
            &[seeds],
        ))
    }
}

/// CHECK comments: every account is validated by revenue_distributor, which this program calls.
#[derive(Accounts)]
pub struct OpenPosition<'info> {
    #[account(mut)]
    pub payer: Signer<'info>,
    /// CHECK: this program's PDA, the position's owner
    #[account(seeds = [OWNER_SEED], bump)]
    pub owner: UncheckedAccount<'info>,
    /// CHECK: validated by revenue_distributor
    pub distributor: UncheckedAccount<'info>,
    /// CHECK: validated by revenue_distributor
    #[account(mut)]
    pub position: UncheckedAccount<'info>,
    pub system_program: Program<'info, System>,
    /// CHECK: the program called
    #[account(address = revenue_distributor::ID)]
    pub revenue_distributor: UncheckedAccount<'info>,
}

#[derive(Accounts)]
pub struct Deposit<'info> {
    /// CHECK: this program's PDA, the position's owner
    #[account(seeds = [OWNER_SEED], bump)]
    pub owner: UncheckedAccount<'info>,
    /// CHECK: validated by revenue_distributor
    pub config: UncheckedAccount<'info>,
    /// CHECK: validated by revenue_distributor
    #[account(mut)]
    pub distributor: UncheckedAccount<'info>,
    /// CHECK: validated by revenue_distributor
    #[account(mut)]
    pub position: UncheckedAccount<'info>,
    /// CHECK: validated by revenue_distributor
    pub pst_mint: UncheckedAccount<'info>,
    /// CHECK: validated by revenue_distributor
    #[account(mut)]
    pub source: UncheckedAccount<'info>,
    /// CHECK: validated by revenue_distributor
    #[account(mut)]
    pub stake_vault: UncheckedAccount<'info>,
    /// CHECK: validated by revenue_distributor
    pub token_program: UncheckedAccount<'info>,
    /// CHECK: the program called
    #[account(address = revenue_distributor::ID)]
    pub revenue_distributor: UncheckedAccount<'info>,
}

#[derive(Accounts)]
pub struct Claim<'info> {
    /// CHECK: this program's PDA, the position's owner
    #[account(seeds = [OWNER_SEED], bump)]
    pub owner: UncheckedAccount<'info>,
    /// CHECK: validated by revenue_distributor
    pub config: UncheckedAccount<'info>,
    /// CHECK: validated by revenue_distributor
    #[account(mut)]
    pub distributor: UncheckedAccount<'info>,
    /// CHECK: validated by revenue_distributor
    #[account(mut)]
    pub position: UncheckedAccount<'info>,
    /// CHECK: validated by revenue_distributor
    #[account(mut)]
    pub dividend_vault: UncheckedAccount<'info>,
    /// CHECK: validated by revenue_distributor
    #[account(mut)]
    pub destination: UncheckedAccount<'info>,
    /// CHECK: validated by revenue_distributor
    pub usdc_mint: UncheckedAccount<'info>,
    /// CHECK: validated by revenue_distributor
    pub token_program: UncheckedAccount<'info>,
    /// CHECK: the program called
    #[account(address = revenue_distributor::ID)]
    pub revenue_distributor: UncheckedAccount<'info>,
}
