//! Glue between the shared `pst_math` crate and this program's errors.
use crate::errors::PstError;
use anchor_lang::prelude::*;
pub use pst_math::*;

/// Turn a `pst_math` result into this program's `MathOverflow`, logging the source line that overflowed.
pub trait OrOverflow<T> {
    fn or_overflow(self) -> Result<T>;
}

impl<T> OrOverflow<T> for core::result::Result<T, MathError> {
    #[inline]
    fn or_overflow(self) -> Result<T> {
        self.map_err(|e| {
            msg!("math overflow at {}:{}", e.location.file(), e.location.line());
            PstError::MathOverflow.into()
        })
    }
}
