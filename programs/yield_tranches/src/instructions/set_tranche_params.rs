use crate::{constants::*, errors::*, events::TrancheParamsUpdated, state::*};
use anchor_lang::prelude::*;
use pst_mint::{constants::CONFIG_ADDRESS, state::ConfigView};

/// The admin sets a tranche vault's parameters, each bounded (`TrancheParams::validate`). A new epoch length
/// applies from the open epoch's start.
#[derive(Accounts)]
pub struct SetTrancheParams<'info> {
    pub admin: Signer<'info>,
    /// CHECK: the protocol config, checked by address; its fixed head is read with `ConfigView`.
    #[account(address = CONFIG_ADDRESS)]
    pub config: UncheckedAccount<'info>,
    #[account(mut, seeds = [TRANCHES_SEED, tranches.merchant.as_ref()], bump = tranches.bump)]
    pub tranches: Box<Account<'info, Tranches>>,
}

pub fn handler(ctx: Context<SetTrancheParams>, params: TrancheParams) -> Result<()> {
    let config = ConfigView::read(&ctx.accounts.config)?;
    require_keys_eq!(ctx.accounts.admin.key(), config.admin, TrancheError::NotAdmin);
    params.validate()?;
    let t = &mut ctx.accounts.tranches;
    t.params = params;
    t.invariant()?;
    emit!(TrancheParamsUpdated { tranches: t.key(), params });
    Ok(())
}
