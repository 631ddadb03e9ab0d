use crate::{constants::*, errors::PstError};
use anchor_lang::prelude::*;
use pst_ids::revenue_distributor::{
    MAX_ALAR_CONTRIBUTION_BPS, MAX_KEEPER_TIP_BPS, MAX_PROTOCOL_FEE_BPS, MAX_TOTAL_CARVE_OUT_BPS,
};

/// Protocol-wide configuration and roles. PDA `["config"]`.
///
/// The fixed-size fields come first, so that instructions that run per holder or per trade read them straight
/// from the data ([`ConfigView`]) instead of deserializing the role sets.
#[account]
#[derive(InitSpace, Debug)]
pub struct ProtocolConfig {
    /// The pause word: one 8-bit lane per program (`pst_ids::pause`); this program's flags are `PAUSE_*`, the
    /// other programs define theirs in their own lanes.
    pub paused: u64,
    /// Exits (unstaking, claims, LP withdrawals, swaps) are frozen until this time: set only by the admin, for at
    /// most `MAX_EXIT_FREEZE_SECS`, never extended, and not again within `EXIT_FREEZE_COOLDOWN_SECS` of the last
    /// freeze's end (0: never frozen).
    pub exits_frozen_until: i64,
    pub fees: FeeParams,
    /// Governs parameters and roles; expected to be a multisig vault. Changes by propose/accept.
    pub admin: Pubkey,
    /// May set pause flags (never clear them).
    pub guardian: Pubkey,
    /// The USDC mint every sale and distribution settles in.
    pub usdc_mint: Pubkey,
    /// Proposed next admin, until it accepts.
    pub pending_admin: Option<Pubkey>,
    /// Approve or reject merchant applications.
    #[max_len(MAX_UNDERWRITERS)]
    pub underwriters: Vec<Pubkey>,
    /// Submit revenue reports to merchants' feeds.
    #[max_len(MAX_ORACLE_REPORTERS)]
    pub oracle_reporters: Vec<Pubkey>,
    /// Listings so far; the next merchant's id.
    pub merchant_count: u64,
    /// Eligibility thresholds and the inventory floor (admin-set, bounded).
    pub merchant_rules: MerchantRules,
    pub bump: u8,
}

/// What a merchant must show to apply, and the inventory floor the health check applies. Set at
/// `initialize_config`, changed by the admin with `set_merchant_rules`; every field is bounded.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace)]
pub struct MerchantRules {
    /// An application's trailing-12-month gross revenue must be at least this, USDC base units
    /// (≤ `MAX_MIN_TRAILING_REVENUE`; 0: no threshold).
    pub min_trailing_revenue: u64,
    /// An application must show at least this many months of operating history (≤ `MAX_MIN_HISTORY_MONTHS`).
    pub min_history_months: u16,
    /// Days of inventory below this put a merchant on Watch and scale its withdrawal limit down
    /// (`pst_math::ami::withdrawal_limit`), whole days (≤ `MAX_INVENTORY_FLOOR_DAYS`; 0: no floor).
    pub inventory_floor_days: u16,
}

impl MerchantRules {
    /// The rules a deployment starts with (`DEFAULT_*`).
    pub const DEFAULT: MerchantRules = MerchantRules {
        min_trailing_revenue: DEFAULT_MIN_TRAILING_REVENUE,
        min_history_months: DEFAULT_MIN_HISTORY_MONTHS,
        inventory_floor_days: DEFAULT_INVENTORY_FLOOR_DAYS,
    };

    pub fn validate(&self) -> Result<()> {
        require!(
            self.min_trailing_revenue <= MAX_MIN_TRAILING_REVENUE
                && self.min_history_months <= MAX_MIN_HISTORY_MONTHS
                && self.inventory_floor_days <= MAX_INVENTORY_FLOOR_DAYS,
            PstError::InvalidMerchantRules
        );
        Ok(())
    }

    /// Refuse an application below the thresholds, with the threshold's own error.
    pub fn check_application(&self, trailing_revenue: u64, history_months: u16) -> Result<()> {
        require!(trailing_revenue >= self.min_trailing_revenue, PstError::RevenueBelowMinimum);
        require!(history_months >= self.min_history_months, PstError::HistoryTooShort);
        Ok(())
    }
}

/// The fixed-size head of [`ProtocolConfig`] (pause word, exit freeze, fees, admin, guardian, USDC mint), read
/// straight from the account's data: what the per-holder and per-trade instructions of every program need,
/// without deserializing the role sets (about 2,000 compute units saved each time).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ConfigView {
    pub paused: u64,
    pub exits_frozen_until: i64,
    pub fees: FeeParams,
    pub admin: Pubkey,
    pub guardian: Pubkey,
    pub usdc_mint: Pubkey,
}

impl ConfigView {
    /// Bytes of the head: discriminator, paused, exits_frozen_until, three u16 fees, three keys.
    pub const LEN: usize = 8 + 8 + 8 + 6 + 32 * 3;

    /// Read the head of the config at `info` (whose address the caller has checked: `CONFIG_ADDRESS`); refuses
    /// an account this program does not own or of another type, with Anchor's own errors.
    pub fn read(info: &AccountInfo) -> Result<ConfigView> {
        require_keys_eq!(*info.owner, crate::ID, ErrorCode::AccountOwnedByWrongProgram);
        Self::from_data(&info.try_borrow_data()?)
    }

    /// [`ConfigView::read`], refusing with the caller's `paused` error if any of `flags` is set.
    pub fn read_unpaused(
        info: &AccountInfo,
        flags: u64,
        paused: impl Into<anchor_lang::error::Error>,
    ) -> Result<ConfigView> {
        let view = Self::read(info)?;
        if view.paused & flags != 0 {
            return Err(paused.into());
        }
        Ok(view)
    }

    /// [`ConfigView::read`], refusing with the caller's `frozen` error while the admin has frozen exits at `now`.
    pub fn read_exits_open(
        info: &AccountInfo,
        now: i64,
        frozen: impl Into<anchor_lang::error::Error>,
    ) -> Result<ConfigView> {
        let view = Self::read(info)?;
        if view.exits_frozen(now) {
            return Err(frozen.into());
        }
        Ok(view)
    }

    /// The head of a config from its account data (discriminator included).
    pub fn from_data(data: &[u8]) -> Result<ConfigView> {
        use anchor_lang::Discriminator;
        require!(data.len() >= Self::LEN, ErrorCode::AccountDidNotDeserialize);
        require!(data[..8] == *ProtocolConfig::DISCRIMINATOR, ErrorCode::AccountDiscriminatorMismatch);
        let u64_at = |at: usize| u64::from_le_bytes(data[at..at + 8].try_into().unwrap_or_default());
        let u16_at = |at: usize| u16::from_le_bytes(data[at..at + 2].try_into().unwrap_or_default());
        let key_at = |at: usize| Pubkey::new_from_array(data[at..at + 32].try_into().unwrap_or_default());
        Ok(ConfigView {
            paused: u64_at(8),
            exits_frozen_until: u64_at(16) as i64,
            fees: FeeParams {
                protocol_fee_bps: u16_at(24),
                alar_contribution_bps: u16_at(26),
                keeper_tip_bps: u16_at(28),
            },
            admin: key_at(30),
            guardian: key_at(62),
            usdc_mint: key_at(94),
        })
    }

    /// Whether exits are frozen at `now`.
    pub fn exits_frozen(&self, now: i64) -> bool {
        now < self.exits_frozen_until
    }
}

/// Carve-outs applied by `revenue_distributor` to each revenue deposit. The bounds are `revenue_distributor`'s
/// (`pst_ids::revenue_distributor`); the config stores the values and checks them when they are set.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq, InitSpace)]
pub struct FeeParams {
    /// Protocol fee, bps of each revenue deposit (≤ 10%).
    pub protocol_fee_bps: u16,
    /// Contribution to the ALAR reserve, bps of each revenue deposit (≤ 20%).
    pub alar_contribution_bps: u16,
    /// Tip paid to the keeper that cranks a distribution or a payout batch, bps (≤ 1%).
    pub keeper_tip_bps: u16,
}

impl FeeParams {
    pub fn validate(&self) -> Result<()> {
        require!(self.protocol_fee_bps <= MAX_PROTOCOL_FEE_BPS, PstError::FeeOutOfBounds);
        require!(self.alar_contribution_bps <= MAX_ALAR_CONTRIBUTION_BPS, PstError::FeeOutOfBounds);
        require!(
            self.protocol_fee_bps as u32 + self.alar_contribution_bps as u32
                <= MAX_TOTAL_CARVE_OUT_BPS as u32,
            PstError::FeeOutOfBounds
        );
        require!(self.keeper_tip_bps <= MAX_KEEPER_TIP_BPS, PstError::FeeOutOfBounds);
        Ok(())
    }
}

/// The role sets `set_role` manages.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Underwriter,
    OracleReporter,
    /// One key; `set_role(Guardian, key, true)` replaces it.
    Guardian,
}

impl ProtocolConfig {
    pub fn is_underwriter(&self, key: &Pubkey) -> bool {
        self.underwriters.contains(key)
    }

    pub fn is_oracle_reporter(&self, key: &Pubkey) -> bool {
        self.oracle_reporters.contains(key)
    }

    /// Whether exits are frozen at `now` (the admin's emergency freeze; every program refuses its exits then).
    pub fn exits_frozen(&self, now: i64) -> bool {
        now < self.exits_frozen_until
    }

    /// Refuse with `Paused` if any of `flags` is set.
    pub fn require_not_paused(&self, flags: u64) -> Result<()> {
        require!(self.paused & flags == 0, PstError::Paused);
        Ok(())
    }

    /// Holds after every instruction that mutates the config.
    pub fn invariant(&self) -> Result<()> {
        self.fees.validate().map_err(|_| PstError::InvariantViolated)?;
        self.merchant_rules.validate().map_err(|_| PstError::InvariantViolated)?;
        require!(self.paused & PAUSE_LANE_MASK & !PAUSE_ALL == 0, PstError::InvariantViolated);
        require!(self.underwriters.len() <= MAX_UNDERWRITERS, PstError::InvariantViolated);
        require!(self.oracle_reporters.len() <= MAX_ORACLE_REPORTERS, PstError::InvariantViolated);
        require!(self.admin != Pubkey::default(), PstError::InvariantViolated);
        require!(self.guardian != Pubkey::default(), PstError::InvariantViolated);
        require!(self.exits_frozen_until >= 0, PstError::InvariantViolated);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The view reads exactly what Anchor serialized, whatever the role sets hold.
    #[test]
    fn the_view_matches_the_serialized_config() {
        let key = |b: u8| Pubkey::new_from_array([b; 32]);
        let config = ProtocolConfig {
            paused: 0x0123_4567_89ab_cdef,
            exits_frozen_until: 1_750_000_123,
            fees: FeeParams { protocol_fee_bps: 201, alar_contribution_bps: 502, keeper_tip_bps: 13 },
            admin: key(1),
            guardian: key(2),
            usdc_mint: key(3),
            pending_admin: Some(key(4)),
            underwriters: vec![key(5), key(6)],
            oracle_reporters: vec![key(7)],
            merchant_count: 9,
            merchant_rules: MerchantRules::DEFAULT,
            bump: 254,
        };
        let mut data = Vec::new();
        config.try_serialize(&mut data).unwrap();
        let view = ConfigView::from_data(&data).unwrap();
        assert_eq!(
            view,
            ConfigView {
                paused: config.paused,
                exits_frozen_until: config.exits_frozen_until,
                fees: config.fees,
                admin: config.admin,
                guardian: config.guardian,
                usdc_mint: config.usdc_mint,
            }
        );
        data[0] ^= 1;
        assert!(ConfigView::from_data(&data).is_err());
        assert!(ConfigView::from_data(&data[..ConfigView::LEN - 1]).is_err());
    }
}
