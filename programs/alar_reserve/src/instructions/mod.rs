//! One instruction per file: its `Accounts` struct and its handler.
#![allow(ambiguous_glob_reexports)] // every file names its entry point `handler`; lib.rs calls it by path
pub mod cancel_withdrawal;
pub mod cover_senior;
pub mod cover_shortfall;
pub mod deposit_stake;
pub mod execute_withdrawal;
pub mod harvest;
pub mod initialize_reserve;
pub mod propose_withdrawal;
pub mod release_stake;
pub mod set_reserve_params;
pub mod stabilize;

pub use cancel_withdrawal::*;
pub use cover_senior::*;
pub use cover_shortfall::*;
pub use deposit_stake::*;
pub use execute_withdrawal::*;
pub use harvest::*;
pub use initialize_reserve::*;
pub use propose_withdrawal::*;
pub use release_stake::*;
pub use set_reserve_params::*;
pub use stabilize::*;
