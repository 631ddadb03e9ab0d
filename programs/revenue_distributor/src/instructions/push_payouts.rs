use crate::{
    constants::*,
    errors::{DistributorError, OrOverflow},
    events::Claimed,
    state::*,
};
use anchor_lang::prelude::*;
use anchor_spl::{
    token::Token,
    token_interface::{Mint, TokenAccount},
};
use pst_math::{bps_of, SafeMath};
use pst_mint::{constants::CONFIG_ADDRESS, state::ConfigView};

/// Any keeper pushes earned dividends to positions that opted in, in one batch: `remaining_accounts` holds pairs
/// (position, its registered payout account), at most `MAX_PUSH_BATCH` pairs. Each position costs the same
/// whatever the number of holders. The keeper earns the config's tip (`keeper_tip_bps` of each payout, rounded
/// down, so splitting a batch never earns more), paid to `keeper_usdc` in one transfer. An exit for the
/// holders: no pause stops it, only the admin's bounded exit freeze. A position owed less than `min_payout` is
/// skipped; a batch that would pay nobody (every position already paid, by another keeper or by its owner's
/// claim, or owed less than the floor) is refused with `NothingToClaim`, so a racing keeper's late copy, which
/// would push a second's dust, costs it nothing.
#[derive(Accounts)]
pub struct PushPayouts<'info> {
    pub keeper: Signer<'info>,
    /// CHECK: the protocol config, checked by address; its fixed head is read with `ConfigView`.
    #[account(address = CONFIG_ADDRESS)]
    pub config: UncheckedAccount<'info>,
    #[account(mut)]
    pub distributor: Box<Account<'info, Distributor>>,
    #[account(mut, address = distributor.dividend_vault @ DistributorError::WrongVault)]
    pub dividend_vault: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(address = distributor.usdc_mint @ DistributorError::WrongMint)]
    pub usdc_mint: Box<InterfaceAccount<'info, Mint>>,
    /// The keeper's tip.
    #[account(mut, token::mint = usdc_mint)]
    pub keeper_usdc: Box<InterfaceAccount<'info, TokenAccount>>,
    pub token_program: Program<'info, Token>,
}

pub fn handler<'info>(ctx: Context<'info, PushPayouts<'info>>, min_payout: u64) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let config = ConfigView::read(&ctx.accounts.config)?;
    require!(!config.exits_frozen(now), DistributorError::ExitsFrozen);
    let rest = ctx.remaining_accounts;
    require!(
        !rest.is_empty() && rest.len().is_multiple_of(2) && rest.len() / 2 <= MAX_PUSH_BATCH as usize,
        DistributorError::InvalidBatch
    );
    let accounts = &mut *ctx.accounts;
    let tip_bps = config.fees.keeper_tip_bps;
    let mut tips = 0u64;
    let mut paid = 0usize;
    accounts.distributor.update(now)?;
    let distributor_key = accounts.distributor.key();
    let vault = accounts.dividend_vault.to_account_info();
    let token_program = accounts.token_program.to_account_info();
    for pair in rest.chunks(2) {
        let (position_info, payout_info) = (&pair[0], &pair[1]);
        require!(position_info.is_writable && payout_info.is_writable, DistributorError::InvalidBatch);
        // Account::try_from checks the owner (this program) and the discriminator: a `Position` exists only
        // where this program created it, so its own `distributor` field is what ties it to this batch (no PDA
        // re-derivation, about 1,500 compute units a position)
        let mut position: Account<Position> = Account::try_from(position_info)?;
        require_keys_eq!(position.distributor, distributor_key, DistributorError::WrongDistributor);
        require!(position.auto_payout, DistributorError::PositionNotOptedIn);
        require_keys_eq!(position.payout_account, payout_info.key(), DistributorError::WrongPayoutAccount);
        position.settle(accounts.distributor.reward_per_token)?;
        let pending = position.pending;
        // a position owed less than the keeper's floor is left for its next push or its owner's claim
        if pending > 0 && pending >= min_payout {
            paid += 1;
            let tip = bps_of(pending, tip_bps).or_overflow()?;
            let amount = crate::payout::pay(
                &mut accounts.distributor,
                &mut position,
                &vault,
                payout_info,
                &token_program,
                tip,
            )?;
            tips = tips.safe_add(tip).or_overflow()?;
            emit!(Claimed { position: position_info.key(), amount, tip, pushed: true });
        }
        position.exit(&crate::ID)?;
    }
    // a batch that pays nobody is refused, so that a keeper racing another one pays no fee for it
    require!(paid > 0, DistributorError::NothingToClaim);
    if tips > 0 {
        let seeds = accounts.distributor.signer_seeds();
        pst_common::transfer_tokens(
            pst_common::Asset::Usdc,
            accounts.token_program.key(),
            vault,
            accounts.keeper_usdc.to_account_info(),
            accounts.distributor.to_account_info(),
            &[&seeds[..]],
            tips,
        )?;
    }
    Ok(())
}
