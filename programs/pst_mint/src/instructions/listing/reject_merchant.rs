use crate::{events::MerchantRejected, instructions::listing::approve_merchant::Underwrite, state::*};
use anchor_lang::prelude::*;

/// An underwriter refuses an application, with a reason code. Rejection is final for this listing. Accounts as
/// `approve_merchant`.
pub fn handler(ctx: Context<Underwrite>, reason: RejectionReason) -> Result<()> {
    let key = ctx.accounts.merchant.key();
    let merchant = ctx.accounts.decide()?;
    merchant.rejection_reason = Some(reason);
    merchant.status = MerchantStatus::Rejected;
    merchant.invariant()?;
    emit!(MerchantRejected { merchant: key, underwriter: merchant.underwriter, reason });
    Ok(())
}
