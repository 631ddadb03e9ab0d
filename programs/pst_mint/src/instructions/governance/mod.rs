//! Governance: the protocol config (upgrade authority only), the two-step admin transfer, roles, fees, the
//! merchant rules and the pause word.
pub mod accept_admin;
pub mod freeze_exits;
pub mod initialize_config;
pub mod propose_admin;
pub mod set_merchant_rules;
pub mod set_pause;
pub mod set_role;
pub mod update_fees;

pub use accept_admin::*;
pub use freeze_exits::*;
pub use initialize_config::*;
pub use propose_admin::*;
pub use set_merchant_rules::*;
pub use set_pause::*;
pub use set_role::*;
pub use update_fees::*;
