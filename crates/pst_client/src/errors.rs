//! A failed transaction as one clear sentence: the program's named error and its message.
//!
//! Program errors are read from the committed IDLs (`idl/*.json`, which CI keeps equal to the code), so every
//! named error of every program is known here without a hand-written table; Anchor's framework errors (codes
//! below 6000) come from `anchor_lang::error::ErrorCode`.
use crate::{ids, Pubkey};
use solana_instruction_error::InstructionError;
use solana_transaction_error::TransactionError;
use std::sync::OnceLock;

/// One named error of a program.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgramError {
    /// `pst_mint`, `revenue_distributor`, `amm_pool`, or `anchor` for the framework's own errors.
    pub program: String,
    pub code: u32,
    pub name: String,
    pub message: String,
}

impl std::fmt::Display for ProgramError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} refused: {} ({}): {}", self.program, self.name, self.code, self.message)
    }
}

const IDLS: [(&str, &str); 5] = [
    ("pst_mint", include_str!("../../../idl/pst_mint.json")),
    ("revenue_distributor", include_str!("../../../idl/revenue_distributor.json")),
    ("amm_pool", include_str!("../../../idl/amm_pool.json")),
    ("alar_reserve", include_str!("../../../idl/alar_reserve.json")),
    ("yield_tranches", include_str!("../../../idl/yield_tranches.json")),
];

/// (program id, program name, [(code, name, message)]) for every program with an IDL.
#[allow(clippy::type_complexity)]
fn tables() -> &'static Vec<(Pubkey, String, Vec<(u32, String, String)>)> {
    static TABLES: OnceLock<Vec<(Pubkey, String, Vec<(u32, String, String)>)>> = OnceLock::new();
    TABLES.get_or_init(|| {
        IDLS.iter()
            .map(|(name, json)| {
                let idl: serde_json::Value =
                    serde_json::from_str(json).expect("a committed IDL is valid JSON");
                let address =
                    idl["address"].as_str().and_then(|a| a.parse().ok()).expect("the IDL's address");
                let errors = idl["errors"]
                    .as_array()
                    .map(|errors| {
                        errors
                            .iter()
                            .map(|e| {
                                let code = e["code"].as_u64().unwrap_or_default() as u32;
                                let name = e["name"].as_str().unwrap_or_default().to_string();
                                let msg = e["msg"].as_str().unwrap_or_default().to_string();
                                (code, name, msg)
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                (address, name.to_string(), errors)
            })
            .collect()
    })
}

/// Anchor's framework errors the programs can return (account validation, constraints).
fn anchor_error(code: u32) -> Option<ProgramError> {
    use anchor_lang::error::ErrorCode::*;
    const KNOWN: &[anchor_lang::error::ErrorCode] = &[
        InstructionMissing,
        InstructionFallbackNotFound,
        InstructionDidNotDeserialize,
        InstructionDidNotSerialize,
        ConstraintMut,
        ConstraintHasOne,
        ConstraintSigner,
        ConstraintRaw,
        ConstraintOwner,
        ConstraintRentExempt,
        ConstraintSeeds,
        ConstraintExecutable,
        ConstraintState,
        ConstraintAssociated,
        ConstraintAssociatedInit,
        ConstraintClose,
        ConstraintAddress,
        ConstraintZero,
        ConstraintTokenMint,
        ConstraintTokenOwner,
        ConstraintMintMintAuthority,
        ConstraintMintFreezeAuthority,
        ConstraintMintDecimals,
        ConstraintSpace,
        ConstraintAccountIsNone,
        ConstraintTokenTokenProgram,
        ConstraintMintTokenProgram,
        ConstraintAssociatedTokenTokenProgram,
        ConstraintDuplicateMutableAccount,
        AccountDiscriminatorAlreadySet,
        AccountDiscriminatorNotFound,
        AccountDiscriminatorMismatch,
        AccountDidNotDeserialize,
        AccountDidNotSerialize,
        AccountNotEnoughKeys,
        AccountNotMutable,
        AccountOwnedByWrongProgram,
        InvalidProgramId,
        InvalidProgramExecutable,
        AccountNotSigner,
        AccountNotSystemOwned,
        AccountNotInitialized,
        AccountNotProgramData,
        AccountNotAssociatedTokenAccount,
        AccountSysvarMismatch,
        AccountReallocExceedsLimit,
        AccountDuplicateReallocs,
        DeclaredProgramIdMismatch,
        TryingToInitPayerAsProgramAccount,
        InvalidNumericConversion,
    ];
    KNOWN.iter().find(|e| u32::from(**e) == code).map(|e| ProgramError {
        program: "anchor".into(),
        code,
        name: format!("{e:?}"),
        message: e.to_string(),
    })
}

/// The SPL Token program's errors (Token-2022 shares them), by code.
const TOKEN_ERRORS: [(&str, &str); 20] = [
    ("NotRentExempt", "Lamport balance below rent-exempt threshold"),
    ("InsufficientFunds", "Insufficient funds"),
    ("InvalidMint", "Invalid Mint"),
    ("MintMismatch", "Account not associated with this Mint"),
    ("OwnerMismatch", "Owner does not match"),
    ("FixedSupply", "Fixed supply"),
    ("AlreadyInUse", "Already in use"),
    ("InvalidNumberOfProvidedSigners", "Invalid number of provided signers"),
    ("InvalidNumberOfRequiredSigners", "Invalid number of required signers"),
    ("UninitializedState", "State is uninitialized"),
    ("NativeNotSupported", "Instruction does not support native tokens"),
    ("NonNativeHasBalance", "Non-native account can only be closed if its balance is zero"),
    ("InvalidInstruction", "Invalid instruction"),
    ("InvalidState", "State is invalid for requested operation"),
    ("Overflow", "Operation overflowed"),
    ("AuthorityTypeNotSupported", "Account does not support specified authority type"),
    ("MintCannotFreeze", "This token mint cannot freeze accounts"),
    ("AccountFrozen", "Account is frozen"),
    ("MintDecimalsMismatch", "The provided decimals value different from the Mint decimals"),
    ("NonNativeNotSupported", "Instruction does not support non-native tokens"),
];

/// The System program's errors, by code.
const SYSTEM_ERRORS: [(&str, &str); 6] = [
    ("AccountAlreadyInUse", "an account with the same address already exists"),
    ("ResultWithNegativeLamports", "account does not have enough SOL to perform the operation"),
    ("InvalidProgramId", "cannot assign account to this program id"),
    ("InvalidAccountDataLength", "cannot allocate account data of this length"),
    ("MaxSeedLengthExceeded", "length of requested seed is too long"),
    ("AddressWithSeedMismatch", "provided address does not match addressed derived from seed"),
];

/// An error of the SPL Token, Token-2022 or System program (the programs the PST programs call).
fn runtime_program_error(program_id: &Pubkey, code: u32) -> Option<ProgramError> {
    let system = anchor_lang::solana_program::system_program::ID;
    let (program, table): (&str, &[(&str, &str)]) = if *program_id == anchor_spl::token::ID {
        ("spl_token", &TOKEN_ERRORS)
    } else if *program_id == anchor_spl::token_2022::ID {
        ("spl_token_2022", &TOKEN_ERRORS)
    } else if *program_id == system {
        ("system_program", &SYSTEM_ERRORS)
    } else {
        return None;
    };
    let (name, message) = table.get(code as usize)?;
    Some(ProgramError { program: program.into(), code, name: name.to_string(), message: message.to_string() })
}

/// The named error `code` of `program_id` (a PST program's own error, an Anchor framework error, or an error of
/// the SPL Token, Token-2022 or System program), if known.
pub fn decode(program_id: &Pubkey, code: u32) -> Option<ProgramError> {
    if let Some(e) = runtime_program_error(program_id, code) {
        return Some(e);
    }
    if code < anchor_lang::error::ERROR_CODE_OFFSET {
        return anchor_error(code);
    }
    let (_, program, errors) = tables().iter().find(|(id, _, _)| id == program_id)?;
    errors.iter().find(|(c, _, _)| *c == code).map(|(code, name, message)| ProgramError {
        program: program.clone(),
        code: *code,
        name: name.clone(),
        message: message.clone(),
    })
}

/// The name of a PST program, or the id itself.
pub fn program_name(program_id: &Pubkey) -> String {
    ids::PROGRAMS
        .iter()
        .find(|(_, id)| id == program_id)
        .map(|(name, _)| name.to_string())
        .unwrap_or_else(|| program_id.to_string())
}

/// The program that raised a transaction's custom error, read from its logs: the innermost program whose
/// invocation failed (a CPI's callee before its callers). `None` without such a log line.
pub fn failing_program(logs: &[String]) -> Option<Pubkey> {
    logs.iter().find_map(|l| {
        let rest = l.strip_prefix("Program ")?;
        let (id, tail) = rest.split_once(' ')?;
        tail.starts_with("failed: custom program error").then(|| id.parse().ok()).flatten()
    })
}

/// A failed transaction as one sentence, naming the error of the program that raised it: the failing program
/// is read from the logs when they name it (an error raised inside a CPI carries the callee's code, which the
/// top-level program's own table would misname), else the programs in `programs` are tried in order.
pub fn describe_with_logs(error: &TransactionError, logs: &[String], programs: &[Pubkey]) -> String {
    match failing_program(logs) {
        Some(program) => describe(error, &[program]),
        None => describe(error, programs),
    }
}

/// A failed transaction as one sentence. `program_ids[i]` is the program of instruction `i` (the error names the
/// instruction that failed; a custom error raised inside a CPI carries the callee's code, so callers pass the
/// programs they know the transaction reaches, and the first that names the code wins).
pub fn describe(error: &TransactionError, programs: &[Pubkey]) -> String {
    match error {
        TransactionError::InstructionError(i, InstructionError::Custom(code)) => {
            let named =
                programs.iter().chain(ids::PROGRAMS.iter().map(|(_, id)| id)).find_map(|p| decode(p, *code));
            match named {
                Some(e) => format!("instruction {i}: {e}"),
                None => format!("instruction {i} failed with custom error {code}"),
            }
        }
        TransactionError::InstructionError(i, e) => format!("instruction {i} failed: {e}"),
        other => format!("the transaction failed: {other}"),
    }
}
