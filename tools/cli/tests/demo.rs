//! The local chain's demo merchant (`pst-localnet --demo`, seeded over RPC with `pst_migrations::demo`) is what
//! the README shows a newcomer: the CLI sees it, and the keeper's first pass closes its sold-out sale and sweeps
//! the customers' payments waiting in settlement; the next distributes them to the staked holder.
mod common;
use common::*;
use pst_mint::state::{Merchant, MerchantStatus};
use solana_signer::Signer;

#[test]
#[ignore = "needs the SBF builds in target/deploy: scripts/test runs it after building them"]
fn the_demo_merchant_is_ready_for_the_cli_and_the_keeper() {
    let n = Net::start_with("demo", true);
    let merchant = n.net.demo_merchant.expect("the demo merchant");
    let investor = n.key("demo-investor");
    let view = n.ok(&investor, &["view", "merchant", "ACME"]);
    assert_eq!(view["status"], "Sale");
    assert_eq!(view["merchant"], merchant.to_string());
    let p = n.ok(&investor, &["investor", "portfolio"]);
    assert_eq!(p["holdings"][0]["staked"], "100000.000000");
    let (keeper, _) = n.wallet("keeper", 10);
    let pass = n.keeper(&keeper);
    assert_eq!(Net::cranks(&pass), ["close_sale", "sweep"], "{pass}");
    assert_eq!(n.account::<Merchant>(&merchant).status, MerchantStatus::Active);
    let pass = n.keeper(&keeper);
    assert_eq!(Net::cranks(&pass), ["distribute"], "{pass}");
    let m = pst_client::MerchantAddresses::new(&n.net.keys.merchant.pubkey());
    let d = n.account::<revenue_distributor::state::Distributor>(
        &pst_client::DistributorAddresses::of(&m).distributor,
    );
    assert_eq!(d.total_inflow, 5_000 * USDC, "10% of the 50,000 USDC of payments");
}
