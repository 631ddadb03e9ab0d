use crate::{
    constants::PAUSE_DISTRIBUTE,
    errors::{DistributorError, OrOverflow},
    events::Distributed,
    state::*,
};
use anchor_lang::prelude::*;
use anchor_spl::{
    token::Token,
    token_interface::{Mint, TokenAccount},
};
use pst_math::{bps_of, SafeMath};
use pst_mint::{constants::CONFIG_ADDRESS, state::ConfigView};

/// A keeper distributes what arrived in the dividend vault since the last time: the protocol fee (to the admin's
/// USDC account), the reserve contribution and the keeper's tip come off the top (each bps from the protocol
/// config); the rest, with anything released while nothing was staked, streams linearly over a full
/// distribution period from now. Earlier distributions keep streaming on their own schedule: a distribution
/// (however small) never delays them. O(1) in the number of holders.
#[derive(Accounts)]
pub struct Distribute<'info> {
    pub keeper: Signer<'info>,
    /// CHECK: the protocol config, checked by address; its fixed head is read with `ConfigView`.
    #[account(address = CONFIG_ADDRESS)]
    pub config: UncheckedAccount<'info>,
    #[account(mut)]
    pub distributor: Box<Account<'info, Distributor>>,
    #[account(mut, address = distributor.dividend_vault @ DistributorError::WrongVault)]
    pub dividend_vault: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(mut, address = distributor.alar_vault @ DistributorError::WrongVault)]
    pub alar_vault: Box<InterfaceAccount<'info, TokenAccount>>,
    /// The protocol fee goes to a USDC account of the protocol admin (the multisig).
    #[account(mut, token::mint = usdc_mint)]
    pub fee_destination: Box<InterfaceAccount<'info, TokenAccount>>,
    /// The keeper's tip.
    #[account(mut, token::mint = usdc_mint)]
    pub keeper_usdc: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(address = distributor.usdc_mint @ DistributorError::WrongMint)]
    pub usdc_mint: Box<InterfaceAccount<'info, Mint>>,
    pub token_program: Program<'info, Token>,
}

pub fn handler(ctx: Context<Distribute>) -> Result<()> {
    let a = &ctx.accounts;
    let config = ConfigView::read(&a.config)?;
    require!(a.fee_destination.owner == config.admin, DistributorError::WrongFeeDestination);
    require!(config.paused & PAUSE_DISTRIBUTE == 0, DistributorError::Paused);
    let inflow = a.dividend_vault.amount.saturating_sub(a.distributor.accounted);
    require!(inflow > 0, DistributorError::NothingToDistribute);
    let fees = config.fees;
    let protocol_fee = bps_of(inflow, fees.protocol_fee_bps).or_overflow()?;
    let alar = bps_of(inflow, fees.alar_contribution_bps).or_overflow()?;
    let tip = bps_of(inflow, fees.keeper_tip_bps).or_overflow()?;
    // the config bounds the three to ≤ 26%, so this cannot underflow; checked anyway
    let net = inflow
        .safe_sub(protocol_fee)
        .and_then(|v| v.safe_sub(alar))
        .and_then(|v| v.safe_sub(tip))
        .or_overflow()?;

    let seeds = a.distributor.signer_seeds();
    for (to, amount) in [
        (a.fee_destination.to_account_info(), protocol_fee),
        (a.alar_vault.to_account_info(), alar),
        (a.keeper_usdc.to_account_info(), tip),
    ] {
        if amount == 0 {
            continue;
        }
        pst_common::transfer_tokens(
            pst_common::Asset::Usdc,
            a.token_program.key(),
            a.dividend_vault.to_account_info(),
            to,
            a.distributor.to_account_info(),
            &[&seeds[..]],
            amount,
        )?;
    }

    let now = Clock::get()?.unix_timestamp;
    let d = &mut ctx.accounts.distributor;
    d.update(now)?;
    let amount = net.safe_add(d.undistributed).or_overflow()?;
    let end = if amount > 0 { d.schedule(now, amount)? } else { d.schedule.end };
    d.undistributed = 0;
    d.accounted = d.accounted.safe_add(net).or_overflow()?;
    d.total_inflow = d.total_inflow.safe_add(inflow).or_overflow()?;
    d.total_protocol_fees = d.total_protocol_fees.safe_add(protocol_fee).or_overflow()?;
    d.total_alar = d.total_alar.safe_add(alar).or_overflow()?;
    d.total_tips = d.total_tips.safe_add(tip).or_overflow()?;
    d.invariant()?;
    emit!(Distributed {
        distributor: d.key(),
        inflow,
        protocol_fee,
        alar_contribution: alar,
        keeper_tip: tip,
        streamed: amount,
        stream_end: end,
    });
    Ok(())
}
