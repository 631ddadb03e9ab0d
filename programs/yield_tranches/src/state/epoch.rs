use anchor_lang::prelude::*;

/// One queue's execution at a close.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, Default, PartialEq, Eq, InitSpace)]
pub struct Fill {
    /// Input queued at the close (USDC for deposits, shares for redemptions).
    pub queued: u64,
    /// Input executed.
    pub executed: u64,
    /// Output: shares minted for deposits, USDC owed for redemptions.
    pub output: u64,
}

/// The record of one closed epoch. PDA `["epoch", tranches, index (u32 LE)]`, created by `close_epoch` (so an
/// epoch closes once). Requests settle against it; readers chart the tranches from it.
#[account]
#[derive(InitSpace, Debug)]
pub struct Epoch {
    pub tranches: Pubkey,
    pub index: u32,
    pub start: i64,
    pub end: i64,
    /// The senior APY this epoch accrued at, and the one the AYM set for the next, bps.
    pub apy_bps: u16,
    pub next_apy_bps: u16,
    /// The TWAP that valued the PST.
    pub twap_q64: u128,
    /// Dividends harvested and other USDC that arrived during the epoch.
    pub income: u64,
    /// Assets at the valuation before the backstop.
    pub assets: u64,
    /// Senior's claim: last value + arrears + target yield.
    pub senior_claim: u64,
    pub backstop_requested: u64,
    pub backstop_paid: u64,
    /// What senior is still owed after the waterfall, carried forward, and the part of it that is yield.
    pub arrears: u64,
    pub yield_arrears: u64,
    /// The tranches' values after the waterfall (the prices the queues executed at, with `supplies`).
    pub values: [u64; 2],
    pub supplies: [u64; 2],
    /// Senior's realised return over the epoch, annualised, bps; junior's likewise.
    pub senior_realised_bps: i64,
    pub junior_return_bps: i64,
    /// Senior deposits, senior redemptions, junior deposits, junior redemptions.
    pub fills: [Fill; 4],
    pub pst_sold: u64,
    pub usdc_from_sales: u64,
    pub usdc_spent: u64,
    pub pst_bought: u64,
    /// The tranches' values after the queues executed and the trades settled.
    pub values_after: [u64; 2],
    pub bump: u8,
}

impl Epoch {
    /// Index in `fills` of a tranche's deposits (`redeem == false`) or redemptions.
    pub fn fill_index(tranche: crate::state::Tranche, redeem: bool) -> usize {
        tranche.index() * 2 + redeem as usize
    }
}
