//! The subcommands, one module per role, and what they share: the signer, the deployment (read from the
//! protocol config on chain), merchants by address or symbol, amounts with decimals.
pub mod admin;
pub mod investor;
pub mod merchant;
pub mod reporter;
pub mod underwriter;
pub mod view;

use crate::{
    chain::{read_keypair, resolve_url, Chain},
    Cli, Error, Output,
};
use anchor_spl::associated_token::spl_associated_token_account::instruction::create_associated_token_account_idempotent;
use clap::Subcommand;
use pst_client::{pst_mint::CONFIG, Client, Instruction, MerchantAddresses, Pubkey};
use pst_mint::state::{Merchant, ProtocolConfig};
use serde_json::json;
use solana_keypair::Keypair;

#[derive(Subcommand, Debug)]
pub enum Command {
    /// The protocol's administration: roles, fees, pauses (the admin or, for pauses, the guardian signs)
    #[command(subcommand)]
    Admin(admin::Admin),
    /// Listing applications and their economics, revenue feeds, distributors (an underwriter signs)
    #[command(subcommand)]
    Underwriter(underwriter::Underwriter),
    /// A merchant's own listing: apply, create the token, issue, proceeds, settlement (the merchant signs)
    #[command(subcommand)]
    Merchant(merchant::MerchantCmd),
    /// Revenue reports (an oracle reporter signs)
    #[command(subcommand)]
    Reporter(reporter::Reporter),
    /// Buy, stake, claim, trade, provide liquidity, tranches, portfolio (the investor signs)
    #[command(subcommand)]
    Investor(investor::Investor),
    /// Read-only views of the protocol's accounts
    #[command(subcommand)]
    View(view::View),
    /// The keeper daemon: finds due cranks and sends them
    #[command(subcommand)]
    Keeper(crate::keeper::KeeperCmd),
}

/// Run a parsed command line.
pub fn run(cli: Cli) -> Result<Output, Error> {
    match cli.command {
        Command::Admin(ref c) => admin::run(&Ctx::open(&cli, true)?, c),
        Command::Underwriter(ref c) => underwriter::run(&Ctx::open(&cli, true)?, c),
        Command::Merchant(ref c) => merchant::run(&Ctx::open(&cli, true)?, c),
        Command::Reporter(ref c) => reporter::run(&Ctx::open(&cli, true)?, c),
        Command::Investor(ref c) => investor::run(&Ctx::open(&cli, true)?, c),
        Command::View(ref c) => view::run(&Ctx::open(&cli, false)?, c),
        Command::Keeper(ref c) => crate::keeper::run(&cli, c),
    }
}

/// A command's context: the chain, the signer, the deployment.
pub struct Ctx {
    pub chain: Chain,
    pub client: Client,
    pub config: ProtocolConfig,
}

impl Ctx {
    /// Connect, read the signer's keypair (views without one use a throwaway key that signs nothing) and the
    /// protocol config.
    pub fn open(cli: &Cli, signer: bool) -> Result<Ctx, Error> {
        let keypair = match read_keypair(&cli.keypair) {
            Ok(k) => k,
            Err(_) if !signer => Keypair::new(),
            Err(e) => return Err(e),
        };
        let mut chain = Chain::new(&resolve_url(&cli.url), keypair);
        chain.priority_fee = cli.priority_fee;
        let config: ProtocolConfig = match chain.data(&CONFIG)? {
            Some(d) => pst_client::read::anchor_account(&d)
                .map_err(|_| Error::Rpc(format!("the protocol config at {CONFIG} is unreadable")))?,
            None => {
                return Err(Error::Rpc(format!(
                    "no PST protocol on {}: its config account {CONFIG} does not exist",
                    chain.url
                )))
            }
        };
        Ok(Ctx { client: Client::new(config.usdc_mint), chain, config })
    }

    pub fn signer(&self) -> &Keypair {
        &self.chain.payer
    }

    pub fn me(&self) -> Pubkey {
        self.chain.payer()
    }

    /// A merchant named by its merchant account, its wallet, or its token symbol.
    pub fn merchant(&self, name: &str) -> Result<(MerchantAddresses, Merchant), Error> {
        if let Ok(k) = name.parse::<Pubkey>() {
            // a merchant account: owned by pst_mint, at the address its wallet derives (a look-alike account
            // of another program, or at another address, is not one)
            if let Some((owner, data)) = self.chain.account(&k)? {
                if let Ok(m) = pst_client::read::anchor_account::<Merchant>(&data) {
                    let a = MerchantAddresses::new(&m.authority);
                    if owner == pst_ids::pst_mint::ID && a.merchant == k {
                        return Ok((a, m));
                    }
                    return Err(Error::Input(format!("{name} is not a merchant account of pst_mint")));
                }
            }
            let a = MerchantAddresses::new(&k);
            if let Some(m) = self.chain.anchor_opt::<Merchant>(&a.merchant)? {
                return Ok((a, m));
            }
            return Err(Error::Input(format!(
                "{name} is not a merchant (neither its account nor its wallet)"
            )));
        }
        let all = self.chain.all::<Merchant>(&pst_ids::pst_mint::ID, &[])?;
        let found: Vec<_> =
            all.into_iter().filter(|(_, m)| m.profile.symbol.eq_ignore_ascii_case(name)).collect();
        match found.as_slice() {
            [(_, m)] => Ok((MerchantAddresses::new(&m.authority), m.clone())),
            [] => Err(Error::Input(format!("no merchant has the symbol {name}"))),
            _ => Err(Error::Input(format!(
                "several merchants have the symbol {name}: name one by its address"
            ))),
        }
    }

    /// The signer's own merchant.
    pub fn my_merchant(&self) -> Result<(MerchantAddresses, Merchant), Error> {
        let a = MerchantAddresses::new(&self.me());
        match self.chain.anchor_opt::<Merchant>(&a.merchant)? {
            Some(m) => Ok((a, m)),
            None => Err(Error::Input(format!("{} has not applied as a merchant", self.me()))),
        }
    }

    /// `owner`'s associated token account for `mint`, and the instruction that creates it if it is missing.
    pub fn ata(
        &self,
        owner: &Pubkey,
        mint: &Pubkey,
        token_program: &Pubkey,
    ) -> Result<(Pubkey, Option<Instruction>), Error> {
        let ata = pst_client::associated_token_address(owner, mint, token_program);
        let create = match self.chain.data(&ata)? {
            Some(_) => None,
            None => Some(create_associated_token_account_idempotent(&self.me(), owner, mint, token_program)),
        };
        Ok((ata, create))
    }

    /// The signer's USDC account (it must exist: USDC comes from outside).
    pub fn my_usdc(&self) -> Result<Pubkey, Error> {
        let ata = pst_client::associated_token_address(
            &self.me(),
            &self.config.usdc_mint,
            &pst_client::TOKEN_PROGRAM,
        );
        match self.chain.data(&ata)? {
            Some(_) => Ok(ata),
            None => Err(Error::Input(format!(
                "{} has no USDC account (mint {})",
                self.me(),
                self.config.usdc_mint
            ))),
        }
    }

    /// Send `ixs` signed by the signer (and `others`) with the compute-unit limit of `cu` (program,
    /// instruction) rows; the output names what was done.
    pub fn send(
        &self,
        what: &str,
        ixs: &[Instruction],
        cu: &[(&str, &str)],
        details: serde_json::Value,
    ) -> Result<Output, Error> {
        self.send_with(what, ixs, &[], cu, details)
    }

    /// [`Ctx::send`] with more signers than the signer.
    pub fn send_with(
        &self,
        what: &str,
        ixs: &[Instruction],
        others: &[&Keypair],
        cu: &[(&str, &str)],
        details: serde_json::Value,
    ) -> Result<Output, Error> {
        let units = crate::units::for_transaction(ixs.len(), cu);
        let mut signers = vec![self.signer()];
        signers.extend_from_slice(others);
        let sig = self.chain.send(ixs, &signers, units)?;
        let mut json = json!({ "action": what, "signature": sig });
        if let (Some(o), serde_json::Value::Object(d)) = (json.as_object_mut(), details) {
            o.extend(d);
        }
        Ok(Output::new(json, format!("{what}: done\nSignature: {sig}")))
    }
}

/// `s` with `decimals` decimals as base units ("1.5" with 6 decimals is 1,500,000).
pub fn parse_units(s: &str, decimals: u32) -> Result<u64, String> {
    let s = s.trim().replace('_', "");
    let (whole, frac) = s.split_once('.').unwrap_or((&s, ""));
    if whole.is_empty() && frac.is_empty() || !whole.chars().chain(frac.chars()).all(|c| c.is_ascii_digit()) {
        return Err(format!("{s} is not an amount (digits and one decimal point)"));
    }
    if frac.len() > decimals as usize {
        return Err(format!("{s} has more than {decimals} decimals"));
    }
    let scale = 10u128.pow(decimals);
    let w: u128 =
        if whole.is_empty() { 0 } else { whole.parse().map_err(|_| format!("{s} is too large"))? };
    let f: u128 = if frac.is_empty() {
        0
    } else {
        format!("{frac:0<width$}", width = decimals as usize).parse().unwrap_or(0)
    };
    let v = w.checked_mul(scale).and_then(|v| v.checked_add(f)).ok_or_else(|| format!("{s} is too large"))?;
    u64::try_from(v).map_err(|_| format!("{s} is too large"))
}

/// A base58 public key.
pub fn pubkey(s: &str) -> Result<Pubkey, String> {
    s.parse().map_err(|_| format!("{s} is not a public key (base58, 32 bytes)"))
}

/// A positive amount of USDC or PST (6 decimals).
pub fn amount6(s: &str) -> Result<u64, String> {
    match parse_units(s, 6)? {
        0 => Err("the amount must be more than 0".into()),
        v => Ok(v),
    }
}

/// A positive amount of tranche shares (9 decimals).
pub fn amount9(s: &str) -> Result<u64, String> {
    match parse_units(s, 9)? {
        0 => Err("the amount must be more than 0".into()),
        v => Ok(v),
    }
}

/// Base units as a decimal string.
pub fn fmt_units(v: u64, decimals: u32) -> String {
    let scale = 10u64.pow(decimals);
    format!("{}.{:0width$}", v / scale, v % scale, width = decimals as usize)
}

pub fn usdc(v: u64) -> String {
    fmt_units(v, 6)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_parse_with_their_decimals() {
        assert_eq!(parse_units("1.5", 6), Ok(1_500_000));
        assert_eq!(parse_units("0.000001", 6), Ok(1));
        assert_eq!(parse_units("1_000", 6), Ok(1_000_000_000));
        assert!(parse_units("0.0000001", 6).is_err());
        assert!(parse_units("-1", 6).is_err());
        assert!(parse_units("1e6", 6).is_err());
        assert!(parse_units("99999999999999999999", 6).is_err());
        assert!(amount6("0").is_err());
        assert_eq!(fmt_units(1_500_000, 6), "1.500000");
    }
}
