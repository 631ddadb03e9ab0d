use crate::{constants::*, errors::DistributorError, events::Claimed, state::*};
use anchor_lang::prelude::*;
use anchor_spl::{
    token::Token,
    token_interface::{Mint, TokenAccount},
};
use pst_mint::{constants::CONFIG_ADDRESS, state::ProtocolConfig};

/// Any keeper pushes earned dividends to positions that opted in, in one batch: `remaining_accounts` holds pairs
/// (position, its registered payout account), at most `MAX_PUSH_BATCH` pairs. Each position costs the same
/// whatever the number of holders.
#[derive(Accounts)]
pub struct PushPayouts<'info> {
    pub keeper: Signer<'info>,
    #[account(address = CONFIG_ADDRESS)]
    pub config: Box<Account<'info, ProtocolConfig>>,
    #[account(mut)]
    pub distributor: Box<Account<'info, Distributor>>,
    #[account(mut, address = distributor.dividend_vault @ DistributorError::WrongVault)]
    pub dividend_vault: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(address = distributor.usdc_mint @ DistributorError::WrongMint)]
    pub usdc_mint: Box<InterfaceAccount<'info, Mint>>,
    pub token_program: Program<'info, Token>,
}

pub fn handler<'info>(ctx: Context<'info, PushPayouts<'info>>) -> Result<()> {
    require!(ctx.accounts.config.paused & PAUSE_DIVIDENDS == 0, DistributorError::Paused);
    let rest = ctx.remaining_accounts;
    require!(
        !rest.is_empty() && rest.len().is_multiple_of(2) && rest.len() / 2 <= MAX_PUSH_BATCH as usize,
        DistributorError::InvalidBatch
    );
    let now = Clock::get()?.unix_timestamp;
    let accounts = &mut *ctx.accounts;
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
        let amount = position.pending;
        if amount > 0 {
            crate::payout::pay(
                &mut accounts.distributor,
                &mut position,
                &vault,
                payout_info,
                &token_program,
            )?;
            emit!(Claimed { position: position_info.key(), amount, pushed: true });
        }
        position.exit(&crate::ID)?;
    }
    Ok(())
}
