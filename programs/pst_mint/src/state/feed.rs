use crate::{constants::*, errors::PstError};
use anchor_lang::prelude::*;
use pst_math::oracle::AggregationRules;

/// Where a merchant's revenue comes from.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace)]
pub enum FeedSource {
    /// Authorised reporters submit `(period, gross_revenue, net_earnings, inventory_value)` to per-period report
    /// accounts.
    Native,
    /// Three Switchboard On-Demand pull feeds (values with 18 decimals): gross revenue, net earnings and closing
    /// inventory value of the latest period.
    Switchboard { gross_feed: Pubkey, net_feed: Pubkey, inventory_feed: Pubkey },
}

/// Aggregation rules and period calendar of a merchant's revenue feed.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace)]
pub struct FeedParams {
    pub source: FeedSource,
    /// At least this many submissions (1..=16).
    pub min_responses: u8,
    /// Submissions older than this many slots are stale (1..=MAX_STALENESS_SLOTS).
    pub max_staleness_slots: u64,
    /// Largest allowed `(max − min) / median` of the fresh submissions, bps (1..=5000).
    pub max_variance_bps: u16,
    /// Length of a reporting period, seconds (1 to 92 days).
    pub period_secs: i64,
    /// Start of period 0 (unix seconds).
    pub first_period_start: i64,
    /// How far swept share may fall below share due before a period counts as short, bps (≤ 5000).
    pub shortfall_tolerance_bps: u16,
}

impl FeedParams {
    pub fn validate(&self) -> Result<()> {
        require!(
            (1..=MAX_ORACLE_REPORTERS as u8).contains(&self.min_responses)
                && (1..=MAX_STALENESS_SLOTS).contains(&self.max_staleness_slots)
                && (1..=MAX_VARIANCE_BPS).contains(&self.max_variance_bps)
                && (MIN_PERIOD_SECS..=MAX_PERIOD_SECS).contains(&self.period_secs)
                && self.shortfall_tolerance_bps <= MAX_SHORTFALL_TOLERANCE_BPS
                && self.first_period_start > 0,
            PstError::InvalidFeedRules
        );
        if let FeedSource::Switchboard { gross_feed, net_feed, inventory_feed } = self.source {
            // one account read as two figures would make them equal (30 days of inventory a month, always)
            require!(
                gross_feed != net_feed && gross_feed != inventory_feed && net_feed != inventory_feed,
                PstError::InvalidFeedRules
            );
        }
        Ok(())
    }

    pub fn rules(&self) -> AggregationRules {
        AggregationRules {
            min_responses: self.min_responses,
            max_staleness_slots: self.max_staleness_slots,
            max_variance_bps: self.max_variance_bps,
        }
    }
}

/// A merchant's revenue feed. PDA `["feed", merchant]`.
#[account]
#[derive(InitSpace, Debug)]
pub struct RevenueFeed {
    pub merchant: Pubkey,
    pub params: FeedParams,
    /// The next period to accept; periods are accepted in order. (When the last one was accepted is
    /// `MerchantMetrics::last_report_ts`.)
    pub next_period: u32,
    pub bump: u8,
}

impl RevenueFeed {
    /// End (exclusive) of `period`, unix seconds.
    pub fn period_end(&self, period: u32) -> Result<i64> {
        (period as i64 + 1)
            .checked_mul(self.params.period_secs)
            .and_then(|d| d.checked_add(self.params.first_period_start))
            .ok_or_else(|| PstError::MathOverflow.into())
    }

    /// The period `now` falls in (0 before the first period starts).
    pub fn period_at(&self, now: i64) -> u32 {
        // unsigned division: SBF v0 has no signed division instruction
        let elapsed = now.saturating_sub(self.params.first_period_start).max(0) as u64;
        let period = self.params.period_secs.max(1) as u64;
        u32::try_from(elapsed / period).unwrap_or(u32::MAX)
    }

    pub fn invariant(&self) -> Result<()> {
        self.params.validate().map_err(|_| PstError::InvariantViolated)?;
        Ok(())
    }
}

/// One reporter's submission.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace)]
pub struct Submission {
    pub reporter: Pubkey,
    pub slot: u64,
    pub gross_revenue: u64,
    pub net_earnings: i64,
    /// Closing inventory at cost, USDC base units.
    pub inventory_value: u64,
}

/// The value accepted for a period.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace)]
pub struct AcceptedRevenue {
    pub period: u32,
    pub gross_revenue: u64,
    pub net_earnings: i64,
    /// Closing inventory at cost (median of the fresh submissions, within the variance rule).
    pub inventory_value: u64,
    /// Slot of acceptance.
    pub slot: u64,
    /// Fresh submissions the median was taken over.
    pub responses: u8,
}

/// One period of a merchant's feed: the reporters' submissions (native feeds), the revenue share swept while the
/// period was in progress, and the accepted value. PDA `["report", merchant, period]`, created by the first
/// submission or sweep of the period. The swept share lives here, one account per period, so however late a
/// period is accepted its share is still known.
#[account]
#[derive(InitSpace, Debug)]
pub struct PeriodReport {
    pub merchant: Pubkey,
    pub period: u32,
    #[max_len(MAX_ORACLE_REPORTERS)]
    pub submissions: Vec<Submission>,
    pub accepted: Option<AcceptedRevenue>,
    /// Revenue share swept to the dividend vault while this period was in progress.
    pub swept_share: u64,
    pub bump: u8,
}

impl PeriodReport {
    /// The report of `period` at `info` (its PDA: the caller's seeds constraint checked the address), created
    /// and paid for by `payer` if it does not exist yet. Write it back with [`PeriodReport::store`].
    pub fn load_or_create<'info>(
        info: &AccountInfo<'info>,
        payer: &AccountInfo<'info>,
        system_program: &AccountInfo<'info>,
        merchant: Pubkey,
        period: u32,
        bump: u8,
    ) -> Result<PeriodReport> {
        if pst_common::is_uninitialized(info) {
            let report = PeriodReport {
                merchant,
                period,
                submissions: Vec::new(),
                accepted: None,
                swept_share: 0,
                bump,
            };
            pst_common::create_anchor_account(
                payer,
                info,
                system_program,
                8 + PeriodReport::INIT_SPACE,
                &[REPORT_SEED, merchant.as_ref(), &period.to_le_bytes(), &[bump]],
                &report,
            )?;
            return Ok(report);
        }
        require_keys_eq!(*info.owner, crate::ID, PstError::WrongFeed);
        let report = PeriodReport::try_deserialize(&mut &info.try_borrow_data()?[..])?;
        require!(report.merchant == merchant && report.period == period, PstError::WrongFeed);
        Ok(report)
    }

    /// Check the invariant and write the report back to `info`.
    pub fn store(&self, info: &AccountInfo) -> Result<()> {
        self.invariant()?;
        let mut data = info.try_borrow_mut_data()?;
        let mut writer: &mut [u8] = &mut data;
        self.try_serialize(&mut writer)
    }

    pub fn invariant(&self) -> Result<()> {
        require!(self.submissions.len() <= MAX_ORACLE_REPORTERS, PstError::InvariantViolated);
        if let Some(a) = self.accepted {
            require!(a.period == self.period, PstError::InvariantViolated);
        }
        Ok(())
    }
}
