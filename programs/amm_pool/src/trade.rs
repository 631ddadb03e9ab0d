//! For the programs that trade the merchant's pool by CPI (its reserve and its tranche vault): the swap, signed by
//! the caller's PDA, and what it delivered. Compiled with the `cpi` feature, as those programs use this crate.
use crate::{cpi::accounts::Swap, instructions::Direction};
use anchor_lang::prelude::*;

/// Swap exactly `amount_in` for at least `min_out` by CPI to `program`, signed with `signer_seeds`. Returns what
/// arrived in the trader's output account, or `None` if its balance cannot be read or fell (the caller maps that
/// to its own error).
pub fn swap_exact_in<'info>(
    program: Pubkey,
    accounts: Swap<'info>,
    signer_seeds: &[&[u8]],
    direction: Direction,
    amount_in: u64,
    min_out: u64,
) -> Result<Option<u64>> {
    let out = match direction {
        Direction::UsdcToPst => accounts.trader_pst.clone(),
        Direction::PstToUsdc => accounts.trader_usdc.clone(),
    };
    let before = pst_common::token_amount(&out);
    crate::cpi::swap_exact_in(
        CpiContext::new_with_signer(program, accounts, &[signer_seeds]),
        direction,
        amount_in,
        min_out,
    )?;
    let after = pst_common::token_amount(&out);
    Ok(before.zip(after).and_then(|(b, a)| a.checked_sub(b)))
}
