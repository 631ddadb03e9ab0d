use crate::{constants::*, errors::PstError, events::RoleUpdated, state::*};
use anchor_lang::prelude::*;

/// Admin adds or removes an underwriter or oracle reporter, or replaces the guardian.
#[derive(Accounts)]
pub struct SetRole<'info> {
    pub admin: Signer<'info>,
    #[account(mut, address = CONFIG_ADDRESS, has_one = admin @ PstError::NotAdmin)]
    pub config: Account<'info, ProtocolConfig>,
}

pub fn handler(ctx: Context<SetRole>, role: Role, member: Pubkey, enabled: bool) -> Result<()> {
    require!(member != Pubkey::default(), PstError::InvalidRoleMember);
    let config = &mut ctx.accounts.config;
    match role {
        Role::Underwriter => update_set(&mut config.underwriters, MAX_UNDERWRITERS, member, enabled)?,
        Role::OracleReporter => {
            update_set(&mut config.oracle_reporters, MAX_ORACLE_REPORTERS, member, enabled)?
        }
        Role::Guardian => {
            require!(enabled, PstError::GuardianCannotBeRemoved);
            config.guardian = member;
        }
    }
    config.invariant()?;
    emit!(RoleUpdated { role, member, enabled });
    Ok(())
}

fn update_set(set: &mut Vec<Pubkey>, max: usize, member: Pubkey, enabled: bool) -> Result<()> {
    let position = set.iter().position(|k| *k == member);
    match (enabled, position) {
        (true, Some(_)) => err!(PstError::RoleMemberExists),
        (true, None) => {
            require!(set.len() < max, PstError::RoleSetFull);
            set.push(member);
            Ok(())
        }
        (false, Some(i)) => {
            set.swap_remove(i);
            Ok(())
        }
        (false, None) => err!(PstError::RoleMemberMissing),
    }
}
