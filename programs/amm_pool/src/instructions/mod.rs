//! One instruction per file: its `Accounts` struct and its handler. `swap_exact_out` shares `Swap` with
//! `swap_exact_in`, and `withdraw` shares `Liquidity` with `deposit`.
#![allow(ambiguous_glob_reexports)] // every file names its entry point `handler`; lib.rs calls it by path
pub mod claim_seed_liquidity;
pub mod collect_protocol_fees;
pub mod deposit;
pub mod get_twap;
pub mod harvest_dividends;
pub mod initialize_pool;
pub mod set_pool_pause;
pub mod swap_exact_in;
pub mod swap_exact_out;
pub mod update_pool_fees;
pub mod withdraw;

pub use claim_seed_liquidity::*;
pub use collect_protocol_fees::*;
pub use deposit::*;
pub use get_twap::*;
pub use harvest_dividends::*;
pub use initialize_pool::*;
pub use set_pool_pause::*;
pub use swap_exact_in::*;
pub use update_pool_fees::*;
