//! Paying a position's pending dividends out of the dividend vault (shared by `claim` and `push_payouts`).
use crate::{errors::OrOverflow, state::*};
use anchor_lang::prelude::*;
use pst_math::SafeMath;

/// Transfer `position.pending` less `tip` from `vault` to `destination`, signed by the distributor, and record
/// it; the tip (a keeper's, paid by the caller in one transfer per batch) is recorded as a tip. Returns what the
/// holder received.
pub fn pay<'info>(
    distributor: &mut Account<'info, Distributor>,
    position: &mut Account<'info, Position>,
    vault: &AccountInfo<'info>,
    destination: &AccountInfo<'info>,
    token_program: &AccountInfo<'info>,
    tip: u64,
) -> Result<u64> {
    let pending = position.pending;
    let amount = pending.safe_sub(tip).or_overflow()?;
    if amount > 0 {
        let seeds = distributor.signer_seeds();
        // the vault's mint is pinned by address (the distributor's dividend vault); see
        // `pst_common::transfer_tokens`
        pst_common::transfer_tokens(
            pst_common::Asset::Usdc,
            token_program.key(),
            vault.clone(),
            destination.clone(),
            distributor.to_account_info(),
            &[&seeds[..]],
            amount,
        )?;
    }
    position.pending = 0;
    position.claimed = position.claimed.safe_add(amount).or_overflow()?;
    // paid out of what was registered: a position can never be owed more than was released into the accumulator
    distributor.accounted = distributor.accounted.safe_sub(pending).or_overflow()?;
    distributor.total_claimed = distributor.total_claimed.safe_add(amount).or_overflow()?;
    distributor.total_tips = distributor.total_tips.safe_add(tip).or_overflow()?;
    distributor.invariant()?;
    position.invariant()?;
    Ok(amount)
}
