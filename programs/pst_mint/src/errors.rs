//! Every refusal of `pst_mint` has its own named error.
use anchor_lang::prelude::*;

#[error_code]
pub enum PstError {
    // ---- governance
    #[msg("Only the program's upgrade authority may initialise the protocol config")]
    NotUpgradeAuthority,
    #[msg("Signer is not the protocol admin")]
    NotAdmin,
    #[msg("Signer is not the pending admin")]
    NotPendingAdmin,
    #[msg("No admin transfer is pending")]
    NoPendingAdmin,
    #[msg("Signer is neither the guardian nor the admin")]
    NotGuardian,
    #[msg("Only the admin may clear pause flags")]
    UnpauseRequiresAdmin,
    #[msg("Unknown pause flag")]
    InvalidPauseFlags,
    #[msg("The role set is full")]
    RoleSetFull,
    #[msg("The key already holds this role")]
    RoleMemberExists,
    #[msg("The key does not hold this role")]
    RoleMemberMissing,
    #[msg("The guardian can be replaced, not removed")]
    GuardianCannotBeRemoved,
    #[msg("The default (all-zero) key cannot hold a role")]
    InvalidRoleMember,
    #[msg("This account has already been initialised")]
    AlreadyInitialized,
    #[msg("Fee parameter out of bounds")]
    FeeOutOfBounds,
    #[msg("This operation is paused")]
    Paused,
    #[msg("An exit freeze lasts 1 second to 3 days")]
    InvalidExitFreeze,
    #[msg("Exits are already frozen: a freeze cannot be extended")]
    ExitFreezeActive,
    #[msg("Exits must stay open for a day after a freeze before the next one")]
    ExitFreezeCooldown,
    // ---- listing
    #[msg("Signer is not an underwriter")]
    NotUnderwriter,
    #[msg("Signer is not the merchant's authority")]
    NotMerchantAuthority,
    #[msg("An underwriter cannot decide its own application")]
    SelfUnderwriting,
    #[msg("The merchant is not in the state this operation needs")]
    InvalidMerchantStatus,
    #[msg("Name must be 1 to 32 bytes")]
    InvalidName,
    #[msg("Symbol must be 1 to 10 bytes")]
    InvalidSymbol,
    #[msg("URI must be at most 200 bytes")]
    InvalidUri,
    #[msg("Store metrics out of bounds")]
    InvalidMetrics,
    #[msg("Revenue share must be 1% to 50%")]
    InvalidRevenueShare,
    #[msg("Reserve stake must be 1% to 20% of market cap")]
    InvalidStake,
    #[msg("Total supply out of bounds")]
    InvalidSupply,
    #[msg("Issue price out of bounds, or supply × price (the market cap) overflows")]
    InvalidPrice,
    #[msg("Supply split must sum to 100% with at least 1% public and 1% LP and at most 80% merchant")]
    InvalidSplit,
    #[msg("Vesting schedule out of bounds")]
    InvalidVesting,
    #[msg("Withdrawal limit must be positive")]
    InvalidWithdrawalLimit,
    #[msg("Sale window must be 1 hour to 90 days")]
    InvalidSaleDuration,
    // ---- tokens and sale
    #[msg("The USDC mint does not match the protocol config")]
    WrongUsdcMint,
    #[msg("The PST mint does not match the merchant")]
    WrongPstMint,
    #[msg("The public sale has ended")]
    SaleEnded,
    #[msg("The public sale is still open")]
    SaleStillOpen,
    #[msg("Not enough PST left in the public sale")]
    InsufficientSaleSupply,
    #[msg("Amount must be greater than zero")]
    ZeroAmount,
    #[msg("Cost exceeds the buyer's maximum")]
    SlippageExceeded,
    #[msg("Vesting cliff not reached")]
    VestingCliffNotReached,
    #[msg("Nothing to claim")]
    NothingToClaim,
    // ---- oracle and settlement
    #[msg("Signer is not an oracle reporter")]
    NotOracleReporter,
    #[msg("The period has not ended yet")]
    PeriodNotEnded,
    #[msg("The period has already been accepted")]
    PeriodAlreadyAccepted,
    #[msg("Periods are accepted in order: this is not the next one")]
    OutOfOrderPeriod,
    #[msg("Oracle data is stale")]
    Stale,
    #[msg("Not enough oracle responses")]
    InsufficientResponses,
    #[msg("Oracle responses diverge beyond the allowed variance")]
    ExcessiveVariance,
    #[msg("No accepted value for this period")]
    UnknownPeriod,
    #[msg("The feed or report does not belong to this merchant's feed")]
    WrongFeed,
    #[msg("The Switchboard feed is not owned by the Switchboard On-Demand program")]
    WrongFeedOwner,
    #[msg("The Switchboard feed account could not be decoded")]
    InvalidFeedData,
    #[msg("An oracle value is out of range")]
    InvalidOracleValue,
    #[msg("Feed rules out of bounds")]
    InvalidFeedRules,
    #[msg("No new inflow to sweep")]
    NothingToSweep,
    #[msg("The period named is not the period in progress")]
    WrongPeriod,
    #[msg("Amount exceeds the merchant's withdrawable settlement balance")]
    InsufficientSettlementBalance,
    #[msg("Withdrawal exceeds the per-period limit")]
    WithdrawalLimitExceeded,
    // ---- financing and health
    #[msg("The sale proceeds have already been released")]
    ProceedsAlreadyReleased,
    #[msg("The merchant's reserve is not initialised (alar_reserve::initialize_reserve)")]
    ReserveNotInitialized,
    #[msg("Settlement is frozen: the merchant is in Default with a shortfall the reserve has not covered")]
    ShortfallUncovered,
    #[msg("Settlement is frozen: the merchant is in Default and its stake is below the requirement")]
    StakeBelowRequirement,
    #[msg("Delisting needs a Default, or the merchant's request with every shortfall covered")]
    DelistNotAllowed,
    #[msg("The economics put the initial PE (market cap / annual revenue share) outside the reserve's band")]
    InitialPeOutsideBand,
    #[msg("Arithmetic overflow")]
    MathOverflow,
    #[msg("Account state violates an invariant")]
    InvariantViolated,
    // ---- merchant data (eligibility, inventory)
    #[msg("Trailing revenue is below the protocol's minimum for a listing")]
    RevenueBelowMinimum,
    #[msg("Operating history is shorter than the protocol's minimum for a listing")]
    HistoryTooShort,
    #[msg("Merchant rules out of bounds")]
    InvalidMerchantRules,
}

pst_common::math_errors!(PstError::MathOverflow);
