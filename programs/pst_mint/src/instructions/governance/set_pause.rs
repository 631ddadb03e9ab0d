use crate::{constants::*, errors::PstError, events::PauseUpdated, state::*};
use anchor_lang::prelude::*;

/// Set the pause word (every program's lane, `pst_ids::pause`). The guardian (or the admin) may set flags; only
/// the admin may clear them. Unknown bits of `pst_mint`'s own lane are refused; the other lanes' bits are defined
/// by the programs they govern.
#[derive(Accounts)]
pub struct SetPause<'info> {
    pub authority: Signer<'info>,
    #[account(mut, address = CONFIG_ADDRESS)]
    pub config: Account<'info, ProtocolConfig>,
}

pub fn handler(ctx: Context<SetPause>, paused: u64) -> Result<()> {
    require!(paused & PAUSE_LANE_MASK & !PAUSE_ALL == 0, PstError::InvalidPauseFlags);
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
