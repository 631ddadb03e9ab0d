use crate::{constants::*, errors::PstError, events::AdminAccepted, state::*};
use anchor_lang::prelude::*;

/// Step two of an admin transfer: the proposed admin signs to take over.
#[derive(Accounts)]
pub struct AcceptAdmin<'info> {
    pub new_admin: Signer<'info>,
    #[account(mut, address = CONFIG_ADDRESS)]
    pub config: Account<'info, ProtocolConfig>,
}

pub fn handler(ctx: Context<AcceptAdmin>) -> Result<()> {
    let config = &mut ctx.accounts.config;
    let pending = config.pending_admin.ok_or(PstError::NoPendingAdmin)?;
    require_keys_eq!(pending, ctx.accounts.new_admin.key(), PstError::NotPendingAdmin);
    let previous_admin = config.admin;
    config.admin = pending;
    config.pending_admin = None;
    config.invariant()?;
    emit!(AdminAccepted { previous_admin, new_admin: pending });
    Ok(())
}
