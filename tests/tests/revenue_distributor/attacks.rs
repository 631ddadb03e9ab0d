//! Attacks on the dividend streams, tried the way an attacker would, with the attacker's and the holders'
//! balances checked: stretching a stream with dust distributions, and farming keeper tips with tiny pushes.
use pst_tests::*;

/// The old hole: every `distribute` re-spread the unreleased remainder over a new full period, and one unit of
/// USDC was enough to trigger one, so an attacker could keep a week's dividends from ever finishing and collect
/// them by staking after the week's holders left. Now each distribution keeps its own end: the attacker sends a
/// unit and distributes every hour for the whole week, the week's holders are still paid everything by the
/// stream's end, and the attacker, staking when they leave, collects only its own dust.
#[tokio::test]
async fn dust_distributions_cannot_stretch_a_stream() {
    let mut env = Env::new().await;
    let (m, h) = env.merchant_with_holders(2, 1_000 * PST).await;
    let keeper = env.wallet().await;
    let (_, keeper_usdc) = env.funded_wallet(0).await;
    env.dividends_arrive(&m, 100_000 * USDC).await;
    env.distribute(&m, &keeper, &keeper_usdc).await.expect("the week's distribution");
    let end = env.distributor(&m).await.schedule.end;
    let week_net = env.distributor(&m).await.schedule.scheduled;
    // the attacker: a unit of USDC into the dividend vault and a distribution, every hour until the end
    let (attacker, attacker_usdc) = env.funded_wallet(1_000 * USDC).await;
    let vault = m.dividend_vault;
    let mut spent = 0;
    while env.now + 3_600 < end {
        env.warp(3_600);
        let ix = anchor_spl::token::spl_token::instruction::transfer(
            &anchor_spl::token::ID,
            &attacker_usdc,
            &vault,
            &attacker.pubkey(),
            &[],
            1,
        )
        .unwrap();
        env.send_ok(&[ix], &[&attacker]).await;
        *env.dividend_donations.entry(m.merchant).or_default() += 1;
        spent += 1;
        env.distribute(&m, &attacker, &attacker_usdc).await.expect("a dust distribution");
    }
    // the week's stream ends where it was scheduled: by then the holders have been paid all of it
    env.warp(end - env.now);
    for holder in &h {
        env.claim(&m, holder).await.expect("claim");
    }
    let paid: u64 = {
        let mut sum = 0;
        for holder in &h {
            sum += env.position(&m, &holder.wallet.pubkey()).await.claimed;
        }
        sum
    };
    // (and a share of the dust streams that had run so far)
    assert!(paid + 4 >= week_net, "the holders were paid {paid} of the week's {week_net}");
    // the holders leave; the attacker stakes and waits out every dust stream
    let late = env.investor(&m, 2_000 * USDC).await;
    env.buy(&m, &late, 1_000 * PST).await.expect("buy");
    for holder in &h {
        env.unstake(&m, holder, 1_000 * PST).await.expect("leave");
    }
    env.open_position(&m, &late.wallet).await.expect("open");
    env.stake(&m, &late, 1_000 * PST).await.expect("the attacker stakes");
    let last_end = env.distributor(&m).await.schedule.end;
    env.warp(last_end - env.now + 1);
    let _ = env.claim(&m, &late).await;
    let got = env.position(&m, &late.wallet.pubkey()).await.claimed;
    assert!(got <= spent, "the attacker collected {got} after spending {spent}");
    env.assert_all_conserved(&m).await;
}

/// Keeper tips are a bps share of each payout, rounded down: pushing the same earnings in many tiny batches
/// never earns a keeper more than one push would, and a payout too small to tip earns nothing.
#[tokio::test]
async fn tiny_repeated_pushes_do_not_farm_tips() {
    let mut env = Env::new().await;
    let (m, h) = env.merchant_with_holders(2, 1_000 * PST).await;
    for holder in &h {
        env.set_auto_payout(&m, holder, true).await.expect("opt in");
    }
    let keeper = env.wallet().await;
    let (_, keeper_usdc) = env.funded_wallet(0).await;
    let (_, other_usdc) = env.funded_wallet(0).await;
    env.dividends_arrive(&m, 100_000 * USDC).await;
    env.distribute(&m, &keeper, &other_usdc).await.expect("distribute");
    let k = DistributorAddresses::of(&m);
    let (p0, p1) = (k.position(&h[0].wallet.pubkey()), k.position(&h[1].wallet.pubkey()));
    // holder 0 pushed every minute for an hour; holder 1 pushed once at the end of the hour
    for _ in 0..60 {
        env.warp(60);
        let ix = env.push_payouts(&m, &keeper.pubkey(), &keeper_usdc, &[(p0, h[0].usdc)]);
        env.send_ok(&[ix], &[&keeper]).await;
    }
    let tips_many = env.balance(&keeper_usdc).await;
    let ix = env.push_payouts(&m, &keeper.pubkey(), &keeper_usdc, &[(p1, h[1].usdc)]);
    env.send_ok(&[ix], &[&keeper]).await;
    let tips_once = env.balance(&keeper_usdc).await - tips_many;
    assert!(tips_many <= tips_once, "60 pushes earned {tips_many}, one earned {tips_once}");
    // both holders earned the same; the one pushed often received no less
    let (a, b) = (
        env.position(&m, &h[0].wallet.pubkey()).await.claimed,
        env.position(&m, &h[1].wallet.pubkey()).await.claimed,
    );
    assert!(a + 1 >= b, "pushed often {a}, once {b}");
    // a second's earnings: the tip is 0.1% of the payout, rounded down, never more
    env.warp(1);
    let (keeper0, holder0) =
        (env.balance(&keeper_usdc).await, env.position(&m, &h[0].wallet.pubkey()).await.claimed);
    let ix = env.push_payouts(&m, &keeper.pubkey(), &keeper_usdc, &[(p0, h[0].usdc)]);
    env.send_ok(&[ix], &[&keeper]).await;
    let tip = env.balance(&keeper_usdc).await - keeper0;
    let paid = env.position(&m, &h[0].wallet.pubkey()).await.claimed - holder0;
    assert_eq!(tip, (paid + tip) * 10 / 10_000, "tip {tip} on a payout of {}", paid + tip);
    env.assert_all_conserved(&m).await;
}
