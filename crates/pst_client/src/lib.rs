//! The PST protocol's client library: everything off-chain builds its instructions and reads its accounts here.
//!
//! - **Addresses**: [`MerchantAddresses`] (every `pst_mint` PDA of a merchant), [`DistributorAddresses`],
//!   [`PoolAddresses`], [`ReserveAddresses`], [`TrancheAddresses`]; all seeds and program ids come from [`ids`] (`pst_ids`).
//! - **Instruction builders**: a [`Client`] (the deployment's USDC mint; program ids are constants) has one
//!   method per instruction of every program, in the module of that program ([`pst_mint`],
//!   [`revenue_distributor`], [`amm_pool`], [`alar_reserve`], [`yield_tranches`]). A builder named `<instruction>_accounts` returns Anchor's account
//!   struct, for a caller that wants to change an account before building (tests do, to try attacks); the
//!   others return the [`Instruction`]. [`pst_ix`], [`rd_ix`], [`amm_ix`], [`alar_ix`] and [`yield_tranches::yt_ix`] turn an account struct and an
//!   argument struct into an instruction; nothing encodes instruction data by hand.
//! - **Readers** ([`read`]): Anchor accounts, token accounts and mints, the pool's zero-copy TWAP buffer, from
//!   raw account data (however it was fetched: RPC, the test bank).
//! - **Errors** ([`errors`]): a failed transaction as the program's named error and its message, from the IDLs.
//!
//! It depends on the Solana SDK crates and the programs' own crates (for their account and argument types)
//! only: no test runtime, no RPC client, so the deployment bootstrap, the tests, a keeper and a CLI can all use it.
pub mod alar_reserve;
pub mod amm_pool;
pub mod errors;
pub mod pst_mint;
pub mod read;
pub mod revenue_distributor;
pub mod yield_tranches;

pub use self::{
    alar_reserve::ReserveAddresses, amm_pool::PoolAddresses, pst_mint::MerchantAddresses,
    revenue_distributor::DistributorAddresses, yield_tranches::TrancheAddresses,
};
pub use anchor_lang::{prelude::Pubkey, solana_program::instruction::Instruction};
pub use pst_ids as ids;

use anchor_lang::{InstructionData, ToAccountMetas};

/// A deployment of the protocol, as a client sees it: the program ids are constants ([`ids`]); the USDC mint is
/// the one the protocol config pins.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Client {
    pub usdc_mint: Pubkey,
}

impl Client {
    pub fn new(usdc_mint: Pubkey) -> Self {
        Client { usdc_mint }
    }
}

/// An instruction to `program_id` from Anchor's generated account struct and argument struct.
pub fn anchor_ix(
    program_id: Pubkey,
    accounts: impl ToAccountMetas,
    args: impl InstructionData,
) -> Instruction {
    Instruction { program_id, accounts: accounts.to_account_metas(None), data: args.data() }
}

/// An instruction to `pst_mint`.
pub fn pst_ix(accounts: impl ToAccountMetas, args: impl InstructionData) -> Instruction {
    anchor_ix(ids::pst_mint::ID, accounts, args)
}

/// An instruction to `revenue_distributor`.
pub fn rd_ix(accounts: impl ToAccountMetas, args: impl InstructionData) -> Instruction {
    anchor_ix(ids::revenue_distributor::ID, accounts, args)
}

/// An instruction to `amm_pool`.
pub fn amm_ix(accounts: impl ToAccountMetas, args: impl InstructionData) -> Instruction {
    anchor_ix(ids::amm_pool::ID, accounts, args)
}

/// An instruction to `alar_reserve`.
pub fn alar_ix(accounts: impl ToAccountMetas, args: impl InstructionData) -> Instruction {
    anchor_ix(ids::alar_reserve::ID, accounts, args)
}

/// The two compute-budget instructions a transaction starts with: a compute-unit limit (from the compute-unit
/// table, with headroom) and a priority fee in micro-lamports per unit.
pub fn compute_budget(units: u32, micro_lamports_per_unit: u64) -> [Instruction; 2] {
    use solana_compute_budget_interface::ComputeBudgetInstruction;
    [
        ComputeBudgetInstruction::set_compute_unit_limit(units),
        ComputeBudgetInstruction::set_compute_unit_price(micro_lamports_per_unit),
    ]
}

/// The PDA of `seeds` under `program`.
pub fn pda(program: &Pubkey, seeds: &[&[u8]]) -> Pubkey {
    Pubkey::find_program_address(seeds, program).0
}

/// A wallet's associated token account for `mint` under `token_program` (classic SPL Token for USDC and LP
/// tokens, Token-2022 for PST).
pub fn associated_token_address(owner: &Pubkey, mint: &Pubkey, token_program: &Pubkey) -> Pubkey {
    anchor_spl::associated_token::get_associated_token_address_with_program_id(owner, mint, token_program)
}

/// The classic SPL Token program (USDC, LP tokens).
pub const TOKEN_PROGRAM: Pubkey = anchor_spl::token::ID;
/// The Token-2022 program (PST).
pub const TOKEN_2022_PROGRAM: Pubkey = anchor_spl::token_2022::ID;
