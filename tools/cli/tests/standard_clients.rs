//! Standard clients against the local chain, unchanged: PST (Token-2022) and USDC moved with the SPL programs'
//! own instruction builders and `solana-rpc-client`, balances read back over RPC (`getTokenAccountBalance`,
//! `getTokenAccountsByOwner`); a websocket `accountSubscribe` on the pool sees a swap change its reserves, and
//! a `signatureSubscribe` sees a transfer confirmed.
mod common;
use anchor_spl::{
    associated_token::{
        get_associated_token_address_with_program_id as ata,
        spl_associated_token_account::instruction::create_associated_token_account_idempotent,
    },
    token::spl_token,
    token_2022::spl_token_2022,
};
use common::*;
use pst_client::PoolAddresses;
use solana_keypair::Keypair;
use solana_pubsub_client::pubsub_client::PubsubClient;
use solana_rpc_client_api::config::RpcAccountInfoConfig;
use solana_signer::Signer;
use solana_transaction::Transaction;
use std::time::Duration;

#[test]
#[ignore = "needs the SBF builds in target/deploy: scripts/test runs it after building them"]
fn standard_clients_move_pst_and_usdc_and_see_a_swap_by_subscription() {
    let n = Net::start("standard");
    let a = n.acme();
    n.ok(&a.investor_key, &["investor", "buy", "--merchant", "ACME", "--amount", "500000"]);
    let (keeper_key, _) = n.wallet("keeper", 10);
    n.keeper(&keeper_key); // closes the sold-out sale: PST moves freely
    let investor = solana_keypair::read_keypair_file(&a.investor_key).unwrap();
    let bob = Keypair::new();
    let pst_mint = a.m.pst_mint;
    let usdc_mint = n.net.usdc_mint;

    // PST with the Token-2022 program's transfer_checked, USDC with the SPL Token program's
    let t22 = spl_token_2022::ID;
    let ixs = [
        create_associated_token_account_idempotent(&investor.pubkey(), &bob.pubkey(), &pst_mint, &t22),
        create_associated_token_account_idempotent(
            &investor.pubkey(),
            &bob.pubkey(),
            &usdc_mint,
            &spl_token::ID,
        ),
        spl_token_2022::instruction::transfer_checked(
            &t22,
            &ata(&investor.pubkey(), &pst_mint, &t22),
            &pst_mint,
            &ata(&bob.pubkey(), &pst_mint, &t22),
            &investor.pubkey(),
            &[],
            1_234 * USDC,
            6,
        )
        .unwrap(),
        spl_token::instruction::transfer_checked(
            &spl_token::ID,
            &ata(&investor.pubkey(), &usdc_mint, &spl_token::ID),
            &usdc_mint,
            &ata(&bob.pubkey(), &usdc_mint, &spl_token::ID),
            &investor.pubkey(),
            &[],
            567 * USDC,
            6,
        )
        .unwrap(),
    ];
    let blockhash = n.rpc.get_latest_blockhash().unwrap();
    let tx = Transaction::new_signed_with_payer(&ixs, Some(&investor.pubkey()), &[&investor], blockhash);
    // a signature subscription, opened before the transaction is sent, sees it confirmed (subscriptions are
    // leaked, not dropped: dropping one joins its reader thread, which a failed assertion must not wait for)
    let sig = tx.signatures[0];
    let (sub, confirmations) =
        PubsubClient::signature_subscribe(n.net.ws_url.as_str(), &sig, None).expect("signatureSubscribe");
    std::mem::forget(sub);
    n.rpc.send_transaction(&tx).expect("sent");
    let note = confirmations.recv_timeout(Duration::from_secs(30)).expect("a signature notification");
    assert!(format!("{:?}", note.value).contains("err: None"), "{:?}", note.value);
    let balance = |owner: &anchor_lang::prelude::Pubkey, mint, program| {
        n.rpc.get_token_account_balance(&ata(owner, mint, program)).unwrap().amount
    };
    assert_eq!(balance(&bob.pubkey(), &pst_mint, &t22), (1_234 * USDC).to_string());
    assert_eq!(balance(&bob.pubkey(), &usdc_mint, &spl_token::ID), (567 * USDC).to_string());
    assert_eq!(balance(&investor.pubkey(), &pst_mint, &t22), (500_000 * USDC - 1_234 * USDC).to_string());
    // the wallet view: every token account of bob's, by owner
    use solana_rpc_client_api::request::TokenAccountsFilter;
    let held = n.rpc.get_token_accounts_by_owner(&bob.pubkey(), TokenAccountsFilter::ProgramId(t22)).unwrap();
    assert_eq!(held.len(), 1);

    // an account subscription on the pool sees a swap move its reserves
    let pool = PoolAddresses::of(&a.m).pool;
    let before = n.account::<amm_pool::state::Pool>(&pool);
    let config = RpcAccountInfoConfig {
        encoding: Some(solana_account_decoder_client_types::UiAccountEncoding::Base64),
        ..Default::default()
    };
    let (sub, updates) = PubsubClient::account_subscribe(n.net.ws_url.as_str(), &pool, Some(config))
        .expect("accountSubscribe");
    std::mem::forget(sub);
    n.ok(&a.investor_key, &["investor", "swap", "--merchant", "ACME", "--side", "buy", "--amount", "1000"]);
    let update = updates.recv_timeout(Duration::from_secs(30)).expect("an account notification");
    let data = update.value.data.decode().expect("base64 data");
    let after: amm_pool::state::Pool =
        anchor_lang::AccountDeserialize::try_deserialize(&mut &data[..]).unwrap();
    assert!(after.reserve_usdc > before.reserve_usdc, "the swap paid USDC in");
    assert!(after.reserve_pst < before.reserve_pst, "the swap took PST out");
}
