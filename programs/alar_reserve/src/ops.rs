//! What several instructions share: the config's pause word, payments out of the reserve's vaults (signed by the
//! reserve authority), and the one CPI that keeps the reserve's custody stake equal to its PST and pays the
//! dividends it earned into its USDC vault.
use crate::{errors::ReserveError, state::Reserve};
use anchor_lang::prelude::*;
use pst_common::Asset;
use pst_mint::state::ConfigView;
use revenue_distributor::custody::{self, CustodySync};

/// The protocol config's head, refusing if any of `flags` is set.
pub fn config_not_paused(config: &AccountInfo, flags: u64) -> Result<ConfigView> {
    ConfigView::read_unpaused(config, flags, ReserveError::Paused)
}

/// The protocol config's head, refusing while the admin has frozen exits (every exit of the reserve: harvests and
/// the release of the stake).
pub fn exits_open(config: &AccountInfo, now: i64) -> Result<ConfigView> {
    ConfigView::read_exits_open(config, now, ReserveError::ExitsFrozen)
}

/// Pay `amount` of `asset` from one of the reserve's vaults, signed by the reserve authority.
pub fn pay<'info>(
    reserve: &Reserve,
    asset: Asset<'info>,
    token_program: Pubkey,
    from: AccountInfo<'info>,
    to: AccountInfo<'info>,
    authority: AccountInfo<'info>,
    amount: u64,
) -> Result<()> {
    let seeds = reserve.signer_seeds();
    pst_common::pay_signed(asset, token_program, from, to, authority, &seeds, amount)
}

/// Settle the reserve's custody position on what it held, pay its dividends into the USDC vault (added to the
/// reserve's own USDC), and set its stake to `reserve.pst`. Returns the dividends.
pub fn sync_custody(reserve: &mut Reserve, accounts: CustodySync) -> Result<u64> {
    let seeds = reserve.signer_seeds();
    let harvested = custody::sync(accounts, &seeds, reserve.pst)?.ok_or(ReserveError::WrongVault)?;
    reserve.usdc = reserve.usdc.checked_add(harvested).ok_or(ReserveError::MathOverflow)?;
    reserve.totals.harvested =
        reserve.totals.harvested.checked_add(harvested).ok_or(ReserveError::MathOverflow)?;
    Ok(harvested)
}

/// A token account's balance (its address is checked by the caller).
pub fn balance(account: &AccountInfo) -> Result<u64> {
    Ok(pst_common::token_amount(account).ok_or(ReserveError::WrongVault)?)
}

/// The custody sync's accounts from an instruction's accounts (every instruction that syncs names them alike).
macro_rules! custody_accounts {
    ($a:expr) => {
        revenue_distributor::custody::CustodySync {
            owner: $a.reserve_authority.to_account_info(),
            distributor: $a.distributor.to_account_info(),
            position: $a.reserve_position.to_account_info(),
            custody: $a.pst_vault.to_account_info(),
            dividend_vault: $a.dividend_vault.to_account_info(),
            destination: $a.usdc_vault.to_account_info(),
            token_program: $a.token_program.to_account_info(),
            distributor_program: $a.distributor_program.to_account_info(),
        }
    };
}
pub(crate) use custody_accounts;
