//! Every refusal of `revenue_distributor` has its own named error.
use anchor_lang::prelude::*;

#[error_code]
pub enum DistributorError {
    #[msg("Signer is not an underwriter")]
    NotUnderwriter,
    #[msg("Signer is not the position's owner")]
    NotPositionOwner,
    #[msg("The merchant's supply has not been issued")]
    MerchantNotIssued,
    #[msg("The dividend vault does not belong to this distributor")]
    WrongVault,
    #[msg("The mint does not match the distributor")]
    WrongMint,
    #[msg("The protocol fee must go to the admin's USDC account")]
    WrongFeeDestination,
    #[msg("The position belongs to another distributor")]
    WrongDistributor,
    #[msg("This account has already been initialised")]
    AlreadyInitialized,
    #[msg("Distribution period out of bounds")]
    InvalidDistributionPeriod,
    #[msg("Amount must be greater than zero")]
    ZeroAmount,
    #[msg("Withdrawal exceeds the staked amount")]
    InsufficientStake,
    #[msg("Nothing to claim")]
    NothingToClaim,
    #[msg("No new dividends to distribute")]
    NothingToDistribute,
    #[msg("The position has not opted in to automatic payouts")]
    PositionNotOptedIn,
    #[msg("The payout account is not the one the position registered")]
    WrongPayoutAccount,
    #[msg("The payout account must be the owner's USDC account")]
    InvalidPayoutAccount,
    #[msg("Too many positions in one batch, or an incomplete pair of accounts")]
    InvalidBatch,
    #[msg("The pool's position follows its vault: it cannot deposit or withdraw")]
    CustodyPosition,
    #[msg("Only the merchant's AMM pool may hold a custody position")]
    NotPool,
    #[msg("Only the merchant's reserve (alar_reserve's reserve authority) may open this custody position")]
    NotReserve,
    #[msg("This operation is paused")]
    Paused,
    #[msg("Exits are frozen by the admin")]
    ExitsFrozen,
    #[msg("The pool's stake cannot exceed the PST its vault holds")]
    StakeExceedsCustody,
    #[msg("Arithmetic overflow")]
    MathOverflow,
    #[msg("Account state violates an invariant")]
    InvariantViolated,
    #[msg("Only the merchant's tranche vault (yield_tranches) may open this custody position")]
    NotTrancheVault,
}

pst_common::math_errors!(DistributorError::MathOverflow);
