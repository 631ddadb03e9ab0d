//! Benchmark: the cost of `distribute`, `claim` and a one-position `push_payouts` does not grow with the
//! number of holders. `cargo run -p pst-tests --bin bench_dividends` (add `PST_SBF=1` after
//! `../shared/sbf/build .` to run the programs as SBF and read their compute units).
//!
//! For each holder count, two real holders buy, stake and opt in through the programs; the remaining positions
//! are written into the bank directly (real `Position` accounts of the distributor, staked, with the
//! distributor's `total_staked` raised to match), since creating 10,000 positions through transactions would
//! only measure the set-up. Prints a table: holders, instruction, compute units, accounts, transaction bytes.
use anchor_lang::{AccountSerialize, Space};
use pst_tests::*;
use revenue_distributor::state::{Distributor, Position};
use solana_account::Account;

const STAKE: u64 = 100 * PST;

async fn inject_positions(env: &mut Env, m: &MerchantKeys, n: usize) {
    let k = DistKeys::of(m);
    let mut d: Distributor = env.distributor(m).await;
    for _ in 0..n {
        let owner = Pubkey::new_unique();
        let (address, bump) = Pubkey::find_program_address(
            &[revenue_distributor::constants::POSITION_SEED, k.distributor.as_ref(), owner.as_ref()],
            &revenue_distributor::ID,
        );
        let p = Position {
            distributor: k.distributor,
            owner,
            staked: STAKE,
            checkpoint: d.reward_per_token,
            pending: 0,
            claimed: 0,
            auto_payout: false,
            payout_account: Pubkey::default(),
            bump,
        };
        let mut data = Vec::with_capacity(8 + Position::INIT_SPACE);
        p.try_serialize(&mut data).unwrap();
        data.resize(8 + Position::INIT_SPACE, 0);
        env.set_account(
            &address,
            Account {
                lamports: 10_000_000,
                data,
                owner: revenue_distributor::ID,
                executable: false,
                rent_epoch: 0,
            },
        );
    }
    d.total_staked += n as u64 * STAKE;
    let mut data = Vec::new();
    d.try_serialize(&mut data).unwrap();
    data.resize(8 + Distributor::INIT_SPACE, 0);
    let acc = env.raw_account(&k.distributor).await.unwrap();
    env.set_account(&k.distributor, Account { data, ..acc });
}

#[tokio::main]
async fn main() {
    let mut rows = Vec::new();
    let mut mode = "native";
    for holders in [10usize, 1_000, 10_000] {
        let mut env = Env::new().await;
        env.mute_program_output = true;
        mode = if env.sbf { "SBF" } else { "native" };
        let (m, h) = env.merchant_with_holders(2, STAKE).await;
        env.set_auto_payout(&m, &h[1], true).await.expect("opt in");
        inject_positions(&mut env, &m, holders - 2).await;
        assert_eq!(env.distributor(&m).await.total_staked, holders as u64 * STAKE);
        let keeper = env.wallet().await;
        let (_, keeper_usdc) = env.funded_wallet(0).await;
        env.dividends_arrive(&m, 100_000 * USDC).await;

        let a = env.distribute_accounts(&m, &keeper.pubkey(), &keeper_usdc).await;
        let ix = rd_ix(a, revenue_distributor::instruction::Distribute {});
        let accounts = ix.accounts.len();
        let ok = env.send_ok(&[ix], &[&keeper]).await;
        rows.push((holders, "distribute", ok.compute_units, accounts, env.last_tx_size));

        env.warp(WEEK);
        let ix = rd_ix(
            env.claim_dividends_accounts(&m, &h[0].wallet.pubkey(), &h[0].usdc),
            revenue_distributor::instruction::Claim {},
        );
        let accounts = ix.accounts.len();
        let ok = env.send_ok(&[ix], &[&h[0].wallet]).await;
        rows.push((holders, "claim", ok.compute_units, accounts, env.last_tx_size));

        let pos = DistKeys::of(&m).position(&h[1].wallet.pubkey());
        let ix = env.push_ix(&m, &keeper.pubkey(), &[(pos, h[1].usdc)]);
        let accounts = ix.accounts.len();
        let ok = env.send_ok(&[ix], &[&keeper]).await;
        rows.push((holders, "push_payouts (1)", ok.compute_units, accounts, env.last_tx_size));
        // every holder is a real position account of the distributor
        let _ = env.position(&m, &h[0].wallet.pubkey()).await;
    }
    println!(
        "revenue_distributor cost by holder count ({mode}; natively only the SPL Token CPIs are metered)"
    );
    println!("| holders | instruction | compute units | accounts | transaction bytes |");
    println!("|---:|---|---:|---:|---:|");
    for (holders, name, cu, accounts, bytes) in &rows {
        println!("| {holders} | {name} | {cu} | {accounts} | {bytes} |");
    }
    for name in ["distribute", "claim", "push_payouts (1)"] {
        let costs: Vec<_> = rows.iter().filter(|r| r.1 == name).map(|r| (r.2, r.3, r.4)).collect();
        let same = costs.windows(2).all(|w| w[0] == w[1]);
        println!(
            "{name}: {}",
            if same { "identical at 10, 1,000 and 10,000 holders" } else { "DIFFERS with the holder count" }
        );
    }
}
