use crate::{constants::*, errors::PstError, events::PauseUpdated, state::*};
use anchor_lang::prelude::*;

/// Set the pause bitmask. The guardian (or the admin) may set flags; only the admin may clear them.
#[derive(Accounts)]
pub struct SetPause<'info> {
    pub authority: Signer<'info>,
    #[account(mut, address = CONFIG_ADDRESS)]
    pub config: Account<'info, ProtocolConfig>,
}

pub fn handler(ctx: Context<SetPause>, paused: u32) -> Result<()> {
    require!(paused & !PAUSE_ALL == 0, PstError::InvalidPauseFlags);
    let config = &mut ctx.accounts.config;
    let signer = ctx.accounts.authority.key();
    let is_admin = signer == config.admin;
    let previous = config.paused;
    let clearing = previous & !paused != 0;
    let setting = paused & !previous != 0;
    if clearing {
        require!(is_admin, PstError::UnpauseRequiresAdmin);
    }
    if setting || !clearing {
        require!(is_admin || signer == config.guardian, PstError::NotGuardian);
    }
    config.paused = paused;
    config.invariant()?;
    emit!(PauseUpdated { by: signer, previous, paused });
    Ok(())
}
