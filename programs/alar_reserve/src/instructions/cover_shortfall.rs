use crate::{constants::*, errors::*, events::ShortfallCovered, ops, state::*};
use anchor_lang::prelude::*;
use anchor_spl::{
    token::Token,
    token_interface::{Mint, TokenAccount},
};
use pst_common::{create_anchor_account, is_uninitialized, Asset};
use pst_math::SafeMath;
use pst_mint::{
    constants::{CONFIG_ADDRESS, DIVIDEND_VAULT_SEED, METRICS_SEED},
    state::{Merchant, MerchantMetrics},
};

/// A keeper covers a period that `pst_mint` recorded as short: `min(uncovered shortfall of the period, stake)`
/// USDC moves from the merchant's stake into the merchant's dividend vault, so holders get what was due (the next
/// `distribute` streams it like any revenue). The period's `Cover` account caps what is paid toward it at its
/// recorded shortfall, so no period is covered twice; if the stake runs out first, the rest stays recorded and a
/// later call pays it once the stake is topped up. The period must still be in the metrics history (24
/// periods): keepers cover right after acceptance.
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
    let record = *a.metrics.record(period).ok_or(ReserveError::PeriodNotInHistory)?;
    require!(record.shortfall > 0, ReserveError::PeriodNotShort);
    let reserve_key = a.reserve.key();
    let mut cover = if is_uninitialized(&a.cover) {
        Cover { reserve: reserve_key, period, shortfall: record.shortfall, covered: 0, bump: ctx.bumps.cover }
    } else {
        Cover::try_deserialize(&mut &a.cover.try_borrow_data()?[..])?
    };
    let rest = cover.shortfall.safe_sub(cover.covered).or_overflow()?;
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
