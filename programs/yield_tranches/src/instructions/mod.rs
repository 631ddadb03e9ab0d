//! One instruction per file: its `Accounts` struct and its handler.
#![allow(ambiguous_glob_reexports)] // every file names its entry point `handler`; lib.rs calls it by path
pub mod cancel_request;
pub mod claim_request;
pub mod close_epoch;
pub mod initialize_tranches;
pub mod request_deposit;
pub mod request_redeem;
pub mod set_tranche_params;

pub use cancel_request::*;
pub use close_epoch::*;
pub use initialize_tranches::*;
pub use request_deposit::*;
pub use request_redeem::*;
pub use set_tranche_params::*;
