//! `pst`: the PST protocol's command line (see the library's documentation and `pst --help`).
use clap::Parser;
use pst_cli::{clap_sentence, cmd, Cli};

fn main() {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e)
            if matches!(
                e.kind(),
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion
            ) =>
        {
            let _ = e.print();
            return;
        }
        Err(e) => {
            eprintln!("error: {}", clap_sentence(&e));
            std::process::exit(2);
        }
    };
    // logs (the keeper's) go to stderr; RUST_LOG or the default `info`
    let filter = std::env::var("RUST_LOG").unwrap_or_else(|_| "info".into());
    let level = filter.parse::<tracing::Level>().unwrap_or(tracing::Level::INFO);
    tracing_subscriber::fmt().with_writer(std::io::stderr).with_max_level(level).with_target(false).init();
    let mode = cli.output;
    match cmd::run(cli) {
        Ok(out) => println!("{}", out.render(mode)),
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(e.exit_code());
        }
    }
}
