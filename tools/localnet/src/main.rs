//! `pst-localnet`: the PST protocol on a local chain (see the library's docs). Flags follow
//! `solana-test-validator`'s where they overlap.
use clap::Parser;
use pst_localnet::{start, Options};
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    version,
    about = "The PST protocol on a local chain: JSON-RPC, pubsub, the programs, USDC and the bootstrap"
)]
struct Args {
    /// Address to bind the RPC and pubsub servers to.
    #[arg(long, default_value = "127.0.0.1")]
    bind_address: String,
    /// JSON-RPC port (pubsub on the next port unless --ws-port).
    #[arg(long, default_value_t = 8899)]
    rpc_port: u16,
    #[arg(long)]
    ws_port: Option<u16>,
    /// Start from an empty chain (the chain is in memory: this also clears the keys directory).
    #[arg(long)]
    reset: bool,
    /// Print only the ready line.
    #[arg(long)]
    quiet: bool,
    /// Where the SBF builds are.
    #[arg(long, default_value = "target/deploy")]
    programs_dir: PathBuf,
    /// Where to write the local keys.
    #[arg(long, default_value = ".pst-localnet/keys")]
    keys_dir: PathBuf,
    /// Do not initialise the protocol config.
    #[arg(long)]
    no_bootstrap: bool,
    /// Seed the demo merchant ACME: listed, its sale sold out (the keeper closes it), a pool, a reserve,
    /// tranches, a staked holder, and customers' payments for the keeper to sweep.
    #[arg(long)]
    demo: bool,
    /// With --demo: this many days of history for ACME (trades, payments, reports, distributions; the clock
    /// moves forward through them), so the web app's charts have data.
    #[arg(long, default_value_t = 0, value_parser = clap::value_parser!(u32).range(0..=60))]
    history_days: u32,
}

fn main() -> std::process::ExitCode {
    let a = Args::parse();
    if a.reset {
        let _ = std::fs::remove_dir_all(&a.keys_dir);
    }
    let options = Options {
        bind_address: a.bind_address,
        rpc_port: a.rpc_port,
        ws_port: a.ws_port.unwrap_or(a.rpc_port.saturating_add(1)),
        programs_dir: a.programs_dir,
        keys_dir: a.keys_dir.clone(),
        bootstrap: !a.no_bootstrap,
        demo: a.demo,
        history_days: a.history_days,
    };
    let net = match start(&options) {
        Ok(net) => net,
        Err(e) => {
            eprintln!("pst-localnet: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    if !a.quiet {
        println!("JSON-RPC    {}", net.rpc_url);
        println!("pubsub      {}", net.ws_url);
        println!("USDC mint   {}", net.usdc_mint);
        println!("bootstrap   {}", if net.bootstrapped { "protocol config initialised" } else { "not run" });
        println!("keys        {}", a.keys_dir.display());
        if let Some(m) = net.demo_merchant {
            println!(
                "demo        ACME (merchant account {m}); wallets demo-merchant.json, demo-investor.json"
            );
        }
    }
    println!("pst-localnet ready on {}", net.rpc_url);
    loop {
        std::thread::park();
    }
}
