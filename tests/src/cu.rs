//! The compute-unit scenario shared by the benchmark (`bench_cu`, which prints the table and regenerates
//! `docs/compute-units.md`) and the ceilings test (`tests/tests/cross_program/compute_units.rs`, which holds every instruction
//! to the ceiling committed in `tests/cu_ceilings.txt`).
//!
//! Every user-facing instruction of every program runs once in a representative scenario; each row records the
//! compute units in all, the program's own share (without the SPL Token CPIs), the accounts the transaction
//! references and its size in bytes. Natively only the SPL programs are metered: run with `PST_SBF=1` after
//! `../shared/sbf/build .`.
use crate::*;

const HOUR: i64 = 3_600;
use ::pst_mint::state::{RejectionReason, Role};

/// One measured instruction.
#[derive(Debug, Clone)]
pub struct Row {
    pub program: &'static str,
    pub name: String,
    pub total: u64,
    pub own: u64,
    pub accounts: usize,
    pub bytes: usize,
}

/// The program's own compute units: the top-level program's consumption less what the token programs it called
/// consumed (they are metered as real SBF in both modes).
pub fn own_share(logs: &[String], total: u64) -> u64 {
    let token_ids = [
        anchor_spl::token::ID.to_string(),
        anchor_spl::token_2022::ID.to_string(),
        anchor_spl::associated_token::ID.to_string(),
    ];
    let mut depth = 0usize;
    let mut inner = 0u64;
    for l in logs {
        if l.contains(" invoke [") {
            depth = l.rsplit('[').next().and_then(|d| d.trim_end_matches(']').parse().ok()).unwrap_or(depth);
        } else if let Some(rest) = l.strip_prefix("Program ") {
            let mut it = rest.split_whitespace();
            let (id, word, n) = (it.next().unwrap_or(""), it.next().unwrap_or(""), it.next().unwrap_or(""));
            if word == "consumed" && depth >= 2 && token_ids.iter().any(|t| t == id) {
                inner += n.parse::<u64>().unwrap_or(0);
            }
        }
    }
    total.saturating_sub(inner)
}

pub struct Bench {
    pub rows: Vec<Row>,
}

impl Bench {
    pub fn record(&mut self, env: &Env, program: &'static str, name: &str, res: TxResult) {
        let ok = res.unwrap_or_else(|f| panic!("{name} failed: {:?}\n{}", f.error, f.logs.join("\n")));
        let own = own_share(&ok.logs, ok.compute_units);
        if std::env::var("PST_CU_LOGS").map(|v| name.contains(&v)).unwrap_or(false) {
            eprintln!("== {name}\n{}", ok.logs.join("\n"));
        }
        self.rows.push(Row {
            program,
            name: name.to_string(),
            total: ok.compute_units,
            own,
            accounts: env.last_tx_accounts,
            bytes: env.last_tx_size,
        });
    }
}

/// Run the scenario on a fresh bank; returns the rows and a description of the mode.
pub async fn measure() -> (Vec<Row>, &'static str) {
    let mut b = Bench { rows: Vec::new() };
    let mut env = Env::bare().await;
    env.mute_program_output = true;
    let mode = if env.sbf { "SBF (shared toolchain)" } else { "native: only the SPL programs are metered" };
    let (deployer, admin, guardian) =
        (env.deployer.insecure_clone(), env.admin.insecure_clone(), env.guardian.insecure_clone());
    const M: &str = "pst_mint";
    const R: &str = "revenue_distributor";

    // ---- governance
    let ix = env.initialize_config_ix(&deployer.pubkey(), default_fees());
    let res = env.send(&[ix], &[&deployer]).await;
    b.record(&env, M, "initialize_config", res);
    let uw = env.underwriter.pubkey();
    let res = env.send(&[env.set_role(&admin.pubkey(), Role::Underwriter, uw, true)], &[&admin]).await;
    b.record(&env, M, "set_role", res);
    let rep = env.reporter.pubkey();
    env.send_ok(&[env.set_role(&admin.pubkey(), Role::OracleReporter, rep, true)], &[&admin]).await;
    let res = env.send(&[env.update_fees(&admin.pubkey(), default_fees())], &[&admin]).await;
    b.record(&env, M, "update_fees", res);
    let rules = ::pst_mint::state::MerchantRules::DEFAULT;
    let res = env.send(&[env.set_merchant_rules(&admin.pubkey(), rules)], &[&admin]).await;
    b.record(&env, M, "set_merchant_rules", res);
    let res = env
        .send(&[env.set_pause(&guardian.pubkey(), ::pst_mint::constants::PAUSE_LISTING)], &[&guardian])
        .await;
    b.record(&env, M, "set_pause", res);
    env.send_ok(&[env.set_pause(&admin.pubkey(), 0)], &[&admin]).await;
    let res = env.send(&[env.freeze_exits(&admin.pubkey(), 3_600)], &[&admin]).await;
    b.record(&env, M, "freeze_exits", res);
    env.send_ok(&[env.freeze_exits(&admin.pubkey(), 0)], &[&admin]).await;
    let next = env.wallet().await;
    let res = env.send(&[env.propose_admin(&admin.pubkey(), next.pubkey())], &[&admin]).await;
    b.record(&env, M, "propose_admin", res);
    let res = env.send(&[env.accept_admin(&next.pubkey())], &[&next]).await;
    b.record(&env, M, "accept_admin", res);
    // hand the admin back so the fixture's admin keeps working
    env.send_ok(&[env.propose_admin(&next.pubkey(), admin.pubkey())], &[&next]).await;
    env.send_ok(&[env.accept_admin(&admin.pubkey())], &[&admin]).await;

    // ---- listing and issuance
    let m = MerchantKeys::new(env.wallet().await);
    let res = env
        .send(&[env.apply_for_listing(&m, sample_profile("Acme Outdoor Gear", "ACME"))], &[&m.authority])
        .await;
    b.record(&env, M, "apply_for_listing", res);
    let uwk = env.underwriter.insecure_clone();
    let res = env.send(&[env.approve_merchant(&m, &uwk.pubkey(), sample_approval())], &[&uwk]).await;
    b.record(&env, M, "approve_merchant", res);
    let r = env.applied_merchant(sample_profile("Risky", "RSK")).await;
    let res =
        env.send(&[env.reject_merchant(&r, &uwk.pubkey(), RejectionReason::ExcessiveRisk)], &[&uwk]).await;
    b.record(&env, M, "reject_merchant", res);
    let res = env.create_token(&m).await;
    b.record(&env, M, "create_token", res);
    let res = env.issue_supply(&m).await;
    b.record(&env, M, "issue_supply", res);
    let inv = env.investor(&m, 10_000 * USDC).await;
    let res = env.buy(&m, &inv, 1_000 * PST).await;
    b.record(&env, M, "buy_public", res);
    env.warp(sample_approval().sale_duration_secs);
    let res = env.close_sale(&m).await;
    b.record(&env, M, "close_sale", res);
    env.warp(200 * DAY);
    let dest = env.merchant_pst_account(&m).await;
    let res = env.claim_vested(&m, &dest).await;
    b.record(&env, M, "claim_vested", res);

    // ---- revenue
    let now = env.now;
    let res = env.open_feed(&m, sample_feed_params(now)).await;
    b.record(&env, M, "open_revenue_feed", res);
    let mut reporters = vec![env.reporter.insecure_clone()];
    reporters.extend(env.add_reporters(2).await);
    env.sales_proceeds(&m, 100_000 * USDC).await;
    let res = env.sweep(&m).await;
    b.record(&env, M, "sweep", res);
    let musdc = env.merchant_usdc_account(&m).await;
    let res = env.withdraw(&m, &musdc, 10_000 * USDC).await;
    b.record(&env, M, "withdraw_settlement", res);
    env.warp(PERIOD);
    let res = env.submit(&m, &reporters[0], 0, 100_000 * USDC, 18_000 * USDC as i64).await;
    b.record(&env, M, "submit_report (first: creates the report)", res);
    let res = env.submit(&m, &reporters[1], 0, 100_500 * USDC, 18_000 * USDC as i64).await;
    b.record(&env, M, "submit_report", res);
    env.submit(&m, &reporters[2], 0, 99_800 * USDC, 18_000 * USDC as i64).await.expect("submit");
    let res = env.accept(&m, 0).await;
    b.record(&env, M, "accept_period (native, 3 reports)", res);

    // ---- dividends
    let res = env.init_distributor(&m, WEEK).await;
    b.record(&env, R, "initialize_distributor", res);
    let res = env.open_position(&m, &inv.wallet).await;
    b.record(&env, R, "open_position", res);
    let res = env.stake(&m, &inv, 500 * PST).await;
    b.record(&env, R, "deposit", res);
    let res = env.set_auto_payout(&m, &inv, true).await;
    b.record(&env, R, "set_auto_payout", res);
    let keeper = env.wallet().await;
    let (_, keeper_usdc) = env.funded_wallet(0).await;
    let res = env.distribute(&m, &keeper, &keeper_usdc).await;
    b.record(&env, R, "distribute", res);
    env.warp(WEEK / 2);
    let pos = DistributorAddresses::of(&m).position(&inv.wallet.pubkey());
    let ix = env.push_payouts(&m, &keeper.pubkey(), &keeper_usdc, &[(pos, inv.usdc)]);
    let res = env.send(&[ix], &[&keeper]).await;
    b.record(&env, R, "push_payouts (1 position)", res);
    env.warp(WEEK / 4);
    let res = env.claim(&m, &inv).await;
    b.record(&env, R, "claim", res);
    let res = env.unstake(&m, &inv, 100 * PST).await;
    b.record(&env, R, "withdraw", res);
    // a full push batch of 10 positions
    let mut pairs = Vec::new();
    for _ in 0..10 {
        let h = env.investor(&m, 0).await;
        let ix = anchor_spl::token_2022::spl_token_2022::instruction::transfer_checked(
            &anchor_spl::token_2022::ID,
            &dest,
            &m.pst_mint,
            &h.pst,
            &m.authority.pubkey(),
            &[],
            10 * PST,
            6,
        )
        .unwrap();
        env.send_ok(&[ix], &[&m.authority]).await;
        env.open_position(&m, &h.wallet).await.expect("open");
        env.stake(&m, &h, 10 * PST).await.expect("stake");
        env.set_auto_payout(&m, &h, true).await.expect("opt in");
        pairs.push((DistributorAddresses::of(&m).position(&h.wallet.pubkey()), h.usdc));
    }
    env.dividends_arrive(&m, 10_000 * USDC).await;
    env.distribute(&m, &keeper, &keeper_usdc).await.expect("distribute");
    env.warp(WEEK);
    let ix = env.push_payouts(&m, &keeper.pubkey(), &keeper_usdc, &pairs);
    let res = env.send(&[ix], &[&keeper]).await;
    b.record(&env, R, "push_payouts (10 positions)", res);

    // ---- amm_pool
    const A: &str = "amm_pool";
    let res = env.init_pool(&m).await;
    b.record(&env, A, "initialize_pool", res);
    let trader = env.investor(&m, 100_000 * USDC).await;
    env.warp(HOUR);
    let res = env.swap_in(&m, &trader, UsdcToPst, 1_000 * USDC, 1).await;
    b.record(&env, A, "swap_exact_in (USDC → PST)", res);
    env.warp(HOUR);
    let res = env.swap_in(&m, &trader, PstToUsdc, 500 * PST, 1).await;
    b.record(&env, A, "swap_exact_in (PST → USDC)", res);
    env.warp(HOUR);
    let res = env.swap_out(&m, &trader, UsdcToPst, 100 * PST, 200 * USDC).await;
    b.record(&env, A, "swap_exact_out (USDC → PST)", res);
    let lp = env.lp_investor(&m, 20_000 * USDC).await;
    env.swap_in(&m, &lp.investor, UsdcToPst, 10_000 * USDC, 1).await.expect("LP buys PST");
    env.dividends_arrive(&m, 100_000 * USDC).await;
    env.distribute(&m, &keeper, &keeper_usdc).await.expect("distribute");
    env.warp(DAY);
    let res = env.add_liquidity(&m, &lp, 1_000 * PST, u64::MAX, u64::MAX).await;
    b.record(&env, A, "deposit (harvests first)", res);
    env.warp(DAY);
    let res = env.remove_liquidity(&m, &lp, 500 * PST, 0, 0).await;
    b.record(&env, A, "withdraw (harvests first)", res);
    env.warp(DAY);
    let res = env.harvest(&m).await;
    b.record(&env, A, "harvest_dividends", res);
    let ix = env.get_twap(&m, HOUR);
    let res = env.send(&[ix], &[]).await;
    b.record(&env, A, "get_twap", res);
    let res = env.update_pool_fees(&m, &admin, 30, 2_000).await;
    b.record(&env, A, "update_pool_fees", res);
    let res = env.set_pool_pause(&m, &guardian, ::amm_pool::constants::PAUSE_DEPOSIT).await;
    b.record(&env, A, "set_pool_pause", res);
    env.set_pool_pause(&m, &admin, 0).await.expect("unpause");
    let res = env.collect_protocol_fees(&m).await;
    b.record(&env, A, "collect_protocol_fees", res);
    env.warp(365 * DAY);
    let res = env.claim_seed_liquidity(&m).await;
    b.record(&env, A, "claim_seed_liquidity", res);

    // ---- the merchant's financing and its reserve
    const L: &str = "alar_reserve";
    let res = env.init_reserve(&m).await;
    b.record(&env, L, "initialize_reserve (opens its custody position by CPI)", res);
    let (res, _) = env.release(&m).await;
    b.record(&env, M, "release_proceeds", res);
    let res = env.deposit_stake_from(&m, &m.authority.insecure_clone(), &musdc, 1_000 * USDC).await;
    b.record(&env, L, "deposit_stake", res);
    // a contribution arrives: the harvest counts it (a harvest with nothing to do is refused)
    env.donate_to_reserve(&m, 1_000 * USDC).await;
    let res = env.harvest_reserve_now(&m).await;
    b.record(&env, L, "harvest", res);
    // a merchant with three accepted periods, the reserve seeded: a crash, then a spike
    let (bm, trader, reporters) = env.band_merchant().await;
    env.swap_in(&bm, &trader, PstToUsdc, 150_000 * PST, 0).await.expect("crash");
    env.warp(HOUR);
    let res = env.crank_band(&bm).await;
    b.record(&env, L, "stabilize (buys PST)", res);
    env.swap_in(&bm, &trader, UsdcToPst, 300_000 * USDC, 0).await.expect("spike");
    env.warp(HOUR);
    let res = env.crank_band(&bm).await;
    b.record(&env, L, "stabilize (sells PST)", res);
    env.run_periods(&bm, &reporters, 1, BAND_GROSS, BAND_GROSS / 2).await;
    let period = env.feed(&bm).await.next_period - 1;
    let res = env.cover(&bm, period).await;
    b.record(&env, L, "cover_shortfall (creates the cover)", res);
    let params = ::alar_reserve::state::ReserveParams::default();
    let res = env.send(&[env.set_reserve_params(&bm, &admin.pubkey(), params)], &[&admin]).await;
    b.record(&env, L, "set_reserve_params", res);
    let admin_usdc = env.admin_usdc().await;
    for id in 0..2 {
        let ix = env.propose_withdrawal(&bm, &admin.pubkey(), id, &admin_usdc, None, 100 * USDC);
        let res = env.send(&[ix], &[&admin]).await;
        if id == 0 {
            b.record(&env, L, "propose_withdrawal", res);
        } else {
            res.expect("propose");
        }
    }
    let res = env.send(&[env.cancel_withdrawal(&bm, &guardian.pubkey(), 1)], &[&guardian]).await;
    b.record(&env, L, "cancel_withdrawal", res);
    env.warp(::alar_reserve::constants::DEFAULT_TIMELOCK_SECS);
    let res = env.send(&[env.execute_withdrawal(&bm, &admin.pubkey(), 0, &admin_usdc)], &[&admin]).await;
    b.record(&env, L, "execute_withdrawal", res);
    let res = env.send(&[env.delist(&bm, &admin.pubkey(), true)], &[&admin, &bm.authority]).await;
    b.record(&env, M, "delist (at the merchant's request)", res);
    let (usdc, pst) = env.merchant_accounts(&bm).await;
    env.run_periods(&bm, &reporters, 1, BAND_GROSS, 0).await;
    let res = env.send(&[env.release_stake(&bm, &usdc, &pst)], &[&bm.authority]).await;
    b.record(&env, L, "release_stake", res);

    // ---- the tranches: a vault's first epochs, then a crash that reaches the backstop
    const Y: &str = "yield_tranches";
    let (tm, trader, reporters) = env.band_merchant().await;
    let res = env.init_tranches(&tm).await;
    b.record(&env, Y, "initialize_tranches (two share mints, its custody position by CPI)", res);
    let invested = ::yield_tranches::state::TrancheParams {
        buffer_bps: 0,
        max_slippage_bps: 500,
        min_subordination_bps: 1_000,
        ..Default::default()
    };
    let res = env.send(&[env.set_tranche_params(&tm, &admin.pubkey(), invested)], &[&admin]).await;
    b.record(&env, Y, "set_tranche_params", res);
    use ::yield_tranches::state::Tranche::{Junior, Senior};
    let (junior, senior) =
        (env.tranche_investor(&tm, 20_000 * USDC).await, env.tranche_investor(&tm, 90_000 * USDC).await);
    let res = env.deposit_request(&tm, &junior, Junior, 9_000 * USDC).await;
    b.record(&env, Y, "request_deposit (first: creates the request)", res);
    let res = env.deposit_request(&tm, &junior, Junior, 1_000 * USDC).await;
    b.record(&env, Y, "request_deposit", res);
    env.deposit_request(&tm, &senior, Senior, 90_000 * USDC).await.expect("senior");
    env.warp(crate::EPOCH);
    let res = env.close_epoch_now(&tm).await;
    b.record(&env, Y, "close_epoch (deposits execute and mint shares, buys PST)", res);
    let res = env.claim_tranche(&tm, &junior, Junior).await;
    b.record(&env, Y, "claim_request (shares, one epoch record)", res);
    env.claim_tranche(&tm, &senior, Senior).await.expect("claim");
    env.deposit_request(&tm, &junior, Junior, 1_000 * USDC).await.expect("deposit");
    let res = env.cancel_tranche(&tm, &junior, Junior).await;
    b.record(&env, Y, "cancel_request", res);
    for _ in 0..3 {
        env.business_week(&tm, &reporters, BAND_GROSS * 7 / 30).await;
        env.swap_in(&tm, &trader, UsdcToPst, USDC, 0).await.expect("a trade");
        env.warp(DAY);
        env.close_epoch_now(&tm).await.expect("close");
    }
    let res = env.redeem_request(&tm, &senior, Senior, 30_000 * crate::SHARE).await;
    b.record(&env, Y, "request_redeem (first: creates the request)", res);
    env.swap_in(&tm, &trader, PstToUsdc, 400_000 * PST, 0).await.expect("crash");
    env.warp(crate::EPOCH);
    let res = env.close_epoch_now(&tm).await;
    let index = env.tranches(&tm).await.epoch - 1;
    let e = env.epoch_record(&tm, index).await;
    let label = format!(
        "close_epoch (a crash: backstop {}, PST sold {}, shares burned {})",
        if e.backstop_paid > 0 { "drawn by CPI" } else { "not drawn" },
        if e.pst_sold > 0 { "yes" } else { "no: the spot is below the TWAP" },
        if e.fills[1].executed > 0 { "yes" } else { "no" },
    );
    b.record(&env, Y, &label, res);
    let res = env.claim_tranche(&tm, &senior, Senior).await;
    b.record(&env, Y, "claim_request (USDC, one epoch record)", res);

    // swap cost does not depend on the size of the reserves (the small store is below the default eligibility
    // threshold)
    env.admit_small_stores().await;
    for (label, supply, price) in [("small", 1_000 * PST, USDC), ("large", 1_000_000_000 * PST, 1_000 * USDC)]
    {
        let params = ::pst_mint::state::ApprovalParams {
            total_supply: supply,
            issue_price: price,
            ..sample_approval()
        };
        let m = env.issued_merchant_with(params).await;
        let now = env.now;
        env.open_feed(&m, sample_feed_params(now)).await.expect("feed");
        env.init_distributor(&m, WEEK).await.expect("distributor");
        env.init_pool(&m).await.expect("pool");
        let reserve = env.pool(&m).await.reserve_pst;
        let h = env.investor(&m, 1_000 * USDC).await;
        env.warp(HOUR);
        let res = env.swap_in(&m, &h, UsdcToPst, 10 * USDC, 1).await;
        b.record(&env, A, &format!("swap_exact_in, {label} reserves ({} PST)", reserve / PST), res);
    }
    // `cover_senior` alone, from the test-only stand-in at yield_tranches' id (in its own bank): the real vault
    // calls it inside `close_epoch`, measured above
    let mut env = Env::with_backstop_stand_in().await;
    env.mute_program_output = true;
    let (bm, _, _) = env.band_merchant().await;
    env.harvest_reserve_now(&bm).await.expect("harvest");
    let res = env.draw_senior(&bm, 1_000 * USDC).await;
    b.record(&env, L, "cover_senior (by CPI from a stand-in at the tranche vault's id)", res);
    (b.rows, mode)
}

/// The table as markdown (what `docs/compute-units.md` holds).
pub fn markdown(rows: &[Row], mode: &str) -> String {
    let mut out = String::new();
    out.push_str("# Compute units\n\n");
    out.push_str(&format!(
        "Generated by `PST_SBF=1 cargo run -p pst-tests --bin bench_cu -- --write` ({mode}). Compute units from the \
         shared SBF toolchain differ somewhat from `cargo build-sbf` output: compare builds with each other. \
         \"Own\" is the total less the SPL Token / Token-2022 / Associated Token CPIs. Accounts and bytes are the \
         transaction's (one instruction, fee payer included; the limit is 1,232 bytes). Ceilings: \
         `tests/cu_ceilings.txt`, enforced by `tests/tests/cross_program/compute_units.rs` in SBF mode.\n\n"
    ));
    out.push_str(
        "| program | instruction | compute units | own | accounts | bytes |\n|---|---|---:|---:|---:|---:|\n",
    );
    for r in rows {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} |\n",
            r.program, r.name, r.total, r.own, r.accounts, r.bytes
        ));
    }
    out
}

/// The committed ceilings: `program<TAB>instruction<TAB>compute units` per line (`#` starts a comment).
pub fn ceilings() -> Vec<(String, String, u64)> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("cu_ceilings.txt");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(f.len(), 3, "malformed ceiling line: {l:?}");
            (f[0].to_string(), f[1].to_string(), f[2].trim().parse().expect("ceiling"))
        })
        .collect()
}

/// Ceilings for `rows`: the measured value plus 2%, rounded up to the next 100 (for `bench_cu -- --ceilings`,
/// when an instruction is added; raising an existing ceiling is a reviewed change).
pub fn proposed_ceilings(rows: &[Row]) -> String {
    let mut out = String::from(
        "# Compute-unit ceilings on the SBF build (program, instruction, ceiling), checked by\n\
         # tests/tests/cross_program/compute_units.rs with PST_SBF=1. Measured value + 2%, rounded up to 100.\n\
         # Raising one is a deliberate, reviewed change: say why in the commit.\n",
    );
    for r in rows {
        out.push_str(&format!("{}\t{}\t{}\n", r.program, r.name, (r.total * 102 / 100).div_ceil(100) * 100));
    }
    out
}
