//! Property tests for the PE band: every trade sized by `buy_to_edge` / `sell_to_edge` is replayed on the real
//! curve (`curve::swap_exact_in`, with fees and the protocol's share) and must leave the spot price at or before
//! the edge; the slice bound holds; the size grows with the gap.
use proptest::prelude::*;
use pst_math::{band::*, curve::swap_exact_in};

/// Reserves after a buy of `dx` USDC (the protocol fee leaves the pool, the LP fee stays).
fn after_buy(x: u64, y: u64, dx: u64, fee_bps: u16, share_bps: u16) -> (u128, u128) {
    let r = swap_exact_in(x, y, dx, fee_bps, share_bps).unwrap();
    ((x + dx - r.protocol_fee) as u128, (y - r.amount_out) as u128)
}

fn after_sell(x: u64, y: u64, dy: u64, fee_bps: u16, share_bps: u16) -> (u128, u128) {
    let r = swap_exact_in(y, x, dy, fee_bps, share_bps).unwrap();
    ((x - r.amount_out) as u128, (y + dy - r.protocol_fee) as u128)
}

/// A pool and a supply of at least its PST reserve, and an edge cap within a factor 100 of the pool's cap.
fn market() -> impl Strategy<Value = (u64, u64, u64, u128)> {
    (1_000_000u64..1_000_000_000_000, 1_000_000u64..1_000_000_000_000, 1u64..50, 1u64..10_000).prop_map(
        |(x, y, mult, edge_permille)| {
            let supply = y.saturating_mul(mult);
            let cap = x as u128 * supply as u128 / y as u128;
            (x, y, supply, (cap * edge_permille as u128 / 100).max(1))
        },
    )
}

proptest! {
    /// A buy sized to the edge never lifts the spot price past it, with any fee.
    #[test]
    fn buying_never_passes_the_edge((x, y, supply, edge) in market(), fee_bps in 0u16..1_000, share_bps in 0u16..=10_000) {
        let dx = buy_to_edge(x, y, supply, edge);
        if dx > 0 {
            let (x1, y1) = after_buy(x, y, dx, fee_bps, share_bps);
            // spot × supply ≤ edge: x1 / y1 × supply ≤ edge
            prop_assert!(x1 * supply as u128 <= edge * y1, "x1 {} y1 {} supply {} edge {}", x1, y1, supply, edge);
            // and the pool was below the edge to begin with
            prop_assert!((x as u128) * (supply as u128) < edge * y as u128);
        }
        if (x as u128) * (supply as u128) >= edge * y as u128 {
            prop_assert_eq!(dx, 0);
        }
    }

    /// A sell sized to the edge never drops the spot price past it, with any fee.
    #[test]
    fn selling_never_passes_the_edge((x, y, supply, edge) in market(), fee_bps in 0u16..1_000, share_bps in 0u16..=10_000) {
        let dy = sell_to_edge(x, y, supply, edge);
        if dy > 0 {
            let (x1, y1) = after_sell(x, y, dy, fee_bps, share_bps);
            prop_assert!(x1 * supply as u128 >= edge * y1, "x1 {} y1 {} supply {} edge {}", x1, y1, supply, edge);
            prop_assert!((x as u128) * (supply as u128) > edge * y as u128);
        }
        if (x as u128) * (supply as u128) <= edge * y as u128 {
            prop_assert_eq!(dy, 0);
        }
    }

    /// Without fees a trade sized to the edge lands on it (within a part in ten thousand), so the reserve does
    /// not stop short either.
    #[test]
    fn trades_land_on_the_edge((x, y, supply, edge) in market()) {
        let dx = buy_to_edge(x, y, supply, edge);
        if dx > 0 {
            let (x1, y1) = after_buy(x, y, dx, 0, 0);
            prop_assert!(x1 * supply as u128 * 10_001 >= edge * y1 * 10_000);
        }
        let dy = sell_to_edge(x, y, supply, edge);
        if dy > 0 {
            let (x1, y1) = after_sell(x, y, dy, 0, 0);
            prop_assert!(x1 * supply as u128 * 10_000 <= edge * y1 * 10_001);
        }
    }

    /// The trade grows with the gap: a buy toward a higher edge and a sell toward a lower edge are never smaller.
    #[test]
    fn size_is_monotone_in_the_gap((x, y, supply, edge) in market(), more in 0u128..1_000_000_000_000) {
        prop_assert!(buy_to_edge(x, y, supply, edge) <= buy_to_edge(x, y, supply, edge + more));
        let lower = edge.saturating_sub(more).max(1);
        prop_assert!(sell_to_edge(x, y, supply, edge) <= sell_to_edge(x, y, supply, lower));
    }

    /// A crank never trades more than its slice of the capacity, nor more than reaches the edge; the slice is
    /// monotone in the gap too.
    #[test]
    fn the_slice_bounds_a_crank(to_edge in any::<u64>(), more in any::<u64>(), capacity in any::<u64>(), slice_bps in 0u16..=10_000) {
        let s = slice(to_edge, capacity, slice_bps);
        prop_assert!(s <= to_edge);
        prop_assert!(s as u128 * 10_000 <= capacity as u128 * slice_bps as u128);
        prop_assert!(s <= slice(to_edge.saturating_add(more), capacity, slice_bps));
    }

    /// PE is market cap over annual share, and the side agrees with comparing PE to the edges.
    #[test]
    fn pe_and_side_agree(price_q64 in 1u128..(1u128 << 80), supply in 1u64..u64::MAX, revenue in 1u128..(1u128 << 80), share_bps in 1u16..=5_000, low in 1u32..200_000, width in 0u32..200_000) {
        let share = annual_share(revenue, share_bps);
        let cap = market_cap(price_q64, supply);
        let (lo, hi) = (edge_market_cap(share, low), edge_market_cap(share, low + width));
        if let Some(pe) = pe_bps(cap, share) {
            match side(cap, lo, hi) {
                BandSide::Below => prop_assert!(pe < low as u128 + 1),
                BandSide::Above => prop_assert!(pe + 1 > (low + width) as u128),
                BandSide::Inside => {}
            }
        }
    }
}

#[test]
fn the_demo_merchant_sits_at_pe_4() {
    // 2.4M revenue a year, 10% share, 1M PST at 1.00: market cap 1M, annual share 240k, PE 4.17
    let share = annual_share(2_400_000_000_000, 1_000);
    let cap = market_cap(1u128 << 64, 1_000_000_000_000);
    assert_eq!(cap, 1_000_000_000_000);
    assert_eq!(pe_bps(cap, share), Some(41_666));
}
