//! Every refusal of `amm_pool` has its own named error.
use anchor_lang::prelude::*;

#[error_code]
pub enum AmmError {
    #[msg("Signer is not the merchant's authority")]
    NotMerchantAuthority,
    #[msg("The merchant's supply has not been issued")]
    MerchantNotIssued,
    #[msg("The LP allocation vault is empty")]
    EmptyLpAllocation,
    #[msg("Signer is not the protocol admin")]
    NotAdmin,
    #[msg("Signer is neither the guardian nor the admin")]
    NotGuardian,
    #[msg("Only the admin may clear pause flags")]
    UnpauseRequiresAdmin,
    #[msg("Unknown pause flags")]
    InvalidPauseFlags,
    #[msg("This operation of the pool is paused")]
    Paused,
    #[msg("Exits are frozen by the admin")]
    ExitsFrozen,
    #[msg("The mint does not match the pool")]
    WrongMint,
    #[msg("The vault does not belong to this pool")]
    WrongVault,
    #[msg("The account is not the pool's dividend position or distributor")]
    WrongDividendAccount,
    #[msg("The observations account does not belong to this pool")]
    WrongObservations,
    #[msg("A pool vault cannot stand in for the user's own token account")]
    DuplicateAccount,
    #[msg("The destination must be the admin's token account")]
    WrongFeeDestination,
    #[msg("This account has already been initialised")]
    AlreadyInitialized,
    #[msg("Amount must be greater than zero")]
    ZeroAmount,
    #[msg("The trade is too small to pay anything out")]
    ZeroOutput,
    #[msg("The trade would take more than the pool holds")]
    InsufficientLiquidity,
    #[msg("Slippage limit exceeded")]
    SlippageExceeded,
    #[msg("Withdrawal exceeds the LP tokens held")]
    InsufficientLpBalance,
    #[msg("The swap would decrease k")]
    KDecreased,
    #[msg("The operation would decrease the value of an LP token")]
    LpValueDecreased,
    #[msg("Fee parameters out of bounds")]
    InvalidFee,
    #[msg("The pool's observations do not cover the requested TWAP window")]
    TwapWindowNotCovered,
    #[msg("TWAP window out of bounds")]
    InvalidTwapWindow,
    #[msg("No dividends to harvest")]
    NothingToHarvest,
    #[msg("No protocol fees to collect")]
    NothingToCollect,
    #[msg("The seed liquidity is still locked")]
    SeedLiquidityLocked,
    #[msg("No seed liquidity left to claim")]
    NothingToClaim,
    #[msg("Arithmetic overflow")]
    MathOverflow,
    #[msg("Account state violates an invariant")]
    InvariantViolated,
}

pst_common::math_errors!(AmmError::MathOverflow);
