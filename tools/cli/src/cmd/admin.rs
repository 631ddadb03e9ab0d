//! `pst admin`: the protocol config's roles, fees, pauses and the exit freeze.
use super::Ctx;
use crate::{Error, Output};
use clap::{Subcommand, ValueEnum};
use pst_client::Pubkey;
use pst_mint::state::{FeeParams, Role};
use serde_json::json;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RoleName {
    Underwriter,
    Reporter,
    Guardian,
}

#[derive(Subcommand, Debug)]
pub enum Admin {
    /// Grant (or with --revoke, revoke) a role
    SetRole {
        #[arg(long, value_enum)]
        role: RoleName,
        #[arg(long)]
        member: Pubkey,
        #[arg(long)]
        revoke: bool,
    },
    /// Set the protocol fees, in basis points of each distribution
    UpdateFees {
        #[arg(long, value_parser = clap::value_parser!(u16).range(0..=10_000))]
        protocol_bps: u16,
        #[arg(long, value_parser = clap::value_parser!(u16).range(0..=10_000))]
        reserve_bps: u16,
        #[arg(long, value_parser = clap::value_parser!(u16).range(0..=10_000))]
        tip_bps: u16,
    },
    /// Set the pause flags (a bit mask over every program's lane; the guardian may only add flags)
    Pause {
        /// The whole mask, decimal or 0x-hex
        #[arg(long, value_parser = flags)]
        flags: u64,
    },
    /// Clear every pause flag (the admin only)
    Unpause,
    /// Freeze exits (unstaking, selling, redemptions) for a while, at most 3 days
    FreezeExits {
        #[arg(long, value_parser = clap::value_parser!(i64).range(1..=259_200))]
        secs: i64,
    },
    /// Propose a new admin (it must accept)
    ProposeAdmin {
        #[arg(long)]
        new_admin: Pubkey,
    },
    /// Accept the admin role proposed to the signer
    AcceptAdmin,
}

fn flags(s: &str) -> Result<u64, String> {
    let r = match s.strip_prefix("0x") {
        Some(h) => u64::from_str_radix(h, 16),
        None => s.parse(),
    };
    r.map_err(|_| format!("{s} is not a pause mask (a 64-bit number, decimal or 0x-hex)"))
}

pub fn run(ctx: &Ctx, c: &Admin) -> Result<Output, Error> {
    let me = ctx.me();
    let cl = &ctx.client;
    match *c {
        Admin::SetRole { role, member, revoke } => {
            let r = match role {
                RoleName::Underwriter => Role::Underwriter,
                RoleName::Reporter => Role::OracleReporter,
                RoleName::Guardian => Role::Guardian,
            };
            let ix = cl.set_role(&me, r, member, !revoke);
            ctx.send(
                "set_role",
                &[ix],
                &[("pst_mint", "set_role")],
                json!({ "role": format!("{role:?}").to_lowercase(), "member": member.to_string(), "enabled": !revoke }),
            )
        }
        Admin::UpdateFees { protocol_bps, reserve_bps, tip_bps } => {
            let fees = FeeParams {
                protocol_fee_bps: protocol_bps,
                alar_contribution_bps: reserve_bps,
                keeper_tip_bps: tip_bps,
            };
            ctx.send(
                "update_fees",
                &[cl.update_fees(&me, fees)],
                &[("pst_mint", "update_fees")],
                json!({ "protocol_bps": protocol_bps, "reserve_bps": reserve_bps, "tip_bps": tip_bps }),
            )
        }
        Admin::Pause { flags } => ctx.send(
            "set_pause",
            &[cl.set_pause(&me, flags)],
            &[("pst_mint", "set_pause")],
            json!({ "paused": format!("{flags:#x}") }),
        ),
        Admin::Unpause => ctx.send(
            "set_pause",
            &[cl.set_pause(&me, 0)],
            &[("pst_mint", "set_pause")],
            json!({ "paused": "0x0" }),
        ),
        Admin::FreezeExits { secs } => ctx.send(
            "freeze_exits",
            &[cl.freeze_exits(&me, secs)],
            &[("pst_mint", "freeze_exits")],
            json!({ "secs": secs }),
        ),
        Admin::ProposeAdmin { new_admin } => ctx.send(
            "propose_admin",
            &[cl.propose_admin(&me, new_admin)],
            &[("pst_mint", "propose_admin")],
            json!({ "new_admin": new_admin.to_string() }),
        ),
        Admin::AcceptAdmin => {
            ctx.send("accept_admin", &[cl.accept_admin(&me)], &[("pst_mint", "accept_admin")], json!({}))
        }
    }
}
