//! The protocol bootstrap: what a fresh deployment needs before merchants can list.
//!
//! 1. `initialize_config`, signed by the program's upgrade authority (so nobody can front-run it): the admin
//!    (a multisig vault in production), the guardian, the USDC mint and the fees.
//! 2. `set_role` for each underwriter and oracle reporter, signed by the admin. With a multisig admin these are
//!    proposals: the `bootstrap` binary prints them for the multisig instead of sending them.
//!
//! The local chain's demo merchant ([`demo`]) is seeded with this crate's code too.
//!
//! The instructions come from `pst_client`; the test fixture bootstraps every test bank with these same
//! functions, so what is deployed is what is tested.
pub mod demo;

use anchor_lang::{prelude::Pubkey, solana_program::instruction::Instruction};
use pst_client::Client;
use pst_mint::{
    instructions::InitializeConfigParams,
    state::{FeeParams, MerchantRules, Role},
};

/// What to bootstrap with.
#[derive(Debug, Clone)]
pub struct BootstrapParams {
    pub usdc_mint: Pubkey,
    pub admin: Pubkey,
    pub guardian: Pubkey,
    pub fees: FeeParams,
    /// Eligibility thresholds and the inventory floor (`MerchantRules::DEFAULT` unless the deployment says).
    pub merchant_rules: MerchantRules,
    pub underwriters: Vec<Pubkey>,
    pub oracle_reporters: Vec<Pubkey>,
}

/// `initialize_config`, paid by `payer` and signed by the program's `upgrade_authority`.
pub fn initialize_config_ix(payer: &Pubkey, upgrade_authority: &Pubkey, p: &BootstrapParams) -> Instruction {
    let params = InitializeConfigParams {
        admin: p.admin,
        guardian: p.guardian,
        fees: p.fees,
        merchant_rules: p.merchant_rules,
    };
    Client::new(p.usdc_mint).initialize_config(payer, upgrade_authority, params)
}

/// The admin's part of the bootstrap: one `set_role` per underwriter and oracle reporter.
pub fn role_instructions(p: &BootstrapParams) -> Vec<Instruction> {
    let client = Client::new(p.usdc_mint);
    let uw = p.underwriters.iter().map(|k| client.set_role(&p.admin, Role::Underwriter, *k, true));
    let rep = p.oracle_reporters.iter().map(|k| client.set_role(&p.admin, Role::OracleReporter, *k, true));
    uw.chain(rep).collect()
}
