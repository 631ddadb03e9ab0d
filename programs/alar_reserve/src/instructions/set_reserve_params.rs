use crate::{constants::*, errors::*, events::ReserveParamsUpdated, state::*};
use anchor_lang::prelude::*;
use pst_mint::{constants::CONFIG_ADDRESS, state::ConfigView};

/// The admin sets a reserve's parameters, each bounded (`ReserveParams::validate`).
#[derive(Accounts)]
pub struct SetReserveParams<'info> {
    pub admin: Signer<'info>,
    /// CHECK: the protocol config, checked by address; its fixed head is read with `ConfigView`.
    #[account(address = CONFIG_ADDRESS)]
    pub config: UncheckedAccount<'info>,
    #[account(mut, seeds = [RESERVE_SEED, reserve.merchant.as_ref()], bump = reserve.bump)]
    pub reserve: Box<Account<'info, Reserve>>,
}

pub fn handler(ctx: Context<SetReserveParams>, params: ReserveParams) -> Result<()> {
    let config = ConfigView::read(&ctx.accounts.config)?;
    require_keys_eq!(ctx.accounts.admin.key(), config.admin, ReserveError::NotAdmin);
    params.validate()?;
    let r = &mut ctx.accounts.reserve;
    r.params = params;
    r.invariant()?;
    emit!(ReserveParamsUpdated { reserve: r.key(), params });
    Ok(())
}
