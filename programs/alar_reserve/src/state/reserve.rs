use crate::{constants::*, errors::ReserveError};
use anchor_lang::prelude::*;
use pst_math::{band, SafeMath};

use crate::errors::OrOverflow;

/// Bounded parameters of a reserve (admin-set).
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace)]
pub struct ReserveParams {
    /// Buy below this PE, bps.
    pub pe_low_bps: u32,
    /// Sell above this PE, bps.
    pub pe_high_bps: u32,
    /// Most of its capacity (USDC above the floor for a buy, PST for a sell) one crank trades, bps.
    pub slice_bps: u16,
    /// Least time between two trades.
    pub cooldown_secs: i64,
    /// The TWAP window the band reads.
    pub twap_window_secs: i64,
    /// Share of the reserve's USDC above the floor one `cover_senior` may pay, bps.
    pub senior_cap_bps: u16,
    /// Delay of a treasury withdrawal.
    pub timelock_secs: i64,
}

impl Default for ReserveParams {
    fn default() -> Self {
        ReserveParams {
            pe_low_bps: DEFAULT_PE_LOW_BPS,
            pe_high_bps: DEFAULT_PE_HIGH_BPS,
            slice_bps: DEFAULT_SLICE_BPS,
            cooldown_secs: DEFAULT_COOLDOWN_SECS,
            twap_window_secs: DEFAULT_TWAP_WINDOW_SECS,
            senior_cap_bps: DEFAULT_SENIOR_CAP_BPS,
            timelock_secs: DEFAULT_TIMELOCK_SECS,
        }
    }
}

impl ReserveParams {
    pub fn validate(&self) -> Result<()> {
        let edges = (MIN_PE_BPS..=MAX_PE_BPS).contains(&self.pe_low_bps)
            && (MIN_PE_BPS..=MAX_PE_BPS).contains(&self.pe_high_bps)
            && self.pe_high_bps >= self.pe_low_bps.saturating_add(MIN_BAND_WIDTH_BPS);
        require!(
            edges
                && (MIN_SLICE_BPS..=MAX_SLICE_BPS).contains(&self.slice_bps)
                && (MIN_COOLDOWN_SECS..=MAX_COOLDOWN_SECS).contains(&self.cooldown_secs)
                && (MIN_TWAP_WINDOW_SECS..=MAX_TWAP_WINDOW_SECS).contains(&self.twap_window_secs)
                && self.senior_cap_bps <= MAX_SENIOR_CAP_BPS
                && (MIN_TIMELOCK_SECS..=MAX_TIMELOCK_SECS).contains(&self.timelock_secs),
            ReserveError::InvalidParams
        );
        Ok(())
    }
}

/// Running totals, for readers and for the conservation checks.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, Default, PartialEq, Eq, InitSpace)]
pub struct ReserveTotals {
    /// Stake deposited with `deposit_stake`.
    pub stake_deposited: u64,
    /// Stake sent from the sale proceeds by `pst_mint::release_proceeds`.
    pub stake_from_proceeds: u64,
    /// USDC that arrived unannounced and joined the reserve's own USDC: contributions from each distribution,
    /// and donations.
    pub absorbed: u64,
    /// Dividends earned on the reserve's PST.
    pub harvested: u64,
    pub usdc_spent: u64,
    pub pst_bought: u64,
    pub pst_sold: u64,
    pub usdc_received: u64,
    pub senior_paid: u64,
    pub withdrawn: u64,
    pub stake_released: u64,
    pub pst_released: u64,
}

/// A merchant's reserve. PDA `["reserve", merchant]`.
///
/// **The first four fields are a fixed head** that `pst_mint` reads without depending on this program
/// (`pst_common::ReserveHead`): keep them first, in this order.
///
/// USDC vault (`usdc_vault`, `revenue_distributor`'s contribution vault) = `stake` + `usdc`: the merchant's locked
/// stake, and the reserve's own USDC (contributions, dividends on its PST, proceeds of its sales, donations).
/// PST vault = `pst` (plus donations, which earn nothing). Every instruction that moves or reads its USDC first
/// counts what arrived since the last one ([`Reserve::absorb`]).
#[account]
#[derive(InitSpace, Debug)]
pub struct Reserve {
    pub merchant: Pubkey,
    /// The merchant's locked stake, USDC base units: slashed by shortfall covers, returned on delisting.
    pub stake: u64,
    /// All paid toward recorded shortfalls.
    pub covered_total: u64,
    /// How much of the merchant's `stake_funded` has been counted in `stake`.
    pub stake_funded_seen: u64,
    // ---- end of the fixed head
    pub pst_mint: Pubkey,
    pub usdc_mint: Pubkey,
    pub usdc_vault: Pubkey,
    pub pst_vault: Pubkey,
    pub distributor: Pubkey,
    /// The reserve's custody position in `revenue_distributor`.
    pub position: Pubkey,
    /// The merchant's AMM pool (`["pool", merchant]` of `amm_pool`).
    pub pool: Pubkey,
    /// The reserve's own USDC (not the stake).
    pub usdc: u64,
    /// The reserve's PST (its custody stake).
    pub pst: u64,
    pub params: ReserveParams,
    /// When the band last traded (0: never).
    pub last_stabilize_ts: i64,
    /// Id of the next treasury withdrawal proposal.
    pub next_withdrawal_id: u64,
    /// The senior backstop's current window: when it started, what it may pay in all, what it has paid.
    pub senior_window_start: i64,
    pub senior_window_capacity: u64,
    pub senior_paid_in_window: u64,
    /// The stake and PST went back to the merchant after delisting.
    pub released: bool,
    pub totals: ReserveTotals,
    pub bump: u8,
    pub authority_bump: u8,
    pub pst_vault_bump: u8,
}

impl Reserve {
    /// Count what arrived in the USDC vault since the last instruction: first the proceeds `pst_mint` sent as
    /// stake (`stake_funded` from the merchant account, not yet seen), then everything else as the reserve's own
    /// USDC. Errors if the vault holds less than the accounting (which no instruction allows).
    pub fn absorb(&mut self, usdc_balance: u64, stake_funded: u64) -> Result<u64> {
        let accounted = self.stake.safe_add(self.usdc).or_overflow()?;
        let surplus = usdc_balance.checked_sub(accounted).ok_or(ReserveError::InvariantViolated)?;
        let to_stake = stake_funded.saturating_sub(self.stake_funded_seen).min(surplus);
        self.stake = self.stake.safe_add(to_stake).or_overflow()?;
        self.stake_funded_seen = self.stake_funded_seen.safe_add(to_stake).or_overflow()?;
        self.totals.stake_from_proceeds = self.totals.stake_from_proceeds.safe_add(to_stake).or_overflow()?;
        let rest = surplus - to_stake;
        self.usdc = self.usdc.safe_add(rest).or_overflow()?;
        self.totals.absorbed = self.totals.absorbed.safe_add(rest).or_overflow()?;
        Ok(surplus)
    }

    /// One period's expected revenue share (`annual_share × period_secs / year`): the USDC floor that stays for
    /// shortfall cover.
    pub fn floor(annual_share: u128, period_secs: i64) -> u64 {
        let v = annual_share.saturating_mul(period_secs.max(0) as u128) / pst_math::ami::YEAR_SECS as u128;
        v.min(u64::MAX as u128) as u64
    }

    /// USDC a buy may spend: the reserve's own USDC, keeping the floor of the reserve's USDC (stake included).
    pub fn buy_capacity(&self, floor: u64) -> u64 {
        let total = self.stake.saturating_add(self.usdc);
        self.usdc.min(total.saturating_sub(floor))
    }

    /// What `cover_senior` may still pay at `now`: `senior_cap_bps` of the reserve's own USDC above the floor at
    /// the start of the current window (a new window opens `SENIOR_WINDOW_SECS` after the last), less what it paid
    /// in the window, and never below the floor. Opens the new window if due.
    pub fn senior_capacity(&mut self, floor: u64, now: i64) -> u64 {
        let above_floor = self.usdc.saturating_sub(floor);
        if self.senior_window_start == 0 || now >= self.senior_window_start.saturating_add(SENIOR_WINDOW_SECS)
        {
            self.senior_window_start = now.max(1);
            self.senior_window_capacity = band::slice(u64::MAX, above_floor, self.params.senior_cap_bps);
            self.senior_paid_in_window = 0;
        }
        self.senior_window_capacity.saturating_sub(self.senior_paid_in_window).min(above_floor)
    }

    /// The stake's shortfall against `requirement` (0 when met).
    pub fn stake_deficit(&self, requirement: u64) -> u64 {
        requirement.saturating_sub(self.stake)
    }

    pub fn signer_seeds(&self) -> [&[u8]; 3] {
        [RESERVE_AUTHORITY_SEED, self.merchant.as_ref(), core::slice::from_ref(&self.authority_bump)]
    }

    /// Holds after every instruction that mutates a reserve.
    pub fn invariant(&self) -> Result<()> {
        self.params.validate().map_err(|_| ReserveError::InvariantViolated)?;
        require!(self.stake.checked_add(self.usdc).is_some(), ReserveError::InvariantViolated);
        require!(!self.released || (self.stake == 0 && self.pst == 0), ReserveError::InvariantViolated);
        require!(self.senior_paid_in_window <= self.senior_window_capacity, ReserveError::InvariantViolated);
        Ok(())
    }

    /// The vault balances agree with the accounting (after [`Reserve::absorb`]).
    pub fn check_vaults(&self, usdc_balance: u64, pst_balance: u64) -> Result<()> {
        require!(usdc_balance == self.stake + self.usdc, ReserveError::InvariantViolated); // no overflow: invariant
        require!(pst_balance >= self.pst, ReserveError::InvariantViolated);
        Ok(())
    }
}
