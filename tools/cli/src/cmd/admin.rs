//! `pst admin`: the protocol config's roles, fees, pauses and the exit freeze.
use super::{usdc, Ctx};
use crate::{Error, Output};
use clap::{Subcommand, ValueEnum};
use pst_client::Pubkey;
use pst_mint::state::{FeeParams, MerchantRules, Role};
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
        #[arg(long, value_parser = super::pubkey)]
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
    /// Set the merchant rules: eligibility thresholds for applications and the inventory floor (bounded)
    SetMerchantRules {
        /// Minimum trailing-12-month revenue of an application, USDC (at most 100,000,000)
        #[arg(long, value_parser = super::amount6)]
        min_trailing_revenue: u64,
        /// Minimum months of operating history (at most 120)
        #[arg(long, value_parser = clap::value_parser!(u16).range(0..=120))]
        min_history_months: u16,
        /// Days of inventory below which a merchant goes on Watch (0: no floor; at most 365)
        #[arg(long, value_parser = clap::value_parser!(u16).range(0..=365))]
        inventory_floor_days: u16,
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
        #[arg(long, value_parser = super::pubkey)]
        new_admin: Pubkey,
    },
    /// Accept the admin role proposed to the signer
    AcceptAdmin,
    /// Change a merchant's tranche parameters (flags not given keep their value)
    SetTrancheParams {
        #[arg(long)]
        merchant: String,
        /// Epoch length, seconds (1 to 30 days)
        #[arg(long, value_parser = clap::value_parser!(i64).range(86_400..=2_592_000))]
        epoch_secs: Option<i64>,
        #[arg(long, value_parser = clap::value_parser!(u16).range(1_000..=5_000))]
        min_subordination_bps: Option<u16>,
        #[arg(long, value_parser = clap::value_parser!(u16).range(0..=5_000))]
        buffer_bps: Option<u16>,
        #[arg(long, value_parser = clap::value_parser!(u16).range(10..=500))]
        max_slippage_bps: Option<u16>,
        /// TWAP window of the valuation, seconds (20 minutes to half an epoch)
        #[arg(long, value_parser = clap::value_parser!(i64).range(1_200..=143_400))]
        twap_window_secs: Option<i64>,
    },
    /// Change a merchant's reserve parameters (flags not given keep their value)
    SetReserveParams {
        #[arg(long)]
        merchant: String,
        /// The band's low edge, PE × 10,000 (1 to 100)
        #[arg(long, value_parser = clap::value_parser!(u32).range(10_000..=1_000_000))]
        pe_low_bps: Option<u32>,
        /// The band's high edge, PE × 10,000, at least 1 above the low edge
        #[arg(long, value_parser = clap::value_parser!(u32).range(10_000..=1_000_000))]
        pe_high_bps: Option<u32>,
        #[arg(long, value_parser = clap::value_parser!(u16).range(100..=5_000))]
        slice_bps: Option<u16>,
        #[arg(long, value_parser = clap::value_parser!(i64).range(600..=604_800))]
        cooldown_secs: Option<i64>,
        #[arg(long, value_parser = clap::value_parser!(i64).range(1_200..=86_400))]
        twap_window_secs: Option<i64>,
        #[arg(long, value_parser = clap::value_parser!(u16).range(0..=5_000))]
        senior_cap_bps: Option<u16>,
        #[arg(long, value_parser = clap::value_parser!(i64).range(86_400..=2_592_000))]
        timelock_secs: Option<i64>,
    },
    /// Delist a merchant in Default (or, with the merchant's co-signature, at its request once no shortfall is
    /// uncovered)
    Delist {
        #[arg(long)]
        merchant: String,
        /// The merchant's keypair file: the delisting is at its request
        #[arg(long)]
        merchant_keypair: Option<String>,
    },
    /// Set a pool's trade fee and the protocol's share of it
    UpdatePoolFees {
        #[arg(long)]
        merchant: String,
        #[arg(long, value_parser = clap::value_parser!(u16).range(0..=100))]
        fee_bps: u16,
        #[arg(long, value_parser = clap::value_parser!(u16).range(0..=5_000))]
        protocol_share_bps: u16,
    },
    /// Collect a pool's protocol fees into the admin's PST and USDC accounts
    CollectProtocolFees {
        #[arg(long)]
        merchant: String,
    },
    /// Propose a timelocked withdrawal of the reserve's own USDC (to a USDC account, default the admin's)
    ProposeWithdrawal {
        #[arg(long)]
        merchant: String,
        #[arg(long, value_parser = super::amount6)]
        amount: u64,
        #[arg(long, value_parser = super::pubkey)]
        destination: Option<Pubkey>,
        /// Send it to another merchant's reserve instead (its USDC vault)
        #[arg(long)]
        to_reserve_of: Option<String>,
    },
    /// Execute a proposed withdrawal once its timelock has passed
    ExecuteWithdrawal {
        #[arg(long)]
        merchant: String,
        #[arg(long)]
        id: u64,
    },
    /// Cancel a proposed withdrawal (the admin or the guardian)
    CancelWithdrawal {
        #[arg(long)]
        merchant: String,
        #[arg(long)]
        id: u64,
    },
    /// Pause a merchant's pool (a bit mask of the pool's own flags; 0 unpauses, the admin only)
    SetPoolPause {
        #[arg(long)]
        merchant: String,
        #[arg(long, value_parser = clap::value_parser!(u8))]
        flags: u8,
    },
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
        Admin::SetMerchantRules { min_trailing_revenue, min_history_months, inventory_floor_days } => {
            let rules = MerchantRules { min_trailing_revenue, min_history_months, inventory_floor_days };
            ctx.send(
                "set_merchant_rules",
                &[cl.set_merchant_rules(&me, rules)],
                &[("pst_mint", "set_merchant_rules")],
                json!({
                    "min_trailing_revenue": usdc(min_trailing_revenue),
                    "min_history_months": min_history_months,
                    "inventory_floor_days": inventory_floor_days,
                }),
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
        Admin::SetTrancheParams {
            ref merchant,
            epoch_secs,
            min_subordination_bps,
            buffer_bps,
            max_slippage_bps,
            twap_window_secs,
        } => {
            let (m, _) = ctx.merchant(merchant)?;
            let t: yield_tranches::state::Tranches = ctx.chain.anchor(
                &pst_client::TrancheAddresses::of(&m).tranches,
                "a tranche vault (the merchant has none)",
            )?;
            let mut p = t.params;
            p.epoch_secs = epoch_secs.unwrap_or(p.epoch_secs);
            p.min_subordination_bps = min_subordination_bps.unwrap_or(p.min_subordination_bps);
            p.buffer_bps = buffer_bps.unwrap_or(p.buffer_bps);
            p.max_slippage_bps = max_slippage_bps.unwrap_or(p.max_slippage_bps);
            p.twap_window_secs = twap_window_secs.unwrap_or(p.twap_window_secs);
            if p.twap_window_secs > p.epoch_secs / 2 {
                return Err(Error::Input("the TWAP window must be at most half the epoch".into()));
            }
            ctx.send(
                "set_tranche_params",
                &[cl.set_tranche_params(&m, &me, p)],
                &[("yield_tranches", "set_tranche_params")],
                json!({ "epoch_secs": p.epoch_secs, "min_subordination_bps": p.min_subordination_bps, "buffer_bps": p.buffer_bps, "max_slippage_bps": p.max_slippage_bps, "twap_window_secs": p.twap_window_secs }),
            )
        }
        Admin::SetReserveParams {
            ref merchant,
            pe_low_bps,
            pe_high_bps,
            slice_bps,
            cooldown_secs,
            twap_window_secs,
            senior_cap_bps,
            timelock_secs,
        } => {
            let (m, _) = ctx.merchant(merchant)?;
            let r: alar_reserve::state::Reserve = ctx
                .chain
                .anchor(&pst_client::ReserveAddresses::of(&m).reserve, "a reserve (the merchant has none)")?;
            let mut p = r.params;
            p.pe_low_bps = pe_low_bps.unwrap_or(p.pe_low_bps);
            p.pe_high_bps = pe_high_bps.unwrap_or(p.pe_high_bps);
            p.slice_bps = slice_bps.unwrap_or(p.slice_bps);
            p.cooldown_secs = cooldown_secs.unwrap_or(p.cooldown_secs);
            p.twap_window_secs = twap_window_secs.unwrap_or(p.twap_window_secs);
            p.senior_cap_bps = senior_cap_bps.unwrap_or(p.senior_cap_bps);
            p.timelock_secs = timelock_secs.unwrap_or(p.timelock_secs);
            if p.pe_high_bps < p.pe_low_bps.saturating_add(10_000) {
                return Err(Error::Input(
                    "the band's high edge must be at least 1 PE (10000) above its low edge".into(),
                ));
            }
            ctx.send(
                "set_reserve_params",
                &[cl.set_reserve_params(&m, &me, p)],
                &[("alar_reserve", "set_reserve_params")],
                json!({ "pe_low_bps": p.pe_low_bps, "pe_high_bps": p.pe_high_bps, "slice_bps": p.slice_bps }),
            )
        }
        Admin::SetPoolPause { ref merchant, flags } => {
            let (m, _) = ctx.merchant(merchant)?;
            ctx.send(
                "set_pool_pause",
                &[cl.set_pool_pause(&m, &me, flags)],
                &[("amm_pool", "set_pool_pause")],
                json!({ "paused": flags }),
            )
        }
        Admin::Delist { ref merchant, ref merchant_keypair } => {
            let (m, _) = ctx.merchant(merchant)?;
            let co = match merchant_keypair {
                Some(path) => Some(crate::chain::read_keypair(path)?),
                None => None,
            };
            let ix = cl.delist(&m, &me, co.is_some());
            let others: Vec<&solana_keypair::Keypair> = co.iter().collect();
            ctx.send_with(
                "delist",
                &[ix],
                &others,
                &[("pst_mint", "delist")],
                json!({ "merchant": m.merchant.to_string(), "on_request": co.is_some() }),
            )
        }
        Admin::UpdatePoolFees { ref merchant, fee_bps, protocol_share_bps } => {
            let (m, _) = ctx.merchant(merchant)?;
            ctx.send(
                "update_pool_fees",
                &[cl.update_pool_fees(&m, &me, fee_bps, protocol_share_bps)],
                &[("amm_pool", "update_pool_fees")],
                json!({ "fee_bps": fee_bps, "protocol_share_bps": protocol_share_bps }),
            )
        }
        Admin::CollectProtocolFees { ref merchant } => {
            let (m, _) = ctx.merchant(merchant)?;
            let (pst, create_pst) = ctx.ata(&me, &m.pst_mint, &pst_client::TOKEN_2022_PROGRAM)?;
            let (usdc, create_usdc) = ctx.ata(&me, &ctx.config.usdc_mint, &pst_client::TOKEN_PROGRAM)?;
            let ixs: Vec<_> = create_pst
                .into_iter()
                .chain(create_usdc)
                .chain([cl.collect_protocol_fees(&m, &pst, &usdc)])
                .collect();
            ctx.send("collect_protocol_fees", &ixs, &[("amm_pool", "collect_protocol_fees")], json!({}))
        }
        Admin::ProposeWithdrawal { ref merchant, amount, destination, ref to_reserve_of } => {
            let (m, _) = ctx.merchant(merchant)?;
            let r: alar_reserve::state::Reserve = ctx
                .chain
                .anchor(&pst_client::ReserveAddresses::of(&m).reserve, "a reserve (the merchant has none)")?;
            let id = r.next_withdrawal_id;
            let (destination, destination_reserve) = match to_reserve_of {
                Some(other) => {
                    let (o, _) = ctx.merchant(other)?;
                    let k = pst_client::ReserveAddresses::of(&o);
                    (k.usdc_vault, Some(k.reserve))
                }
                None => (
                    destination.unwrap_or_else(|| {
                        pst_client::associated_token_address(
                            &me,
                            &ctx.config.usdc_mint,
                            &pst_client::TOKEN_PROGRAM,
                        )
                    }),
                    None,
                ),
            };
            ctx.send(
                "propose_withdrawal",
                &[cl.propose_withdrawal(&m, &me, id, &destination, destination_reserve, amount)],
                &[("alar_reserve", "propose_withdrawal")],
                json!({ "id": id, "amount": super::usdc(amount), "destination": destination.to_string() }),
            )
        }
        Admin::ExecuteWithdrawal { ref merchant, id } => {
            let (m, _) = ctx.merchant(merchant)?;
            let w: alar_reserve::state::Withdrawal = ctx.chain.anchor(
                &pst_client::ReserveAddresses::of(&m).withdrawal(id),
                "a proposed withdrawal of this reserve",
            )?;
            ctx.send(
                "execute_withdrawal",
                &[cl.execute_withdrawal(&m, &me, id, &w.destination)],
                &[("alar_reserve", "execute_withdrawal")],
                json!({ "id": id, "amount": super::usdc(w.amount) }),
            )
        }
        Admin::CancelWithdrawal { ref merchant, id } => {
            let (m, _) = ctx.merchant(merchant)?;
            ctx.send(
                "cancel_withdrawal",
                &[cl.cancel_withdrawal(&m, &me, id)],
                &[("alar_reserve", "cancel_withdrawal")],
                json!({ "id": id }),
            )
        }
        Admin::AcceptAdmin => {
            ctx.send("accept_admin", &[cl.accept_admin(&me)], &[("pst_mint", "accept_admin")], json!({}))
        }
    }
}
