use crate::errors::PstError;
use anchor_lang::prelude::*;
use pst_math::ami::{self, PeriodPoint, HISTORY};

/// One accepted period in the history.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, Default, PartialEq, Eq, InitSpace)]
pub struct PeriodRecord {
    pub period: u32,
    pub revenue: u64,
    pub earnings: i64,
    pub share_due: u64,
    pub share_paid: u64,
    /// `share_due − share_paid` if the period was short beyond the feed's tolerance (recorded for
    /// `alar_reserve::cover_shortfall`), 0 otherwise.
    pub shortfall: u64,
    /// Closing inventory at cost.
    pub inventory: u64,
}

impl From<PeriodRecord> for PeriodPoint {
    fn from(r: PeriodRecord) -> Self {
        PeriodPoint {
            period: r.period,
            revenue: r.revenue,
            earnings: r.earnings,
            share_due: r.share_due,
            share_paid: r.share_paid,
            inventory: r.inventory,
        }
    }
}

/// Health status (thresholds in `pst_math::ami`).
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace)]
pub enum HealthStatus {
    Healthy,
    Watch,
    Default,
}

impl From<HealthStatus> for ami::Health {
    fn from(h: HealthStatus) -> Self {
        match h {
            HealthStatus::Healthy => ami::Health::Healthy,
            HealthStatus::Watch => ami::Health::Watch,
            HealthStatus::Default => ami::Health::Default,
        }
    }
}

/// On-chain market intelligence for a merchant, updated with every accepted period. PDA `["metrics", merchant]`.
#[account]
#[derive(InitSpace, Debug)]
pub struct MerchantMetrics {
    pub merchant: Pubkey,
    /// Accepted periods, oldest first; the newest `len` entries are valid.
    pub history: [PeriodRecord; HISTORY],
    pub len: u8,
    /// Revenue of the trailing year of periods, annualised from the feed's period length
    /// (`pst_math::ami::compute`).
    pub annual_revenue: u128,
    pub annual_earnings: i128,
    /// Period over period and year over year revenue growth, bps (`None` without the history or with a zero base).
    pub growth_pop_bps: Option<i64>,
    pub growth_yoy_bps: Option<i64>,
    /// Coefficient of variation of the trailing year's revenue, bps.
    pub volatility_bps: u64,
    /// Share paid / share due over the trailing year, bps.
    pub coverage_bps: u64,
    /// Days of inventory of the latest period (closing inventory ÷ the period's daily revenue), hundredths of a
    /// day (`pst_math::ami::inventory_days_x100`); `None` before the first accepted period.
    pub inventory_days_x100: Option<u64>,
    /// Change of the days of inventory over the period before, bps.
    pub inventory_trend_bps: Option<i64>,
    /// The protocol's inventory floor (whole days) when the latest period was accepted: health and the
    /// withdrawal limit are judged against it until the next one.
    pub inventory_floor_days: u16,
    pub health: HealthStatus,
    /// When the last period was accepted (unix seconds); "days since last report" is derived from it.
    pub last_report_ts: i64,
    /// The feed's period length (copied at opening; it never changes), so readers annualise and judge staleness
    /// without the feed.
    pub period_secs: i64,
    pub bump: u8,
}

impl MerchantMetrics {
    /// The valid history, oldest first.
    pub fn records(&self) -> &[PeriodRecord] {
        &self.history[..self.len as usize]
    }

    /// Append an accepted period (dropping the oldest when full) and recompute every metric under the
    /// protocol's inventory floor `inventory_floor_days`.
    pub fn push(&mut self, record: PeriodRecord, now: i64, inventory_floor_days: u16) -> Result<()> {
        let latest_short = record.shortfall > 0;
        if (self.len as usize) < HISTORY {
            self.history[self.len as usize] = record;
            self.len += 1;
        } else {
            self.history.rotate_left(1);
            self.history[HISTORY - 1] = record;
        }
        let mut points = [PeriodPoint::default(); HISTORY];
        for (p, r) in points.iter_mut().zip(self.records()) {
            *p = (*r).into();
        }
        let m = ami::compute(
            &points[..self.len as usize],
            latest_short,
            self.period_secs.max(1) as u64,
            inventory_floor_days,
        );
        self.annual_revenue = m.annual_revenue;
        self.annual_earnings = m.annual_earnings;
        self.growth_pop_bps = m.growth_pop_bps;
        self.growth_yoy_bps = m.growth_yoy_bps;
        self.volatility_bps = m.volatility_bps;
        self.coverage_bps = m.coverage_bps;
        self.inventory_days_x100 = m.inventory_days_x100;
        self.inventory_trend_bps = m.inventory_trend_bps;
        self.inventory_floor_days = inventory_floor_days;
        self.health = match m.health {
            ami::Health::Healthy => HealthStatus::Healthy,
            ami::Health::Watch => HealthStatus::Watch,
            ami::Health::Default => HealthStatus::Default,
        };
        self.last_report_ts = now;
        self.invariant()
    }

    /// The record of `period`, if it is still in the history.
    pub fn record(&self, period: u32) -> Option<&PeriodRecord> {
        self.records().iter().find(|r| r.period == period)
    }

    /// The withdrawal limit of a period under the current health and inventory cover, from the approved
    /// `approved` (`pst_math::ami::withdrawal_limit`): a Default is 0 unless `default_cured` (every shortfall
    /// covered and the stake restored: then as on Watch), and the limit is at most `pst_math::ami::unjudged_limit`
    /// unless the period before it is `judged` (accepted).
    pub fn withdrawal_limit(&self, approved: u64, judged: bool, default_cured: bool) -> u64 {
        let health = match self.health {
            HealthStatus::Default if default_cured => ami::Health::Watch,
            h => h.into(),
        };
        let limit =
            ami::withdrawal_limit(approved, health, self.inventory_days_x100, self.inventory_floor_days);
        if judged {
            limit
        } else {
            limit.min(ami::unjudged_limit(approved))
        }
    }

    /// Whole days since the last accepted period.
    pub fn days_since_last_report(&self, now: i64) -> u64 {
        ami::days_since(self.last_report_ts, now)
    }

    pub fn invariant(&self) -> Result<()> {
        require!(self.len as usize <= HISTORY, PstError::InvariantViolated);
        // periods in the history are strictly increasing
        require!(self.records().windows(2).all(|w| w[0].period < w[1].period), PstError::InvariantViolated);
        require!(
            self.records().iter().all(|r| r.shortfall <= r.share_due.saturating_sub(r.share_paid)),
            PstError::InvariantViolated
        );
        Ok(())
    }
}
