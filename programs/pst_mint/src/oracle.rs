//! Reading revenue. Every consumer (this program's settlement checks, and later `revenue_distributor`,
//! `alar_reserve` and `yield_tranches`) reads a merchant's revenue and earnings only through
//! [`accepted_revenue`], which returns the value accepted for a period or a named error.
//!
//! Acceptance (the `accept_period` crank) aggregates in the manner of a Switchboard On-Demand pull feed: the
//! median of at least `min_responses` submissions no older than `max_staleness_slots`, refused when their
//! spread exceeds `max_variance_bps` of the median (see `pst_math::oracle`). A native feed aggregates the
//! submissions of reporters that still hold the role; a Switchboard feed is decoded from its account.
use crate::{constants::*, errors::PstError, state::*};
use anchor_lang::{prelude::*, Discriminator};
use pst_math::oracle::{
    aggregate, is_fresh, median_signed, AggregateError, AggregationRules, Sample, MAX_SAMPLES,
};

impl From<AggregateError> for PstError {
    fn from(e: AggregateError) -> Self {
        match e {
            AggregateError::InsufficientResponses => PstError::InsufficientResponses,
            AggregateError::Stale => PstError::Stale,
            AggregateError::ExcessiveVariance => PstError::ExcessiveVariance,
        }
    }
}

/// The value accepted for `period` of `merchant`'s native feed, read from its report account.
///
/// Refuses with `WrongFeed` if the feed or report is not this merchant's (wrong owner, wrong type, wrong
/// address), `UnknownPeriod` if the report is for another period or its period is not accepted yet.
pub fn accepted_revenue(
    feed: &RevenueFeed,
    report: &AccountInfo,
    merchant: &Pubkey,
    period: u32,
) -> Result<AcceptedRevenue> {
    require_keys_eq!(feed.merchant, *merchant, PstError::WrongFeed);
    require_keys_eq!(*report.owner, crate::ID, PstError::WrongFeed);
    let data = report.try_borrow_data()?;
    require!(data.len() >= 8 && data[..8] == *PeriodReport::DISCRIMINATOR, PstError::WrongFeed);
    let r = PeriodReport::try_deserialize(&mut &data[..]).map_err(|_| PstError::WrongFeed)?;
    require_keys_eq!(r.merchant, *merchant, PstError::WrongFeed);
    let expected = Pubkey::create_program_address(
        &[REPORT_SEED, merchant.as_ref(), &r.period.to_le_bytes(), &[r.bump]],
        &crate::ID,
    )
    .map_err(|_| PstError::WrongFeed)?;
    require_keys_eq!(expected, report.key(), PstError::WrongFeed);
    require!(r.period == period, PstError::UnknownPeriod);
    r.accepted.ok_or_else(|| PstError::UnknownPeriod.into())
}

/// A period's value as aggregated from its sources.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PeriodValue {
    pub gross_revenue: u64,
    pub net_earnings: i64,
    pub inventory_value: u64,
    /// Fresh submissions the gross revenue's median was taken over.
    pub responses: u8,
}

/// Aggregate a native report's submissions from reporters that still hold the role: gross revenue and
/// closing inventory each by the full rules (count, staleness, median, variance), net earnings as the median
/// of the fresh submissions (earnings cross zero, so no variance rule).
pub fn evaluate_native(
    report: &PeriodReport,
    config: &ProtocolConfig,
    rules: &AggregationRules,
    now_slot: u64,
) -> Result<PeriodValue> {
    let mut gross = [Sample { value: 0, slot: 0 }; MAX_ORACLE_REPORTERS];
    let mut inventory = [Sample { value: 0, slot: 0 }; MAX_ORACLE_REPORTERS];
    let mut nets = [0i64; MAX_ORACLE_REPORTERS];
    let mut n = 0;
    let mut fresh = 0;
    for s in report.submissions.iter().filter(|s| config.is_oracle_reporter(&s.reporter)) {
        gross[n] = Sample { value: s.gross_revenue, slot: s.slot };
        inventory[n] = Sample { value: s.inventory_value, slot: s.slot };
        if is_fresh(s.slot, now_slot, rules.max_staleness_slots) {
            nets[fresh] = s.net_earnings;
            fresh += 1;
        }
        n += 1;
    }
    let (gross_revenue, used) = aggregate(&gross[..n], rules, now_slot).map_err(PstError::from)?;
    let (inventory_value, _) = aggregate(&inventory[..n], rules, now_slot).map_err(PstError::from)?;
    let net_earnings = median_signed(&mut nets[..fresh]).ok_or(PstError::InsufficientResponses)?;
    Ok(PeriodValue { gross_revenue, net_earnings, inventory_value, responses: used as u8 })
}

// ---- Switchboard On-Demand -------------------------------------------------------------------------------

/// Anchor discriminator of Switchboard's `PullFeedAccountData`.
pub const SB_PULL_FEED_DISCRIMINATOR: [u8; 8] = [196, 27, 108, 196, 10, 215, 219, 40];
/// `PullFeedAccountData` is `repr(C)`, 3,200 bytes after the discriminator; it starts with 32 submissions of
/// 64 bytes: `oracle: Pubkey`, `slot: u64`, `landed_at: u64`, `value: i128` (18 decimals).
pub const SB_PULL_FEED_LEN: usize = 8 + 3_200;
pub const SB_SUBMISSIONS: usize = 32;
pub const SB_SUBMISSION_LEN: usize = 64;
/// Switchboard values carry 18 decimals; USDC base units 6.
pub const SB_TO_USDC_DIVISOR: i128 = 1_000_000_000_000;

/// The non-empty submissions of a Switchboard pull feed as (slot, value in USDC base units, signed).
fn switchboard_submissions(info: &AccountInfo) -> Result<([(u64, i128); SB_SUBMISSIONS], usize)> {
    require!(SWITCHBOARD_ON_DEMAND_IDS.contains(info.owner), PstError::WrongFeedOwner);
    let data = info.try_borrow_data()?;
    require!(
        data.len() >= SB_PULL_FEED_LEN && data[..8] == SB_PULL_FEED_DISCRIMINATOR,
        PstError::InvalidFeedData
    );
    let mut out = [(0u64, 0i128); SB_SUBMISSIONS];
    let mut n = 0;
    for i in 0..SB_SUBMISSIONS {
        let at = 8 + i * SB_SUBMISSION_LEN;
        let rec = &data[at..at + SB_SUBMISSION_LEN];
        let slot = u64::from_le_bytes(rec[32..40].try_into().map_err(|_| PstError::InvalidFeedData)?);
        if slot == 0 {
            continue; // an empty submission
        }
        let value = i128::from_le_bytes(rec[48..64].try_into().map_err(|_| PstError::InvalidFeedData)?);
        out[n] = (slot, value / SB_TO_USDC_DIVISOR);
        n += 1;
    }
    Ok((out, n))
}

/// A non-negative amount (gross revenue, closing inventory) from a Switchboard pull feed under `rules`: our
/// staleness, sample count and variance rules applied to its submissions (not the feed's own settings).
/// Negative or oversized values are refused.
pub fn switchboard_amount(info: &AccountInfo, rules: &AggregationRules, now_slot: u64) -> Result<(u64, u8)> {
    let (subs, n) = switchboard_submissions(info)?;
    let mut samples = [Sample { value: 0, slot: 0 }; MAX_SAMPLES];
    for (s, (slot, value)) in samples.iter_mut().zip(&subs[..n]) {
        let value = u64::try_from(*value).map_err(|_| PstError::InvalidOracleValue)?;
        *s = Sample { value, slot: *slot };
    }
    let (v, used) = aggregate(&samples[..n], rules, now_slot).map_err(PstError::from)?;
    Ok((v, used as u8))
}

/// Net earnings (may be negative) from a Switchboard pull feed: the median of the fresh submissions, with at
/// least `min_responses` of them (the variance rule applies to gross revenue only: earnings cross zero).
pub fn switchboard_net(info: &AccountInfo, rules: &AggregationRules, now_slot: u64) -> Result<i64> {
    let (subs, n) = switchboard_submissions(info)?;
    require!(n >= rules.min_responses as usize, PstError::InsufficientResponses);
    let mut values = [0i64; SB_SUBMISSIONS];
    let mut fresh = 0;
    for (slot, value) in &subs[..n] {
        if is_fresh(*slot, now_slot, rules.max_staleness_slots) {
            values[fresh] = i64::try_from(*value).map_err(|_| PstError::InvalidOracleValue)?;
            fresh += 1;
        }
    }
    require!(fresh >= rules.min_responses as usize, PstError::Stale);
    median_signed(&mut values[..fresh]).ok_or_else(|| PstError::InsufficientResponses.into())
}
