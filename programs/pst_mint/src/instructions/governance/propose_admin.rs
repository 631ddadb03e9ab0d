use crate::{constants::*, errors::PstError, events::AdminProposed, state::*};
use anchor_lang::prelude::*;

/// Step one of an admin transfer: the current admin names its successor, who must accept.
#[derive(Accounts)]
pub struct ProposeAdmin<'info> {
    pub admin: Signer<'info>,
    #[account(mut, address = CONFIG_ADDRESS, has_one = admin @ PstError::NotAdmin)]
    pub config: Account<'info, ProtocolConfig>,
}

pub fn handler(ctx: Context<ProposeAdmin>, new_admin: Pubkey) -> Result<()> {
    require!(new_admin != Pubkey::default(), PstError::InvalidRoleMember);
    let config = &mut ctx.accounts.config;
    config.pending_admin = Some(new_admin);
    config.invariant()?;
    emit!(AdminProposed { admin: config.admin, pending_admin: new_admin });
    Ok(())
}
