//! `pst-sim`: the PST protocol's promises under stress, on the real programs.
//!
//! Each scenario ([`scenario::Scenario`]) runs on the embedded bank with all five programs (natively, or the SBF
//! builds with `PST_SBF=1`): a merchant whose revenue follows a seeded random process (trend, seasonality,
//! noise) and the scenario's shock, three reporters, senior and junior investors, an arbitrageur and noise
//! traders against an external fair price, an LP, and a keeper cranking sweeps, distributions, the band,
//! shortfall cover, harvests and weekly epoch closes ([`engine`]). Every week is read back from the accounts into
//! a [`engine::Row`]; [`report`] writes the CSV, SVG plots and each promise's verdict.
pub mod engine;
pub mod report;
pub mod scenario;
