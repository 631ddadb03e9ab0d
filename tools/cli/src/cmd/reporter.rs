//! `pst reporter`: an oracle reporter's revenue reports.
use super::{parse_units, usdc, Ctx};
use crate::{Error, Output};
use clap::Subcommand;
use serde_json::json;

#[derive(Subcommand, Debug)]
pub enum Reporter {
    /// Report a closed period's gross revenue and net earnings (USDC)
    Submit {
        #[arg(long)]
        merchant: String,
        #[arg(long)]
        period: u32,
        #[arg(long, value_parser = super::amount6)]
        gross: u64,
        /// Net earnings, USDC (may be negative)
        #[arg(long, allow_negative_numbers = true, value_parser = signed_usdc)]
        net: i64,
        /// The period's closing inventory at cost, USDC
        #[arg(long, value_parser = super::amount6)]
        inventory: u64,
    },
    /// Run the reporter service: read each ended period from the merchant's e-commerce platform and submit it
    Run(crate::reporter::RunArgs),
}

fn signed_usdc(s: &str) -> Result<i64, String> {
    let (neg, body) = match s.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, s),
    };
    let v = i64::try_from(parse_units(body, 6)?).map_err(|_| format!("{s} is too large"))?;
    Ok(if neg { -v } else { v })
}

pub fn run(ctx: &Ctx, c: &Reporter) -> Result<Output, Error> {
    match c {
        Reporter::Run(args) => crate::reporter::run(ctx, args),
        Reporter::Submit { merchant, period, gross, net, inventory } => {
            let (m, _) = ctx.merchant(merchant)?;
            let ix = ctx.client.submit_report(&m, &ctx.me(), *period, *gross, *net, *inventory);
            ctx.send(
                "submit_report",
                &[ix],
                &[("pst_mint", "submit_report")],
                json!({
                    "merchant": m.merchant.to_string(),
                    "period": period,
                    "gross": usdc(*gross),
                    "net": net,
                    "inventory": usdc(*inventory),
                }),
            )
        }
    }
}
