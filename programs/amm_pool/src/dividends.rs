//! The pool's dividends. Its PST reserve is a custody position in `revenue_distributor` whose stake is the
//! reserve itself (not the vault's balance: PST sent to the vault by anyone, and the protocol's uncollected PST
//! fees, earn nothing).
//!
//! **Harvest first, everywhere.** Every instruction that trades against or prices the reserves (swaps, deposits,
//! withdrawals, the harvest crank) starts by adding what the position has earned since the last touch to the USDC
//! reserve ([`begin_harvest`], which reads it from the distributor's own state), then prices its operation on the
//! new reserves, and ends with one CPI ([`sync`]) that pays those dividends into the USDC vault and sets the stake
//! to the new PST reserve. So a harvest never jumps the price under a trader: whoever trades first after dividends
//! accrued pays the price that includes them, and a buy–harvest–sell sandwich has nothing left to harvest.
use crate::{
    errors::*,
    events::DividendsHarvested,
    state::{observe, Observations, Pool},
};
use anchor_lang::prelude::*;
use revenue_distributor::{
    custody::{self, CustodySync},
    state::{Distributor, Position},
};

/// What the pool's position has earned by `now` and not yet been paid (read-only: a copy of the distributor is
/// brought up to date the way `sync_pool_stake` will).
pub fn pending(distributor: &AccountInfo, position: &AccountInfo, now: i64) -> Result<u64> {
    require_keys_eq!(*distributor.owner, revenue_distributor::ID, AmmError::WrongDividendAccount);
    require_keys_eq!(*position.owner, revenue_distributor::ID, AmmError::WrongDividendAccount);
    let mut d = Distributor::try_deserialize(&mut &distributor.try_borrow_data()?[..])?;
    let mut p = Position::try_deserialize(&mut &position.try_borrow_data()?[..])?;
    d.update(now)?;
    p.settle(d.reward_per_token)?;
    Ok(p.pending)
}

/// Add what the pool's position earned by `now` to the USDC reserve, after bringing the TWAP accumulator to `now`
/// and recording an observation (the harvest moves the price, and so may what the caller does next). The tokens
/// arrive with the closing [`sync`]. Returns the amount.
pub fn begin_harvest<'info>(
    pool: &mut Account<'info, Pool>,
    observations: &AccountLoader<'info, Observations>,
    distributor: &AccountInfo,
    position: &AccountInfo,
    now: i64,
) -> Result<u64> {
    observe(pool, &mut *observations.load_mut()?, now)?;
    let amount = pending(distributor, position, now)?;
    if amount > 0 {
        pool.add_dividends(amount)?;
        emit!(DividendsHarvested { pool: pool.key(), amount, reserve_usdc: pool.reserve_usdc });
    }
    Ok(amount)
}

/// The closing CPI's accounts from an instruction's accounts (every instruction that harvests names them alike).
macro_rules! sync_accounts {
    ($a:expr) => {
        revenue_distributor::custody::CustodySync {
            owner: $a.pool.to_account_info(),
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
pub(crate) use sync_accounts;

/// Pay the dividends [`begin_harvest`] counted (`harvested`) into the USDC vault and set the pool's stake to its
/// PST reserve, by CPI signed by the pool; then check that exactly `harvested` arrived.
pub fn sync<'info>(pool: &Account<'info, Pool>, accounts: CustodySync<'info>, harvested: u64) -> Result<()> {
    let seeds = pool.signer_seeds();
    let received = custody::sync(accounts, &seeds, pool.reserve_pst)?.ok_or(AmmError::WrongVault)?;
    require!(received == harvested, AmmError::InvariantViolated);
    Ok(())
}
