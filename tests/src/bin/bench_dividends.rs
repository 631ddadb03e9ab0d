//! Benchmark: the cost of `distribute`, `claim` and a one-position `push_payouts` does not grow with the
//! number of holders. `cargo run -p pst-tests --bin bench_dividends` (add `PST_SBF=1` after
//! `../shared/sbf/build .` to run the programs as SBF and read their compute units).
//!
//! For each holder count, two real holders buy, stake and opt in through the programs; the remaining positions
//! are written into the bank directly (real `Position` accounts of the distributor, staked, with the
//! distributor's `total_staked` raised to match), since creating 10,000 positions through transactions would
//! only measure the set-up. The total staked is the same at every holder count (the injected positions share
//! it), so that only the number of holders varies: u128 division costs a little more or less with the size of
//! its operands, and the accumulator's value depends on the total staked. Prints a table: holders,
//! instruction, compute units, accounts, transaction bytes. Each holder count runs three times with fresh random
//! wallets: a few dozen compute units can move with the key values themselves (Anchor's duplicate-account
//! check hashes the keys, and short comparisons stop at the first differing byte), so the table shows the range.
use anchor_lang::{AccountSerialize, Space};
use pst_tests::*;
use revenue_distributor::state::{Distributor, Position};
use solana_account::Account;

const STAKE: u64 = 100 * PST;
/// Total staked at every holder count.
const TOTAL_STAKED: u64 = 1_000_000 * PST;

/// Write `n` staked positions into the bank, together holding `total`.
async fn inject_positions(env: &mut Env, m: &MerchantKeys, n: usize, total: u64) {
    let k = DistributorAddresses::of(m);
    let mut d: Distributor = env.distributor(m).await;
    for i in 0..n {
        let staked = total / n as u64 + if i == 0 { total % n as u64 } else { 0 };
        let owner = Pubkey::new_unique();
        let (address, bump) = Pubkey::find_program_address(
            &[revenue_distributor::constants::POSITION_SEED, k.distributor.as_ref(), owner.as_ref()],
            &revenue_distributor::ID,
        );
        let p = Position {
            distributor: k.distributor,
            owner,
            staked,
            checkpoint: d.reward_per_token,
            pending: 0,
            claimed: 0,
            auto_payout: false,
            payout_account: Pubkey::default(),
            custody: Pubkey::default(),
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
    d.total_staked += total;
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
    for holders in [10usize, 1_000, 10_000].into_iter().flat_map(|n| [n; 3]) {
        let mut env = Env::new().await;
        env.mute_program_output = true;
        mode = if env.sbf { "SBF" } else { "native" };
        let (m, h) = env.merchant_with_holders(2, STAKE).await;
        env.set_auto_payout(&m, &h[1], true).await.expect("opt in");
        inject_positions(&mut env, &m, holders - 2, TOTAL_STAKED - 2 * STAKE).await;
        assert_eq!(env.distributor(&m).await.total_staked, TOTAL_STAKED);
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
            env.claim_accounts(&m, &h[0].wallet.pubkey(), &h[0].usdc),
            revenue_distributor::instruction::Claim {},
        );
        let accounts = ix.accounts.len();
        let ok = env.send_ok(&[ix], &[&h[0].wallet]).await;
        rows.push((holders, "claim", ok.compute_units, accounts, env.last_tx_size));

        let pos = DistributorAddresses::of(&m).position(&h[1].wallet.pubkey());
        let ix = env.push_payouts(&m, &keeper.pubkey(), &keeper_usdc, &[(pos, h[1].usdc)]);
        let accounts = ix.accounts.len();
        let ok = env.send_ok(&[ix], &[&keeper]).await;
        rows.push((holders, "push_payouts (1)", ok.compute_units, accounts, env.last_tx_size));
        // every holder is a real position account of the distributor
        let _ = env.position(&m, &h[0].wallet.pubkey()).await;
    }
    println!(
        "revenue_distributor cost by holder count ({mode}; natively only the SPL Token CPIs are metered)"
    );
    println!("| holders | instruction | compute units (3 runs) | accounts | transaction bytes |");
    println!("|---:|---|---:|---:|---:|");
    let mut verdicts = Vec::new();
    for name in ["distribute", "claim", "push_payouts (1)"] {
        let mut ranges = Vec::new();
        for holders in [10usize, 1_000, 10_000] {
            let runs: Vec<_> = rows.iter().filter(|r| r.0 == holders && r.1 == name).collect();
            let lo = runs.iter().map(|r| r.2).min().unwrap();
            let hi = runs.iter().map(|r| r.2).max().unwrap();
            let (accounts, bytes) = (runs[0].3, runs[0].4);
            assert!(runs.iter().all(|r| r.3 == accounts && r.4 == bytes));
            let cu = if lo == hi { format!("{lo}") } else { format!("{lo}–{hi}") };
            println!("| {holders} | {name} | {cu} | {accounts} | {bytes} |");
            ranges.push((lo, hi, accounts, bytes));
        }
        // O(1): at 10,000 holders it costs no more than 10 holders already may (their range, or 50 CU of key noise)
        let (small, large) = (ranges[0], ranges[2]);
        let flat =
            large.1 <= small.1 + (small.1 - small.0).max(50) && large.2 == small.2 && large.3 == small.3;
        let verdict =
            if flat { "does not grow from 10 to 10,000 holders" } else { "GROWS with the holder count" };
        verdicts.push(format!("{name}: {verdict}"));
    }
    for v in verdicts {
        println!("{v}");
    }
}
