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
}

impl From<PeriodRecord> for PeriodPoint {
    fn from(r: PeriodRecord) -> Self {
        PeriodPoint {
            period: r.period,
            revenue: r.revenue,
            earnings: r.earnings,
            share_due: r.share_due,
            share_paid: r.share_paid,
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

/// On-chain market intelligence for a merchant, updated with every accepted period. PDA `["metrics", merchant]`.
#[account]
#[derive(InitSpace, Debug)]
pub struct MerchantMetrics {
    pub merchant: Pubkey,
    /// Accepted periods, oldest first; the newest `len` entries are valid.
    pub history: [PeriodRecord; HISTORY],
    pub len: u8,
    /// Sum of the last 12 periods.
    pub trailing_revenue: u128,
    pub trailing_earnings: i128,
    /// Period over period and year over year revenue growth, bps (`None` without the history or with a zero base).
    pub growth_pop_bps: Option<i64>,
    pub growth_yoy_bps: Option<i64>,
    /// Coefficient of variation of the last 12 periods' revenue, bps.
    pub volatility_bps: u64,
    /// Share paid / share due over the last 12 periods, bps.
    pub coverage_bps: u64,
    pub health: HealthStatus,
    /// When the last period was accepted (unix seconds); "days since last report" is derived from it.
    pub last_report_ts: i64,
    pub bump: u8,
}

impl MerchantMetrics {
    /// The valid history, oldest first.
    pub fn records(&self) -> &[PeriodRecord] {
        &self.history[..self.len as usize]
    }

    /// Append an accepted period (dropping the oldest when full) and recompute every metric.
    pub fn push(&mut self, record: PeriodRecord, latest_short: bool, now: i64) -> Result<()> {
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
        let m = ami::compute(&points[..self.len as usize], latest_short);
        self.trailing_revenue = m.trailing_revenue;
        self.trailing_earnings = m.trailing_earnings;
        self.growth_pop_bps = m.growth_pop_bps;
        self.growth_yoy_bps = m.growth_yoy_bps;
        self.volatility_bps = m.volatility_bps;
        self.coverage_bps = m.coverage_bps;
        self.health = match m.health {
            ami::Health::Healthy => HealthStatus::Healthy,
            ami::Health::Watch => HealthStatus::Watch,
            ami::Health::Default => HealthStatus::Default,
        };
        self.last_report_ts = now;
        self.invariant()
    }

    /// Whole days since the last accepted period.
    pub fn days_since_last_report(&self, now: i64) -> u64 {
        ami::days_since(self.last_report_ts, now)
    }

    pub fn invariant(&self) -> Result<()> {
        require!(self.len as usize <= HISTORY, PstError::InvariantViolated);
        // periods in the history are strictly increasing
        require!(self.records().windows(2).all(|w| w[0].period < w[1].period), PstError::InvariantViolated);
        Ok(())
    }
}
