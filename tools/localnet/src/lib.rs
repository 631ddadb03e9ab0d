//! `pst-localnet`: a local chain for the PST protocol that any Solana client can use.
//!
//! It embeds `surfpool-core` (LiteSVM behind standard JSON-RPC and pubsub) in offline mode: no remote datasource,
//! no network access. On start it writes the SBF builds from `target/deploy/` as upgradeable programs at their
//! ids (`pst_ids::PROGRAMS`) with a local deployer as upgrade authority (so `initialize_config`'s check holds),
//! funds the local keys, creates a local USDC mint, and (unless told not to) bootstraps the protocol config over
//! RPC with the same code as `migrations/`. The keys are written to a directory for the CLI and the keeper.
use anchor_lang::{
    prelude::Pubkey,
    solana_program::{instruction::Instruction, system_instruction},
};
use anchor_spl::token::spl_token;
use crossbeam_channel::{bounded, unbounded};
use pst_migrations::{initialize_config_ix, role_instructions, BootstrapParams};
use pst_mint::state::{FeeParams, MerchantRules};
use solana_commitment_config::CommitmentConfig;
use solana_keypair::Keypair;
use solana_rpc_client::rpc_client::RpcClient;
use solana_signer::Signer;
use solana_transaction::Transaction;
use std::{path::PathBuf, time::Duration};
use surfpool_core::{
    runloops::start_local_surfnet_runloop,
    surfnet::{
        locker::SurfnetSvmLocker,
        svm::{SurfnetSvm, SurfnetSvmConfig},
    },
};
mod history;

use surfpool_types::{BlockProductionMode, RpcConfig, SimnetConfig, SimnetEvent, SurfpoolConfig};

/// How to start.
#[derive(Debug, Clone)]
pub struct Options {
    pub bind_address: String,
    pub rpc_port: u16,
    /// Pubsub (websocket) port; `solana-test-validator` uses the RPC port + 1.
    pub ws_port: u16,
    /// Where the SBF builds are (`<name>.so`).
    pub programs_dir: PathBuf,
    /// Where the local keys are written (`<role>.json`, Solana keypair files).
    pub keys_dir: PathBuf,
    /// Initialise the protocol config and its roles.
    pub bootstrap: bool,
    /// Seed the demo merchant (`pst_migrations::demo`; needs the bootstrap): listed, sold out, a pool, a
    /// reserve, tranches, a staked holder, and customers' payments waiting in its settlement vault.
    pub demo: bool,
    /// After the demo, this many days of history (one revenue period a day: trades, customers' payments, the
    /// revenue share swept, reports accepted, distributions), the chain's clock moved forward through them.
    pub history_days: u32,
}

/// The local keys: the deployer (upgrade authority and payer), the admin, the guardian, the USDC mint authority,
/// an underwriter and three oracle reporters.
pub struct Keys {
    pub deployer: Keypair,
    pub admin: Keypair,
    pub guardian: Keypair,
    pub usdc_authority: Keypair,
    pub underwriter: Keypair,
    pub reporters: [Keypair; 3],
    /// The demo merchant's wallet and the demo investor's (funded and written whether or not the demo runs).
    pub merchant: Keypair,
    pub investor: Keypair,
}

impl Keys {
    fn new() -> Keys {
        Keys {
            deployer: Keypair::new(),
            admin: Keypair::new(),
            guardian: Keypair::new(),
            usdc_authority: Keypair::new(),
            underwriter: Keypair::new(),
            reporters: [Keypair::new(), Keypair::new(), Keypair::new()],
            merchant: Keypair::new(),
            investor: Keypair::new(),
        }
    }

    fn named(&self) -> Vec<(String, &Keypair)> {
        let mut v: Vec<(String, &Keypair)> = vec![
            ("deployer".into(), &self.deployer),
            ("admin".into(), &self.admin),
            ("guardian".into(), &self.guardian),
            ("usdc-authority".into(), &self.usdc_authority),
            ("underwriter".into(), &self.underwriter),
            ("demo-merchant".into(), &self.merchant),
            ("demo-investor".into(), &self.investor),
        ];
        for (i, r) in self.reporters.iter().enumerate() {
            v.push((format!("reporter-{i}"), r));
        }
        v
    }
}

/// A running local chain.
pub struct Localnet {
    pub rpc_url: String,
    pub ws_url: String,
    pub usdc_mint: Pubkey,
    pub keys: Keys,
    pub bootstrapped: bool,
    /// The demo merchant's account, if seeded.
    pub demo_merchant: Option<Pubkey>,
}

/// One clear sentence for each way starting can fail.
pub type StartError = String;

/// Start the chain on its own threads and return once it serves RPC with the programs, the mint and (if asked)
/// the bootstrap in place. The chain runs until the process exits.
pub fn start(o: &Options) -> Result<Localnet, StartError> {
    let config = SurfpoolConfig {
        simnets: vec![SimnetConfig {
            offline_mode: true,
            remote_rpc_url: None,
            block_production_mode: BlockProductionMode::Clock,
            ..SimnetConfig::default()
        }],
        rpc: RpcConfig {
            bind_host: o.bind_address.clone(),
            bind_port: o.rpc_port,
            ws_port: o.ws_port,
            ..Default::default()
        },
        ..SurfpoolConfig::default()
    };
    let (svm, events, geyser) =
        SurfnetSvm::new(SurfnetSvmConfig::default()).map_err(|e| format!("the SVM did not start: {e:?}"))?;
    let (commands_tx, commands_rx) = unbounded();
    let locker = SurfnetSvmLocker::new(svm);
    let writer = locker.clone();
    hiro_system_kit::thread_named("surfnet")
        .spawn(move || {
            let run = start_local_surfnet_runloop(locker, config, commands_tx, commands_rx, geyser);
            if let Err(e) = hiro_system_kit::nestable_block_on(run) {
                eprintln!("pst-localnet: the chain stopped: {e}");
                std::process::exit(1);
            }
        })
        .map_err(|e| format!("cannot start the chain's thread: {e}"))?;
    // the embedder must keep reading the event channel (bounded); signal the first Ready
    let (ready_tx, ready_rx) = bounded(1);
    hiro_system_kit::thread_named("surfnet-events")
        .spawn(move || {
            let mut ready = Some(ready_tx);
            while let Ok(event) = events.recv() {
                match event {
                    SimnetEvent::Ready(_) => {
                        if let Some(tx) = ready.take() {
                            let _ = tx.send(());
                        }
                    }
                    SimnetEvent::Aborted(why) => eprintln!("pst-localnet: aborted: {why}"),
                    _ => {}
                }
            }
        })
        .map_err(|e| format!("cannot start the event thread: {e}"))?;
    ready_rx.recv_timeout(Duration::from_secs(60)).map_err(|_| {
        format!("the chain did not become ready on {}:{} within a minute", o.bind_address, o.rpc_port)
    })?;

    let keys = Keys::new();
    // the programs, upgradeable, the deployer their upgrade authority
    for (name, id) in pst_ids::PROGRAMS {
        let path = o.programs_dir.join(format!("{name}.so"));
        let so = std::fs::read(&path).map_err(|e| {
            format!("cannot read {} ({e}): build the programs with ../shared/sbf/build .", path.display())
        })?;
        let authority =
            keys.deployer.pubkey().to_string().parse().map_err(|_| "a deployer key".to_string())?;
        let program = id.to_string().parse().map_err(|_| format!("{name}'s id"))?;
        hiro_system_kit::nestable_block_on(writer.write_program(program, Some(authority), 0, &so, &None))
            .map_err(|e| format!("cannot write {name}: {e:?}"))?;
    }

    let rpc_url = format!("http://{}:{}", o.bind_address, o.rpc_port);
    let ws_url = format!("ws://{}:{}", o.bind_address, o.ws_port);
    let rpc = RpcClient::new_with_commitment(rpc_url.clone(), CommitmentConfig::confirmed());
    for (name, k) in keys.named() {
        let sig = rpc
            .request_airdrop(&k.pubkey(), 100_000_000_000)
            .map_err(|e| format!("the airdrop to the {name} key failed: {e}"))?;
        rpc.poll_for_signature(&sig)
            .map_err(|e| format!("the airdrop to the {name} key was not confirmed: {e}"))?;
    }

    // a local USDC mint (classic SPL Token, 6 decimals)
    let usdc = Keypair::new();
    let space = 82; // the SPL Token mint layout
    let rent = rpc.get_minimum_balance_for_rent_exemption(space).map_err(|e| format!("rent: {e}"))?;
    let payer = &keys.deployer;
    let ixs = [
        system_instruction::create_account(
            &payer.pubkey(),
            &usdc.pubkey(),
            rent,
            space as u64,
            &spl_token::ID,
        ),
        spl_token::instruction::initialize_mint2(
            &spl_token::ID,
            &usdc.pubkey(),
            &keys.usdc_authority.pubkey(),
            None,
            6,
        )
        .map_err(|e| format!("the USDC mint: {e}"))?,
    ];
    send(&rpc, &ixs, payer, &[&usdc]).map_err(|e| format!("creating the USDC mint failed: {e}"))?;

    let mut bootstrapped = false;
    if o.bootstrap {
        let params = BootstrapParams {
            usdc_mint: usdc.pubkey(),
            admin: keys.admin.pubkey(),
            guardian: keys.guardian.pubkey(),
            fees: FeeParams { protocol_fee_bps: 200, alar_contribution_bps: 500, keeper_tip_bps: 10 },
            merchant_rules: MerchantRules::DEFAULT,
            underwriters: vec![keys.underwriter.pubkey()],
            oracle_reporters: keys.reporters.iter().map(|k| k.pubkey()).collect(),
        };
        let init = initialize_config_ix(&payer.pubkey(), &payer.pubkey(), &params);
        send(&rpc, &[init], payer, &[]).map_err(|e| format!("initialize_config failed: {e}"))?;
        for ix in role_instructions(&params) {
            send(&rpc, &[ix], payer, &[&keys.admin]).map_err(|e| format!("set_role failed: {e}"))?;
        }
        bootstrapped = true;
    }

    let mut demo_merchant = None;
    if o.demo {
        if !bootstrapped {
            return Err("the demo merchant needs the bootstrap (drop --no-bootstrap)".into());
        }
        demo_merchant = Some(seed_demo(&rpc, &keys, &usdc.pubkey())?);
        if o.history_days > 0 {
            history::seed(&rpc, &keys, &usdc.pubkey(), o.history_days)?;
        }
    } else if o.history_days > 0 {
        return Err("--history-days needs --demo".into());
    }

    std::fs::create_dir_all(&o.keys_dir)
        .map_err(|e| format!("cannot create {}: {e}", o.keys_dir.display()))?;
    for (name, k) in keys.named() {
        let path = o.keys_dir.join(format!("{name}.json"));
        let json = serde_json::to_string(&k.to_bytes().to_vec()).map_err(|e| format!("{e}"))?;
        std::fs::write(&path, json).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(Localnet { rpc_url, ws_url, usdc_mint: usdc.pubkey(), keys, bootstrapped, demo_merchant })
}

/// Mint `amount` USDC to `owner`'s associated account, creating it.
fn fund_usdc(rpc: &RpcClient, keys: &Keys, mint: &Pubkey, owner: &Pubkey, amount: u64) -> Result<(), String> {
    use anchor_spl::associated_token::{
        get_associated_token_address,
        spl_associated_token_account::instruction::create_associated_token_account_idempotent,
    };
    let ixs = [
        create_associated_token_account_idempotent(&keys.deployer.pubkey(), owner, mint, &spl_token::ID),
        spl_token::instruction::mint_to(
            &spl_token::ID,
            mint,
            &get_associated_token_address(owner, mint),
            &keys.usdc_authority.pubkey(),
            &[],
            amount,
        )
        .map_err(|e| format!("{e}"))?,
    ];
    send(rpc, &ixs, &keys.deployer, &[&keys.usdc_authority])
}

/// The demo merchant through its listing, over RPC, with `pst_migrations::demo`'s steps; then customers'
/// payments (50,000 USDC) arrive in its settlement vault for the keeper to sweep. Returns its merchant account.
fn seed_demo(rpc: &RpcClient, keys: &Keys, usdc: &Pubkey) -> Result<Pubkey, String> {
    use pst_migrations::demo::{steps, Signer as Who};
    fund_usdc(rpc, keys, usdc, &keys.merchant.pubkey(), 400_000 * 1_000_000)?;
    fund_usdc(rpc, keys, usdc, &keys.investor.pubkey(), 1_000_000 * 1_000_000)?;
    let clock: Pubkey =
        "SysvarC1ock11111111111111111111111111111111".parse().map_err(|_| "the clock".to_string())?;
    let data = rpc.get_account_data(&clock).map_err(|e| format!("the clock: {e}"))?;
    let now = data.get(32..40).and_then(|b| b.try_into().ok()).map(i64::from_le_bytes).unwrap_or_default();
    let client = pst_client::Client::new(*usdc);
    for step in
        steps(&client, &keys.merchant.pubkey(), &keys.underwriter.pubkey(), &keys.investor.pubkey(), now)
    {
        let signer = match step.signer {
            Who::Merchant => &keys.merchant,
            Who::Underwriter => &keys.underwriter,
            Who::Investor => &keys.investor,
        };
        send(rpc, &step.ixs, &keys.deployer, &[signer])
            .map_err(|e| format!("the demo's {} failed: {e}", step.what))?;
    }
    let m = pst_client::MerchantAddresses::new(&keys.merchant.pubkey());
    let pay = spl_token::instruction::mint_to(
        &spl_token::ID,
        usdc,
        &m.settlement_vault,
        &keys.usdc_authority.pubkey(),
        &[],
        50_000 * 1_000_000,
    )
    .map_err(|e| format!("{e}"))?;
    send(rpc, &[pay], &keys.deployer, &[&keys.usdc_authority])
        .map_err(|e| format!("the demo's payments: {e}"))?;
    Ok(m.merchant)
}

/// Send `ixs` paid by `payer` and signed by `signers`, and wait for confirmation.
pub(crate) fn send(
    rpc: &RpcClient,
    ixs: &[Instruction],
    payer: &Keypair,
    signers: &[&Keypair],
) -> Result<(), String> {
    let blockhash = rpc.get_latest_blockhash().map_err(|e| format!("{e}"))?;
    let mut all: Vec<&Keypair> = vec![payer];
    all.extend_from_slice(signers);
    let tx = Transaction::new_signed_with_payer(ixs, Some(&payer.pubkey()), &all, blockhash);
    rpc.send_and_confirm_transaction(&tx).map(|_| ()).map_err(|e| format!("{e}"))
}
