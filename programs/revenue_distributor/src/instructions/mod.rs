//! One instruction per file: its `Accounts` struct and its handler.
#![allow(ambiguous_glob_reexports)] // every file names its entry point `handler`; lib.rs calls it by path
pub mod claim;
pub mod deposit;
pub mod distribute;
pub mod initialize_distributor;
pub mod open_pool_position;
pub mod open_position;
pub mod open_reserve_position;
pub mod open_tranche_position;
pub mod push_payouts;
pub mod set_auto_payout;
pub mod sync_pool_stake;
pub mod withdraw;

pub use claim::*;
pub use deposit::*;
pub use distribute::*;
pub use initialize_distributor::*;
pub use open_pool_position::*;
pub use open_position::*;
pub use open_reserve_position::*;
pub use open_tranche_position::*;
pub use push_payouts::*;
pub use set_auto_payout::*;
pub use sync_pool_stake::*;
pub use withdraw::*;
