//! What several instructions share: the config's pause word and exit freeze, payments out of the vault's token
//! accounts (signed by the vault), and the CPI that keeps the vault's custody stake equal to its PST.
use crate::{
    errors::{OrOverflow, TrancheError},
    state::Tranches,
};
use anchor_lang::prelude::*;
use pst_common::Asset;
use pst_math::SafeMath;
use pst_mint::state::ConfigView;
use revenue_distributor::custody::{self, CustodySync};

/// The protocol config's head, refusing if any of `flags` is set.
pub fn config_not_paused(config: &AccountInfo, flags: u64) -> Result<ConfigView> {
    ConfigView::read_unpaused(config, flags, TrancheError::Paused)
}

/// The protocol config's head, refusing while the admin has frozen exits.
pub fn exits_open(config: &AccountInfo, now: i64) -> Result<ConfigView> {
    ConfigView::read_exits_open(config, now, TrancheError::ExitsFrozen)
}

/// Pay `amount` of `asset` from one of the vault's token accounts, signed by the vault.
pub fn pay<'info>(
    tranches: &Tranches,
    asset: Asset<'info>,
    token_program: Pubkey,
    from: AccountInfo<'info>,
    to: AccountInfo<'info>,
    authority: AccountInfo<'info>,
    amount: u64,
) -> Result<()> {
    let seeds = tranches.signer_seeds();
    pst_common::pay_signed(asset, token_program, from, to, authority, &seeds, amount)
}

/// Settle the vault's custody position on what it held, pay its dividends into the USDC vault, and set its stake
/// to `tranches.pst`. Returns the dividends (counted as income by the caller).
pub fn sync_custody(tranches: &mut Tranches, accounts: CustodySync) -> Result<u64> {
    let seeds = tranches.signer_seeds();
    let harvested = custody::sync(accounts, &seeds, tranches.pst)?.ok_or(TrancheError::WrongVault)?;
    tranches.totals.harvested = tranches.totals.harvested.safe_add(harvested).or_overflow()?;
    Ok(harvested)
}

/// A token account's balance (its address is checked by the caller).
pub fn balance(account: &AccountInfo) -> Result<u64> {
    Ok(pst_common::token_amount(account).ok_or(TrancheError::WrongVault)?)
}

/// The custody sync's accounts from an instruction's accounts (every instruction that syncs names them alike).
macro_rules! custody_accounts {
    ($a:expr) => {
        revenue_distributor::custody::CustodySync {
            owner: $a.tranches.to_account_info(),
            distributor: $a.distributor.to_account_info(),
            position: $a.position.to_account_info(),
            custody: $a.pst_vault.to_account_info(),
            dividend_vault: $a.dividend_vault.to_account_info(),
            destination: $a.usdc_vault.to_account_info(),
            token_program: $a.token_program.to_account_info(),
            distributor_program: $a.distributor_program.to_account_info(),
        }
    };
}
pub(crate) use custody_accounts;
