//! Account types. Each has an `invariant()` that every instruction mutating it calls before it returns.
pub mod config;
pub mod merchant;

pub use config::*;
pub use merchant::*;
