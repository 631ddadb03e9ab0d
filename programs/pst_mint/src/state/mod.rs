//! Account types. Each has an `invariant()` that every instruction mutating it calls before it returns.
pub mod config;
pub mod feed;
pub mod merchant;
pub mod metrics;
pub mod settlement;

pub use config::*;
pub use feed::*;
pub use merchant::*;
pub use metrics::*;
pub use settlement::*;
