//! For the programs that hold a custody position (the merchant's AMM pool, its reserve and its tranche vault): the
//! one CPI that settles it. Compiled with the `cpi` feature, as those programs use this crate.
use anchor_lang::prelude::*;

/// The accounts of `sync_pool_stake`, and this program.
pub struct CustodySync<'info> {
    /// The position's owner, a PDA of the calling program (signs by the seeds passed to [`sync`]).
    pub owner: AccountInfo<'info>,
    pub distributor: AccountInfo<'info>,
    pub position: AccountInfo<'info>,
    pub custody: AccountInfo<'info>,
    pub dividend_vault: AccountInfo<'info>,
    /// The position's payout account: the caller's USDC vault.
    pub destination: AccountInfo<'info>,
    pub token_program: AccountInfo<'info>,
    pub distributor_program: AccountInfo<'info>,
}

/// Settle the custody position, pay what it earned into `destination` and set its stake to `stake`, by CPI signed
/// with `signer_seeds`. Returns what `destination` received, or `None` if its balance cannot be read or fell (the
/// caller maps that to its own error).
pub fn sync<'info>(a: CustodySync<'info>, signer_seeds: &[&[u8]], stake: u64) -> Result<Option<u64>> {
    let destination = a.destination.clone();
    let before = pst_common::token_amount(&destination);
    crate::cpi::sync_pool_stake(
        CpiContext::new_with_signer(
            a.distributor_program.key(),
            crate::cpi::accounts::SyncPoolStake {
                pool: a.owner,
                distributor: a.distributor,
                position: a.position,
                custody: a.custody,
                dividend_vault: a.dividend_vault,
                destination: a.destination,
                token_program: a.token_program,
            },
            &[signer_seeds],
        ),
        stake,
    )?;
    let after = pst_common::token_amount(&destination);
    Ok(before.zip(after).and_then(|(b, a)| a.checked_sub(b)))
}
