use crate::{constants::*, errors::PstError, events::MerchantRulesUpdated, state::*};
use anchor_lang::prelude::*;

/// Admin sets the merchant rules: the eligibility thresholds `apply_for_listing` checks (minimum trailing
/// revenue, minimum months of operating history) and the inventory floor the health check applies from the
/// next accepted period on. Each within its bound (`MAX_MIN_TRAILING_REVENUE`, `MAX_MIN_HISTORY_MONTHS`,
/// `MAX_INVENTORY_FLOOR_DAYS`); applications already made are not judged again.
#[derive(Accounts)]
pub struct SetMerchantRules<'info> {
    pub admin: Signer<'info>,
    #[account(mut, address = CONFIG_ADDRESS, has_one = admin @ PstError::NotAdmin)]
    pub config: Account<'info, ProtocolConfig>,
}

pub fn handler(ctx: Context<SetMerchantRules>, rules: MerchantRules) -> Result<()> {
    rules.validate()?;
    let config = &mut ctx.accounts.config;
    let previous = config.merchant_rules;
    config.merchant_rules = rules;
    config.invariant()?;
    emit!(MerchantRulesUpdated {
        previous,
        min_trailing_revenue: rules.min_trailing_revenue,
        min_history_months: rules.min_history_months,
        inventory_floor_days: rules.inventory_floor_days,
    });
    Ok(())
}
