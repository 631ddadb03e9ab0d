use crate::{
    constants::*,
    errors::{OrOverflow, TrancheError},
};
use anchor_lang::prelude::*;
use pst_math::{tranche, SafeMath, BPS_DENOMINATOR};

/// The senior or the junior tranche.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace)]
pub enum Tranche {
    Senior,
    Junior,
}

impl Tranche {
    /// Index in `Tranches::books` and the byte in the share mint's, escrow's and request's seeds.
    pub fn index(self) -> usize {
        match self {
            Tranche::Senior => 0,
            Tranche::Junior => 1,
        }
    }

    pub fn seed(self) -> [u8; 1] {
        [self.index() as u8]
    }
}

/// Bounded parameters of a tranche vault (admin-set).
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace)]
pub struct TrancheParams {
    pub epoch_secs: i64,
    /// Least `junior / (junior + senior)`, bps: senior deposits fill only up to it, junior redemptions only down
    /// to it.
    pub min_subordination_bps: u16,
    /// USDC kept for redemptions, bps of the assets; net deposits buy PST above it.
    pub buffer_bps: u16,
    /// Most the vault's trades may price away from the TWAP on average, bps.
    pub max_slippage_bps: u16,
    /// The TWAP window that values the PST (at most half an epoch: requests close this long before its end).
    pub twap_window_secs: i64,
}

impl Default for TrancheParams {
    fn default() -> Self {
        TrancheParams {
            epoch_secs: DEFAULT_EPOCH_SECS,
            min_subordination_bps: DEFAULT_MIN_SUBORDINATION_BPS,
            buffer_bps: DEFAULT_BUFFER_BPS,
            max_slippage_bps: DEFAULT_MAX_SLIPPAGE_BPS,
            twap_window_secs: DEFAULT_TWAP_WINDOW_SECS,
        }
    }
}

impl TrancheParams {
    pub fn validate(&self) -> Result<()> {
        require!(
            (MIN_EPOCH_SECS..=MAX_EPOCH_SECS).contains(&self.epoch_secs)
                && (MIN_MIN_SUBORDINATION_BPS..=MAX_MIN_SUBORDINATION_BPS)
                    .contains(&self.min_subordination_bps)
                && self.buffer_bps <= MAX_BUFFER_BPS
                && (MIN_MAX_SLIPPAGE_BPS..=MAX_MAX_SLIPPAGE_BPS).contains(&self.max_slippage_bps)
                && (MIN_TWAP_WINDOW_SECS..=MAX_TWAP_WINDOW_SECS).contains(&self.twap_window_secs)
                // requests stay open for at least half of every epoch
                && self.twap_window_secs.saturating_mul(2) <= self.epoch_secs,
            TrancheError::InvalidParams
        );
        Ok(())
    }
}

/// One tranche's book.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, Default, PartialEq, Eq, InitSpace)]
pub struct Book {
    pub mint: Pubkey,
    pub escrow: Pubkey,
    /// The tranche's value (NAV) at the last close, USDC base units.
    pub value: u64,
    /// Shares outstanding: always the mint's supply.
    pub supply: u64,
    /// Deposit requests' USDC waiting for a close (in the USDC vault).
    pub pending_deposits: u64,
    /// Redemption requests' shares waiting for a close (in the escrow).
    pub pending_redeems: u64,
    /// Shares minted for executed deposits and not yet claimed (in the escrow).
    pub shares_to_claim: u64,
    pub mint_bump: u8,
    pub escrow_bump: u8,
}

/// Running totals, for readers and the conservation checks.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, Default, PartialEq, Eq, InitSpace)]
pub struct TrancheTotals {
    /// USDC requested for deposits (cancellations counted apart).
    pub deposits_requested: u64,
    pub deposits_cancelled: u64,
    /// Redemptions' USDC claimed by investors.
    pub usdc_claimed: u64,
    /// Dividends harvested on the vault's PST.
    pub harvested: u64,
    /// Other USDC that arrived unannounced (donations), counted as income.
    pub absorbed: u64,
    pub backstop_paid: u64,
    pub deposits_executed: u64,
    pub redemptions_paid: u64,
    pub usdc_spent: u64,
    pub pst_bought: u64,
    pub pst_sold: u64,
    pub usdc_received: u64,
}

/// A merchant's tranche vault. PDA `["tranches", merchant]`.
///
/// USDC vault = `usdc` (the vault's own: buffer and income) + both tranches' `pending_deposits` + `usdc_to_claim`
/// (+ anything that arrived since the last close, counted as income at the next). PST vault = `pst`. Each escrow =
/// its tranche's `pending_redeems + shares_to_claim` (+ rounding dust). The tranches' values always add up to the
/// assets at the last close's valuation: `senior.value + junior.value = usdc + pst × last_price`.
#[account]
#[derive(InitSpace, Debug)]
pub struct Tranches {
    pub merchant: Pubkey,
    pub pst_mint: Pubkey,
    pub usdc_mint: Pubkey,
    pub usdc_vault: Pubkey,
    pub pst_vault: Pubkey,
    pub distributor: Pubkey,
    /// The vault's custody position in `revenue_distributor`.
    pub position: Pubkey,
    /// `["pool", merchant]` of `amm_pool`.
    pub pool: Pubkey,
    /// `["reserve", merchant]` of `alar_reserve`.
    pub reserve: Pubkey,
    /// Senior (0) and junior (1).
    pub books: [Book; 2],
    pub usdc: u64,
    pub pst: u64,
    /// Executed redemptions' USDC not yet claimed.
    pub usdc_to_claim: u64,
    /// What senior is owed beyond its value (target yield not paid, and principal lost once junior was wiped):
    /// carried into the next close's claim, and so paid first.
    pub arrears: u64,
    /// The part of `arrears` that is yield: all the reserve's backstop may be asked for (with the next target).
    pub yield_arrears: u64,
    /// Index of the open epoch (records exist for every lower index).
    pub epoch: u32,
    pub epoch_start: i64,
    /// Senior APY of the open epoch, bps (set by the AYM at the last close).
    pub apy_bps: u16,
    /// The TWAP that valued the PST at the last close (Q64.64 USDC per PST base unit; 0 before the first).
    pub last_price_q64: u128,
    pub params: TrancheParams,
    pub totals: TrancheTotals,
    pub bump: u8,
    pub usdc_vault_bump: u8,
    pub pst_vault_bump: u8,
}

impl Tranches {
    pub fn book(&self, t: Tranche) -> &Book {
        &self.books[t.index()]
    }

    pub fn book_mut(&mut self, t: Tranche) -> &mut Book {
        &mut self.books[t.index()]
    }

    pub fn signer_seeds(&self) -> [&[u8]; 3] {
        [TRANCHES_SEED, self.merchant.as_ref(), core::slice::from_ref(&self.bump)]
    }

    /// USDC the accounting says the vault holds.
    pub fn usdc_accounted(&self) -> Result<u64> {
        self.usdc
            .safe_add(self.usdc_to_claim)
            .and_then(|v| v.safe_add(self.books[0].pending_deposits))
            .and_then(|v| v.safe_add(self.books[1].pending_deposits))
            .or_overflow()
    }

    /// The assets at `price_q64`: own USDC plus the PST's value.
    pub fn assets_at(&self, price_q64: u128) -> Result<u64> {
        let v = (self.usdc as u128).safe_add(tranche::pst_value(self.pst, price_q64)).or_overflow()?;
        pst_math::to_u64(v).or_overflow()
    }

    /// Room for senior value beside the junior value and the junior deposits queued: what a senior deposit could
    /// fill at the next close if prices held.
    pub fn senior_room(&self) -> u64 {
        let junior = self.books[1].value.saturating_add(if self.arrears == 0 {
            self.books[1].pending_deposits
        } else {
            0
        });
        tranche::senior_cap(junior, self.params.min_subordination_bps).saturating_sub(self.books[0].value)
    }

    /// When requests and cancellations close for the open epoch: one TWAP window before it ends (a request is
    /// then committed for the whole window that values it, so no one can wait to see the valuation and cancel).
    pub fn requests_close_at(&self) -> i64 {
        self.epoch_start.saturating_add(self.params.epoch_secs).saturating_sub(self.params.twap_window_secs)
    }

    pub fn require_requests_open(&self, now: i64) -> Result<()> {
        require!(now < self.requests_close_at(), TrancheError::RequestWindowClosed);
        Ok(())
    }

    /// Cancellations close with requests, and reopen once the close is overdue by a TWAP window (a close that is
    /// paused or waits for the oracle never locks what is queued).
    pub fn require_cancels_open(&self, now: i64) -> Result<()> {
        let overdue = self
            .epoch_start
            .saturating_add(self.params.epoch_secs)
            .saturating_add(self.params.twap_window_secs);
        require!(now < self.requests_close_at() || now >= overdue, TrancheError::RequestWindowClosed);
        Ok(())
    }

    /// Holds after every instruction that mutates a vault.
    pub fn invariant(&self) -> Result<()> {
        self.params.validate().map_err(|_| TrancheError::InvariantViolated)?;
        require!(
            (tranche::APY_MIN_BPS..=tranche::APY_MAX_BPS).contains(&self.apy_bps),
            TrancheError::InvariantViolated
        );
        self.usdc_accounted().map_err(|_| TrancheError::InvariantViolated)?;
        // senior + junior claims equal the assets at the last valuation
        let values = self.books[0].value as u128 + self.books[1].value as u128;
        require!(values == self.assets_at(self.last_price_q64)? as u128, TrancheError::InvariantViolated);
        // junior absorbs every loss before senior: senior is only owed arrears once junior is worth nothing
        require!(self.arrears == 0 || self.books[1].value == 0, TrancheError::InvariantViolated);
        require!(self.yield_arrears <= self.arrears, TrancheError::InvariantViolated);
        let bps = BPS_DENOMINATOR as u16;
        require!(self.params.min_subordination_bps < bps, TrancheError::InvariantViolated);
        Ok(())
    }

    /// The vaults hold at least what the accounting says (`usdc_balance` may be more: income not yet counted).
    pub fn check_vaults(&self, usdc_balance: u64, pst_balance: u64) -> Result<()> {
        require!(usdc_balance >= self.usdc_accounted()?, TrancheError::InvariantViolated);
        require!(pst_balance >= self.pst, TrancheError::InvariantViolated);
        Ok(())
    }

    /// A tranche's escrow holds its queued redemptions and unclaimed shares, and its mint's supply is at most its
    /// shares outstanding (a holder may burn its own shares: the next close counts the mint's supply, and the
    /// burned shares' value goes to the other holders).
    pub fn check_shares(&self, t: Tranche, escrow_balance: u64, mint_supply: u64) -> Result<()> {
        let b = self.book(t);
        let held = b.pending_redeems.safe_add(b.shares_to_claim).or_overflow()?;
        require!(escrow_balance >= held && mint_supply <= b.supply, TrancheError::InvariantViolated);
        Ok(())
    }
}
