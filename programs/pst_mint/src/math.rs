//! The shared `pst_math` crate, and `OrOverflow` (from `pst_common::math_errors!`) for this program's errors.
pub use crate::errors::OrOverflow;
pub use pst_math::*;
