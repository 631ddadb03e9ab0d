//! Account types of `alar_reserve`, each with an `invariant()` checked by every instruction that mutates it.
pub mod cover;
pub mod reserve;
pub mod withdrawal;

pub use cover::*;
pub use reserve::*;
pub use withdrawal::*;
