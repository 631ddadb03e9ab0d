use crate::errors::DistributorError;
use crate::errors::OrOverflow;
use anchor_lang::prelude::*;
use pst_math::{dividends::earned, SafeMath};

/// An earning position. PDA `["position", distributor, owner]`.
#[account]
#[derive(InitSpace, Debug)]
pub struct Position {
    pub distributor: Pubkey,
    /// A wallet, or a PDA of another program that signs by CPI.
    pub owner: Pubkey,
    pub staked: u64,
    /// The accumulator when `pending` was last brought up to date.
    pub checkpoint: u128,
    /// Earned and not yet paid.
    pub pending: u64,
    pub claimed: u64,
    /// Keepers may push `pending` to `payout_account`.
    pub auto_payout: bool,
    pub payout_account: Pubkey,
    /// `Pubkey::default()` for a position whose stake is in the stake vault. For the merchant's AMM pool: the
    /// pool's own PST vault, which stays in the pool's custody; `staked` follows its balance (`sync_pool_stake`).
    pub custody: Pubkey,
    pub bump: u8,
}

impl Position {
    /// A new, empty position of `owner` in `distributor`, earning from the accumulator's value `checkpoint`;
    /// `custody` is `Pubkey::default()` except for the pool's custody position.
    pub fn new(distributor: Pubkey, owner: Pubkey, checkpoint: u128, custody: Pubkey, bump: u8) -> Self {
        Position {
            distributor,
            owner,
            staked: 0,
            checkpoint,
            pending: 0,
            claimed: 0,
            auto_payout: false,
            payout_account: Pubkey::default(),
            custody,
            bump,
        }
    }

    /// Bring `pending` up to date with the accumulator.
    pub fn settle(&mut self, reward_per_token: u128) -> Result<()> {
        let e = earned(self.staked, reward_per_token, self.checkpoint).or_overflow()?;
        self.pending = self.pending.safe_add(e).or_overflow()?;
        self.checkpoint = reward_per_token;
        Ok(())
    }

    /// Whether the position's PST is held outside the stake vault (the AMM pool's).
    pub fn is_custody(&self) -> bool {
        self.custody != Pubkey::default()
    }

    pub fn invariant(&self) -> Result<()> {
        require!(
            !self.auto_payout || self.payout_account != Pubkey::default(),
            DistributorError::InvariantViolated
        );
        Ok(())
    }
}
