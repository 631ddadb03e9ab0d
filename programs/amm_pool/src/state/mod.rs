//! Account types. Each has an `invariant()` that every instruction mutating it calls before it returns.
pub mod observations;
pub mod pool;

pub use observations::*;
pub use pool::*;
