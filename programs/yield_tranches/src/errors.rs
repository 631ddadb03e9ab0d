//! Every refusal of `yield_tranches` has its own named error.
use anchor_lang::prelude::*;

#[error_code]
pub enum TrancheError {
    #[msg("The tranche vault already exists")]
    AlreadyInitialized,
    #[msg("The merchant's pool and reserve must exist first")]
    MerchantNotReady,
    #[msg("The merchant is not active")]
    MerchantNotActive,
    #[msg("This operation of the tranches is paused")]
    Paused,
    #[msg("Exits are frozen by the admin")]
    ExitsFrozen,
    #[msg("Signer is not the protocol admin")]
    NotAdmin,
    #[msg("Signer is not the request's owner")]
    NotRequestOwner,
    #[msg("The account does not belong to this merchant's tranche vault")]
    WrongTranches,
    #[msg("Wrong vault for this tranche vault")]
    WrongVault,
    #[msg("Wrong mint")]
    WrongMint,
    #[msg("The pool is not this merchant's pool")]
    WrongPool,
    #[msg("The reserve is not this merchant's reserve")]
    WrongReserve,
    #[msg("Dividend accounts do not belong to this merchant")]
    WrongDividendAccount,
    #[msg("The request is for the other tranche")]
    WrongTranche,
    #[msg("Amount must be greater than zero")]
    ZeroAmount,
    #[msg("A deposit request must be at least 1 USDC")]
    BelowMinimum,
    #[msg("Tranche parameters out of bounds")]
    InvalidParams,
    #[msg("The epoch has not ended yet")]
    EpochNotEnded,
    #[msg("The pool's TWAP does not cover the valuation window")]
    TwapWindowNotCovered,
    #[msg("The merchant's metrics are stale (no period accepted within two period lengths)")]
    StaleMetrics,
    #[msg("The junior tranche leaves no room for senior deposits (minimum subordination)")]
    SubordinationBreach,
    #[msg("Requests and cancellations close one TWAP window before the epoch ends, until it is closed")]
    RequestWindowClosed,
    #[msg("Epochs closed since the request: claim it first")]
    ClaimFirst,
    #[msg("This owner has no request in this tranche")]
    NoRequest,
    #[msg("Nothing is queued in this request")]
    NothingQueued,
    #[msg("Nothing to claim")]
    NothingToClaim,
    #[msg("Pass the records of the epochs closed since the request, in order")]
    WrongEpochRecord,
    #[msg("Too many epoch records in one claim")]
    TooManyEpochs,
    #[msg("Arithmetic overflow")]
    MathOverflow,
    #[msg("Account state violates an invariant")]
    InvariantViolated,
}

pst_common::math_errors!(TrancheError::MathOverflow);
