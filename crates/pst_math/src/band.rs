//! PE-band stabilisation for `alar_reserve`: earnings per token, the price/earnings ratio, the band edges as
//! market caps, and the size of a trade that moves a constant-product pool's spot price to an edge and never past
//! it.
//!
//! Units: a price is a raw Q64.64 number of USDC base units per PST base unit (as the pool's spot price and TWAP
//! are); a market cap and an annual revenue share are USDC base units; a PE is in bps (8.0 = 80 000). PE =
//! market cap / annual revenue share, which is the same as price / earnings per token with the supply cancelled.
//!
//! **Never past the edge.** Buying `dx` USDC into a pool `(x, y)` without fees leaves the USDC reserve at `x + dx`
//! and the PST reserve at `k / (x + dx)` (rounded up by the pool), so the spot price is at most `(x + dx)² / k`;
//! [`buy_to_edge`] picks the largest `dx` with `(x + dx)² ≤ k × p_edge` (all roundings down). Fees only shrink a
//! trade's effect (the fee is not traded; the LP part stays in the reserve the trade is paid into), so with fees
//! the price lands at or before the edge. Selling is the mirror image ([`sell_to_edge`]). The property tests
//! replay every trade on the real curve with fees and check it.
use crate::curve::mul_wide;
use crate::BPS_DENOMINATOR;

/// Where a PE lies relative to the band `[low, high]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BandSide {
    Below,
    Inside,
    Above,
}

/// Annual revenue share due to holders, USDC base units: `annual_revenue × share_bps / 10 000`, rounded down.
pub fn annual_share(annual_revenue: u128, share_bps: u16) -> u128 {
    // annual revenue < 2^100 in practice; saturate rather than fail on absurd inputs
    annual_revenue.saturating_mul(share_bps as u128) / BPS_DENOMINATOR as u128
}

/// Market cap of `supply` PST base units at `price_q64`, USDC base units, rounded down; saturates at u128::MAX.
pub fn market_cap(price_q64: u128, supply: u64) -> u128 {
    let (high, low) = mul_wide(price_q64, supply as u128);
    if high >> 64 != 0 {
        return u128::MAX;
    }
    (high << 64) | (low >> 64)
}

/// PE in bps: market cap / annual share. `None` when the annual share is zero (no earnings, no PE).
pub fn pe_bps(market_cap: u128, annual_share: u128) -> Option<u128> {
    if annual_share == 0 {
        return None;
    }
    Some(market_cap.saturating_mul(BPS_DENOMINATOR as u128) / annual_share)
}

/// The market cap at which the PE equals `edge_pe_bps`: `annual_share × edge / 10 000`, rounded down.
pub fn edge_market_cap(annual_share: u128, edge_pe_bps: u32) -> u128 {
    annual_share.saturating_mul(edge_pe_bps as u128) / BPS_DENOMINATOR as u128
}

/// Which side of the band a market cap is on, with the edges given as market caps (`low_cap ≤ high_cap`).
/// On an edge counts as inside.
pub fn side(market_cap: u128, low_cap: u128, high_cap: u128) -> BandSide {
    if market_cap < low_cap {
        BandSide::Below
    } else if market_cap > high_cap {
        BandSide::Above
    } else {
        BandSide::Inside
    }
}

/// USDC to pay into a pool holding `reserve_usdc` and `reserve_pst` so that its spot price rises to at most the
/// price at which `supply` PST is worth `edge_cap`: the largest `dx` with `(x + dx)² ≤ x × y × edge_cap / supply`
/// (rounded down throughout). 0 when the price is already at or above the edge, or on inputs out of range.
pub fn buy_to_edge(reserve_usdc: u64, reserve_pst: u64, supply: u64, edge_cap: u128) -> u64 {
    if supply == 0 || reserve_usdc == 0 || reserve_pst == 0 {
        return 0;
    }
    // q = y × edge_cap / supply; the pool never holds more than the supply, so q ≤ edge_cap
    let Some(q) = (reserve_pst as u128).checked_mul(edge_cap).map(|v| v / supply as u128) else {
        return 0;
    };
    let Some(target_sq) = (reserve_usdc as u128).checked_mul(q) else {
        return 0;
    };
    let target = target_sq.isqrt();
    u64::try_from(target.saturating_sub(reserve_usdc as u128)).unwrap_or(0)
}

/// PST to pay into the pool so that its spot price falls to at least the edge price: the largest `dy` with
/// `(y + dy)² ≤ x × y × supply / edge_cap` (rounded down throughout). 0 when the price is already at or below
/// the edge, or on inputs out of range.
pub fn sell_to_edge(reserve_usdc: u64, reserve_pst: u64, supply: u64, edge_cap: u128) -> u64 {
    if edge_cap == 0 || reserve_usdc == 0 || reserve_pst == 0 {
        return 0;
    }
    // r = x × supply / edge_cap < 2^128
    let r = (reserve_usdc as u128 * supply as u128) / edge_cap;
    let y = reserve_pst as u128;
    let target = match y.checked_mul(r) {
        Some(sq) => sq.isqrt(),
        // √y × √r, each rounded down, is below √(y × r)
        None => y.isqrt() * r.isqrt(),
    };
    u64::try_from(target.saturating_sub(y)).unwrap_or(0)
}

/// One crank's trade: what reaches the edge, but at most `slice_bps` of `capacity` (rounded down).
pub fn slice(to_edge: u64, capacity: u64, slice_bps: u16) -> u64 {
    let cap =
        (capacity as u128 * slice_bps.min(BPS_DENOMINATOR as u16) as u128 / BPS_DENOMINATOR as u128) as u64;
    to_edge.min(cap)
}
