use crate::{constants::*, errors::*, events::RequestCancelled, ops, state::*};
use anchor_lang::prelude::*;
use anchor_spl::{
    token::Token,
    token_2022::Token2022,
    token_interface::{Mint, TokenAccount},
};
use pst_common::Asset;
use pst_math::SafeMath;
use pst_mint::constants::CONFIG_ADDRESS;

/// The accounts of an investor's own request in `tranche` and where its USDC and shares go: `cancel_request` and
/// `claim_request` take the same.
#[derive(Accounts)]
#[instruction(tranche: Tranche)]
pub struct SettleRequest<'info> {
    pub owner: Signer<'info>,
    /// CHECK: the protocol config, checked by address; its fixed head is read with `ConfigView`.
    #[account(address = CONFIG_ADDRESS)]
    pub config: UncheckedAccount<'info>,
    #[account(mut, seeds = [TRANCHES_SEED, tranches.merchant.as_ref()], bump = tranches.bump)]
    pub tranches: Box<Account<'info, Tranches>>,
    /// CHECK: the request PDA; loaded and checked in the handler.
    #[account(mut, seeds = [REQUEST_SEED, tranches.key().as_ref(), owner.key().as_ref(), &tranche.seed()], bump)]
    pub request: UncheckedAccount<'info>,
    #[account(mut, address = tranches.usdc_vault @ TrancheError::WrongVault)]
    pub usdc_vault: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(mut, constraint = owner_usdc.mint == tranches.usdc_mint @ TrancheError::WrongMint)]
    pub owner_usdc: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(address = tranches.book(tranche).mint @ TrancheError::WrongMint)]
    pub share_mint: Box<InterfaceAccount<'info, Mint>>,
    #[account(mut, address = tranches.book(tranche).escrow @ TrancheError::WrongVault)]
    pub share_escrow: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(mut, constraint = owner_shares.mint == share_mint.key() @ TrancheError::WrongMint)]
    pub owner_shares: Box<InterfaceAccount<'info, TokenAccount>>,
    pub token_program: Program<'info, Token>,
    pub token_2022_program: Program<'info, Token2022>,
}

impl<'info> SettleRequest<'info> {
    /// Pay `usdc` from the vault's USDC account and `shares` from the tranche's escrow to the owner.
    pub fn pay_owner(&self, usdc: u64, shares: u64) -> Result<()> {
        let t = &self.tranches;
        ops::pay(
            t,
            Asset::Usdc,
            self.token_program.key(),
            self.usdc_vault.to_account_info(),
            self.owner_usdc.to_account_info(),
            t.to_account_info(),
            usdc,
        )?;
        ops::pay(
            t,
            Asset::Share { mint: self.share_mint.to_account_info() },
            self.token_2022_program.key(),
            self.share_escrow.to_account_info(),
            self.owner_shares.to_account_info(),
            t.to_account_info(),
            shares,
        )
    }

    /// Every check after a settlement: the vault's invariant and balances, the tranche's shares.
    pub fn check(&mut self, tranche: Tranche) -> Result<()> {
        self.usdc_vault.reload()?;
        self.share_escrow.reload()?;
        let t = &self.tranches;
        t.invariant()?;
        t.check_vaults(self.usdc_vault.amount, t.pst)?;
        t.check_shares(tranche, self.share_escrow.amount, self.share_mint.supply)
    }
}

/// The investor takes back what its request still has queued (USDC and shares), before the close that would
/// execute it. Once an epoch has closed since the request, it must be claimed first (the close may have executed
/// part of it); the rest is then queued in the open epoch and can be cancelled. Refused during the last TWAP window
/// of an epoch until its close, unless the close is overdue by a window (paused, or waiting for the oracle). Never
/// paused; refused while the admin has frozen exits.
pub fn handler(ctx: Context<SettleRequest>, tranche: Tranche) -> Result<()> {
    let a = &mut *ctx.accounts;
    let now = Clock::get()?.unix_timestamp;
    ops::exits_open(&a.config, now)?;
    a.tranches.require_cancels_open(now)?;
    let open_epoch = a.tranches.epoch;
    let mut request = load_request(&a.request, a.tranches.key(), a.owner.key(), tranche)?;
    require!(request.next_epoch == open_epoch, TrancheError::ClaimFirst);
    let (usdc, shares) = (request.deposit, request.redeem);
    require!(usdc > 0 || shares > 0, TrancheError::NothingQueued);
    let book = a.tranches.book_mut(tranche);
    book.pending_deposits = book.pending_deposits.safe_sub(usdc).or_overflow()?;
    book.pending_redeems = book.pending_redeems.safe_sub(shares).or_overflow()?;
    let totals = &mut a.tranches.totals;
    totals.deposits_cancelled = totals.deposits_cancelled.safe_add(usdc).or_overflow()?;
    request.deposit = 0;
    request.redeem = 0;
    request.deposited -= usdc; // deposit ≤ deposited (invariant)
    request.redeemed -= shares;
    a.pay_owner(usdc, shares)?;
    a.check(tranche)?;
    save_request(&a.request, &request, open_epoch)?;
    emit!(RequestCancelled {
        tranches: a.tranches.key(),
        owner: a.owner.key(),
        tranche,
        usdc_returned: usdc,
        shares_returned: shares,
    });
    Ok(())
}
