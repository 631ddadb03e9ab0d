//! The stress scenarios: what happens to the merchant's revenue, the market and the investors, week by week.
use clap::ValueEnum;

/// One scenario. Each runs for whole years of weekly epochs from the same starting point (see `engine`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Scenario {
    /// Revenue with its trend, seasonality and noise; an arbitrageur keeps the price near its fair value.
    Baseline,
    /// Revenue falls 30% for a quarter (weeks 26-38).
    Shock30,
    /// Revenue falls 60% for a quarter (weeks 26-38).
    Shock60,
    /// Revenue declines 1.5% a week, compounding, from week 8.
    SlowDecline,
    /// The price halves in a day at week 30 and nobody arbitrages it back for eight weeks.
    Crash,
    /// Speculators double the price at week 30 and hold it for eight weeks.
    Spike,
    /// Senior investors queue 80% of their shares for redemption at week 20.
    SeniorRun,
    /// No period is reported for a month (weeks 20-24); the backlog is reported after.
    OracleOutage,
    /// The merchant reports its revenue but routes only half of it through the settlement vault.
    UnderSettle,
}

impl Scenario {
    pub const ALL: [Scenario; 9] = [
        Scenario::Baseline,
        Scenario::Shock30,
        Scenario::Shock60,
        Scenario::SlowDecline,
        Scenario::Crash,
        Scenario::Spike,
        Scenario::SeniorRun,
        Scenario::OracleOutage,
        Scenario::UnderSettle,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Scenario::Baseline => "baseline",
            Scenario::Shock30 => "shock-30",
            Scenario::Shock60 => "shock-60",
            Scenario::SlowDecline => "slow-decline",
            Scenario::Crash => "crash",
            Scenario::Spike => "spike",
            Scenario::SeniorRun => "senior-run",
            Scenario::OracleOutage => "oracle-outage",
            Scenario::UnderSettle => "under-settle",
        }
    }

    /// The revenue multiplier of `week` from the scenario's own event (1.0 outside it), on top of the trend,
    /// seasonality and noise every scenario shares.
    pub fn revenue_factor(self, week: u32) -> f64 {
        let quarter = (26..39).contains(&(week % 52));
        match self {
            Scenario::Shock30 if quarter => 0.7,
            Scenario::Shock60 if quarter => 0.4,
            Scenario::SlowDecline if week >= 8 => 0.985f64.powi(week as i32 - 7).max(0.2),
            _ => 1.0,
        }
    }

    /// The external reference price's multiplier (a crash or a spike the arbitrageur does not undo).
    pub fn price_factor(self, week: u32) -> Option<f64> {
        let window = (30..38).contains(&(week % 52));
        match self {
            Scenario::Crash if window => Some(0.5),
            Scenario::Spike if window => Some(2.0),
            _ => None,
        }
    }

    /// Whether the periods that end this week go unreported (the oracle is out).
    pub fn oracle_out(self, week: u32) -> bool {
        self == Scenario::OracleOutage && (20..25).contains(&(week % 52))
    }

    /// The share of sales routed through the settlement vault.
    pub fn settled_share(self) -> f64 {
        if self == Scenario::UnderSettle {
            0.5
        } else {
            1.0
        }
    }

    /// The week senior investors queue most of their shares for redemption.
    pub fn senior_run_week(self) -> Option<u32> {
        (self == Scenario::SeniorRun).then_some(20)
    }
}
