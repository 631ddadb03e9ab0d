//! The local chain in-process on free ports, wallets as keypair files, the `pst` CLI called in-process with
//! `--output json`, time travel with the engine's `surfnet_timeTravel`, and USDC from the local mint authority
//! (with the SPL Token program's own instruction builders, as any wallet would).
#![allow(dead_code)]
use anchor_lang::prelude::Pubkey;
use anchor_spl::{associated_token, token::spl_token};
use pst_localnet::{start, Localnet, Options};
use serde_json::Value;
use solana_commitment_config::CommitmentConfig;
use solana_keypair::Keypair;
use solana_rpc_client::rpc_client::RpcClient;
use solana_signer::Signer;
use solana_transaction::Transaction;
use std::path::{Path, PathBuf};

pub const USDC: u64 = 1_000_000;

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

pub struct Net {
    pub net: Localnet,
    pub dir: PathBuf,
    pub rpc: RpcClient,
}

impl Net {
    pub fn start(name: &str) -> Net {
        Net::start_with(name, false)
    }

    /// The chain, with the demo merchant seeded if `demo`.
    pub fn start_with(name: &str, demo: bool) -> Net {
        let dir = std::env::temp_dir().join(format!("pst-cli-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let o = Options {
            bind_address: "127.0.0.1".into(),
            rpc_port: free_port(),
            ws_port: free_port(),
            programs_dir: std::env::var("SBF_OUT_DIR").map(Into::into).unwrap_or(root.join("target/deploy")),
            keys_dir: dir.join("keys"),
            bootstrap: true,
            demo,
            history_days: 0,
        };
        let net = start(&o).expect("the local chain starts");
        let rpc = RpcClient::new_with_commitment(net.rpc_url.clone(), CommitmentConfig::confirmed());
        Net { net, dir, rpc }
    }

    /// A local key's file (`admin`, `underwriter`, `reporter-0`, ...).
    pub fn key(&self, name: &str) -> PathBuf {
        self.dir.join("keys").join(format!("{name}.json"))
    }

    /// A new wallet with `sol` SOL, written as a keypair file.
    pub fn wallet(&self, name: &str, sol: u64) -> (PathBuf, Pubkey) {
        let k = Keypair::new();
        let path = self.dir.join(format!("{name}.json"));
        std::fs::write(&path, serde_json::to_string(&k.to_bytes().to_vec()).unwrap()).unwrap();
        if sol > 0 {
            let sig = self.rpc.request_airdrop(&k.pubkey(), sol * 1_000_000_000).expect("airdrop");
            self.rpc.poll_for_signature(&sig).expect("airdrop confirmed");
        }
        (path, k.pubkey())
    }

    /// Run `pst` as `key` with `args`, JSON output.
    pub fn pst(&self, key: &Path, args: &[&str]) -> Result<Value, pst_cli::Error> {
        let mut all = vec!["pst", "--url", &self.net.rpc_url, "--output", "json", "--keypair"];
        let key = key.to_str().unwrap();
        all.push(key);
        all.extend_from_slice(args);
        pst_cli::run_args(all).map(|s| serde_json::from_str(&s).unwrap_or(Value::String(s)))
    }

    /// [`Net::pst`] that must succeed.
    pub fn ok(&self, key: &Path, args: &[&str]) -> Value {
        self.pst(key, args).unwrap_or_else(|e| panic!("pst {}: {e}", args.join(" ")))
    }

    /// One keeper pass as `key`.
    pub fn keeper(&self, key: &Path) -> Value {
        self.ok(key, &["keeper", "run", "--once", "--metrics-port", "0"])
    }

    /// The confirmed cranks of a keeper pass, as "kind" strings.
    pub fn cranks(pass: &Value) -> Vec<String> {
        pass["done"].as_array().unwrap().iter().map(|d| d["crank"].as_str().unwrap().to_string()).collect()
    }

    pub fn send(&self, ixs: &[anchor_lang::solana_program::instruction::Instruction], signers: &[&Keypair]) {
        let payer = &self.net.keys.deployer;
        let blockhash = self.rpc.get_latest_blockhash().unwrap();
        let mut all = vec![payer];
        all.extend_from_slice(signers);
        let tx = Transaction::new_signed_with_payer(ixs, Some(&payer.pubkey()), &all, blockhash);
        self.rpc.send_and_confirm_transaction(&tx).expect("confirmed");
    }

    /// Mint `amount` USDC to `owner`'s associated account (created if missing).
    pub fn fund_usdc(&self, owner: &Pubkey, amount: u64) {
        let mint = self.net.usdc_mint;
        let ata = associated_token::get_associated_token_address(owner, &mint);
        let create = associated_token::spl_associated_token_account::instruction::create_associated_token_account_idempotent(
            &self.net.keys.deployer.pubkey(),
            owner,
            &mint,
            &spl_token::ID,
        );
        let mint_to = spl_token::instruction::mint_to(
            &spl_token::ID,
            &mint,
            &ata,
            &self.net.keys.usdc_authority.pubkey(),
            &[],
            amount,
        )
        .unwrap();
        self.send(&[create, mint_to], &[&self.net.keys.usdc_authority]);
    }

    /// Mint `amount` USDC straight into a token account (a merchant's settlement vault: customers' payments).
    pub fn mint_usdc_to(&self, account: &Pubkey, amount: u64) {
        let ix = spl_token::instruction::mint_to(
            &spl_token::ID,
            &self.net.usdc_mint,
            account,
            &self.net.keys.usdc_authority.pubkey(),
            &[],
            amount,
        )
        .unwrap();
        self.send(&[ix], &[&self.net.keys.usdc_authority]);
    }

    pub fn balance(&self, account: &Pubkey) -> u64 {
        self.rpc.get_token_account_balance(account).map(|b| b.amount.parse().unwrap()).unwrap_or(0)
    }

    pub fn usdc_of(&self, owner: &Pubkey) -> u64 {
        self.balance(&associated_token::get_associated_token_address(owner, &self.net.usdc_mint))
    }

    /// The chain's unix time.
    pub fn now(&self) -> i64 {
        let clock: Pubkey = "SysvarC1ock11111111111111111111111111111111".parse().unwrap();
        let data = self.rpc.get_account_data(&clock).unwrap();
        i64::from_le_bytes(data[32..40].try_into().unwrap())
    }

    /// Move the chain's clock `secs` forward (the engine's time travel).
    pub fn travel(&self, secs: i64) {
        let target = (self.now() + secs) as u64 * 1_000;
        let params = serde_json::json!([{ "absoluteTimestamp": target }]);
        let _: Value = self
            .rpc
            .send(solana_rpc_client_api::request::RpcRequest::Custom { method: "surfnet_timeTravel" }, params)
            .expect("time travel");
        // a block after the jump, so the next transaction sees the new clock
        std::thread::sleep(std::time::Duration::from_millis(900));
        assert!(self.now() >= (target / 1_000) as i64, "the clock moved");
    }

    pub fn account<T: anchor_lang::AccountDeserialize>(&self, address: &Pubkey) -> T {
        let data = self.rpc.get_account_data(address).unwrap();
        T::try_deserialize(&mut &data[..]).unwrap()
    }
}

impl Drop for Net {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A merchant listed through the CLI: ACME, applied, approved (a one-hour sale, no vesting cliff), token
/// created, supply issued, a native feed with one-day periods from now, a one-hour distributor, a pool and a
/// reserve; and an investor with 1,000,000 USDC.
pub struct Acme {
    pub merchant_key: PathBuf,
    pub merchant: Pubkey,
    pub investor_key: PathBuf,
    pub investor: Pubkey,
    pub m: pst_client::MerchantAddresses,
}

impl Net {
    /// ACME's wallets funded and its application sent.
    pub fn apply_acme(&self) -> Acme {
        let (merchant_key, merchant) = self.wallet("merchant", 10);
        let (investor_key, investor) = self.wallet("investor", 10);
        self.fund_usdc(&merchant, 400_000 * USDC);
        self.fund_usdc(&investor, 1_000_000 * USDC);
        let hash = "ab".repeat(32);
        let apply =
            "merchant apply --name Acme --symbol ACME --evidence-uri https://pst.example/evidence/acme.zip \
                     --trailing-revenue 1000000 --margin-bps 1800 --growth-bps 2500 --inventory-value 300000 \
                     --history-months 48 --evidence-hash";
        let mut args: Vec<&str> = apply.split_whitespace().collect();
        args.push(&hash);
        self.ok(&merchant_key, &args);
        Acme {
            merchant_key,
            merchant,
            investor_key,
            investor,
            m: pst_client::MerchantAddresses::new(&merchant),
        }
    }

    /// The applied ACME approved (a one-hour sale, no vesting cliff), its token created and issued, a native
    /// feed with one-day periods from now, a one-hour distributor, a pool and a reserve.
    pub fn list_acme(&self, a: &Acme) {
        let uw = self.key("underwriter");
        let approve = "underwriter approve --merchant ACME --sale-secs 3600 --cliff-days 0 --vesting-days 1";
        self.ok(&uw, &approve.split_whitespace().collect::<Vec<_>>());
        self.ok(&a.merchant_key, &["merchant", "create-token"]);
        self.ok(&a.merchant_key, &["merchant", "issue"]);
        self.ok(&uw, &["underwriter", "open-feed", "--merchant", "ACME", "--period-secs", "86400"]);
        self.ok(
            &uw,
            &["underwriter", "open-distributor", "--merchant", "ACME", "--distribution-secs", "3600"],
        );
        self.ok(&a.merchant_key, &["merchant", "open-pool", "--max-usdc", "300000"]);
        self.ok(&a.merchant_key, &["merchant", "open-reserve"]);
    }

    /// [`Net::apply_acme`] then [`Net::list_acme`].
    pub fn acme(&self) -> Acme {
        let a = self.apply_acme();
        self.list_acme(&a);
        a
    }

    /// The three local reporters report `period` of ACME: `gross` revenue and `net` earnings (USDC), and a
    /// closing inventory of 30 days of that revenue (ACME's periods are one day).
    pub fn report(&self, period: u32, gross: &str, net: &str) {
        let inventory = (gross.parse::<f64>().expect("a USDC amount") * 30.0).max(1.0).to_string();
        for i in 0..3 {
            let p = period.to_string();
            let args = [
                "reporter",
                "submit",
                "--merchant",
                "ACME",
                "--period",
                &p,
                "--gross",
                gross,
                "--net",
                net,
                "--inventory",
                &inventory,
            ];
            self.ok(&self.key(&format!("reporter-{i}")), &args);
        }
    }
}
