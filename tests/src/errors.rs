//! One-line assertions of named errors.
//!
//! `env.send(..).await.expect_error(PstError::NotAdmin)` checks that the transaction failed with exactly that
//! custom error code and, wherever the failing program's logs reach the transaction, that they name it
//! (`Error Code: NotAdmin. Error Number: 6001`). Programs built as SBF, the SPL programs and the System program
//! log into the transaction; natively built Anchor programs print to stdout instead, so for them the code
//! (unique per program) identifies the error, and the failure message names both sides.
use crate::env::{TxFail, TxResult};
use solana_instruction_error::InstructionError;
use solana_transaction_error::TransactionError;

/// An error a test expects.
pub trait ExpectedError {
    fn code(&self) -> u32;
    fn name(&self) -> String;
    /// The log fragment that names this error.
    fn log_fragment(&self) -> String;
    /// Whether the failing program's logs always reach the transaction (true for SPL and System programs).
    fn always_logged(&self) -> bool;
}

macro_rules! anchor_expected {
    ($t:ty) => {
        impl ExpectedError for $t {
            fn code(&self) -> u32 {
                (*self).into()
            }
            fn name(&self) -> String {
                format!("{self:?}")
            }
            fn log_fragment(&self) -> String {
                format!("Error Code: {}. Error Number: {}", self.name(), self.code())
            }
            fn always_logged(&self) -> bool {
                false
            }
        }
    };
}
anchor_expected!(pst_mint::errors::PstError);
anchor_expected!(anchor_lang::error::ErrorCode);
anchor_expected!(revenue_distributor::errors::DistributorError);
anchor_expected!(amm_pool::errors::AmmError);
anchor_expected!(alar_reserve::errors::ReserveError);
anchor_expected!(yield_tranches::errors::TrancheError);

/// Errors of the System program and the SPL Token programs that tests expect by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuntimeError {
    /// System program: `create_account` at an address that already holds an account (a reinitialisation).
    AccountAlreadyInUse,
    /// SPL Token: the source holds fewer tokens than the transfer.
    TokenInsufficientFunds,
    /// SPL Token: the signer is not the token account's owner.
    TokenOwnerMismatch,
}

impl ExpectedError for RuntimeError {
    fn code(&self) -> u32 {
        match self {
            RuntimeError::AccountAlreadyInUse => 0,
            RuntimeError::TokenInsufficientFunds => 1,
            RuntimeError::TokenOwnerMismatch => 4,
        }
    }
    fn name(&self) -> String {
        format!("{self:?}")
    }
    fn log_fragment(&self) -> String {
        match self {
            RuntimeError::AccountAlreadyInUse => "already in use",
            RuntimeError::TokenInsufficientFunds => "insufficient funds",
            RuntimeError::TokenOwnerMismatch => "owner does not match",
        }
        .to_string()
    }
    fn always_logged(&self) -> bool {
        true
    }
}

/// What a custom error code names, in any PST program or in Anchor (from `pst_client::errors`, which reads the
/// IDLs), for failure messages.
pub fn describe_code(code: u32) -> String {
    let mut names: Vec<String> = pst_client::ids::PROGRAMS
        .iter()
        .filter_map(|(_, id)| pst_client::errors::decode(id, code))
        .map(|e| format!("{} {}", e.program, e.name))
        .collect();
    names.dedup();
    if names.is_empty() {
        format!("custom {code}")
    } else {
        format!("{} ({code})", names.join(" or "))
    }
}

/// Assertions on a transaction's outcome.
pub trait TxResultExt {
    /// The transaction failed with exactly this named error.
    fn expect_error(self, expected: impl ExpectedError);
}

impl TxResultExt for TxResult {
    #[track_caller]
    fn expect_error(self, expected: impl ExpectedError) {
        let want = format!("{} ({})", expected.name(), expected.code());
        let TxFail { error, logs } = match self {
            Ok(ok) => panic!("expected {want}, but the transaction succeeded\n{}", ok.logs.join("\n")),
            Err(fail) => fail,
        };
        let code = match &error {
            TransactionError::InstructionError(_, InstructionError::Custom(code)) => *code,
            other => panic!("expected {want}, got {other:?}\n{}", logs.join("\n")),
        };
        assert_eq!(
            code,
            expected.code(),
            "expected {want}, got {}\n{}",
            describe_code(code),
            logs.join("\n")
        );
        let program_logged = logs.iter().any(|l| l.contains("AnchorError"));
        if expected.always_logged() || program_logged {
            let fragment = expected.log_fragment();
            assert!(
                logs.iter().any(|l| l.contains(&fragment)),
                "code of {want} matched, but no log names it (`{fragment}`)\n{}",
                logs.join("\n")
            );
        }
    }
}

/// The same assertion for a program function called directly (e.g. a read function such as the pool's TWAP).
pub trait AnchorResultExt {
    fn expect_error(self, expected: impl ExpectedError);
}

impl<T: std::fmt::Debug> AnchorResultExt for anchor_lang::Result<T> {
    #[track_caller]
    fn expect_error(self, expected: impl ExpectedError) {
        let want = format!("{} ({})", expected.name(), expected.code());
        match self {
            Ok(v) => panic!("expected {want}, got Ok({v:?})"),
            Err(anchor_lang::error::Error::AnchorError(e)) => {
                assert_eq!(e.error_code_number, expected.code(), "expected {want}, got {}", e.error_name)
            }
            Err(other) => panic!("expected {want}, got {other:?}"),
        }
    }
}

/// Whether a transaction went through (`true`) or was refused with one of `allowed` (`false`); any other refusal
/// fails the test with its logs. For random action sequences, where some refusals are legitimate.
pub fn went_through<E: ExpectedError>(res: TxResult, allowed: &[E]) -> bool {
    match res {
        Ok(_) => true,
        Err(TxFail {
            error: TransactionError::InstructionError(_, InstructionError::Custom(code)), ..
        }) if allowed.iter().any(|e| e.code() == code) => false,
        Err(f) => panic!("unexpected refusal {:?}\n{}", f.error, f.logs.join("\n")),
    }
}
