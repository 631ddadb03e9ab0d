use crate::{constants::*, errors::*, events::ShortfallCovered, ops, state::*};
use anchor_lang::prelude::*;
use anchor_spl::{
    token::Token,
    token_interface::{Mint, TokenAccount},
};
use pst_common::{create_anchor_account, is_uninitialized, Asset};
use pst_math::SafeMath;
use pst_mint::{
    constants::{CONFIG_ADDRESS, DIVIDEND_VAULT_SEED, METRICS_SEED, SETTLEMENT_SEED},
    state::{Merchant, MerchantMetrics, Settlement},
};

/// A keeper covers a period that `pst_mint` recorded as short: `min(uncovered shortfall of the period, stake)`
/// USDC moves from the merchant's stake into the merchant's dividend vault, so holders get what was due (the next
/// `distribute` streams it like any revenue, with the same carve-outs a swept share has). The period's `Cover`
/// account caps what is paid toward it at its recorded shortfall, so no period is covered twice; if the stake runs
/// out first, the rest stays recorded and a later call pays it once the stake is topped up. Every cover is also
/// bounded by the merchant's total uncovered shortfall (`Settlement::shortfall_recorded` less the reserve's
/// `covered_total`), so the sum paid never exceeds the sum recorded. A period that has aged out of the metrics'
/// 24-period history can still be named: its cover then pays toward the total uncovered shortfall, so an old
/// uncovered period never blocks the merchant's withdrawals or the stake's release for good.
#[derive(Accounts)]
#[instruction(period: u32)]
pub struct CoverShortfall<'info> {
    #[account(mut)]
    pub keeper: Signer<'info>,
    /// CHECK: the protocol config, checked by address; its fixed head is read with `ConfigView`.
    #[account(address = CONFIG_ADDRESS)]
    pub config: UncheckedAccount<'info>,
    #[account(mut, seeds = [RESERVE_SEED, reserve.merchant.as_ref()], bump = reserve.bump)]
    pub reserve: Box<Account<'info, Reserve>>,
    /// CHECK: the reserve authority PDA (checked by seeds); signs the payment.
    #[account(seeds = [RESERVE_AUTHORITY_SEED, reserve.merchant.as_ref()], bump = reserve.authority_bump)]
    pub reserve_authority: UncheckedAccount<'info>,
    #[account(address = reserve.merchant @ ReserveError::WrongReserve)]
    pub merchant: Box<Account<'info, Merchant>>,
    #[account(
        seeds = [METRICS_SEED, reserve.merchant.as_ref()],
        bump = metrics.bump,
        seeds::program = pst_mint::ID,
    )]
    pub metrics: Box<Account<'info, MerchantMetrics>>,
    #[account(
        seeds = [SETTLEMENT_SEED, reserve.merchant.as_ref()],
        bump = settlement.bump,
        seeds::program = pst_mint::ID,
    )]
    pub settlement: Box<Account<'info, Settlement>>,
    #[account(address = reserve.pst_mint @ ReserveError::WrongMint)]
    pub pst_mint: Box<InterfaceAccount<'info, Mint>>,
    /// CHECK: the period's cover PDA, created by its first cover.
    #[account(mut, seeds = [COVER_SEED, reserve.key().as_ref(), &period.to_le_bytes()], bump)]
    pub cover: UncheckedAccount<'info>,
    #[account(mut, address = reserve.usdc_vault @ ReserveError::WrongVault)]
    pub usdc_vault: Box<InterfaceAccount<'info, TokenAccount>>,
    /// The merchant's dividend vault (`pst_mint`'s PDA, owned by the distributor).
    #[account(
        mut,
        seeds = [DIVIDEND_VAULT_SEED, reserve.merchant.as_ref()],
        bump,
        seeds::program = pst_mint::ID,
    )]
    pub dividend_vault: Box<InterfaceAccount<'info, TokenAccount>>,
    pub token_program: Program<'info, Token>,
    pub system_program: Program<'info, System>,
}

pub fn handler(ctx: Context<CoverShortfall>, period: u32) -> Result<()> {
    let a = &ctx.accounts;
    ops::config_not_paused(&a.config, PAUSE_COVER)?;
    let uncovered = a.settlement.shortfall_recorded.saturating_sub(a.reserve.covered_total);
    // the period's recorded shortfall, or for a period aged out of the history the total still uncovered
    let shortfall = match a.metrics.record(period) {
        Some(record) => {
            require!(record.shortfall > 0, ReserveError::PeriodNotShort);
            record.shortfall
        }
        None => {
            let oldest = a.metrics.records().first().map(|r| r.period);
            let aged_out =
                a.metrics.len as usize == pst_math::ami::HISTORY && oldest.is_some_and(|o| period < o);
            require!(aged_out, ReserveError::PeriodNotInHistory);
            require!(uncovered > 0, ReserveError::PeriodAlreadyCovered);
            uncovered
        }
    };
    let reserve_key = a.reserve.key();
    let mut cover = if is_uninitialized(&a.cover) {
        Cover { reserve: reserve_key, period, shortfall, covered: 0, bump: ctx.bumps.cover }
    } else {
        Cover::try_deserialize(&mut &a.cover.try_borrow_data()?[..])?
    };
    let rest = cover.shortfall.safe_sub(cover.covered).or_overflow()?.min(uncovered);
    require!(rest > 0, ReserveError::PeriodAlreadyCovered);

    let stake_funded = a.merchant.stake_funded;
    let balance = a.usdc_vault.amount;
    let requirement = a.merchant.stake_requirement(a.pst_mint.supply)?;
    let r = &mut ctx.accounts.reserve;
    r.absorb(balance, stake_funded)?;
    let paid = rest.min(r.stake);
    require!(paid > 0, ReserveError::StakeExhausted);
    let a = &ctx.accounts;
    ops::pay(
        &a.reserve,
        Asset::Usdc,
        a.token_program.key(),
        a.usdc_vault.to_account_info(),
        a.dividend_vault.to_account_info(),
        a.reserve_authority.to_account_info(),
        paid,
    )?;
    cover.covered = cover.covered.safe_add(paid).or_overflow()?;
    cover.invariant()?;
    if is_uninitialized(&a.cover) {
        create_anchor_account(
            &a.keeper.to_account_info(),
            &a.cover,
            &a.system_program.to_account_info(),
            8 + Cover::INIT_SPACE,
            &[COVER_SEED, reserve_key.as_ref(), &period.to_le_bytes(), &[ctx.bumps.cover]],
            &cover,
        )?;
    } else {
        let mut data = a.cover.try_borrow_mut_data()?;
        let mut writer: &mut [u8] = &mut data;
        cover.try_serialize(&mut writer)?;
    }
    let r = &mut ctx.accounts.reserve;
    r.stake -= paid; // paid ≤ stake
    r.covered_total = r.covered_total.safe_add(paid).or_overflow()?;
    r.invariant()?;
    r.check_vaults(balance - paid, r.pst)?;
    emit!(ShortfallCovered {
        reserve: reserve_key,
        period,
        shortfall: cover.shortfall,
        paid,
        covered: cover.covered,
        uncovered: cover.shortfall - cover.covered,
        stake: r.stake,
        stake_deficit: r.stake_deficit(requirement),
    });
    Ok(())
}
