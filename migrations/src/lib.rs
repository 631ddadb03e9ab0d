//! The protocol bootstrap: what a fresh deployment needs before merchants can list.
//!
//! 1. `initialize_config`, signed by the program's upgrade authority (so nobody can front-run it): the admin
//!    (a multisig vault in production), the guardian, the USDC mint and the fees.
//! 2. `set_role` for each underwriter and oracle reporter, signed by the admin. With a multisig admin these are
//!    proposals: the `bootstrap` binary prints them for the multisig instead of sending them.
//!
//! The test fixture bootstraps every test bank with these same functions.
use anchor_lang::{
    prelude::Pubkey,
    solana_program::{bpf_loader_upgradeable, instruction::Instruction},
    system_program, InstructionData, ToAccountMetas,
};
use pst_mint::{
    accounts as acc,
    constants::CONFIG_SEED,
    instruction as ixd,
    instructions::InitializeConfigParams,
    state::{FeeParams, Role},
};

/// What to bootstrap with.
#[derive(Debug, Clone)]
pub struct BootstrapParams {
    pub usdc_mint: Pubkey,
    pub admin: Pubkey,
    pub guardian: Pubkey,
    pub fees: FeeParams,
    pub underwriters: Vec<Pubkey>,
    pub oracle_reporters: Vec<Pubkey>,
}

pub fn config_address() -> Pubkey {
    Pubkey::find_program_address(&[CONFIG_SEED], &pst_mint::ID).0
}

pub fn program_data_address(program: &Pubkey) -> Pubkey {
    Pubkey::find_program_address(&[program.as_ref()], &bpf_loader_upgradeable::ID).0
}

/// `initialize_config`, paid by `payer` and signed by the program's `upgrade_authority`.
pub fn initialize_config_ix(payer: &Pubkey, upgrade_authority: &Pubkey, p: &BootstrapParams) -> Instruction {
    Instruction {
        program_id: pst_mint::ID,
        accounts: acc::InitializeConfig {
            payer: *payer,
            upgrade_authority: *upgrade_authority,
            program_data: program_data_address(&pst_mint::ID),
            config: config_address(),
            usdc_mint: p.usdc_mint,
            system_program: system_program::ID,
        }
        .to_account_metas(None),
        data: ixd::InitializeConfig {
            params: InitializeConfigParams { admin: p.admin, guardian: p.guardian, fees: p.fees },
        }
        .data(),
    }
}

/// `set_role`, signed by the admin.
pub fn set_role_ix(admin: &Pubkey, role: Role, member: Pubkey, enabled: bool) -> Instruction {
    Instruction {
        program_id: pst_mint::ID,
        accounts: acc::SetRole { admin: *admin, config: config_address() }.to_account_metas(None),
        data: ixd::SetRole { role, member, enabled }.data(),
    }
}

/// The admin's part of the bootstrap: one `set_role` per underwriter and oracle reporter.
pub fn role_instructions(p: &BootstrapParams) -> Vec<Instruction> {
    let uw = p.underwriters.iter().map(|k| set_role_ix(&p.admin, Role::Underwriter, *k, true));
    let rep = p.oracle_reporters.iter().map(|k| set_role_ix(&p.admin, Role::OracleReporter, *k, true));
    uw.chain(rep).collect()
}
