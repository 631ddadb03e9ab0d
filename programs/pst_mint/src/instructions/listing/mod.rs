//! Listing and issuance: application, underwriting, the Token-2022 mint and its fixed supply, the public sale
//! and the merchant's vesting, the release of the proceeds (the merchant's financing) and delisting.
pub mod apply_for_listing;
pub mod approve_merchant;
pub mod buy_public;
pub mod claim_vested;
pub mod close_sale;
pub mod create_token;
pub mod delist;
pub mod issue_supply;
pub mod reject_merchant;
pub mod release_proceeds;

pub use apply_for_listing::*;
pub use approve_merchant::*;
pub use buy_public::*;
pub use claim_vested::*;
pub use close_sale::*;
pub use create_token::*;
pub use delist::*;
pub use issue_supply::*;
pub use release_proceeds::*;
