//! Bad input to the `pst` binary itself: every subcommand with an unreachable RPC, a keypair file that does not
//! exist, a wrong account, an out-of-range number, and (for those that sign) a signer without the role. Each
//! exits non-zero with one line on stderr, and nothing is sent: no signer's balance moves and the chain's
//! transaction count does not change.
mod common;
use common::*;
use std::process::Command;

/// A subcommand: its arguments (`{M}` is the merchant), whether it signs, an out-of-range variant of one of its
/// numbers (`None` if it takes none), and who may sign it (`None`: the test does not try another signer).
struct Case {
    args: &'static str,
    signs: bool,
    out_of_range: Option<(&'static str, &'static str)>,
    role_error: Option<&'static str>,
}

const fn case(
    args: &'static str,
    signs: bool,
    out_of_range: Option<(&'static str, &'static str)>,
    role_error: Option<&'static str>,
) -> Case {
    Case { args, signs, out_of_range, role_error }
}

const CASES: &[Case] = &[
    case("admin set-role --role underwriter --member {K}", true, None, Some("NotAdmin")),
    case(
        "admin update-fees --protocol-bps 200 --reserve-bps 500 --tip-bps 10",
        true,
        Some(("--tip-bps 10", "--tip-bps 10001")),
        Some("NotAdmin"),
    ),
    case(
        "admin set-merchant-rules --min-trailing-revenue 50000 --min-history-months 12 --inventory-floor-days 14",
        true,
        Some(("--inventory-floor-days 14", "--inventory-floor-days 366")),
        Some("NotAdmin"),
    ),
    case("admin pause --flags 1", true, Some(("--flags 1", "--flags 0x1g")), Some("NotGuardian")),
    case("admin unpause", true, None, None),
    case("admin freeze-exits --secs 60", true, Some(("--secs 60", "--secs 999999")), Some("NotAdmin")),
    case("admin propose-admin --new-admin {K}", true, None, Some("NotAdmin")),
    case("admin accept-admin", true, None, Some("NoPendingAdmin")),
    case(
        "admin set-tranche-params --merchant {M} --epoch-secs 86400",
        true,
        Some(("--epoch-secs 86400", "--epoch-secs 60")),
        None,
    ),
    case(
        "admin set-reserve-params --merchant {M} --slice-bps 500",
        true,
        Some(("--slice-bps 500", "--slice-bps 0")),
        Some("NotAdmin"),
    ),
    case(
        "admin set-pool-pause --merchant {M} --flags 1",
        true,
        Some(("--flags 1", "--flags 256")),
        Some("NotGuardian"),
    ),
    case("admin delist --merchant {M}", true, None, Some("NotAdmin")),
    case(
        "admin update-pool-fees --merchant {M} --fee-bps 30 --protocol-share-bps 2000",
        true,
        Some(("--fee-bps 30", "--fee-bps 101")),
        None,
    ),
    case("admin collect-protocol-fees --merchant {M}", true, None, None),
    case(
        "admin propose-withdrawal --merchant {M} --amount 10",
        true,
        Some(("--amount 10", "--amount 0")),
        None,
    ),
    case("admin execute-withdrawal --merchant {M} --id 0", true, Some(("--id 0", "--id -1")), None),
    case("admin cancel-withdrawal --merchant {M} --id 0", true, Some(("--id 0", "--id x")), None),
    case("underwriter applications", false, None, None),
    case(
        "underwriter approve --merchant {M} --sale-secs 3600",
        true,
        Some(("--sale-secs 3600", "--sale-secs 10")),
        Some("NotUnderwriter"),
    ),
    case("underwriter reject --merchant {M} --reason other", true, None, Some("NotUnderwriter")),
    case(
        "underwriter open-feed --merchant {M} --period-secs 86400",
        true,
        Some(("--period-secs 86400", "--period-secs 5")),
        Some("NotUnderwriter"),
    ),
    case(
        "underwriter open-distributor --merchant {M} --distribution-secs 3600",
        true,
        Some(("--distribution-secs 3600", "--distribution-secs 1")),
        Some("NotUnderwriter"),
    ),
    case(
        "reporter submit --merchant {M} --period 0 --gross 100 --net 10 --inventory 50",
        true,
        Some(("--gross 100", "--gross 0")),
        Some("NotOracleReporter"),
    ),
    case("investor buy --merchant {M} --amount 10", true, Some(("--amount 10", "--amount 0")), None),
    case(
        "investor stake --merchant {M} --amount 10",
        true,
        Some(("--amount 10", "--amount 1.0000001")),
        None,
    ),
    case("investor unstake --merchant {M} --amount 10", true, Some(("--amount 10", "--amount -1")), None),
    case("investor claim --merchant {M}", true, None, None),
    case("investor auto-payout --merchant {M}", true, None, None),
    case(
        "investor quote --merchant {M} --side buy --amount 10",
        false,
        Some(("--amount 10", "--amount 1e9")),
        None,
    ),
    case(
        "investor swap --merchant {M} --side buy --amount 10",
        true,
        Some(("--amount 10", "--amount 10 --slippage-bps 9000")),
        None,
    ),
    case(
        "investor swap --merchant {M} --side sell --amount 10 --exact-out",
        true,
        Some(("--amount 10", "--amount 0")),
        None,
    ),
    case("investor add-liquidity --merchant {M} --usdc 10", true, Some(("--usdc 10", "--usdc 0")), None),
    case(
        "investor remove-liquidity --merchant {M} --lp 10",
        true,
        Some(("--lp 10", "--lp 99999999999999999999")),
        None,
    ),
    case(
        "investor tranche-deposit --merchant {M} --tranche senior --usdc 10",
        true,
        Some(("--usdc 10", "--usdc 0")),
        None,
    ),
    case(
        "investor tranche-redeem --merchant {M} --tranche junior --shares 1",
        true,
        Some(("--shares 1", "--shares 0.0000000001")),
        None,
    ),
    case("investor tranche-cancel --merchant {M} --tranche junior", true, None, None),
    case("investor tranche-claim --merchant {M} --tranche junior", true, None, None),
    case("investor portfolio --owner {K}", false, None, None),
    case("view config", false, None, None),
    case("view merchants", false, None, None),
    case("view merchant {M}", false, None, None),
    case("view pool {M}", false, Some(("pool ACME", "pool ACME --window 0")), None),
    case("view reserve {M}", false, None, None),
    case("view tranches {M}", false, None, None),
    case(
        "keeper run --once --metrics-port 0",
        true,
        Some(("--metrics-port 0", "--metrics-port 70000")),
        None,
    ),
];

/// The merchant's own subcommands: a wallet that never applied is refused before anything is built.
const MERCHANT_CASES: &[(&str, Option<(&str, &str)>)] = &[
    (
        "merchant apply --name A --symbol A --evidence-uri u --evidence-hash {H} --trailing-revenue 60000 --margin-bps 1 --growth-bps 1 --inventory-value 5000 --history-months 12",
        Some(("--margin-bps 1", "--margin-bps 10001")),
    ),
    ("merchant create-token", None),
    ("merchant issue", None),
    ("merchant open-pool --max-usdc 10", Some(("--max-usdc 10", "--max-usdc 0"))),
    ("merchant open-reserve", None),
    ("merchant open-tranches", None),
    ("merchant release-proceeds", None),
    ("merchant claim-vested", None),
    ("merchant withdraw-settlement --amount 10", Some(("--amount 10", "--amount abc"))),
    ("merchant deposit-stake --amount 10", Some(("--amount 10", "--amount 0"))),
    ("merchant release-stake", None),
    ("merchant claim-seed-liquidity", None),
    ("merchant status", None),
];

fn pst(url: &str, keypair: &std::path::Path, args: &str) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_pst"))
        .args(["--url", url, "--keypair", keypair.to_str().unwrap()])
        .args(args.split_whitespace())
        .env("RUST_LOG", "error")
        .output()
        .expect("the pst binary runs");
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).trim().to_string())
}

/// The run failed with exactly one line on stderr, containing `expect`.
fn refused(url: &str, keypair: &std::path::Path, args: &str, expect: &str) {
    let (code, err) = pst(url, keypair, args);
    assert_ne!(code, 0, "pst {args} succeeded");
    assert_eq!(err.lines().count(), 1, "pst {args}: not one line:\n{err}");
    assert!(err.contains(expect), "pst {args}: {err:?} does not say {expect:?}");
}

#[test]
#[ignore = "needs the SBF builds in target/deploy: scripts/test runs it after building them"]
fn every_subcommand_refuses_bad_input_with_one_line_and_sends_nothing() {
    let n = Net::start("bad-input");
    let a = n.acme();
    let url = n.net.rpc_url.clone();
    let (nobody, nobody_key) = n.wallet("nobody", 5);
    let missing = n.dir.join("no-such-keypair.json");
    let stranger = anchor_lang::prelude::Pubkey::new_unique().to_string();
    let hash = "ab".repeat(32);
    let count = || n.rpc.get_transaction_count().unwrap();
    let lamports = |k: &anchor_lang::prelude::Pubkey| n.rpc.get_balance(k).unwrap();
    let before = (count(), lamports(&nobody_key), lamports(&a.investor), lamports(&a.merchant));

    for c in CASES {
        let good = c.args.replace("{M}", "ACME").replace("{K}", &a.merchant.to_string());
        // an RPC that is not there
        refused("http://127.0.0.1:1", &nobody, &good, "cannot reach the RPC at http://127.0.0.1:1");
        // a keypair file that does not exist
        if c.signs {
            refused(&url, &missing, &good, "cannot read the keypair file");
        }
        // a wrong account: a key that is no merchant (nor any merchant's wallet)
        if c.args.contains("{M}") {
            refused(&url, &nobody, &good.replace("ACME", &stranger), "is not a merchant");
        }
        if c.args.contains("{K}") {
            refused(&url, &nobody, &c.args.replace("{K}", "not-a-key"), "not-a-key is not a public key");
        }
        // an out-of-range number
        if let Some((from, to)) = c.out_of_range {
            let bad = good.replace(from, &to.replace("{M}", "ACME"));
            assert_ne!(bad, good);
            refused(&url, &nobody, &bad, "");
        }
        // a signer without the role: the program's named error
        if let Some(name) = c.role_error {
            refused(&url, &nobody, &good, name);
        }
    }
    for (args, out_of_range) in MERCHANT_CASES {
        let good = args.replace("{H}", &hash);
        refused("http://127.0.0.1:1", &nobody, &good, "cannot reach the RPC");
        refused(&url, &missing, &good, "cannot read the keypair file");
        if !args.contains("apply") {
            refused(&url, &nobody, &good, "has not applied as a merchant");
        } else {
            // a second application from the same wallet: its merchant account exists already
            refused(&url, &a.merchant_key, &good, "refused");
        }
        if let Some((from, to)) = out_of_range {
            refused(&url, &nobody, &good.replace(from, to), "");
        }
    }
    // below the protocol's eligibility thresholds: refused before anything is built, naming the threshold
    let apply = MERCHANT_CASES[0].0.replace("{H}", &hash);
    refused(
        &url,
        &nobody,
        &apply.replace("--trailing-revenue 60000", "--trailing-revenue 49999.99"),
        "at least 50000",
    );
    refused(
        &url,
        &nobody,
        &apply.replace("--history-months 12", "--history-months 11"),
        "at least 12 months",
    );
    // an unknown symbol, a malformed key, an unknown subcommand, a bad output mode
    refused(&url, &nobody, "view merchant NOPE", "no merchant has the symbol NOPE");
    refused(&url, &nobody, "investor buy --merchant 1111 --amount 1", "no merchant has the symbol 1111");
    refused(&url, &nobody, "investor frobnicate", "unrecognized subcommand");
    refused(&url, &nobody, "view config --output yaml", "invalid value 'yaml'");
    // a missing argument is named; a hash of 64 bytes that are not hex digits (multi-byte characters) is refused
    refused(
        &url,
        &nobody,
        "investor buy --merchant ACME",
        "required arguments were not provided: --amount <AMOUNT>",
    );
    let euro = format!("{}a", "€".repeat(21));
    assert_eq!(euro.len(), 64);
    refused(&url, &nobody, &MERCHANT_CASES[0].0.replace("{H}", &euro), "is not a SHA-256 hash");
    // a keypair file that is not a keypair
    let junk = n.dir.join("junk.json");
    std::fs::write(&junk, "[1,2,3]").unwrap();
    refused(&url, &junk, "investor claim --merchant ACME", "does not hold a valid keypair");

    let after = (count(), lamports(&nobody_key), lamports(&a.investor), lamports(&a.merchant));
    assert_eq!(after, before, "something was sent");
}
