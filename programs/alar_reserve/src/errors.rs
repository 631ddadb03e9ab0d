//! Every refusal of `alar_reserve` has its own named error.
use anchor_lang::prelude::*;

#[error_code]
pub enum ReserveError {
    #[msg("The reserve already exists")]
    AlreadyInitialized,
    #[msg("The merchant's supply has not been issued")]
    MerchantNotIssued,
    #[msg("This operation of the reserve is paused")]
    Paused,
    #[msg("Signer is not the protocol admin")]
    NotAdmin,
    #[msg("Signer is neither the guardian nor the admin")]
    NotGuardian,
    #[msg("Signer is not the merchant's authority")]
    NotMerchantAuthority,
    #[msg("The account does not belong to this merchant's reserve")]
    WrongReserve,
    #[msg("Wrong vault for this reserve")]
    WrongVault,
    #[msg("Wrong mint")]
    WrongMint,
    #[msg("The pool is not this merchant's pool")]
    WrongPool,
    #[msg("Dividend accounts do not belong to this merchant")]
    WrongDividendAccount,
    #[msg("Amount must be greater than zero")]
    ZeroAmount,
    #[msg("Reserve parameters out of bounds")]
    InvalidParams,
    #[msg("The admin has frozen exits; they reopen by themselves")]
    ExitsFrozen,
    #[msg("The merchant is not listed: the band trades only for an active merchant")]
    MerchantNotActive,
    // ---- shortfall cover
    #[msg("The period is not in the merchant's metrics history")]
    PeriodNotInHistory,
    #[msg("The period was not recorded short")]
    PeriodNotShort,
    #[msg("The period's shortfall is already covered in full")]
    PeriodAlreadyCovered,
    #[msg("The stake is exhausted: nothing left to cover with")]
    StakeExhausted,
    // ---- stabilisation
    #[msg("The band was traded less than the cooldown ago")]
    CooldownActive,
    #[msg("The merchant's metrics are stale: no period accepted within two period lengths")]
    StaleMetrics,
    #[msg("Too short a history: the band needs at least three accepted periods")]
    HistoryTooShort,
    #[msg("The merchant has no earnings: no PE")]
    NoEarnings,
    #[msg("The pool's TWAP does not cover the reserve's window")]
    TwapWindowNotCovered,
    #[msg("The TWAP and the spot price are not both outside the band on the same side")]
    BandNotCrossed,
    #[msg("The reserve has nothing to trade on this side (no USDC above the floor, or no PST)")]
    NothingToTrade,
    #[msg("The trade would move the price past the band edge")]
    PastBandEdge,
    // ---- backstop
    #[msg("Only the merchant's tranche vault (yield_tranches, by CPI) may draw on the senior backstop")]
    NotTrancheVault,
    // ---- release and treasury
    #[msg("The merchant is not delisted")]
    NotDelisted,
    #[msg("A recorded shortfall is uncovered while stake remains: cover it first")]
    ObligationsOutstanding,
    #[msg("The stake has already been released")]
    AlreadyReleased,
    #[msg("The period in progress at delisting is not accepted yet: its shortfall may still be recorded")]
    FinalPeriodNotAccepted,
    #[msg("The timelock has not elapsed")]
    TimelockNotElapsed,
    #[msg("The withdrawal was cancelled")]
    ProposalCancelled,
    #[msg("The withdrawal was already executed")]
    ProposalExecuted,
    #[msg("Not enough reserve USDC above the floor (the merchant's stake is never withdrawable)")]
    InsufficientReserveUsdc,
    #[msg("A withdrawal goes to the admin's USDC account or to another merchant's reserve vault")]
    InvalidDestination,
    #[msg("Arithmetic overflow")]
    MathOverflow,
    #[msg("Account state violates an invariant")]
    InvariantViolated,
    #[msg("Nothing to harvest: no dividends and no USDC arrived since the last harvest")]
    NothingToHarvest,
}

pst_common::math_errors!(ReserveError::MathOverflow);
