//! The pool's dividends: its PST vault is a custody position in `revenue_distributor`. After every change of
//! the vault the pool syncs the position's stake (by CPI, signed by the pool PDA), and before every change of
//! the LP supply it harvests what the position earned into the USDC reserve, so LP tokens are always priced
//! with the dividends they have earned.
use crate::{errors::*, state::Pool};
use anchor_lang::prelude::*;
use revenue_distributor::{
    cpi::accounts::{Claim, SyncPoolStake},
    state::{Distributor, Position},
};

/// Bring the pool's stake in `revenue_distributor` to its PST vault's balance.
pub fn sync_stake<'info>(
    pool: &Account<'info, Pool>,
    distributor: &AccountInfo<'info>,
    position: &AccountInfo<'info>,
    pst_vault: &AccountInfo<'info>,
    distributor_program: &AccountInfo<'info>,
) -> Result<()> {
    let seeds = pool.signer_seeds();
    revenue_distributor::cpi::sync_pool_stake(CpiContext::new_with_signer(
        distributor_program.key(),
        SyncPoolStake {
            pool: pool.to_account_info(),
            distributor: distributor.clone(),
            position: position.clone(),
            custody: pst_vault.clone(),
        },
        &[&seeds[..]],
    ))
}

/// What the pool's position has earned by `now` and not yet claimed (read-only: a copy of the distributor is
/// brought up to date the way `claim` will).
pub fn pending(distributor: &AccountInfo, position: &AccountInfo, now: i64) -> Result<u64> {
    require_keys_eq!(*distributor.owner, revenue_distributor::ID, AmmError::WrongDividendAccount);
    require_keys_eq!(*position.owner, revenue_distributor::ID, AmmError::WrongDividendAccount);
    let mut d = Distributor::try_deserialize(&mut &distributor.try_borrow_data()?[..])?;
    let mut p = Position::try_deserialize(&mut &position.try_borrow_data()?[..])?;
    d.update(now)?;
    p.settle(d.reward_per_token)?;
    Ok(p.pending)
}

/// The accounts `harvest` needs besides the pool.
pub struct HarvestAccounts<'a, 'info> {
    pub config: &'a AccountInfo<'info>,
    pub distributor: &'a AccountInfo<'info>,
    pub position: &'a AccountInfo<'info>,
    pub dividend_vault: &'a AccountInfo<'info>,
    pub usdc_vault: &'a AccountInfo<'info>,
    pub usdc_mint: &'a AccountInfo<'info>,
    pub token_program: &'a AccountInfo<'info>,
    pub distributor_program: &'a AccountInfo<'info>,
}

/// Claim what the pool's position earned into the USDC vault and add it to the USDC reserve (after bringing
/// the TWAP accumulator to `now`, since it moves the price). Returns the amount (0 when nothing is pending or
/// dividends are paused; pending dividends then wait for the next harvest).
pub fn harvest<'info>(
    pool: &mut Account<'info, Pool>,
    a: HarvestAccounts<'_, 'info>,
    now: i64,
    dividends_paused: bool,
) -> Result<u64> {
    if dividends_paused || pending(a.distributor, a.position, now)? == 0 {
        return Ok(0);
    }
    let before = token_amount(a.usdc_vault)?;
    let seeds = pool.signer_seeds();
    revenue_distributor::cpi::claim(CpiContext::new_with_signer(
        a.distributor_program.key(),
        Claim {
            owner: pool.to_account_info(),
            config: a.config.clone(),
            distributor: a.distributor.clone(),
            position: a.position.clone(),
            dividend_vault: a.dividend_vault.clone(),
            destination: a.usdc_vault.clone(),
            usdc_mint: a.usdc_mint.clone(),
            token_program: a.token_program.clone(),
        },
        &[&seeds[..]],
    ))?;
    let amount = token_amount(a.usdc_vault)?.checked_sub(before).ok_or(AmmError::MathOverflow)?;
    pool.accumulate(now)?;
    pool.add_dividends(amount)?;
    Ok(amount)
}

/// The USDC vault's balance (its address is checked by the caller).
fn token_amount(account: &AccountInfo) -> Result<u64> {
    Ok(pst_common::token_amount(account).ok_or(AmmError::WrongVault)?)
}
