//! The shared test fixture for every PST program, and the client helpers the demo uses.
//!
//! - [`Env`] starts the embedded bank with the workspace programs (natively, see `engineering.md`) and the
//!   SPL programs, creates USDC and funded wallets, controls the clock, sends transactions and returns their
//!   logs.
//! - [`TxResultExt::expect_error`] asserts a named error (program, Anchor, system or token) in one line.
//! - [`pst`] builds `pst_mint` instructions and runs its flows (listing, issuance, sale, vesting).
pub mod cu;
pub mod dividends;
pub mod env;
pub mod errors;
pub mod pool;
pub mod pst;
pub mod revenue;

pub use dividends::*;
pub use env::*;
pub use errors::*;
pub use pool::*;
pub use pst::*;
pub use revenue::*;

pub use anchor_lang::{
    prelude::Pubkey, solana_program::instruction::Instruction, AccountDeserialize, InstructionData,
    ToAccountMetas,
};
pub use solana_keypair::Keypair;
pub use solana_signer::Signer;

/// Wrap an Anchor program's `entry` for `processor!`.
///
/// Anchor's generated `entry` ties every borrow to one lifetime `'info`; `processor!` wants a function whose
/// argument lifetimes are independent. The wrapper narrows them to one lifetime for the duration of the call
/// (a lifetime-only transmute: the data is not touched and nothing outlives the call).
#[macro_export]
macro_rules! anchor_processor {
    ($program:ident) => {{
        fn entry_wrapper(
            program_id: &anchor_lang::prelude::Pubkey,
            accounts: &[anchor_lang::prelude::AccountInfo],
            data: &[u8],
        ) -> anchor_lang::solana_program::entrypoint::ProgramResult {
            // SAFETY: only lifetimes change; every reference stays valid until this call returns.
            let accounts: &[anchor_lang::prelude::AccountInfo] = unsafe { std::mem::transmute(accounts) };
            $program::entry(program_id, accounts, data)
        }
        solana_program_test::processor!(entry_wrapper)
    }};
}
