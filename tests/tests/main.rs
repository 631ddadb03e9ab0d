//! The integration suite: one test binary (one link of `solana-program-test` and every program), a module per
//! program and one for what spans programs. Every test runs on the embedded bank of `pst_tests::Env`, natively
//! or, with `PST_SBF=1`, on the SBF VM.
#![allow(deprecated)] // solana-program-test 3.x marks its API "Agave Unstable API"

mod alar_reserve;
mod amm_pool;
mod cross_program;
mod pst_mint;
mod revenue_distributor;
mod yield_tranches;
