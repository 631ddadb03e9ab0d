//! `pst_mint`: governance, listing, issuance, the sale, vesting, the revenue oracle and settlement.
mod actions;
mod attacks;
mod governance;
mod issuance;
mod listing;
mod merchant_data;
mod revenue;
mod sale;
mod settlement_actions;
mod vesting;
