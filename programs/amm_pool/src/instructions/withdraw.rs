use crate::{errors::*, events::LiquidityRemoved, instructions::deposit::Liquidity, state::Side};
use anchor_lang::prelude::*;
use anchor_spl::token_interface::{burn, Burn};
use pst_math::{curve::withdraw_amounts, SafeMath};

/// Burn `lp` LP tokens for at least `min_pst` PST and `min_usdc` USDC: each side is `floor(lp × reserve /
/// supply)`, so the rounding stays with the remaining LPs. Accounts as `deposit`. An exit: no pause stops it, only
/// the admin's bounded exit freeze.
pub fn handler(ctx: Context<Liquidity>, lp: u64, min_pst: u64, min_usdc: u64) -> Result<()> {
    require!(lp > 0, AmmError::ZeroAmount);
    let a = &mut *ctx.accounts;
    require!(a.owner_lp.amount >= lp, AmmError::InsufficientLpBalance);
    let harvested = a.begin(None)?;
    let p = &a.pool;
    let before = (p.reserve_pst, p.reserve_usdc, p.lp_supply);
    let (pst, usdc) = withdraw_amounts(lp, p.lp_supply, p.reserve_pst, p.reserve_usdc).or_overflow()?;
    require!(pst > 0 || usdc > 0, AmmError::ZeroOutput);
    require!(pst >= min_pst && usdc >= min_usdc, AmmError::SlippageExceeded);
    burn(
        CpiContext::new(
            a.token_program.key(),
            Burn {
                mint: a.lp_mint.to_account_info(),
                from: a.owner_lp.to_account_info(),
                authority: a.owner.to_account_info(),
            },
        ),
        lp,
    )?;
    let p = &mut a.pool;
    p.reserve_pst = p.reserve_pst.safe_sub(pst).or_overflow()?;
    p.reserve_usdc = p.reserve_usdc.safe_sub(usdc).or_overflow()?;
    p.lp_supply = p.lp_supply.safe_sub(lp).or_overflow()?;
    // the stake follows the reserve and the dividends arrive before anything leaves the vaults
    a.finish(before, harvested)?;
    let vaults = a.vaults();
    for (side, amount) in [(Side::Pst, pst), (Side::Usdc, usdc)] {
        if amount > 0 {
            vaults.pay(side, a.owner_account(side), amount)?;
        }
    }
    emit!(LiquidityRemoved {
        pool: a.pool.key(),
        owner: a.owner.key(),
        lp,
        pst,
        usdc,
        lp_supply: a.pool.lp_supply,
    });
    Ok(())
}
