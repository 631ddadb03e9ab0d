//! One instruction per file (its `Accounts` struct and its handler), grouped by concern:
//! - [`governance`]: the protocol config, its roles, fees and pause word;
//! - [`listing`]: a merchant's application and approval, token issuance, the public sale and vesting;
//! - [`revenue`]: the revenue oracle, settlement sweeps and withdrawals.
#![allow(ambiguous_glob_reexports)] // every file names its entry point `handler`; lib.rs calls it by path
pub mod governance;
pub mod listing;
pub mod revenue;

pub use governance::*;
pub use listing::*;
pub use revenue::*;
