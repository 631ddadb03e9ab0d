use crate::{constants::*, errors::PstError, events::ExitFreezeUpdated, state::*};
use anchor_lang::prelude::*;

/// The admin's emergency brake on exits (unstaking, dividend claims and payouts, LP withdrawals, swaps, pool
/// harvests): `duration_secs` > 0 freezes them from now for at most `MAX_EXIT_FREEZE_SECS`; 0 lifts an active
/// freeze. A freeze is never extended, and a new one may start only `EXIT_FREEZE_COOLDOWN_SECS` after the last one
/// ended, so holders always get a window to leave. The guardian's pauses stop entries only; this is the one way
/// to stop exits, and only the admin (the multisig) has it.
#[derive(Accounts)]
pub struct FreezeExits<'info> {
    pub admin: Signer<'info>,
    #[account(mut, address = CONFIG_ADDRESS, has_one = admin @ PstError::NotAdmin)]
    pub config: Account<'info, ProtocolConfig>,
}

pub fn handler(ctx: Context<FreezeExits>, duration_secs: i64) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let config = &mut ctx.accounts.config;
    if duration_secs == 0 {
        // lift: exits reopen now (the cooldown runs from here)
        config.exits_frozen_until = config.exits_frozen_until.min(now);
    } else {
        require!((1..=MAX_EXIT_FREEZE_SECS).contains(&duration_secs), PstError::InvalidExitFreeze);
        require!(!config.exits_frozen(now), PstError::ExitFreezeActive);
        let open_since = config.exits_frozen_until;
        require!(
            open_since == 0 || now >= open_since.saturating_add(EXIT_FREEZE_COOLDOWN_SECS),
            PstError::ExitFreezeCooldown
        );
        config.exits_frozen_until = now.checked_add(duration_secs).ok_or(PstError::MathOverflow)?;
    }
    config.invariant()?;
    emit!(ExitFreezeUpdated { by: ctx.accounts.admin.key(), until: config.exits_frozen_until });
    Ok(())
}
