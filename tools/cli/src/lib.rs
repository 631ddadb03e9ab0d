//! `pst`: the PST protocol from a terminal, over standard Solana JSON-RPC.
//!
//! Conventions follow the Solana CLI: `--url` (a URL or a moniker: `localhost`, `devnet`, `mainnet-beta`;
//! default the local chain), `--keypair` (default `~/.config/solana/id.json`), `--output display|json`. One
//! group of subcommands per role (`admin`, `underwriter`, `merchant`, `reporter`, `investor`), read-only views
//! (`view`), and the keeper daemon (`keeper run`). Every transaction is simulated first: a refusal prints the
//! program's named error and its message as one line, and nothing is sent. Instructions come from `pst_client`.
pub mod chain;
pub mod cmd;
pub mod keeper;
pub mod reporter;
pub mod units;

use clap::{Parser, ValueEnum};

/// Why a command failed, as one sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// Bad input: a wrong account, keypair, or number. Nothing was sent.
    Input(String),
    /// The RPC could not be reached or answered with an error.
    Rpc(String),
    /// A program refused the transaction (in simulation: nothing was sent).
    Refused(String),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Input(s) | Error::Rpc(s) | Error::Refused(s) => f.write_str(s),
        }
    }
}

impl std::error::Error for Error {}

impl Error {
    /// The process exit code: 2 bad input, 3 RPC, 4 refused by a program.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Input(_) => 2,
            Error::Rpc(_) => 3,
            Error::Refused(_) => 4,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputMode {
    Display,
    Json,
}

/// What a command prints: a JSON value for `--output json`, lines of text for `--output display`.
#[derive(Debug, Clone)]
pub struct Output {
    pub json: serde_json::Value,
    pub text: String,
}

impl Output {
    pub fn new(json: serde_json::Value, text: impl Into<String>) -> Output {
        Output { json, text: text.into() }
    }

    pub fn render(&self, mode: OutputMode) -> String {
        match mode {
            OutputMode::Json => serde_json::to_string_pretty(&self.json).unwrap_or_default(),
            OutputMode::Display => self.text.clone(),
        }
    }
}

#[derive(Parser, Debug)]
#[command(name = "pst", version, about = "The PST protocol: revenue-share tokens on Solana", long_about = None)]
pub struct Cli {
    /// JSON-RPC URL or moniker: localhost, devnet, testnet, mainnet-beta
    #[arg(short = 'u', long, global = true, default_value = "http://127.0.0.1:8899")]
    pub url: String,
    /// Keypair file of the signer (and fee payer)
    #[arg(short = 'k', long, global = true, default_value = "~/.config/solana/id.json")]
    pub keypair: String,
    /// Output format
    #[arg(long, global = true, value_enum, default_value_t = OutputMode::Display)]
    pub output: OutputMode,
    /// Priority fee in micro-lamports per compute unit
    #[arg(long, global = true, default_value_t = chain::DEFAULT_PRIORITY_FEE, value_parser = clap::value_parser!(u64).range(0..=10_000_000))]
    pub priority_fee: u64,
    #[command(subcommand)]
    pub command: cmd::Command,
}

/// Parse `args` (the first is the program name) and run: the output in the chosen mode, or the error.
pub fn run_args<I, S>(args: I) -> Result<String, Error>
where
    I: IntoIterator<Item = S>,
    S: Into<std::ffi::OsString> + Clone,
{
    let cli = Cli::try_parse_from(args).map_err(|e| Error::Input(clap_sentence(&e)))?;
    let mode = cli.output;
    cmd::run(cli).map(|o| o.render(mode))
}

/// A clap error as one sentence (no usage block).
pub fn clap_sentence(e: &clap::Error) -> String {
    let s = e.to_string();
    let parts: Vec<&str> = s
        .lines()
        .take_while(|l| !l.starts_with("Usage:") && !l.starts_with("For more information"))
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let line = if parts.is_empty() { "invalid arguments".to_string() } else { parts.join(" ") };
    line.trim_start_matches("error: ").to_string()
}
