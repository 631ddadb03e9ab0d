//! One instruction per file: its `Accounts` struct and its handler.
#![allow(ambiguous_glob_reexports)] // every file names its entry point `handler`; lib.rs calls it by path
pub mod accept_admin;
pub mod apply_for_listing;
pub mod approve_merchant;
pub mod buy_public;
pub mod claim_vested;
pub mod close_sale;
pub mod create_token;
pub mod initialize_config;
pub mod issue_supply;
pub mod propose_admin;
pub mod reject_merchant;
pub mod set_pause;
pub mod set_role;
pub mod update_fees;

pub use accept_admin::*;
pub use apply_for_listing::*;
pub use approve_merchant::*;
pub use buy_public::*;
pub use claim_vested::*;
pub use close_sale::*;
pub use create_token::*;
pub use initialize_config::*;
pub use issue_supply::*;
pub use propose_admin::*;
pub use reject_merchant::*;
pub use set_pause::*;
pub use set_role::*;
pub use update_fees::*;
