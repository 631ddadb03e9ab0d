//! Bootstrap a deployed `pst_mint` on a cluster.
//!
//! ```text
//! cargo run -p pst-migrations --bin bootstrap -- \
//!     --url http://127.0.0.1:8899 --keypair ~/.config/solana/id.json \
//!     --usdc-mint <MINT> --admin <MULTISIG_VAULT> --guardian <KEY> \
//!     [--upgrade-authority <KEYPAIR_FILE>] [--underwriter <KEY>]... [--oracle-reporter <KEY>]... \
//!     [--protocol-fee-bps 200] [--alar-contribution-bps 500] [--keeper-tip-bps 10] \
//!     [--min-trailing-revenue 50000] [--min-history-months 12] [--inventory-floor-days 14] \
//!     [--admin-keypair <FILE>]
//! ```
//!
//! Sends `initialize_config` signed by the upgrade authority (default: `--keypair`). The role grants need the
//! admin: with `--admin-keypair` they are sent; otherwise (a multisig admin) they are printed, one instruction
//! per block, for a multisig proposal.
use anchor_lang::solana_program::instruction::Instruction;
use pst_migrations::*;
use pst_mint::state::{FeeParams, MerchantRules};
use solana_commitment_config::CommitmentConfig;
use solana_keypair::Keypair;
use solana_rpc_client::nonblocking::rpc_client::RpcClient;
use solana_signer::Signer;
use solana_transaction::Transaction;
use std::{collections::HashMap, process::ExitCode, str::FromStr};

fn read_keypair(path: &str) -> Result<Keypair, String> {
    let path = path.strip_prefix("~/").map(|p| format!("{}/{p}", std::env::var("HOME").unwrap_or_default()));
    let text = std::fs::read_to_string(path.as_deref().unwrap_or_default()).map_err(|e| format!("{e}"))?;
    let bytes: Vec<u8> = serde_json::from_str(&text).map_err(|e| format!("not a keypair file: {e}"))?;
    Keypair::try_from(bytes.as_slice()).map_err(|e| format!("not a keypair: {e}"))
}

fn parse_args() -> Result<HashMap<String, Vec<String>>, String> {
    let mut args: HashMap<String, Vec<String>> = HashMap::new();
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let name = flag.strip_prefix("--").ok_or(format!("unexpected argument {flag}"))?.to_string();
        let value = it.next().ok_or(format!("--{name} needs a value"))?;
        args.entry(name).or_default().push(value);
    }
    Ok(args)
}

/// Send one instruction paid by `payer` and signed by `signer`, and wait for confirmation.
async fn send(rpc: &RpcClient, payer: &Keypair, ix: Instruction, signer: &Keypair) -> Result<String, String> {
    let blockhash = rpc.get_latest_blockhash().await.map_err(|e| e.to_string())?;
    let mut signers = vec![payer];
    if signer.pubkey() != payer.pubkey() {
        signers.push(signer);
    }
    let tx = Transaction::new_signed_with_payer(&[ix], Some(&payer.pubkey()), &signers, blockhash);
    rpc.send_and_confirm_transaction(&tx).await.map(|s| s.to_string()).map_err(|e| e.to_string())
}

async fn run() -> Result<(), String> {
    let args = parse_args()?;
    let one = |k: &str| args.get(k).and_then(|v| v.last()).cloned().ok_or(format!("--{k} is required"));
    let key = |s: &str| anchor_lang::prelude::Pubkey::from_str(s).map_err(|e| format!("{s}: {e}"));
    let bps = |k: &str, d: u16| {
        args.get(k).and_then(|v| v.last()).map_or(Ok(d), |s| s.parse().map_err(|e| format!("--{k}: {e}")))
    };
    let keys = |k: &str| args.get(k).into_iter().flatten().map(|s| key(s)).collect::<Result<Vec<_>, _>>();

    let payer = read_keypair(&one("keypair")?)?;
    let upgrade_authority = match args.get("upgrade-authority") {
        Some(v) => read_keypair(v.last().unwrap())?,
        None => payer.insecure_clone(),
    };
    let params = BootstrapParams {
        usdc_mint: key(&one("usdc-mint")?)?,
        admin: key(&one("admin")?)?,
        guardian: key(&one("guardian")?)?,
        fees: FeeParams {
            protocol_fee_bps: bps("protocol-fee-bps", 200)?,
            alar_contribution_bps: bps("alar-contribution-bps", 500)?,
            keeper_tip_bps: bps("keeper-tip-bps", 10)?,
        },
        merchant_rules: MerchantRules {
            min_trailing_revenue: match args.get("min-trailing-revenue").and_then(|v| v.last()) {
                Some(s) => {
                    s.parse::<u64>().ok().and_then(|v| v.checked_mul(1_000_000)).ok_or(format!(
                        "--min-trailing-revenue: {s} is not a whole number of USDC that fits"
                    ))?
                }
                None => MerchantRules::DEFAULT.min_trailing_revenue,
            },
            min_history_months: bps("min-history-months", MerchantRules::DEFAULT.min_history_months)?,
            inventory_floor_days: bps("inventory-floor-days", MerchantRules::DEFAULT.inventory_floor_days)?,
        },
        underwriters: keys("underwriter")?,
        oracle_reporters: keys("oracle-reporter")?,
    };
    let rpc = RpcClient::new_with_commitment(one("url")?, CommitmentConfig::confirmed());

    let init = initialize_config_ix(&payer.pubkey(), &upgrade_authority.pubkey(), &params);
    let sig = send(&rpc, &payer, init, &upgrade_authority).await?;
    println!("initialize_config: {sig}");

    let roles = role_instructions(&params);
    match args.get("admin-keypair") {
        Some(path) => {
            let admin = read_keypair(path.last().unwrap())?;
            if admin.pubkey() != params.admin {
                return Err("--admin-keypair does not match --admin".into());
            }
            for ix in roles {
                let sig = send(&rpc, &payer, ix, &admin).await?;
                println!("set_role: {sig}");
            }
        }
        None => {
            println!("The admin must sign {} role grant(s); propose these in the multisig:", roles.len());
            for ix in roles {
                println!("program {}", ix.program_id);
                for m in &ix.accounts {
                    println!("  account {} signer={} writable={}", m.pubkey, m.is_signer, m.is_writable);
                }
                println!("  data (base58) {}", bs58::encode(&ix.data).into_string());
            }
        }
    }
    Ok(())
}

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bootstrap failed: {e}");
            ExitCode::FAILURE
        }
    }
}
