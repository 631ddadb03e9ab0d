use crate::{constants::*, errors::*, events::WithdrawalProposed, state::*};
use anchor_lang::prelude::*;
use anchor_spl::token_interface::TokenAccount;
use pst_common::{create_anchor_account, is_uninitialized};
use pst_mint::{constants::CONFIG_ADDRESS, state::ConfigView};

/// The admin proposes moving `amount` of the reserve's own USDC (never the stake) to the admin's USDC account (back
/// to the protocol) or to another merchant's reserve vault. It can execute after the reserve's timelock (48 hours
/// by default); the guardian or the admin can cancel it until then.
#[derive(Accounts)]
pub struct ProposeWithdrawal<'info> {
    #[account(mut)]
    pub admin: Signer<'info>,
    /// CHECK: the protocol config, checked by address; its fixed head is read with `ConfigView`.
    #[account(address = CONFIG_ADDRESS)]
    pub config: UncheckedAccount<'info>,
    #[account(mut, seeds = [RESERVE_SEED, reserve.merchant.as_ref()], bump = reserve.bump)]
    pub reserve: Box<Account<'info, Reserve>>,
    /// CHECK: created here at its PDA.
    #[account(
        mut,
        seeds = [WITHDRAWAL_SEED, reserve.key().as_ref(), &reserve.next_withdrawal_id.to_le_bytes()],
        bump,
    )]
    pub withdrawal: UncheckedAccount<'info>,
    #[account(constraint = destination.mint == reserve.usdc_mint @ ReserveError::WrongMint)]
    pub destination: Box<InterfaceAccount<'info, TokenAccount>>,
    /// The other merchant's reserve, when the destination is its USDC vault.
    pub destination_reserve: Option<Box<Account<'info, Reserve>>>,
    pub system_program: Program<'info, System>,
}

pub fn handler(ctx: Context<ProposeWithdrawal>, amount: u64) -> Result<()> {
    let a = &ctx.accounts;
    let config = ConfigView::read(&a.config)?;
    require_keys_eq!(a.admin.key(), config.admin, ReserveError::NotAdmin);
    require!(amount > 0, ReserveError::ZeroAmount);
    require!(is_uninitialized(&a.withdrawal), ReserveError::AlreadyInitialized);
    let to_protocol = a.destination.owner == config.admin;
    let to_reserve = a
        .destination_reserve
        .as_ref()
        .is_some_and(|other| other.key() != a.reserve.key() && other.usdc_vault == a.destination.key());
    require!(to_protocol || to_reserve, ReserveError::InvalidDestination);
    let now = Clock::get()?.unix_timestamp;
    let reserve_key = a.reserve.key();
    let id = a.reserve.next_withdrawal_id;
    let w = Withdrawal {
        reserve: reserve_key,
        id,
        amount,
        destination: a.destination.key(),
        proposed_at: now,
        eta: now.checked_add(a.reserve.params.timelock_secs).ok_or(ReserveError::MathOverflow)?,
        status: WithdrawalStatus::Pending,
        bump: ctx.bumps.withdrawal,
    };
    w.invariant()?;
    create_anchor_account(
        &a.admin.to_account_info(),
        &a.withdrawal,
        &a.system_program.to_account_info(),
        8 + Withdrawal::INIT_SPACE,
        &[WITHDRAWAL_SEED, reserve_key.as_ref(), &id.to_le_bytes(), &[ctx.bumps.withdrawal]],
        &w,
    )?;
    let r = &mut ctx.accounts.reserve;
    r.next_withdrawal_id = id.checked_add(1).ok_or(ReserveError::MathOverflow)?;
    r.invariant()?;
    emit!(WithdrawalProposed {
        reserve: reserve_key,
        withdrawal: ctx.accounts.withdrawal.key(),
        id,
        amount,
        destination: w.destination,
        eta: w.eta,
    });
    Ok(())
}
