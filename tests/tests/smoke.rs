use pst_tests::*;

#[tokio::test]
async fn full_flow_smoke() {
    let mut env = Env::new().await;
    let m = env.issued_merchant().await;
    let inv = env.investor(&m, 10_000 * USDC).await;
    let ok = env.buy(&m, &inv, 1_000 * PST).await.expect("buy");
    println!("{:?}", ok);
    env.assert_pst_conserved(&m).await;
}
