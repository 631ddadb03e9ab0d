use crate::math::{
    band, claimable, sale_cost, split_supply, stake_requirement, OrOverflow, SupplySplit, VestingSchedule,
};
use crate::{constants::*, errors::PstError};
use anchor_lang::prelude::*;

/// Where a merchant is in its lifecycle.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace)]
pub enum MerchantStatus {
    /// Submitted, waiting for an underwriter.
    Applied,
    /// Approved with its token economics; the PST mint can be created.
    Approved,
    /// Refused by an underwriter (terminal).
    Rejected,
    /// The PST mint and its metadata exist; the supply is not minted yet.
    TokenCreated,
    /// The supply is minted and the public sale is open.
    Sale,
    /// The sale has closed; the merchant is live.
    Active,
    /// The admin ended the listing (after a Default, or at the merchant's request with its obligations
    /// settled); `alar_reserve::release_stake` can return what is left of the stake.
    Delisted,
}

/// Why an underwriter refused an application.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace)]
pub enum RejectionReason {
    InsufficientRevenueHistory,
    InsufficientMargin,
    UnverifiableEvidence,
    ExcessiveRisk,
    Other,
}

/// What the merchant submits.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug, PartialEq, Eq, InitSpace)]
pub struct MerchantProfile {
    /// Token name shown by wallets.
    #[max_len(MAX_NAME_LEN)]
    pub name: String,
    /// Token symbol shown by wallets.
    #[max_len(MAX_SYMBOL_LEN)]
    pub symbol: String,
    /// Token metadata JSON URI.
    #[max_len(MAX_URI_LEN)]
    pub token_uri: String,
    /// SHA-256 of the evidence bundle (store exports, bank statements) the underwriter reviews.
    pub evidence_hash: [u8; 32],
    /// Where the evidence bundle is stored.
    #[max_len(MAX_URI_LEN)]
    pub evidence_uri: String,
    /// Trailing-12-month gross revenue, USDC base units.
    pub trailing_revenue: u64,
    /// Net margin, bps.
    pub margin_bps: u16,
    /// Year-over-year revenue growth, bps (negative for decline).
    pub growth_bps: i32,
    /// Current inventory at cost, USDC base units.
    pub inventory_value: u64,
    /// Months the store has been trading (≤ `MAX_HISTORY_MONTHS`).
    pub history_months: u16,
}

impl MerchantProfile {
    pub fn validate(&self) -> Result<()> {
        require!(!self.name.is_empty() && self.name.len() <= MAX_NAME_LEN, PstError::InvalidName);
        require!(!self.symbol.is_empty() && self.symbol.len() <= MAX_SYMBOL_LEN, PstError::InvalidSymbol);
        require!(self.token_uri.len() <= MAX_URI_LEN, PstError::InvalidUri);
        require!(self.evidence_uri.len() <= MAX_URI_LEN, PstError::InvalidUri);
        require!(self.trailing_revenue > 0, PstError::InvalidMetrics);
        require!(self.margin_bps <= MAX_MARGIN_BPS, PstError::InvalidMetrics);
        require!((MIN_GROWTH_BPS..=MAX_GROWTH_BPS).contains(&self.growth_bps), PstError::InvalidMetrics);
        require!(self.history_months <= MAX_HISTORY_MONTHS, PstError::InvalidMetrics);
        Ok(())
    }
}

/// The token economics an underwriter approves (all zero until approval).
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, Default, PartialEq, Eq, InitSpace)]
pub struct TokenEconomics {
    /// Share of gross revenue paid to holders, bps (default 1000 = 10%).
    pub revenue_share_bps: u16,
    /// Stake the merchant locks in the reserve, bps of market cap at listing (default 500 = 5%).
    pub stake_bps: u16,
    /// PST base units minted once (6 decimals).
    pub total_supply: u64,
    /// USDC base units per whole PST in the public sale.
    pub issue_price: u64,
    /// Split of the supply, bps; sums to 10 000.
    pub merchant_bps: u16,
    pub lp_bps: u16,
    pub public_bps: u16,
    /// Merchant vesting: nothing before the cliff, linear to the end of the duration (seconds from issuance).
    pub vesting_cliff_secs: i64,
    pub vesting_duration_secs: i64,
    /// Most USDC the merchant may withdraw from settlement per reporting period.
    pub withdrawal_limit_per_period: u64,
    /// Public sale window, seconds from issuance.
    pub sale_duration_secs: i64,
}

/// Arguments of `approve_merchant`. `None` for the revenue share or stake takes the protocol default.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub struct ApprovalParams {
    pub revenue_share_bps: Option<u16>,
    pub stake_bps: Option<u16>,
    pub total_supply: u64,
    pub issue_price: u64,
    pub merchant_bps: u16,
    pub lp_bps: u16,
    pub public_bps: u16,
    pub vesting_cliff_secs: i64,
    pub vesting_duration_secs: i64,
    pub withdrawal_limit_per_period: u64,
    pub sale_duration_secs: i64,
}

impl ApprovalParams {
    /// Apply defaults and check every bound.
    pub fn into_economics(self) -> Result<TokenEconomics> {
        let e = TokenEconomics {
            revenue_share_bps: self.revenue_share_bps.unwrap_or(DEFAULT_REVENUE_SHARE_BPS),
            stake_bps: self.stake_bps.unwrap_or(DEFAULT_STAKE_BPS),
            total_supply: self.total_supply,
            issue_price: self.issue_price,
            merchant_bps: self.merchant_bps,
            lp_bps: self.lp_bps,
            public_bps: self.public_bps,
            vesting_cliff_secs: self.vesting_cliff_secs,
            vesting_duration_secs: self.vesting_duration_secs,
            withdrawal_limit_per_period: self.withdrawal_limit_per_period,
            sale_duration_secs: self.sale_duration_secs,
        };
        e.validate()?;
        Ok(e)
    }
}

impl TokenEconomics {
    pub fn validate(&self) -> Result<()> {
        require!(
            (MIN_REVENUE_SHARE_BPS..=MAX_REVENUE_SHARE_BPS).contains(&self.revenue_share_bps),
            PstError::InvalidRevenueShare
        );
        require!((MIN_STAKE_BPS..=MAX_STAKE_BPS).contains(&self.stake_bps), PstError::InvalidStake);
        require!((MIN_TOTAL_SUPPLY..=MAX_TOTAL_SUPPLY).contains(&self.total_supply), PstError::InvalidSupply);
        require!((MIN_ISSUE_PRICE..=MAX_ISSUE_PRICE).contains(&self.issue_price), PstError::InvalidPrice);
        // the whole supply at the issue price (the market cap) must be representable in USDC base units, so no
        // purchase can overflow
        require!(sale_cost(self.total_supply, self.issue_price).is_ok(), PstError::InvalidPrice);
        let sum = self.merchant_bps as u32 + self.lp_bps as u32 + self.public_bps as u32;
        require!(
            sum == BPS_DENOMINATOR as u32
                && self.public_bps >= MIN_PUBLIC_BPS
                && self.lp_bps >= MIN_LP_BPS
                && self.merchant_bps <= MAX_MERCHANT_BPS,
            PstError::InvalidSplit
        );
        require!(
            (MIN_VESTING_DURATION..=MAX_VESTING_DURATION).contains(&self.vesting_duration_secs)
                && self.vesting_cliff_secs >= 0
                && self.vesting_cliff_secs <= self.vesting_duration_secs,
            PstError::InvalidVesting
        );
        require!(self.withdrawal_limit_per_period > 0, PstError::InvalidWithdrawalLimit);
        require!(
            (MIN_SALE_DURATION..=MAX_SALE_DURATION).contains(&self.sale_duration_secs),
            PstError::InvalidSaleDuration
        );
        Ok(())
    }

    /// Refuse economics whose initial PE, from the application's trailing-year revenue, lies outside the band
    /// `[DEFAULT_PE_LOW_BPS, DEFAULT_PE_HIGH_BPS]`.
    pub fn require_initial_pe_in_band(&self, trailing_revenue: u64) -> Result<()> {
        let share = band::annual_share(trailing_revenue as u128, self.revenue_share_bps);
        let cap = sale_cost(self.total_supply, self.issue_price).or_overflow()? as u128;
        let pe = band::pe_bps(cap, share).ok_or(PstError::InitialPeOutsideBand)?;
        require!(
            (DEFAULT_PE_LOW_BPS as u128..=DEFAULT_PE_HIGH_BPS as u128).contains(&pe),
            PstError::InitialPeOutsideBand
        );
        Ok(())
    }

    /// The three allocations; they sum to `total_supply` exactly (the merchant takes the rounding remainder).
    pub fn split(&self) -> Result<SupplySplit> {
        split_supply(self.total_supply, self.lp_bps, self.public_bps).or_overflow()
    }
}

/// Public sale progress.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, Default, PartialEq, Eq, InitSpace)]
pub struct SaleState {
    pub start: i64,
    pub end: i64,
    /// PST put up for sale.
    pub public_supply: u64,
    /// PST sold so far.
    pub sold: u64,
    /// USDC received so far.
    pub proceeds: u64,
}

/// Merchant vesting progress.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, Default, PartialEq, Eq, InitSpace)]
pub struct VestingState {
    pub start: i64,
    pub cliff_secs: i64,
    pub duration_secs: i64,
    /// What vests in all: the merchant allocation (unsold public PST is burned, never added).
    pub total: u64,
    pub claimed: u64,
}

impl VestingState {
    pub fn schedule(&self) -> VestingSchedule {
        VestingSchedule {
            total: self.total,
            start: self.start,
            cliff: self.cliff_secs,
            duration: self.duration_secs,
        }
    }

    pub fn claimable(&self, now: i64) -> Result<u64> {
        claimable(&self.schedule(), self.claimed, now).or_overflow()
    }
}

/// A listed (or applying) merchant. PDA `["merchant", authority]`.
#[account]
#[derive(InitSpace, Debug)]
pub struct Merchant {
    /// The merchant's wallet: applies, creates and issues the token, claims vesting.
    pub authority: Pubkey,
    pub id: u64,
    pub status: MerchantStatus,
    pub profile: MerchantProfile,
    pub applied_at: i64,
    /// The underwriter that approved or rejected.
    pub underwriter: Pubkey,
    pub decided_at: i64,
    pub rejection_reason: Option<RejectionReason>,
    /// Set at approval.
    pub economics: TokenEconomics,
    /// Set when the token is created.
    pub pst_mint: Pubkey,
    pub sale: SaleState,
    pub vesting: VestingState,
    /// The public-sale proceeds have been released (`release_proceeds`, once).
    pub proceeds_released: bool,
    /// Of the proceeds, what went to the reserve's stake at release.
    pub stake_funded: u64,
    /// When the admin delisted the merchant (0 while listed).
    pub delisted_at: i64,
    pub bump: u8,
    /// Bumps of the merchant's token PDAs, stored so instructions verify them without a search.
    pub bumps: MerchantBumps,
}

/// Bumps of the PDAs derived from a merchant (`PST_MINT_SEED`, `*_VAULT_SEED`, `TREASURY_SEED`).
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, Default, PartialEq, Eq, InitSpace)]
pub struct MerchantBumps {
    pub pst_mint: u8,
    pub vesting_vault: u8,
    pub lp_vault: u8,
    pub sale_vault: u8,
    pub treasury: u8,
}

impl Merchant {
    pub fn require_status(&self, status: MerchantStatus) -> Result<()> {
        require!(self.status == status, PstError::InvalidMerchantStatus);
        Ok(())
    }

    /// Whether the supply has been minted (sale open or closed, listed or delisted).
    pub fn is_issued(&self) -> bool {
        matches!(self.status, MerchantStatus::Sale | MerchantStatus::Active | MerchantStatus::Delisted)
    }

    /// Whether the sale has closed (the merchant is live or delisted).
    pub fn sale_closed(&self) -> bool {
        matches!(self.status, MerchantStatus::Active | MerchantStatus::Delisted)
    }

    /// The stake the merchant must keep in its reserve for a PST `supply`: `stake_bps` of its market cap at the
    /// issue price, rounded up.
    pub fn stake_requirement(&self, supply: u64) -> Result<u64> {
        stake_requirement(supply, self.economics.issue_price, self.economics.stake_bps).or_overflow()
    }

    /// Holds after every instruction that mutates a merchant.
    pub fn invariant(&self) -> Result<()> {
        self.profile.validate().map_err(|_| PstError::InvariantViolated)?;
        match self.status {
            MerchantStatus::Applied | MerchantStatus::Rejected => {}
            _ => self.economics.validate().map_err(|_| PstError::InvariantViolated)?,
        }
        require!(
            self.rejection_reason.is_some() == (self.status == MerchantStatus::Rejected),
            PstError::InvariantViolated
        );
        if self.is_issued() {
            let split = self.economics.split()?;
            require!(self.sale.public_supply == split.public, PstError::InvariantViolated);
            require!(self.sale.sold <= self.sale.public_supply, PstError::InvariantViolated);
            require!(self.vesting.claimed <= self.vesting.total, PstError::InvariantViolated);
            // the merchant allocation only: unsold public PST is burned at the close
            require!(self.vesting.total == split.merchant, PstError::InvariantViolated);
        }
        require!(self.sale_closed() || !self.proceeds_released, PstError::InvariantViolated);
        require!(self.stake_funded <= self.sale.proceeds, PstError::InvariantViolated);
        require!(
            (self.delisted_at != 0) == (self.status == MerchantStatus::Delisted),
            PstError::InvariantViolated
        );
        Ok(())
    }

    pub fn signer_seeds(&self) -> [&[u8]; 3] {
        [MERCHANT_SEED, self.authority.as_ref(), core::slice::from_ref(&self.bump)]
    }
}

/// Pay `amount` of `asset` out of one of the merchant's vaults (sale, vesting, settlement), signed by the
/// merchant PDA (their token authority), through `pst_common::transfer_tokens`.
pub fn pay_from_merchant_vault<'info>(
    merchant: &Account<'info, Merchant>,
    asset: pst_common::Asset<'info>,
    token_program: Pubkey,
    vault: AccountInfo<'info>,
    to: AccountInfo<'info>,
    amount: u64,
) -> Result<()> {
    let seeds = merchant.signer_seeds();
    pst_common::transfer_tokens(
        asset,
        token_program,
        vault,
        to,
        merchant.to_account_info(),
        &[&seeds[..]],
        amount,
    )
}
