use crate::{constants::*, errors::PstError, events::FeesUpdated, state::*};
use anchor_lang::prelude::*;

/// Admin sets the fee parameters, each within its bound.
#[derive(Accounts)]
pub struct UpdateFees<'info> {
    pub admin: Signer<'info>,
    #[account(mut, address = CONFIG_ADDRESS, has_one = admin @ PstError::NotAdmin)]
    pub config: Account<'info, ProtocolConfig>,
}

pub fn handler(ctx: Context<UpdateFees>, fees: FeeParams) -> Result<()> {
    fees.validate()?;
    let config = &mut ctx.accounts.config;
    config.fees = fees;
    config.invariant()?;
    emit!(FeesUpdated {
        protocol_fee_bps: fees.protocol_fee_bps,
        alar_contribution_bps: fees.alar_contribution_bps,
        keeper_tip_bps: fees.keeper_tip_bps,
    });
    Ok(())
}
