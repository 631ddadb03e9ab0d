//! The shared test fixture for every PST program, used by the integration tests (`tests/tests/main.rs`), the
//! demo and the benchmarks.
//!
//! - [`Env`] starts the embedded bank with the workspace programs (natively, or as SBF with `PST_SBF=1`) and
//!   the SPL programs, creates USDC and funded wallets, controls the clock, sends transactions and returns their
//!   logs. It dereferences to `pst_client::Client`, so every instruction builder is a method of the fixture.
//! - [`TxResultExt::expect_error`] asserts a named error (program, Anchor, system or token) in one line.
//! - One module per program (`pst_mint`, `revenue_distributor`, `amm_pool`, `alar_reserve`): its actors, whole flows and its
//!   conservation check; [`assert_all_conserved`](Env::assert_all_conserved) composes them.
pub mod cu;
mod env;
mod errors;

// named after the programs; private, so that `use pst_tests::*` brings their items, not module names that would
// shadow the program crates
mod alar_reserve;
mod amm_pool;
mod pst_mint;
mod revenue_distributor;
mod yield_tranches;

pub use self::{
    alar_reserve::*, amm_pool::*, env::*, errors::*, pst_mint::*, revenue_distributor::*, yield_tranches::*,
};

pub use anchor_lang::{
    prelude::Pubkey, solana_program::instruction::Instruction, AccountDeserialize, InstructionData,
    ToAccountMetas,
};
pub use pst_client::{
    self, alar_ix, amm_ix, amm_pool::UserTokens, pst_ix, rd_ix, Client, DistributorAddresses,
    MerchantAddresses, PoolAddresses, ReserveAddresses, TrancheAddresses,
};
pub use solana_keypair::Keypair;
pub use solana_signer::Signer;

impl Env {
    /// Every conservation check that applies to `m`, each from the module of the program it checks: PST
    /// (`pst_mint`, once issued), settlement USDC (`pst_mint`, once the revenue feed is open), dividends
    /// (`revenue_distributor`, once the distributor exists) and the pool (`amm_pool`, once it is open), the reserve and the tranche vault.
    pub async fn assert_all_conserved(&mut self, m: &MerchantKeys) {
        let issued = self.raw_account(&m.pst_mint).await.is_some() && self.merchant(m).await.is_issued();
        if issued {
            self.assert_pst_conserved(m).await;
        }
        if self.raw_account(&m.feed).await.is_some() {
            self.assert_usdc_conserved(m).await;
        }
        if self.raw_account(&DistributorAddresses::of(m).distributor).await.is_some() {
            self.assert_dividends_conserved(m).await;
        }
        if self.raw_account(&PoolAddresses::of(m).pool).await.is_some() {
            self.assert_pool_conserved(m).await;
        }
        self.assert_reserve_conserved(m).await;
        self.assert_tranches_conserved(m).await;
    }
}

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
