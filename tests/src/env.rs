//! The embedded bank: programs, clock, wallets, tokens and transactions.
use crate::anchor_processor;
use anchor_lang::{
    prelude::{Clock, Pubkey},
    solana_program::{
        bpf_loader_upgradeable::{self, UpgradeableLoaderState},
        instruction::Instruction,
        system_instruction,
    },
    AccountDeserialize,
};
use anchor_spl::{
    associated_token::{get_associated_token_address_with_program_id, spl_associated_token_account},
    token::spl_token,
    token_2022::spl_token_2022,
};
use solana_account::Account;
use solana_keypair::Keypair;
use solana_program_pack::Pack;
use solana_program_test::{ProgramTest, ProgramTestContext};
use solana_signer::Signer;
use solana_transaction::Transaction;
use solana_transaction_error::TransactionError;

/// Base units per whole USDC (6 decimals).
pub const USDC: u64 = 1_000_000;
/// Base units per whole PST (6 decimals).
pub const PST: u64 = 1_000_000;
/// The clock the bank starts at (2025-06-15T12:00:00Z); tests move it with [`Env::warp`].
pub const GENESIS_TIME: i64 = 1_750_000_000;
/// SOL every new wallet gets for fees and rent.
const WALLET_LAMPORTS: u64 = 10_000_000_000;

/// A transaction that landed.
#[derive(Debug)]
pub struct TxOk {
    pub logs: Vec<String>,
    pub compute_units: u64,
    /// What the last instruction set with `set_return_data` (Anchor's return values), if anything.
    pub return_data: Option<Vec<u8>>,
}

/// A transaction that failed.
#[derive(Debug)]
pub struct TxFail {
    pub error: TransactionError,
    pub logs: Vec<String>,
}

pub type TxResult = Result<TxOk, TxFail>;

/// The test bank with the protocol's actors.
pub struct Env {
    pub ctx: ProgramTestContext,
    /// Upgrade authority of the programs (may initialise the config).
    pub deployer: Keypair,
    pub admin: Keypair,
    pub guardian: Keypair,
    pub underwriter: Keypair,
    pub reporter: Keypair,
    pub usdc_mint: Pubkey,
    usdc_authority: Keypair,
    /// The client library for this deployment (its USDC mint): `Env` dereferences to it, so every instruction
    /// builder of `pst_client` is a method of the fixture (`env.sweep_accounts(&m)`).
    pub client: pst_client::Client,
    /// An outsider who deployed a program of their own: `attacker_program_data` is that program's ProgramData,
    /// naming the attacker as upgrade authority (to try to pass it off as ours).
    pub attacker: Keypair,
    pub attacker_program_data: Pubkey,
    /// The bank's unix time; every transaction runs at this time.
    pub now: i64,
    slot: u64,
    /// Every token account this fixture created, for conservation checks.
    pub token_accounts: Vec<Pubkey>,
    /// Hide what natively built programs print to stdout while a transaction runs (the demo sets this; on
    /// SBF those lines are transaction logs instead).
    pub mute_program_output: bool,
    /// Serialized size in bytes of the last transaction sent, and how many accounts it references.
    pub last_tx_size: usize,
    pub last_tx_accounts: usize,
    /// Whether the workspace programs run as SBF (`PST_SBF=1`, with the ELFs in `SBF_OUT_DIR`).
    pub sbf: bool,
    /// USDC that arrived in each merchant's settlement vault, for conservation checks.
    pub settlement_deposits: std::collections::BTreeMap<Pubkey, u64>,
    /// USDC sent straight to each merchant's dividend vault (donations), for the dividend conservation checks.
    pub dividend_donations: std::collections::BTreeMap<Pubkey, u64>,
    /// PST and USDC sent straight to each pool's vaults (donations), for the pool's conservation check.
    pub pool_donations: std::collections::BTreeMap<Pubkey, (u64, u64)>,
    /// USDC sent straight to each reserve's USDC vault (donations, or the protocol seeding a reserve), for the
    /// reserve's conservation check.
    pub reserve_donations: std::collections::BTreeMap<Pubkey, u64>,
    /// PST sent straight to each reserve's PST vault (it earns nothing and is not the reserve's).
    pub reserve_pst_donations: std::collections::BTreeMap<Pubkey, u64>,
    /// USDC sent straight to each tranche vault's USDC account (income at its next close).
    pub tranche_donations: std::collections::BTreeMap<Pubkey, u64>,
    /// Keys derived so far (see [`Env::next_keypair`]).
    keys: u64,
}

thread_local! {
    /// Set by [`Env::with_backstop_stand_in`] for the next bank this thread makes.
    static BACKSTOP_STAND_IN: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// The `n`th fixture key: a fixed function of `n`.
fn seeded_keypair(n: u64) -> Keypair {
    let mut secret = [7u8; 32];
    secret[..8].copy_from_slice(&n.to_le_bytes());
    Keypair::new_from_array(secret)
}

impl Env {
    /// [`Env::new`], with the test-only `senior_caller` at `yield_tranches`' id in place of the program: for
    /// `alar_reserve::cover_senior`'s own tests, which draw any amount (the real vault draws only a computed
    /// shortfall at an epoch's close).
    pub async fn with_backstop_stand_in() -> Env {
        BACKSTOP_STAND_IN.with(|s| s.set(true));
        Env::new().await
    }

    /// A bank with every workspace program, the SPL programs, a USDC mint and the actors' wallets.
    /// The protocol config is not initialised (see [`Env::new`]).
    pub async fn bare() -> Env {
        quiet_logs();
        let sbf = sbf_mode();
        let mut pt = ProgramTest::default();
        pt.prefer_bpf(sbf);
        pt.add_program("pst_mint", pst_mint::ID, anchor_processor!(pst_mint));
        pt.add_program(
            "revenue_distributor",
            revenue_distributor::ID,
            anchor_processor!(revenue_distributor),
        );
        pt.add_program("amm_pool", amm_pool::ID, anchor_processor!(amm_pool));
        pt.add_program("alar_reserve", alar_reserve::ID, anchor_processor!(alar_reserve));
        let stand_in = BACKSTOP_STAND_IN.with(|s| s.replace(false));
        if !stand_in {
            pt.add_program("yield_tranches", yield_tranches::ID, anchor_processor!(yield_tranches));
        }
        // test-only programs (always native: they are not deployed anywhere): one owns a position as its PDA;
        // the other, in a bank made by `Env::with_backstop_stand_in`, takes yield_tranches' id to call the senior
        // backstop with any amount (cover_senior's own tests)
        pt.prefer_bpf(false);
        pt.add_program("cpi_owner", cpi_owner::ID, anchor_processor!(cpi_owner));
        if stand_in {
            pt.add_program("senior_caller", senior_caller::ID, anchor_processor!(senior_caller));
        }
        pt.prefer_bpf(sbf);
        // every key the fixture makes is derived from a counter, so a run is reproducible to the compute unit
        // (a PDA's bump search, and so its cost, depends on the keys in its seeds)
        let mut keys = 0u64;
        let mut next = || {
            keys += 1;
            seeded_keypair(keys)
        };
        let deployer = next();
        pt.add_account(
            pst_client::pst_mint::program_data_address(&pst_mint::ID),
            program_data_account(deployer.pubkey()),
        );
        let attacker = next();
        let attacker_program_data = pst_client::pst_mint::program_data_address(&Pubkey::new_unique());
        pt.add_account(attacker_program_data, program_data_account(attacker.pubkey()));
        let ctx = pt.start_with_context().await;

        let mut env = Env {
            ctx,
            deployer,
            admin: next(),
            guardian: next(),
            underwriter: next(),
            reporter: next(),
            usdc_mint: Pubkey::default(),
            usdc_authority: next(),
            client: pst_client::Client::new(Pubkey::default()),
            attacker,
            attacker_program_data,
            now: GENESIS_TIME,
            slot: 1,
            token_accounts: Vec::new(),
            mute_program_output: false,
            settlement_deposits: Default::default(),
            pool_donations: Default::default(),
            dividend_donations: Default::default(),
            reserve_donations: Default::default(),
            reserve_pst_donations: Default::default(),
            tranche_donations: Default::default(),
            last_tx_size: 0,
            last_tx_accounts: 0,
            sbf,
            keys,
        };
        for who in [
            env.deployer.pubkey(),
            env.admin.pubkey(),
            env.guardian.pubkey(),
            env.underwriter.pubkey(),
            env.reporter.pubkey(),
            env.usdc_authority.pubkey(),
            env.attacker.pubkey(),
        ] {
            env.airdrop(&who, WALLET_LAMPORTS).await;
        }
        let usdc = env.next_keypair();
        let authority = env.usdc_authority.pubkey();
        env.create_mint(&usdc, &authority, 6, &spl_token::ID).await;
        env.usdc_mint = usdc.pubkey();
        env.client = pst_client::Client::new(env.usdc_mint);
        env
    }

    /// The fee payer of every transaction.
    /// A new keypair, derived from the fixture's counter (reproducible runs).
    pub fn next_keypair(&mut self) -> Keypair {
        self.keys += 1;
        seeded_keypair(self.keys)
    }

    pub fn payer(&self) -> Keypair {
        self.ctx.payer.insecure_clone()
    }

    /// Send `ixs` in one transaction, paid by the context payer and signed by `signers`, at [`Env::now`]
    /// in a new slot (so identical transactions never collide).
    pub async fn send(&mut self, ixs: &[Instruction], signers: &[&Keypair]) -> TxResult {
        self.slot += 1;
        self.ctx.warp_to_slot(self.slot).expect("warp");
        self.apply_clock();
        let payer = self.payer();
        let mut all: Vec<&Keypair> = vec![&payer];
        for s in signers {
            if s.pubkey() != payer.pubkey() && !all.iter().any(|k| k.pubkey() == s.pubkey()) {
                all.push(s);
            }
        }
        let tx =
            Transaction::new_signed_with_payer(ixs, Some(&payer.pubkey()), &all, self.ctx.last_blockhash);
        // wire size: compact-u16 signature count (one byte below 128), the signatures, the message
        self.last_tx_size = 1 + 64 * tx.signatures.len() + tx.message.serialize().len();
        self.last_tx_accounts = tx.message.account_keys.len();
        let gag = if self.mute_program_output { gag::Gag::stdout().ok() } else { None };
        let res = self
            .ctx
            .banks_client
            .process_transaction_with_metadata(tx)
            .await
            .expect("banks client transport");
        drop(gag);
        let (logs, compute_units, return_data) = res
            .metadata
            .map(|m| {
                let data = m.return_data.map(|r| r.data).filter(|d| !d.is_empty());
                (m.log_messages, m.compute_units_consumed, data)
            })
            .unwrap_or_default();
        match res.result {
            Ok(()) => Ok(TxOk { logs, compute_units, return_data }),
            Err(error) => Err(TxFail { error, logs }),
        }
    }

    /// Like [`Env::send`], panicking with the logs if the transaction fails.
    pub async fn send_ok(&mut self, ixs: &[Instruction], signers: &[&Keypair]) -> TxOk {
        match self.send(ixs, signers).await {
            Ok(ok) => ok,
            Err(fail) => panic!("transaction failed: {:?}\n{}", fail.error, fail.logs.join("\n")),
        }
    }

    /// Move the clock forward by `secs` seconds.
    pub fn warp(&mut self, secs: i64) {
        self.now += secs;
    }

    /// Move the slot forward by `slots` (each transaction also advances it by one).
    pub fn warp_slots(&mut self, slots: u64) {
        self.slot += slots;
    }

    /// The slot the next transaction runs in.
    pub fn next_slot(&self) -> u64 {
        self.slot + 1
    }

    /// Put an account into the bank (e.g. a Switchboard feed owned by Switchboard's program).
    pub fn set_account(&mut self, address: &Pubkey, account: Account) {
        self.ctx.set_account(address, &account.into());
    }

    fn apply_clock(&mut self) {
        self.ctx.set_sysvar(&Clock {
            slot: self.slot,
            epoch_start_timestamp: GENESIS_TIME,
            epoch: 0,
            leader_schedule_epoch: 1,
            unix_timestamp: self.now,
        });
    }

    pub async fn airdrop(&mut self, to: &Pubkey, lamports: u64) {
        let payer = self.payer();
        self.send_ok(&[system_instruction::transfer(&payer.pubkey(), to, lamports)], &[]).await;
    }

    /// A new wallet with SOL.
    pub async fn wallet(&mut self) -> Keypair {
        let kp = self.next_keypair();
        self.airdrop(&kp.pubkey(), WALLET_LAMPORTS).await;
        kp
    }

    /// A new wallet with SOL and a USDC account holding `usdc` base units; returns (wallet, USDC account).
    pub async fn funded_wallet(&mut self, usdc: u64) -> (Keypair, Pubkey) {
        let kp = self.wallet().await;
        let ata = self.create_ata(&kp.pubkey(), &self.usdc_mint.clone(), &spl_token::ID).await;
        if usdc > 0 {
            self.mint_usdc(&ata, usdc).await;
        }
        (kp, ata)
    }

    pub async fn mint_usdc(&mut self, to: &Pubkey, amount: u64) {
        let ix = spl_token::instruction::mint_to(
            &spl_token::ID,
            &self.usdc_mint,
            to,
            &self.usdc_authority.pubkey(),
            &[],
            amount,
        )
        .unwrap();
        let authority = self.usdc_authority.insecure_clone();
        self.send_ok(&[ix], &[&authority]).await;
    }

    /// Create a classic or Token-2022 mint at `mint`.
    pub async fn create_mint(&mut self, mint: &Keypair, authority: &Pubkey, decimals: u8, program: &Pubkey) {
        let payer = self.payer();
        let space = spl_token::state::Mint::LEN;
        let rent = self.ctx.banks_client.get_rent().await.unwrap().minimum_balance(space);
        let init = if *program == spl_token::ID {
            spl_token::instruction::initialize_mint2(program, &mint.pubkey(), authority, None, decimals)
                .unwrap()
        } else {
            spl_token_2022::instruction::initialize_mint2(program, &mint.pubkey(), authority, None, decimals)
                .unwrap()
        };
        self.send_ok(
            &[
                system_instruction::create_account(
                    &payer.pubkey(),
                    &mint.pubkey(),
                    rent,
                    space as u64,
                    program,
                ),
                init,
            ],
            &[mint],
        )
        .await;
    }

    /// Create (idempotently) the associated token account of `owner` for `mint`; it joins
    /// [`Env::token_accounts`].
    pub async fn create_ata(&mut self, owner: &Pubkey, mint: &Pubkey, program: &Pubkey) -> Pubkey {
        let payer = self.payer();
        let ix = spl_associated_token_account::instruction::create_associated_token_account_idempotent(
            &payer.pubkey(),
            owner,
            mint,
            program,
        );
        self.send_ok(&[ix], &[]).await;
        let ata = get_associated_token_address_with_program_id(owner, mint, program);
        if !self.token_accounts.contains(&ata) {
            self.token_accounts.push(ata);
        }
        ata
    }

    pub async fn raw_account(&mut self, address: &Pubkey) -> Option<Account> {
        self.ctx.banks_client.get_account(*address).await.expect("get_account")
    }

    /// Deserialize an Anchor account.
    pub async fn account<T: AccountDeserialize>(&mut self, address: &Pubkey) -> T {
        let acc = self.raw_account(address).await.unwrap_or_else(|| panic!("no account at {address}"));
        pst_client::read::anchor_account(&acc.data).unwrap_or_else(|e| panic!("{address}: {e}"))
    }

    /// Balance of a classic or Token-2022 token account (0 if it does not exist).
    pub async fn balance(&mut self, token_account: &Pubkey) -> u64 {
        match self.raw_account(token_account).await {
            Some(acc) => pst_client::read::token_amount(&acc.data).unwrap_or(0),
            None => 0,
        }
    }

    /// Supply of a classic or Token-2022 mint.
    pub async fn supply(&mut self, mint: &Pubkey) -> u64 {
        let acc = self.raw_account(mint).await.expect("mint exists");
        pst_client::read::mint_supply(&acc.data).expect("a mint")
    }

    /// The mint field of a token account.
    pub async fn token_mint_of(&mut self, token_account: &Pubkey) -> Option<Pubkey> {
        let acc = self.raw_account(token_account).await?;
        pst_client::read::token_mint(&acc.data).ok()
    }
}

impl std::ops::Deref for Env {
    type Target = pst_client::Client;
    fn deref(&self) -> &pst_client::Client {
        &self.client
    }
}

/// `PST_SBF=1` runs the workspace programs as SBF from `SBF_OUT_DIR` (default: the workspace's
/// `target/deploy`, built by `../shared/sbf/build .`); otherwise they run natively.
pub fn sbf_mode() -> bool {
    let on = std::env::var("PST_SBF").map(|v| v == "1").unwrap_or(false);
    if on && std::env::var_os("SBF_OUT_DIR").is_none() && std::env::var_os("BPF_OUT_DIR").is_none() {
        let deploy = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/deploy");
        let deploy = deploy.canonicalize().unwrap_or(deploy);
        std::env::set_var("SBF_OUT_DIR", deploy);
    }
    on
}

/// The bank logs every instruction at debug level; keep test and demo output readable unless `RUST_LOG` asks
/// for more.
fn quiet_logs() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        if std::env::var_os("RUST_LOG").is_none() {
            std::env::set_var("RUST_LOG", "error");
        }
    });
}

/// A ProgramData account whose upgrade authority is `authority`: what a deployed program has on a cluster.
fn program_data_account(authority: Pubkey) -> Account {
    let state = UpgradeableLoaderState::ProgramData { slot: 0, upgrade_authority_address: Some(authority) };
    let data = bincode::serialize(&state).expect("serialize program data");
    Account {
        lamports: 1_000_000_000,
        data,
        owner: bpf_loader_upgradeable::ID,
        executable: false,
        rent_epoch: 0,
    }
}

/// The first event of type `T` a transaction emitted (Anchor's `emit!`: a `Program data:` log line holding the
/// event's discriminator and its Borsh encoding, in base64).
pub fn event_of<T: anchor_lang::AnchorDeserialize + anchor_lang::Discriminator>(
    logs: &[String],
) -> Option<T> {
    use base64::Engine;
    logs.iter().filter_map(|l| l.strip_prefix("Program data: ")).find_map(|data| {
        let bytes = base64::engine::general_purpose::STANDARD.decode(data.trim()).ok()?;
        let rest = bytes.strip_prefix(T::DISCRIMINATOR)?;
        T::deserialize(&mut &rest[..]).ok()
    })
}
