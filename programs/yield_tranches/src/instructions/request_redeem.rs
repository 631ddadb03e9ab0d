use crate::{constants::*, errors::*, events::RedeemRequested, state::*};
use anchor_lang::prelude::*;
use anchor_spl::{
    token_2022::Token2022,
    token_interface::{Mint, TokenAccount},
};
use pst_common::Asset;
use pst_math::SafeMath;

/// An investor queues shares of `tranche` for redemption at the next close, escrowed in the tranche's escrow and
/// recorded in its request. Never paused (an exit); a request with closes not yet applied must be claimed first.
#[derive(Accounts)]
#[instruction(tranche: Tranche)]
pub struct RequestRedeem<'info> {
    #[account(mut)]
    pub owner: Signer<'info>,
    #[account(mut, seeds = [TRANCHES_SEED, tranches.merchant.as_ref()], bump = tranches.bump)]
    pub tranches: Box<Account<'info, Tranches>>,
    /// CHECK: the request PDA (created here on first use; its contents are checked when loaded).
    #[account(mut, seeds = [REQUEST_SEED, tranches.key().as_ref(), owner.key().as_ref(), &tranche.seed()], bump)]
    pub request: UncheckedAccount<'info>,
    #[account(address = tranches.book(tranche).mint @ TrancheError::WrongMint)]
    pub share_mint: Box<InterfaceAccount<'info, Mint>>,
    #[account(mut, constraint = owner_shares.mint == share_mint.key() @ TrancheError::WrongMint)]
    pub owner_shares: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(mut, address = tranches.book(tranche).escrow @ TrancheError::WrongVault)]
    pub share_escrow: Box<InterfaceAccount<'info, TokenAccount>>,
    pub token_2022_program: Program<'info, Token2022>,
    pub system_program: Program<'info, System>,
}

pub fn handler(ctx: Context<RequestRedeem>, tranche: Tranche, shares: u64) -> Result<()> {
    let a = &mut *ctx.accounts;
    require!(shares > 0, TrancheError::ZeroAmount);
    a.tranches.require_requests_open(Clock::get()?.unix_timestamp)?;
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
        Asset::Share { mint: a.share_mint.to_account_info() },
        a.token_2022_program.key(),
        a.owner_shares.to_account_info(),
        a.share_escrow.to_account_info(),
        a.owner.to_account_info(),
        &[],
        shares,
    )?;
    request.redeem = request.redeem.safe_add(shares).or_overflow()?;
    request.redeemed = request.redeemed.safe_add(shares).or_overflow()?;
    let book = a.tranches.book_mut(tranche);
    book.pending_redeems = book.pending_redeems.safe_add(shares).or_overflow()?;
    a.share_escrow.reload()?;
    let t = &a.tranches;
    t.invariant()?;
    t.check_shares(tranche, a.share_escrow.amount, a.share_mint.supply)?;
    save_request(&a.request, &request, open_epoch)?;
    emit!(RedeemRequested {
        tranches: t.key(),
        owner: a.owner.key(),
        tranche,
        epoch: open_epoch,
        shares,
        queued: request.redeem,
    });
    Ok(())
}
