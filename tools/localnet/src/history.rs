//! Days of history for the demo merchant, so that a newcomer's first look at the web app has something to
//! show: per day (one revenue period of the demo's feed) two trades on the pool, customers' payments into
//! settlement and the revenue share swept, the three reporters' reports (with the day's closing inventory,
//! which runs down below the floor and back) and the period accepted, and a
//! distribution; the chain's clock moved through each day with the engine's `surfnet_timeTravel`.
use crate::{send, Keys};
use amm_pool::instructions::Direction;
use anchor_lang::{prelude::Pubkey, AccountDeserialize};
use anchor_spl::{
    associated_token::{
        get_associated_token_address, get_associated_token_address_with_program_id as ata,
        spl_associated_token_account::instruction::create_associated_token_account_idempotent,
    },
    token::spl_token,
};
use pst_client::{Client, MerchantAddresses, TOKEN_2022_PROGRAM};
use pst_mint::state::RevenueFeed;
use solana_rpc_client::rpc_client::RpcClient;
use solana_rpc_client_api::request::RpcRequest;
use solana_signer::Signer;
use std::time::{Duration, Instant};

const USDC: u64 = 1_000_000;
const HOUR: i64 = 3_600;

/// The chain's clock, unix seconds.
pub fn now(rpc: &RpcClient) -> Result<i64, String> {
    let clock: Pubkey = "SysvarC1ock11111111111111111111111111111111".parse().map_err(|_| "the clock")?;
    let data = rpc.get_account_data(&clock).map_err(|e| format!("the clock: {e}"))?;
    data.get(32..40)
        .and_then(|b| b.try_into().ok())
        .map(i64::from_le_bytes)
        .ok_or_else(|| "the clock sysvar is malformed".into())
}

/// Moves the chain's clock to `at` (unix seconds) and waits until a block carries it.
pub fn travel_to(rpc: &RpcClient, at: i64) -> Result<(), String> {
    let params = serde_json::json!([{ "absoluteTimestamp": at.saturating_mul(1_000) }]);
    let _: serde_json::Value = rpc
        .send(RpcRequest::Custom { method: "surfnet_timeTravel" }, params)
        .map_err(|e| format!("time travel: {e}"))?;
    let start = Instant::now();
    while now(rpc)? < at {
        if start.elapsed() > Duration::from_secs(20) {
            return Err("the clock did not move after time travel".into());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Ok(())
}

/// The day's gross revenue: about a year's 1,000,000 USDC spread over days, with a weekly rhythm.
fn revenue(day: u32) -> u64 {
    let weekly = [90u64, 95, 100, 100, 105, 120, 110];
    2_740 * USDC * weekly[(day % 7) as usize] / 100
}

/// The day's closing inventory at cost: the store runs its stock down below the 14-day floor (day 4: about 11
/// days of sales in stock, so the merchant goes on Watch and its withdrawal limit falls) and restocks.
pub fn inventory(day: u32) -> u64 {
    let thousands = [110u64, 82, 55, 41, 30, 36, 60, 96];
    thousands[(day % 8) as usize] * 1_000 * USDC
}

/// `days` days of history for the demo merchant (seeded by `seed_demo`).
pub fn seed(rpc: &RpcClient, keys: &Keys, usdc: &Pubkey, days: u32) -> Result<(), String> {
    let client = Client::new(*usdc);
    let merchant = &keys.merchant;
    let investor = &keys.investor;
    let deployer = &keys.deployer;
    let m = MerchantAddresses::new(&merchant.pubkey());
    let step = |what: &str,
                ixs: &[anchor_lang::solana_program::instruction::Instruction],
                signers: &[&solana_keypair::Keypair]| {
        send(rpc, ixs, deployer, signers).map_err(|e| format!("the demo's history: {what} failed: {e}"))
    };
    let feed_data = rpc.get_account_data(&m.feed).map_err(|e| format!("the demo's feed: {e}"))?;
    let feed =
        RevenueFeed::try_deserialize(&mut &feed_data[..]).map_err(|e| format!("the demo's feed: {e}"))?;
    let merchant_usdc = get_associated_token_address(&merchant.pubkey(), usdc);
    let investor_usdc = get_associated_token_address(&investor.pubkey(), usdc);
    let investor_pst = ata(&investor.pubkey(), &m.pst_mint, &TOKEN_2022_PROGRAM);
    let deployer_usdc = get_associated_token_address(&deployer.pubkey(), usdc);
    let admin_usdc = get_associated_token_address(&keys.admin.pubkey(), usdc);
    let accounts = [
        create_associated_token_account_idempotent(
            &deployer.pubkey(),
            &deployer.pubkey(),
            usdc,
            &spl_token::ID,
        ),
        create_associated_token_account_idempotent(
            &deployer.pubkey(),
            &keys.admin.pubkey(),
            usdc,
            &spl_token::ID,
        ),
    ];
    step("the keeper's USDC accounts", &accounts, &[])?;

    // the sale sold out when the demo bought it: close it; the merchant releases the proceeds (its stake first)
    step("close_sale", &[client.close_sale(&m)], &[])?;
    step("release_proceeds", &[client.release_proceeds(&m, &merchant_usdc)], &[merchant])?;

    for day in 0..days {
        let start = feed.params.first_period_start + i64::from(day) * feed.params.period_secs;
        let gross = revenue(day);
        travel_to(rpc, start + 6 * HOUR)?;
        let buy = client.swap_exact_in(
            &m,
            &investor.pubkey(),
            &investor_pst,
            &investor_usdc,
            Direction::UsdcToPst,
            1_500 * USDC,
            1,
        );
        step("a purchase on the pool", &[buy], &[investor])?;
        travel_to(rpc, start + 18 * HOUR)?;
        let sell = client.swap_exact_in(
            &m,
            &investor.pubkey(),
            &investor_pst,
            &investor_usdc,
            Direction::PstToUsdc,
            1_200 * USDC,
            1,
        );
        step("a sale on the pool", &[sell], &[investor])?;
        let pay = spl_token::instruction::mint_to(
            &spl_token::ID,
            usdc,
            &m.settlement_vault,
            &keys.usdc_authority.pubkey(),
            &[],
            gross,
        )
        .map_err(|e| format!("{e}"))?;
        step("customers' payments", &[pay], &[&keys.usdc_authority])?;
        step("sweep", &[client.sweep(&m, day, &deployer.pubkey())], &[])?;
        travel_to(rpc, feed.period_end(day).map_err(|e| format!("{e}"))? + 60)?;
        for r in &keys.reporters {
            let net = (gross * 18 / 100) as i64;
            let ix = client.submit_report(&m, &r.pubkey(), day, gross, net, inventory(day));
            step("submit_report", &[ix], &[r])?;
        }
        step("accept_period", &[client.accept_period(&m, day)], &[])?;
        step("distribute", &[client.distribute(&m, &deployer.pubkey(), &deployer_usdc, &admin_usdc)], &[])?;
    }
    Ok(())
}
