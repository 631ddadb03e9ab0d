//! The chain as the CLI and the keeper see it: a JSON-RPC endpoint, a fee payer, and the protocol's accounts.
//!
//! Every transaction is simulated before it is sent: a refusal is reported from the simulation (the program's
//! named error and its message) and nothing is sent.
#![allow(deprecated)] // get_program_accounts_with_config: its replacement returns UI-encoded accounts
use crate::Error;
use anchor_lang::{AccountDeserialize, Discriminator};
use pst_client::{errors, Instruction, Pubkey};
use solana_commitment_config::CommitmentConfig;
use solana_keypair::Keypair;
use solana_rpc_client::rpc_client::RpcClient;
use solana_rpc_client_api::{
    client_error::{Error as ClientError, ErrorKind},
    config::{RpcProgramAccountsConfig, RpcSimulateTransactionConfig},
    filter::{Memcmp, RpcFilterType},
    request::{RpcError, RpcResponseErrorData},
};
use solana_signer::Signer;
use solana_transaction::Transaction;
use solana_transaction_error::TransactionError;

/// The most compute units a transaction may use (simulations run with it).
pub const MAX_UNITS: u32 = 1_400_000;

/// The compute-unit limit to send with: the table's `units`, or what a simulation `used` + 20% if more.
pub fn fit(units: u32, used: u64) -> u32 {
    let needed = used.saturating_add(used / 5).min(MAX_UNITS as u64) as u32;
    units.max(needed)
}

/// Priority fee, micro-lamports per compute unit, unless told otherwise.
pub const DEFAULT_PRIORITY_FEE: u64 = 1_000;

/// A JSON-RPC endpoint and the wallet that pays.
pub struct Chain {
    pub rpc: RpcClient,
    pub url: String,
    pub payer: Keypair,
    pub priority_fee: u64,
}

/// What a simulation says about a transaction.
pub enum Simulated {
    /// It would succeed, using this many compute units.
    Ok(u64),
    /// A program would refuse it: one sentence naming its error.
    Refused(String),
}

impl Chain {
    pub fn new(url: &str, payer: Keypair) -> Chain {
        let rpc = RpcClient::new_with_timeout_and_commitment(
            url.to_string(),
            std::time::Duration::from_secs(30),
            CommitmentConfig::confirmed(),
        );
        Chain { rpc, url: url.to_string(), payer, priority_fee: DEFAULT_PRIORITY_FEE }
    }

    pub fn payer(&self) -> Pubkey {
        self.payer.pubkey()
    }

    /// One sentence for an RPC failure that is not a program's refusal.
    pub fn rpc_error(&self, e: &ClientError) -> Error {
        let text = e.to_string();
        // the blocking client folds a transport failure into other kinds for some methods (getAccountInfo's
        // "AccountNotFound: ... error sending request"): the transport's own words say it
        let transport = ["error sending request", "onnection refused", "operation timed out", "dns error"]
            .iter()
            .any(|w| text.contains(w));
        match e.kind() {
            ErrorKind::Io(_) | ErrorKind::Reqwest(_) => {
                Error::Rpc(format!("cannot reach the RPC at {}: {}", self.url, first_line(&text)))
            }
            _ if transport => Error::Rpc(format!("cannot reach the RPC at {}", self.url)),
            _ => Error::Rpc(format!(
                "the RPC at {} answered with an error: {}",
                self.url,
                first_line(&e.to_string())
            )),
        }
    }

    /// The raw data of an account, `None` if it does not exist.
    pub fn data(&self, address: &Pubkey) -> Result<Option<Vec<u8>>, Error> {
        let r = self
            .rpc
            .get_account_with_commitment(address, self.rpc.commitment())
            .map_err(|e| self.rpc_error(&e))?;
        Ok(r.value.map(|a| a.data))
    }

    /// An account's owner program and data, `None` if it does not exist.
    pub fn account(&self, address: &Pubkey) -> Result<Option<(Pubkey, Vec<u8>)>, Error> {
        let r = self
            .rpc
            .get_account_with_commitment(address, self.rpc.commitment())
            .map_err(|e| self.rpc_error(&e))?;
        Ok(r.value.map(|a| (a.owner, a.data)))
    }

    /// An Anchor account of `what` (used in the error: "... is not a merchant").
    pub fn anchor<T: AccountDeserialize>(&self, address: &Pubkey, what: &str) -> Result<T, Error> {
        let data = self
            .data(address)?
            .ok_or_else(|| Error::Input(format!("{address} is not {what}: no such account")))?;
        pst_client::read::anchor_account(&data).map_err(|_| Error::Input(format!("{address} is not {what}")))
    }

    /// An Anchor account if it exists.
    pub fn anchor_opt<T: AccountDeserialize>(&self, address: &Pubkey) -> Result<Option<T>, Error> {
        Ok(self.data(address)?.and_then(|d| pst_client::read::anchor_account(&d).ok()))
    }

    /// A token account's balance, 0 if it does not exist.
    pub fn token_balance(&self, address: &Pubkey) -> Result<u64, Error> {
        Ok(self.data(address)?.and_then(|d| pst_client::read::token_amount(&d).ok()).unwrap_or(0))
    }

    pub fn lamports(&self, address: &Pubkey) -> Result<u64, Error> {
        self.rpc.get_balance(address).map_err(|e| self.rpc_error(&e))
    }

    /// The chain's clock: (slot, unix timestamp), from the clock sysvar.
    pub fn clock(&self) -> Result<(u64, i64), Error> {
        let clock: Pubkey = "SysvarC1ock11111111111111111111111111111111".parse().expect("the clock sysvar");
        let data = self.data(&clock)?.ok_or_else(|| Error::Rpc("the RPC has no clock sysvar".into()))?;
        let slot = data.get(0..8).map(|b| u64::from_le_bytes(b.try_into().unwrap_or_default()));
        let ts = data.get(32..40).map(|b| i64::from_le_bytes(b.try_into().unwrap_or_default()));
        match (slot, ts) {
            (Some(slot), Some(ts)) => Ok((slot, ts)),
            _ => Err(Error::Rpc("the clock sysvar is malformed".into())),
        }
    }

    pub fn now(&self) -> Result<i64, Error> {
        Ok(self.clock()?.1)
    }

    /// Every account of `program` of Anchor type `T` (by its discriminator), with more `memcmp` filters
    /// `(offset, bytes)`.
    pub fn all<T: AccountDeserialize + Discriminator>(
        &self,
        program: &Pubkey,
        filters: &[(usize, &[u8])],
    ) -> Result<Vec<(Pubkey, T)>, Error> {
        let mut f = vec![RpcFilterType::Memcmp(Memcmp::new_base58_encoded(0, T::DISCRIMINATOR))];
        f.extend(filters.iter().map(|(o, b)| RpcFilterType::Memcmp(Memcmp::new_base58_encoded(*o, b))));
        let found = self
            .rpc
            .get_program_accounts_with_config(
                program,
                RpcProgramAccountsConfig { filters: Some(f), ..Default::default() },
            )
            .map_err(|e| self.rpc_error(&e))?;
        Ok(found
            .into_iter()
            .filter_map(|(k, a)| pst_client::read::anchor_account::<T>(&a.data).ok().map(|t| (k, t)))
            .collect())
    }

    fn transaction(
        &self,
        ixs: &[Instruction],
        signers: &[&Keypair],
        units: u32,
    ) -> Result<Transaction, Error> {
        let mut all = pst_client::compute_budget(units, self.priority_fee).to_vec();
        all.extend_from_slice(ixs);
        let blockhash = self.rpc.get_latest_blockhash().map_err(|e| self.rpc_error(&e))?;
        let mut keys: Vec<&Keypair> = vec![&self.payer];
        for s in signers {
            if s.pubkey() != self.payer.pubkey() && !keys.iter().any(|k| k.pubkey() == s.pubkey()) {
                keys.push(s);
            }
        }
        let mut tx = Transaction::new_with_payer(&all, Some(&self.payer.pubkey()));
        tx.try_sign(&keys, blockhash).map_err(|e| {
            Error::Input(format!("the transaction needs a signature the given keypairs cannot make: {e}"))
        })?;
        Ok(tx)
    }

    /// Simulate `ixs`: would they succeed, and with how many compute units.
    pub fn simulate(
        &self,
        ixs: &[Instruction],
        signers: &[&Keypair],
        units: u32,
    ) -> Result<Simulated, Error> {
        let tx = self.transaction(ixs, signers, units)?;
        let config = RpcSimulateTransactionConfig {
            sig_verify: false,
            commitment: Some(self.rpc.commitment()),
            ..Default::default()
        };
        let r = self.rpc.simulate_transaction_with_config(&tx, config).map_err(|e| self.rpc_error(&e))?.value;
        Ok(match r.err {
            None => Simulated::Ok(r.units_consumed.unwrap_or(0)),
            Some(err) => {
                let err: TransactionError = err.into();
                Simulated::Refused(describe(&err, &r.logs.unwrap_or_default(), ixs))
            }
        })
    }

    /// Simulate, then send and confirm `ixs` with a compute-unit limit of `units` (from the compute-unit table),
    /// raised to what the simulation used + 20% if that is more. A refusal in the simulation sends nothing.
    pub fn send(&self, ixs: &[Instruction], signers: &[&Keypair], units: u32) -> Result<String, Error> {
        match self.simulate(ixs, signers, MAX_UNITS)? {
            Simulated::Refused(why) => Err(Error::Refused(why)),
            Simulated::Ok(used) => self.send_unchecked(ixs, signers, fit(units, used)),
        }
    }

    /// Send and confirm without simulating first (the preflight still runs).
    pub fn send_unchecked(
        &self,
        ixs: &[Instruction],
        signers: &[&Keypair],
        units: u32,
    ) -> Result<String, Error> {
        let tx = self.transaction(ixs, signers, units)?;
        match self.rpc.send_and_confirm_transaction(&tx) {
            Ok(sig) => Ok(sig.to_string()),
            Err(e) => Err(self.transaction_error(&e, ixs)),
        }
    }

    fn transaction_error(&self, e: &ClientError, ixs: &[Instruction]) -> Error {
        if let ErrorKind::RpcError(RpcError::RpcResponseError {
            data: RpcResponseErrorData::SendTransactionPreflightFailure(sim),
            ..
        }) = e.kind()
        {
            if let Some(err) = &sim.err {
                let err: TransactionError = err.clone().into();
                return Error::Refused(describe(&err, sim.logs.as_deref().unwrap_or_default(), ixs));
            }
        }
        match e.get_transaction_error() {
            Some(err) => Error::Refused(describe(&err, &[], ixs)),
            None => self.rpc_error(e),
        }
    }
}

/// A refusal as one sentence naming the program's error.
fn describe(err: &TransactionError, logs: &[String], ixs: &[Instruction]) -> String {
    // the compute-budget instructions come first: instruction indexes in the error count them
    let mut programs = vec![];
    programs.extend(ixs.iter().map(|i| i.program_id));
    let s = errors::describe_with_logs(&shift(err), logs, &programs);
    s.replace("instruction 0: ", "").replace("the transaction failed: ", "")
}

/// The error with its instruction index counted from the caller's first instruction (the two compute-budget
/// instructions this module adds are not the caller's).
fn shift(err: &TransactionError) -> TransactionError {
    match err {
        TransactionError::InstructionError(i, e) => {
            TransactionError::InstructionError(i.saturating_sub(2), e.clone())
        }
        other => other.clone(),
    }
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or_default().to_string()
}

/// Read a Solana keypair file (a JSON array of 64 bytes).
pub fn read_keypair(path: &str) -> Result<Keypair, Error> {
    let path = expand(path);
    let text = std::fs::read_to_string(&path)
        .map_err(|e| Error::Input(format!("cannot read the keypair file {path}: {e}")))?;
    let bytes: Vec<u8> = serde_json::from_str(&text).map_err(|_| {
        Error::Input(format!("{path} is not a Solana keypair file (a JSON array of 64 bytes)"))
    })?;
    Keypair::try_from(&bytes[..]).map_err(|_| Error::Input(format!("{path} does not hold a valid keypair")))
}

/// `~` expanded to the home directory.
pub fn expand(path: &str) -> String {
    match (path.strip_prefix("~/"), std::env::var("HOME")) {
        (Some(rest), Ok(home)) => format!("{home}/{rest}"),
        _ => path.to_string(),
    }
}

/// A cluster moniker (as the Solana CLI takes them) or a URL.
pub fn resolve_url(url: &str) -> String {
    match url {
        "l" | "localhost" | "local" => "http://127.0.0.1:8899".into(),
        "d" | "devnet" => "https://api.devnet.solana.com".into(),
        "t" | "testnet" => "https://api.testnet.solana.com".into(),
        "m" | "mainnet-beta" => "https://api.mainnet-beta.solana.com".into(),
        other => other.to_string(),
    }
}

/// Whether the error means the RPC could not be reached (the keeper backs off and retries).
pub fn is_unreachable(e: &Error) -> bool {
    matches!(e, Error::Rpc(m) if m.starts_with("cannot reach"))
}
