use crate::{constants::*, errors::*, events::RequestClaimed, ops, state::*};
use anchor_lang::prelude::*;
use pst_math::{tranche::pro_rata, SafeMath};

pub use super::cancel_request::SettleRequest;

/// After closes, the investor settles its request: each epoch record since the request's cursor (passed as the
/// remaining accounts, in order, at most `MAX_EPOCHS_PER_CLAIM` per call) executes its part of the queue once —
/// shares for its deposit, USDC for its redemption, pro rata with the queue's fill — and what did not fill stays
/// queued. Then it is paid everything executed so far. A request with nothing queued needs no records. Refused
/// when there is nothing to settle or pay (`NothingToClaim`), and while the admin has frozen exits.
pub fn handler<'info>(ctx: Context<'info, SettleRequest<'info>>, tranche: Tranche) -> Result<()> {
    let records = ctx.remaining_accounts;
    let a = &mut *ctx.accounts;
    ops::exits_open(&a.config, Clock::get()?.unix_timestamp)?;
    let open_epoch = a.tranches.epoch;
    let tranches_key = a.tranches.key();
    let mut request = load_request(&a.request, tranches_key, a.owner.key(), tranche)?;
    require!(records.len() <= MAX_EPOCHS_PER_CLAIM as usize, TrancheError::TooManyEpochs);
    let from = request.next_epoch;
    for info in records {
        require!(request.next_epoch < open_epoch, TrancheError::WrongEpochRecord);
        // a record exists only where close_epoch created it: owner, type and relation suffice
        require_keys_eq!(*info.owner, crate::ID, TrancheError::WrongEpochRecord);
        let epoch = Epoch::try_deserialize(&mut &info.try_borrow_data()?[..])
            .map_err(|_| TrancheError::WrongEpochRecord)?;
        require!(
            epoch.tranches == tranches_key && epoch.index == request.next_epoch,
            TrancheError::WrongEpochRecord
        );
        let d = epoch.fills[Epoch::fill_index(tranche, false)];
        let (rest, _, shares) = pro_rata(request.deposit, d.queued, d.executed, d.output);
        let r = epoch.fills[Epoch::fill_index(tranche, true)];
        let (redeem_rest, _, usdc) = pro_rata(request.redeem, r.queued, r.executed, r.output);
        request.deposit = rest;
        request.redeem = redeem_rest;
        request.shares_to_claim = request.shares_to_claim.safe_add(shares).or_overflow()?;
        request.usdc_to_claim = request.usdc_to_claim.safe_add(usdc).or_overflow()?;
        request.next_epoch += 1;
    }
    let applied = request.next_epoch != from;
    catch_up(&mut request, open_epoch);
    require!(
        applied || request.shares_to_claim > 0 || request.usdc_to_claim > 0,
        if request.next_epoch < open_epoch {
            TrancheError::WrongEpochRecord
        } else {
            TrancheError::NothingToClaim
        }
    );
    let (shares, usdc) = (request.shares_to_claim, request.usdc_to_claim);
    let t = &mut a.tranches;
    let book = t.book_mut(tranche);
    book.shares_to_claim = book.shares_to_claim.safe_sub(shares).or_overflow()?;
    t.usdc_to_claim = t.usdc_to_claim.safe_sub(usdc).or_overflow()?;
    t.totals.usdc_claimed = t.totals.usdc_claimed.safe_add(usdc).or_overflow()?;
    request.shares_to_claim = 0;
    request.usdc_to_claim = 0;
    request.shares_received = request.shares_received.safe_add(shares).or_overflow()?;
    request.usdc_received = request.usdc_received.safe_add(usdc).or_overflow()?;
    a.pay_owner(usdc, shares)?;
    a.check(tranche)?;
    save_request(&a.request, &request, open_epoch)?;
    emit!(RequestClaimed {
        tranches: tranches_key,
        owner: a.owner.key(),
        tranche,
        from_epoch: from,
        to_epoch: request.next_epoch,
        shares,
        usdc,
        deposit_queued: request.deposit,
        redeem_queued: request.redeem,
    });
    Ok(())
}
