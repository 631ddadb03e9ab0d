use crate::{constants::*, errors::*, events::DepositRequested, ops, state::*};
use anchor_lang::prelude::*;
use anchor_spl::{token::Token, token_interface::TokenAccount};
use pst_common::Asset;
use pst_math::SafeMath;
use pst_mint::{
    constants::CONFIG_ADDRESS,
    state::{Merchant, MerchantStatus},
};

/// An investor queues USDC (at least 1 USDC) to buy shares of `tranche` at the next close, escrowed in the vault's
/// USDC account and recorded in its request (`["request", tranches, owner, [tranche]]`, created on first use). A
/// request with closes not yet applied must be claimed first. A senior deposit is refused while the junior tranche
/// (with the junior deposits queued) leaves no room under the minimum subordination; beyond the room it queues,
/// and fills as junior grows.
#[derive(Accounts)]
#[instruction(tranche: Tranche)]
pub struct RequestDeposit<'info> {
    #[account(mut)]
    pub owner: Signer<'info>,
    /// CHECK: the protocol config, checked by address; its fixed head is read with `ConfigView`.
    #[account(address = CONFIG_ADDRESS)]
    pub config: UncheckedAccount<'info>,
    #[account(mut, seeds = [TRANCHES_SEED, tranches.merchant.as_ref()], bump = tranches.bump)]
    pub tranches: Box<Account<'info, Tranches>>,
    #[account(address = tranches.merchant @ TrancheError::WrongTranches)]
    pub merchant: Box<Account<'info, Merchant>>,
    /// CHECK: the request PDA (created here on first use; its contents are checked when loaded).
    #[account(mut, seeds = [REQUEST_SEED, tranches.key().as_ref(), owner.key().as_ref(), &tranche.seed()], bump)]
    pub request: UncheckedAccount<'info>,
    #[account(mut, constraint = owner_usdc.mint == tranches.usdc_mint @ TrancheError::WrongMint)]
    pub owner_usdc: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(mut, address = tranches.usdc_vault @ TrancheError::WrongVault)]
    pub usdc_vault: Box<InterfaceAccount<'info, TokenAccount>>,
    pub token_program: Program<'info, Token>,
    pub system_program: Program<'info, System>,
}

pub fn handler(ctx: Context<RequestDeposit>, tranche: Tranche, amount: u64) -> Result<()> {
    let a = &mut *ctx.accounts;
    ops::config_not_paused(&a.config, PAUSE_DEPOSITS)?;
    require!(
        matches!(a.merchant.status, MerchantStatus::Sale | MerchantStatus::Active),
        TrancheError::MerchantNotActive
    );
    a.tranches.require_requests_open(Clock::get()?.unix_timestamp)?;
    require!(amount > 0, TrancheError::ZeroAmount);
    require!(amount >= MIN_DEPOSIT, TrancheError::BelowMinimum);
    if tranche == Tranche::Senior {
        require!(a.tranches.senior_room() > 0, TrancheError::SubordinationBreach);
    }
    let open_epoch = a.tranches.epoch;
    let mut request = open_request(
        &a.owner.to_account_info(),
        &a.request.to_account_info(),
        &a.system_program.to_account_info(),
        (a.tranches.key(), a.owner.key(), tranche),
        open_epoch,
        ctx.bumps.request,
    )?;
    require!(request.next_epoch == open_epoch, TrancheError::ClaimFirst);
    pst_common::transfer_tokens(
        Asset::Usdc,
        a.token_program.key(),
        a.owner_usdc.to_account_info(),
        a.usdc_vault.to_account_info(),
        a.owner.to_account_info(),
        &[],
        amount,
    )?;
    request.deposit = request.deposit.safe_add(amount).or_overflow()?;
    request.deposited = request.deposited.safe_add(amount).or_overflow()?;
    let totals = &mut a.tranches.totals;
    totals.deposits_requested = totals.deposits_requested.safe_add(amount).or_overflow()?;
    let book = a.tranches.book_mut(tranche);
    book.pending_deposits = book.pending_deposits.safe_add(amount).or_overflow()?;
    a.usdc_vault.reload()?;
    let t = &a.tranches;
    t.invariant()?;
    t.check_vaults(a.usdc_vault.amount, t.pst)?;
    save_request(&a.request, &request, open_epoch)?;
    emit!(DepositRequested {
        tranches: t.key(),
        owner: a.owner.key(),
        tranche,
        epoch: open_epoch,
        amount,
        queued: request.deposit,
    });
    Ok(())
}
