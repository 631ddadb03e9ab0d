//! Account types. Each has an `invariant()` that every instruction mutating it calls before it returns.
pub mod distributor;
pub mod position;

pub use distributor::*;
pub use position::*;
