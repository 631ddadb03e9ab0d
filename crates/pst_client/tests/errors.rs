//! Errors decode to the program's own name and message, from the committed IDLs.
use anchor_lang::error::ErrorCode;
use pst_client::{errors, ids};
use solana_instruction_error::InstructionError;
use solana_transaction_error::TransactionError;

#[test]
fn program_errors_decode_by_program() {
    let cases: [(ids::Pubkey, u32, &str); 4] = [
        (ids::pst_mint::ID, pst_mint::errors::PstError::NotAdmin.into(), "NotAdmin"),
        (
            ids::revenue_distributor::ID,
            revenue_distributor::errors::DistributorError::NotPool.into(),
            "NotPool",
        ),
        (ids::amm_pool::ID, amm_pool::errors::AmmError::KDecreased.into(), "KDecreased"),
        (ids::amm_pool::ID, ErrorCode::ConstraintSeeds.into(), "ConstraintSeeds"),
    ];
    for (program, code, name) in cases {
        let e = errors::decode(&program, code).unwrap_or_else(|| panic!("{name} not decoded"));
        assert_eq!(e.name, name);
        assert!(!e.message.is_empty());
    }
    // the same code names different errors in different programs
    let code: u32 = pst_mint::errors::PstError::NotAdmin.into();
    assert_ne!(errors::decode(&ids::amm_pool::ID, code).unwrap().name, "NotAdmin");
    assert!(errors::decode(&ids::pst_mint::ID, 9_999).is_none());
}

#[test]
fn a_failed_transaction_is_one_sentence() {
    let code: u32 = amm_pool::errors::AmmError::SlippageExceeded.into();
    let error = TransactionError::InstructionError(0, InstructionError::Custom(code));
    let text = errors::describe(&error, &[ids::amm_pool::ID]);
    assert_eq!(text, "instruction 0: amm_pool refused: SlippageExceeded (6019): Slippage limit exceeded");
    assert!(!text.contains('\n'));
}

/// An error raised inside a CPI (the pool calling `revenue_distributor`) is named after the callee, read from
/// the logs, not after the top-level program whose table has another error at that code.
#[test]
fn an_error_inside_a_cpi_is_named_after_the_program_that_raised_it() {
    let code: u32 = revenue_distributor::errors::DistributorError::WrongVault.into();
    let error = TransactionError::InstructionError(0, InstructionError::Custom(code));
    let (pool, rd) = (ids::amm_pool::ID, ids::revenue_distributor::ID);
    let logs = vec![
        format!("Program {pool} invoke [1]"),
        format!("Program {rd} invoke [2]"),
        format!("Program {rd} failed: custom program error: 0x{code:x}"),
        format!("Program {pool} failed: custom program error: 0x{code:x}"),
    ];
    assert_eq!(errors::failing_program(&logs), Some(rd));
    let text = errors::describe_with_logs(&error, &logs, &[pool]);
    assert!(text.contains("revenue_distributor refused: WrongVault"), "{text}");
    // without logs, the caller's guess is used
    let text = errors::describe_with_logs(&error, &[], &[pool]);
    assert!(text.starts_with("instruction 0: amm_pool refused"), "{text}");
}

#[test]
fn token_and_system_program_errors_are_named() {
    use anchor_lang::solana_program::system_program;
    let e = pst_client::errors::decode(&pst_client::TOKEN_PROGRAM, 1).expect("a token error");
    assert_eq!((e.program.as_str(), e.name.as_str()), ("spl_token", "InsufficientFunds"));
    let e = pst_client::errors::decode(&pst_client::TOKEN_2022_PROGRAM, 17).expect("a Token-2022 error");
    assert_eq!((e.program.as_str(), e.name.as_str()), ("spl_token_2022", "AccountFrozen"));
    let e = pst_client::errors::decode(&system_program::ID, 0).expect("a system error");
    assert_eq!(e.name, "AccountAlreadyInUse");
    assert!(pst_client::errors::decode(&system_program::ID, 99).is_none());
    // a token error raised inside a PST program's CPI is named after the token program, read from the logs
    let logs = vec![
        format!("Program {} invoke [1]", ids::amm_pool::ID),
        format!("Program {} invoke [2]", pst_client::TOKEN_PROGRAM),
        format!("Program {} failed: custom program error: 0x1", pst_client::TOKEN_PROGRAM),
        format!("Program {} failed: custom program error: 0x1", ids::amm_pool::ID),
    ];
    let error = TransactionError::InstructionError(0, InstructionError::Custom(1));
    let s = pst_client::errors::describe_with_logs(&error, &logs, &[ids::amm_pool::ID]);
    assert_eq!(s, "instruction 0: spl_token refused: InsufficientFunds (1): Insufficient funds");
}
