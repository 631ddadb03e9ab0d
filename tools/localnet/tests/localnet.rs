#![allow(deprecated)] // get_program_accounts_with_config: its replacement returns UI-encoded accounts
//! The local chain, started in-process on free ports, used through standard JSON-RPC only (`solana-rpc-client`):
//! health, the programs as upgradeable accounts at their ids, the bootstrapped config found by
//! `getProgramAccounts` with a discriminator filter, and USDC minted and transferred with the SPL Token program.
//! Needs the SBF builds (`../shared/sbf/build .`): `scripts/test` runs it in its SBF half.
use anchor_lang::{
    prelude::Pubkey, solana_program::bpf_loader_upgradeable, AccountDeserialize, Discriminator,
};
use anchor_spl::{associated_token, token::spl_token};
use pst_localnet::{start, Options};
use solana_commitment_config::CommitmentConfig;
use solana_keypair::Keypair;
use solana_rpc_client::rpc_client::RpcClient;
use solana_signer::Signer;
use solana_transaction::Transaction;

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

#[test]
#[ignore = "needs the SBF builds in target/deploy: scripts/test runs it after building them"]
fn a_standard_client_sees_the_protocol_on_the_local_chain() {
    let dir = std::env::temp_dir().join(format!("pst-localnet-test-{}", std::process::id()));
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let o = Options {
        bind_address: "127.0.0.1".into(),
        rpc_port: free_port(),
        ws_port: free_port(),
        programs_dir: std::env::var("SBF_OUT_DIR").map(Into::into).unwrap_or(root.join("target/deploy")),
        keys_dir: dir.clone(),
        bootstrap: true,
        demo: false,
        history_days: 0,
    };
    let net = start(&o).expect("the local chain starts");
    let rpc = RpcClient::new_with_commitment(net.rpc_url.clone(), CommitmentConfig::confirmed());
    rpc.get_health().expect("healthy");

    // every program, upgradeable, at its id, with the local deployer as upgrade authority
    for (name, id) in pst_ids::PROGRAMS {
        let account = rpc.get_account(&id).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(account.executable, "{name} is executable");
        assert_eq!(account.owner, bpf_loader_upgradeable::ID, "{name} is upgradeable");
    }

    // the bootstrapped config, found by a discriminator filter as any indexer would
    use solana_rpc_client_api::{
        config::RpcProgramAccountsConfig,
        filter::{Memcmp, RpcFilterType},
    };
    let filter =
        RpcFilterType::Memcmp(Memcmp::new_base58_encoded(0, pst_mint::state::ProtocolConfig::DISCRIMINATOR));
    let found = rpc
        .get_program_accounts_with_config(
            &pst_ids::pst_mint::ID,
            RpcProgramAccountsConfig { filters: Some(vec![filter]), ..Default::default() },
        )
        .expect("getProgramAccounts");
    assert_eq!(found.len(), 1);
    let (address, account) = &found[0];
    assert_eq!(*address, pst_client::pst_mint::CONFIG);
    let config = pst_mint::state::ProtocolConfig::try_deserialize(&mut &account.data[..]).expect("a config");
    assert_eq!((config.admin, config.usdc_mint), (net.keys.admin.pubkey(), net.usdc_mint));
    assert!(config.is_underwriter(&net.keys.underwriter.pubkey()));

    // USDC minted to one wallet and transferred to another with the SPL Token program, as any wallet would
    let (alice, bob) = (Keypair::new(), Keypair::new());
    let payer = &net.keys.deployer;
    let ata = |owner: &Pubkey| associated_token::get_associated_token_address(owner, &net.usdc_mint);
    let create = |owner: &Pubkey| {
        associated_token::spl_associated_token_account::instruction::create_associated_token_account(
            &payer.pubkey(),
            owner,
            &net.usdc_mint,
            &spl_token::ID,
        )
    };
    let mint = spl_token::instruction::mint_to(
        &spl_token::ID,
        &net.usdc_mint,
        &ata(&alice.pubkey()),
        &net.keys.usdc_authority.pubkey(),
        &[],
        5_000_000,
    )
    .unwrap();
    let send = |ixs: &[anchor_lang::solana_program::instruction::Instruction], signers: &[&Keypair]| {
        let blockhash = rpc.get_latest_blockhash().unwrap();
        let mut all = vec![payer];
        all.extend_from_slice(signers);
        let tx = Transaction::new_signed_with_payer(ixs, Some(&payer.pubkey()), &all, blockhash);
        rpc.send_and_confirm_transaction(&tx).expect("confirmed");
    };
    send(&[create(&alice.pubkey()), create(&bob.pubkey()), mint], &[&net.keys.usdc_authority]);
    let transfer = spl_token::instruction::transfer(
        &spl_token::ID,
        &ata(&alice.pubkey()),
        &ata(&bob.pubkey()),
        &alice.pubkey(),
        &[],
        2_000_000,
    )
    .unwrap();
    send(&[transfer], &[&alice]);
    let balance = |owner: &Pubkey| rpc.get_token_account_balance(&ata(owner)).unwrap().amount;
    assert_eq!(
        (balance(&alice.pubkey()), balance(&bob.pubkey())),
        ("3000000".to_string(), "2000000".to_string())
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
#[ignore = "needs the SBF builds in target/deploy: scripts/test runs it after building them"]
fn the_demo_history_leaves_revenue_periods_prices_and_distributions() {
    let dir = std::env::temp_dir().join(format!("pst-localnet-history-{}", std::process::id()));
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let o = Options {
        bind_address: "127.0.0.1".into(),
        rpc_port: free_port(),
        ws_port: free_port(),
        programs_dir: std::env::var("SBF_OUT_DIR").map(Into::into).unwrap_or(root.join("target/deploy")),
        keys_dir: dir.clone(),
        bootstrap: true,
        demo: true,
        history_days: 3,
    };
    let net = start(&o).expect("the local chain starts with three days of history");
    let rpc = RpcClient::new_with_commitment(net.rpc_url.clone(), CommitmentConfig::confirmed());
    let m = pst_client::MerchantAddresses::new(&net.keys.merchant.pubkey());
    let read = |k: &Pubkey| rpc.get_account_data(k).unwrap();
    let metrics = pst_mint::state::MerchantMetrics::try_deserialize(&mut &read(&m.metrics)[..]).unwrap();
    assert_eq!(metrics.len, 3, "three accepted periods");
    let days: Vec<u64> = metrics.records().iter().map(|r| r.revenue).collect();
    assert_eq!(
        days,
        [2_466 * 1_000_000, 2_603 * 1_000_000, 2_740 * 1_000_000],
        "each day's reported revenue"
    );
    assert!(metrics.records().iter().all(|r| r.shortfall == 0), "every period's share paid in full");
    let stock: Vec<u64> = metrics.records().iter().map(|r| r.inventory).collect();
    assert_eq!(
        stock,
        [110_000 * 1_000_000, 82_000 * 1_000_000, 55_000 * 1_000_000],
        "each day's closing inventory"
    );
    // 55,000 of stock against 2,740 a day: 20.07 days
    assert_eq!(metrics.inventory_days_x100, Some(2_007));
    let feed = pst_mint::state::RevenueFeed::try_deserialize(&mut &read(&m.feed)[..]).unwrap();
    assert_eq!(feed.next_period, 3);
    let merchant = pst_mint::state::Merchant::try_deserialize(&mut &read(&m.merchant)[..]).unwrap();
    assert_eq!(merchant.status, pst_mint::state::MerchantStatus::Active, "the sale closed");
    assert!(merchant.proceeds_released);
    let pool =
        amm_pool::state::Pool::try_deserialize(&mut &read(&pst_client::PoolAddresses::of(&m).pool)[..])
            .unwrap();
    assert_eq!(pool.totals.usdc_in, 3 * 1_500 * 1_000_000, "a purchase a day");
    assert_eq!(pool.totals.pst_in, 3 * 1_200 * 1_000_000, "a sale a day");
    assert!(pool.totals.dividends > 0, "the pool's PST earned the distributions");
    drop(net);
    let _ = std::fs::remove_dir_all(&dir);
}
