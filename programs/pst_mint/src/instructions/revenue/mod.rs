//! Revenue and settlement: the revenue feed, reporters' submissions, period acceptance (with the shortfall
//! check and the market-intelligence metrics), sweeps of the revenue share and the merchant's withdrawals.
pub mod accept_period;
pub mod open_revenue_feed;
pub mod submit_report;
pub mod sweep;
pub mod withdraw_settlement;

pub use accept_period::*;
pub use open_revenue_feed::*;
pub use submit_report::*;
pub use sweep::*;
pub use withdraw_settlement::*;
