//! Economic attacks on the tranche vault, each showing the attempt gains nothing: sandwiching a close (the spot
//! price against the TWAP), depositing just before a close to take its income, inflating the share price of an
//! empty tranche to round later deposits down, and tiny repeated requests.
use pst_math::tranche;
use pst_tests::*;
use yield_tranches::state::{
    Tranche::{Junior, Senior},
    TrancheParams,
};

/// A vault with 100,000 USDC of junior (`junior`) and 300,000 of senior executed and claimed, 5% slippage.
async fn vault(env: &mut Env) -> (MerchantKeys, Investor, Investor, Investor) {
    let (m, trader, _) = env.tranche_merchant().await;
    let admin = env.admin.insecure_clone();
    let params = TrancheParams { max_slippage_bps: 500, buffer_bps: 0, ..TrancheParams::default() };
    env.send_ok(&[env.set_tranche_params(&m, &admin.pubkey(), params)], &[&admin]).await;
    let junior = env.tranche_investor(&m, 100_000 * USDC).await;
    let senior = env.tranche_investor(&m, 300_000 * USDC).await;
    env.deposit_request(&m, &junior, Junior, 100_000 * USDC).await.expect("junior");
    env.deposit_request(&m, &senior, Senior, 300_000 * USDC).await.expect("senior");
    env.warp(EPOCH);
    env.close_epoch_now(&m).await.expect("close");
    env.claim_tranche(&m, &junior, Junior).await.expect("claim");
    env.claim_tranche(&m, &senior, Senior).await.expect("claim");
    (m, trader, junior, senior)
}

/// An attacker holding junior shares redeems them and pumps the pool's spot price just before the close (to be
/// paid more and to sell into the vault's buy), then sells back after it. The close values the PST at the TWAP, so
/// the redemption pays what it would have without the pump, and the vault buys nothing above its slippage bound:
/// the attacker ends with less than an honest twin who only redeemed.
#[tokio::test]
async fn sandwiching_a_close_gains_nothing() {
    let mut results = Vec::new();
    for pump in [false, true] {
        let mut env = Env::new().await;
        let (m, trader, junior, _) = vault(&mut env).await;
        // the attacker is the junior holder, with the trader's firepower
        env.mint_usdc(&junior.usdc, 1_000_000 * USDC).await;
        let start = env.balance(&junior.usdc).await as i128;
        env.redeem_request(&m, &junior, Junior, 10_000 * SHARE).await.expect("redeem");
        env.warp(EPOCH);
        let pst_before = env.balance(&junior.pst).await;
        if pump {
            env.swap_in(&m, &junior, UsdcToPst, 200_000 * USDC, 0).await.expect("pump");
        }
        env.close_epoch_now(&m).await.expect("close");
        if pump {
            let bought = env.balance(&junior.pst).await - pst_before;
            env.swap_in(&m, &junior, PstToUsdc, bought, 0).await.expect("dump");
        }
        env.claim_tranche(&m, &junior, Junior).await.expect("claim");
        let e = env.epoch_record(&m, 1).await;
        let gained = env.balance(&junior.usdc).await as i128 - start;
        results.push((e.fills[3].output, e.twap_q64, e.pst_bought, gained));
        let _ = trader;
        env.assert_all_conserved(&m).await;
    }
    let (honest, attack) = (results[0], results[1]);
    // the TWAP barely saw a pump at the last second; the redemption paid no more than 0.01% above the honest one
    assert!(attack.1 <= honest.1 + honest.1 / 10_000, "TWAP {} vs {}", attack.1, honest.1);
    assert!(attack.0 <= honest.0 + honest.0 / 10_000, "redemption {} vs {}", attack.0, honest.0);
    // the vault did not buy into the pump
    assert_eq!(attack.2, 0, "the vault bought above its slippage bound");
    assert!(attack.3 < honest.3, "the attacker gained: {} vs honest {}", attack.3, honest.3);
}

/// An investor who deposits at the last moment requests are open takes none of the epoch's income: the waterfall
/// runs at the old supply first, and the deposit buys shares at the price after it.
#[tokio::test]
async fn depositing_just_before_a_close_takes_none_of_its_income() {
    let mut env = Env::new().await;
    let (m, _, junior, _) = vault(&mut env).await;
    let window = yield_tranches::constants::DEFAULT_TWAP_WINDOW_SECS;
    env.warp(EPOCH - window - 1);
    let late = env.tranche_investor(&m, 100_000 * USDC).await;
    env.deposit_request(&m, &late, Junior, 100_000 * USDC).await.expect("deposit at the last moment");
    env.donate_to_tranches(&m, 20_000 * USDC).await; // the epoch's income
    let before = env.tranches(&m).await;
    env.warp(window + 1);
    env.close_epoch_now(&m).await.expect("close");
    env.claim_tranche(&m, &late, Junior).await.expect("claim");
    let e = env.epoch_record(&m, 1).await;
    let shares = env.shares(&m, &late, Junior).await;
    // the late shares are worth what was paid (rounded down), at the close's price
    let worth = tranche::usdc_for(shares, e.values[1] + 100_000 * USDC, e.supplies[1] + shares);
    assert!(worth <= 100_000 * USDC && worth + 2 >= 100_000 * USDC, "late deposit worth {worth}");
    // and the income went to the junior holders of the epoch
    assert!(e.values[1] > before.books[1].value + 15_000 * USDC);
    let _ = junior;
    env.assert_all_conserved(&m).await;
}

/// The first junior depositor takes the minimum (1 USDC: 10^9 share units), then donates 100,000 USDC to inflate
/// the share price before the next deposits execute, hoping to round them down. Nine decimals of shares keep a
/// share unit at about 100 base units even then, so each later deposit loses at most a couple of hundred base
/// units to rounding, while the virtual shares keep a millionth of the donation: the attacker ends poorer, and
/// would need more than a thousand victims in one epoch to break even (before fees).
#[tokio::test]
async fn inflating_an_empty_tranches_share_price_gains_nothing() {
    let mut env = Env::new().await;
    let (m, _, _) = env.tranche_merchant().await;
    let attacker = env.tranche_investor(&m, 101_000 * USDC).await;
    env.deposit_request(&m, &attacker, Junior, USDC).await.expect("the minimum");
    env.warp(EPOCH);
    env.close_epoch_now(&m).await.expect("close");
    env.claim_tranche(&m, &attacker, Junior).await.expect("claim");
    env.donate_to_tranches(&m, 100_000 * USDC).await;
    let mut victims = Vec::new();
    for amount in [USDC + 1, 7_777 * USDC + 333, 50_000 * USDC] {
        let v = env.tranche_investor(&m, amount).await;
        env.deposit_request(&m, &v, Junior, amount).await.expect("deposit");
        victims.push((v, amount));
    }
    env.warp(EPOCH);
    env.close_epoch_now(&m).await.expect("close");
    // at the close's prices (its own trade's difference from the TWAP is shared by every holder, as any price move)
    let e = env.epoch_record(&m, 1).await;
    let (value, supply) = (e.values[1] + e.fills[2].executed, e.supplies[1] + e.fills[2].output);
    for (v, amount) in &victims {
        env.claim_tranche(&m, v, Junior).await.expect("claim");
        let worth = tranche::usdc_for(env.shares(&m, v, Junior).await, value, supply);
        // at most one share unit's price lost to rounding (twice: the queue's, then the request's part of it)
        let unit = value / supply + 1;
        assert!(
            worth + 2 * unit + 2 >= *amount,
            "victim paid {amount}, holds {worth} (a share unit is {unit})"
        );
        assert!(unit <= 101, "a share unit costs {unit}: the donation barely moved the price");
    }
    let attacker_worth = tranche::usdc_for(env.shares(&m, &attacker, Junior).await, value, supply);
    assert!(attacker_worth < 101_000 * USDC, "the attacker holds {attacker_worth} for 101,000 paid");
    env.assert_all_conserved(&m).await;
}

/// Many small requests get no more shares than one request of the same total (each rounds down on its own), and
/// requesting then cancelling moves nothing.
#[tokio::test]
async fn tiny_repeated_requests_gain_nothing() {
    let mut env = Env::new().await;
    let (m, _, _, _) = vault(&mut env).await;
    let one = env.tranche_investor(&m, 20 * USDC + 20).await;
    let many: Vec<Investor> = {
        let mut v = Vec::new();
        for _ in 0..20 {
            v.push(env.tranche_investor(&m, USDC + 1).await);
        }
        v
    };
    env.deposit_request(&m, &one, Junior, 20 * USDC + 20).await.expect("one");
    for w in &many {
        env.deposit_request(&m, w, Junior, USDC + 1).await.expect("small");
        env.cancel_tranche(&m, w, Junior).await.expect("cancel");
        assert_eq!(env.balance(&w.usdc).await, USDC + 1, "a cancel returns everything");
        env.deposit_request(&m, w, Junior, USDC + 1).await.expect("again");
    }
    env.warp(EPOCH);
    env.close_epoch_now(&m).await.expect("close");
    env.claim_tranche(&m, &one, Junior).await.expect("claim");
    let mut small = 0;
    for w in &many {
        env.claim_tranche(&m, w, Junior).await.expect("claim");
        small += env.shares(&m, w, Junior).await;
    }
    assert!(small <= env.shares(&m, &one, Junior).await, "{small} for twenty small requests");
    env.assert_all_conserved(&m).await;
}

/// A holder burns share units of both tranches, so that the mints' supplies fall below the books: requests and the
/// next close go on (the close counts the mints' supplies), and the burned shares' value stays with the other
/// holders of their tranche.
#[tokio::test]
async fn burning_shares_cannot_brick_the_vault() {
    use anchor_spl::token_2022::spl_token_2022;
    let mut env = Env::new().await;
    let (m, _, junior, senior) = vault(&mut env).await;
    let a = TrancheAddresses::of(&m);
    for (who, t) in [(&junior, Junior), (&senior, Senior)] {
        let account = a.share_account(&who.wallet.pubkey(), t);
        let owner = who.wallet.pubkey();
        let ix =
            spl_token_2022::instruction::burn(&spl_token_2022::ID, &account, &a.mint(t), &owner, &[], SHARE)
                .unwrap();
        env.send_ok(&[ix], &[&who.wallet]).await;
    }
    env.redeem_request(&m, &senior, Senior, SHARE).await.expect("requests go on");
    let before = env.tranches(&m).await;
    env.warp(EPOCH);
    env.close_epoch_now(&m).await.expect("the close goes on");
    let t = env.tranches(&m).await;
    assert_eq!(t.books[1].supply, before.books[1].supply - SHARE);
    assert_eq!(env.supply(&a.mints[1]).await, t.books[1].supply);
    env.claim_tranche(&m, &senior, Senior).await.expect("claims go on");
    env.assert_all_conserved(&m).await;
}
