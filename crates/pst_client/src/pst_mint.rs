//! `pst_mint`: a merchant's addresses, and a builder for every instruction (governance, listing and issuance,
//! revenue and settlement).
use crate::{
    ids::pst_mint as ids, pda, pst_ix, Client, Instruction, Pubkey, TOKEN_2022_PROGRAM, TOKEN_PROGRAM,
};
use ::pst_mint::{
    accounts as acc, instruction as ixd,
    instructions::InitializeConfigParams,
    state::{ApprovalParams, FeeParams, FeedParams, MerchantProfile, MerchantRules, RejectionReason, Role},
};
use anchor_lang::{solana_program::bpf_loader_upgradeable, system_program};

/// The protocol config's address.
pub const CONFIG: Pubkey = ids::CONFIG_ADDRESS;

/// The ProgramData account of an upgradeable `program` (where its upgrade authority is recorded).
pub fn program_data_address(program: &Pubkey) -> Pubkey {
    pda(&bpf_loader_upgradeable::ID, &[program.as_ref()])
}

/// Every `pst_mint` address of one merchant, derived from its wallet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MerchantAddresses {
    /// The merchant's wallet.
    pub authority: Pubkey,
    pub merchant: Pubkey,
    pub pst_mint: Pubkey,
    pub vesting_vault: Pubkey,
    pub lp_vault: Pubkey,
    pub sale_vault: Pubkey,
    pub treasury: Pubkey,
    pub feed: Pubkey,
    pub metrics: Pubkey,
    pub settlement: Pubkey,
    pub settlement_vault: Pubkey,
    pub dividend_vault: Pubkey,
}

impl MerchantAddresses {
    pub fn new(authority: &Pubkey) -> Self {
        let p = |seeds: &[&[u8]]| pda(&ids::ID, seeds);
        let merchant = p(&[ids::MERCHANT_SEED, authority.as_ref()]);
        let m = merchant.as_ref();
        MerchantAddresses {
            authority: *authority,
            merchant,
            pst_mint: p(&[ids::PST_MINT_SEED, m]),
            vesting_vault: p(&[ids::VESTING_VAULT_SEED, m]),
            lp_vault: p(&[ids::LP_VAULT_SEED, m]),
            sale_vault: p(&[ids::SALE_VAULT_SEED, m]),
            treasury: p(&[ids::TREASURY_SEED, m]),
            feed: p(&[ids::FEED_SEED, m]),
            metrics: p(&[ids::METRICS_SEED, m]),
            settlement: p(&[ids::SETTLEMENT_SEED, m]),
            settlement_vault: p(&[ids::SETTLEMENT_VAULT_SEED, m]),
            dividend_vault: p(&[ids::DIVIDEND_VAULT_SEED, m]),
        }
    }

    /// The report account of `period`.
    pub fn report(&self, period: u32) -> Pubkey {
        pda(&ids::ID, &[ids::REPORT_SEED, self.merchant.as_ref(), &period.to_le_bytes()])
    }

    /// The three PST vaults (vesting, LP, sale).
    pub fn pst_vaults(&self) -> [Pubkey; 3] {
        [self.vesting_vault, self.lp_vault, self.sale_vault]
    }
}

impl Client {
    // ---- governance --------------------------------------------------------------------------------------

    /// `initialize_config`, paid by `payer` and signed by the program's upgrade authority.
    pub fn initialize_config(
        &self,
        payer: &Pubkey,
        upgrade_authority: &Pubkey,
        params: InitializeConfigParams,
    ) -> Instruction {
        pst_ix(
            acc::InitializeConfig {
                payer: *payer,
                upgrade_authority: *upgrade_authority,
                program_data: program_data_address(&ids::ID),
                config: CONFIG,
                usdc_mint: self.usdc_mint,
                system_program: system_program::ID,
            },
            ixd::InitializeConfig { params },
        )
    }

    pub fn propose_admin(&self, admin: &Pubkey, new_admin: Pubkey) -> Instruction {
        pst_ix(acc::ProposeAdmin { admin: *admin, config: CONFIG }, ixd::ProposeAdmin { new_admin })
    }

    pub fn accept_admin(&self, new_admin: &Pubkey) -> Instruction {
        pst_ix(acc::AcceptAdmin { new_admin: *new_admin, config: CONFIG }, ixd::AcceptAdmin {})
    }

    pub fn set_role(&self, admin: &Pubkey, role: Role, member: Pubkey, enabled: bool) -> Instruction {
        pst_ix(acc::SetRole { admin: *admin, config: CONFIG }, ixd::SetRole { role, member, enabled })
    }

    pub fn update_fees(&self, admin: &Pubkey, fees: FeeParams) -> Instruction {
        pst_ix(acc::UpdateFees { admin: *admin, config: CONFIG }, ixd::UpdateFees { fees })
    }

    /// The admin sets the merchant rules (eligibility thresholds, inventory floor).
    pub fn set_merchant_rules(&self, admin: &Pubkey, rules: MerchantRules) -> Instruction {
        pst_ix(acc::SetMerchantRules { admin: *admin, config: CONFIG }, ixd::SetMerchantRules { rules })
    }

    /// The admin freezes exits for `duration_secs` (at most 3 days; 0 lifts an active freeze).
    pub fn freeze_exits(&self, admin: &Pubkey, duration_secs: i64) -> Instruction {
        pst_ix(acc::FreezeExits { admin: *admin, config: CONFIG }, ixd::FreezeExits { duration_secs })
    }

    /// Set the whole pause word (every program's lane, `pst_ids::pause`).
    pub fn set_pause(&self, authority: &Pubkey, paused: u64) -> Instruction {
        pst_ix(acc::SetPause { authority: *authority, config: CONFIG }, ixd::SetPause { paused })
    }

    // ---- listing and issuance ----------------------------------------------------------------------------

    pub fn apply_for_listing(&self, m: &MerchantAddresses, profile: MerchantProfile) -> Instruction {
        pst_ix(
            acc::ApplyForListing {
                authority: m.authority,
                config: CONFIG,
                merchant: m.merchant,
                system_program: system_program::ID,
            },
            ixd::ApplyForListing { profile },
        )
    }

    /// The accounts of an underwriter's decision (`approve_merchant` and `reject_merchant` share them).
    pub fn underwrite_accounts(&self, m: &MerchantAddresses, underwriter: &Pubkey) -> acc::Underwrite {
        acc::Underwrite { underwriter: *underwriter, config: CONFIG, merchant: m.merchant }
    }

    pub fn approve_merchant(
        &self,
        m: &MerchantAddresses,
        underwriter: &Pubkey,
        params: ApprovalParams,
    ) -> Instruction {
        pst_ix(self.underwrite_accounts(m, underwriter), ixd::ApproveMerchant { params })
    }

    pub fn reject_merchant(
        &self,
        m: &MerchantAddresses,
        underwriter: &Pubkey,
        reason: RejectionReason,
    ) -> Instruction {
        pst_ix(self.underwrite_accounts(m, underwriter), ixd::RejectMerchant { reason })
    }

    pub fn create_token_accounts(&self, m: &MerchantAddresses) -> acc::CreateToken {
        acc::CreateToken {
            authority: m.authority,
            config: CONFIG,
            merchant: m.merchant,
            pst_mint: m.pst_mint,
            token_program: TOKEN_2022_PROGRAM,
            system_program: system_program::ID,
        }
    }

    pub fn create_token(&self, m: &MerchantAddresses) -> Instruction {
        pst_ix(self.create_token_accounts(m), ixd::CreateToken {})
    }

    pub fn issue_supply_accounts(&self, m: &MerchantAddresses) -> acc::IssueSupply {
        acc::IssueSupply {
            authority: m.authority,
            config: CONFIG,
            merchant: m.merchant,
            pst_mint: m.pst_mint,
            usdc_mint: self.usdc_mint,
            vesting_vault: m.vesting_vault,
            lp_vault: m.lp_vault,
            sale_vault: m.sale_vault,
            treasury: m.treasury,
            pst_token_program: TOKEN_2022_PROGRAM,
            usdc_token_program: TOKEN_PROGRAM,
            system_program: system_program::ID,
        }
    }

    pub fn issue_supply(&self, m: &MerchantAddresses) -> Instruction {
        pst_ix(self.issue_supply_accounts(m), ixd::IssueSupply {})
    }

    /// A purchase in the public sale: `buyer` pays from `buyer_usdc`, the PST goes to `buyer_pst`.
    pub fn buy_public_accounts(
        &self,
        m: &MerchantAddresses,
        buyer: &Pubkey,
        buyer_usdc: &Pubkey,
        buyer_pst: &Pubkey,
    ) -> acc::BuyPublic {
        acc::BuyPublic {
            buyer: *buyer,
            config: CONFIG,
            merchant: m.merchant,
            pst_mint: m.pst_mint,
            usdc_mint: self.usdc_mint,
            sale_vault: m.sale_vault,
            treasury: m.treasury,
            buyer_usdc: *buyer_usdc,
            buyer_pst: *buyer_pst,
            pst_token_program: TOKEN_2022_PROGRAM,
            usdc_token_program: TOKEN_PROGRAM,
        }
    }

    /// `buyer` buys `pst_amount` in the public sale at the issue price, paying at most `max_usdc_cost`.
    pub fn buy_public(
        &self,
        m: &MerchantAddresses,
        buyer: &Pubkey,
        buyer_usdc: &Pubkey,
        buyer_pst: &Pubkey,
        pst_amount: u64,
        max_usdc_cost: u64,
    ) -> Instruction {
        pst_ix(
            self.buy_public_accounts(m, buyer, buyer_usdc, buyer_pst),
            ixd::BuyPublic { pst_amount, max_usdc_cost },
        )
    }

    pub fn close_sale_accounts(&self, m: &MerchantAddresses) -> acc::CloseSale {
        acc::CloseSale {
            config: CONFIG,
            merchant: m.merchant,
            pst_mint: m.pst_mint,
            sale_vault: m.sale_vault,
            pst_token_program: TOKEN_2022_PROGRAM,
        }
    }

    pub fn close_sale(&self, m: &MerchantAddresses) -> Instruction {
        pst_ix(self.close_sale_accounts(m), ixd::CloseSale {})
    }

    /// The merchant releases the sale proceeds: the reserve's stake first, the rest to `destination`.
    pub fn release_proceeds_accounts(
        &self,
        m: &MerchantAddresses,
        destination: &Pubkey,
    ) -> acc::ReleaseProceeds {
        let r = crate::ReserveAddresses::of(m);
        acc::ReleaseProceeds {
            authority: m.authority,
            config: CONFIG,
            merchant: m.merchant,
            pst_mint: m.pst_mint,
            treasury: m.treasury,
            settlement: m.settlement,
            reserve: r.reserve,
            reserve_vault: r.usdc_vault,
            usdc_mint: self.usdc_mint,
            destination: *destination,
            usdc_token_program: TOKEN_PROGRAM,
        }
    }

    pub fn release_proceeds(&self, m: &MerchantAddresses, destination: &Pubkey) -> Instruction {
        pst_ix(self.release_proceeds_accounts(m, destination), ixd::ReleaseProceeds {})
    }

    /// The admin delists a merchant; `on_request` adds the merchant's signature (its request).
    pub fn delist_accounts(&self, m: &MerchantAddresses, admin: &Pubkey, on_request: bool) -> acc::Delist {
        acc::Delist {
            admin: *admin,
            config: CONFIG,
            merchant: m.merchant,
            merchant_authority: on_request.then_some(m.authority),
            metrics: m.metrics,
            settlement: m.settlement,
            reserve: crate::ReserveAddresses::of(m).reserve,
        }
    }

    pub fn delist(&self, m: &MerchantAddresses, admin: &Pubkey, on_request: bool) -> Instruction {
        pst_ix(self.delist_accounts(m, admin, on_request), ixd::Delist {})
    }

    pub fn claim_vested_accounts(&self, m: &MerchantAddresses, destination: &Pubkey) -> acc::ClaimVested {
        acc::ClaimVested {
            authority: m.authority,
            config: CONFIG,
            merchant: m.merchant,
            pst_mint: m.pst_mint,
            vesting_vault: m.vesting_vault,
            destination: *destination,
            pst_token_program: TOKEN_2022_PROGRAM,
        }
    }

    pub fn claim_vested(&self, m: &MerchantAddresses, destination: &Pubkey) -> Instruction {
        pst_ix(self.claim_vested_accounts(m, destination), ixd::ClaimVested {})
    }

    // ---- revenue and settlement --------------------------------------------------------------------------

    pub fn open_revenue_feed_accounts(
        &self,
        m: &MerchantAddresses,
        underwriter: &Pubkey,
    ) -> acc::OpenRevenueFeed {
        acc::OpenRevenueFeed {
            underwriter: *underwriter,
            config: CONFIG,
            merchant: m.merchant,
            feed: m.feed,
            metrics: m.metrics,
            settlement: m.settlement,
            settlement_vault: m.settlement_vault,
            dividend_vault: m.dividend_vault,
            usdc_mint: self.usdc_mint,
            usdc_token_program: TOKEN_PROGRAM,
            system_program: system_program::ID,
        }
    }

    pub fn open_revenue_feed(
        &self,
        m: &MerchantAddresses,
        underwriter: &Pubkey,
        params: FeedParams,
    ) -> Instruction {
        pst_ix(self.open_revenue_feed_accounts(m, underwriter), ixd::OpenRevenueFeed { params })
    }

    pub fn submit_report(
        &self,
        m: &MerchantAddresses,
        reporter: &Pubkey,
        period: u32,
        gross_revenue: u64,
        net_earnings: i64,
        inventory_value: u64,
    ) -> Instruction {
        pst_ix(
            acc::SubmitReport {
                reporter: *reporter,
                config: CONFIG,
                feed: m.feed,
                report: m.report(period),
                system_program: system_program::ID,
            },
            ixd::SubmitReport { period, gross_revenue, net_earnings, inventory_value },
        )
    }

    /// `accept_period` of a native feed (the period's report account).
    pub fn accept_period_accounts(&self, m: &MerchantAddresses, period: u32) -> acc::AcceptPeriod {
        acc::AcceptPeriod {
            config: CONFIG,
            merchant: m.merchant,
            feed: m.feed,
            metrics: m.metrics,
            settlement: m.settlement,
            report: m.report(period),
            switchboard_gross: None,
            switchboard_net: None,
            switchboard_inventory: None,
        }
    }

    pub fn accept_period(&self, m: &MerchantAddresses, period: u32) -> Instruction {
        pst_ix(self.accept_period_accounts(m, period), ixd::AcceptPeriod { period })
    }

    /// `accept_period` of a Switchboard feed, from its three pull-feed accounts (gross revenue, net earnings,
    /// closing inventory).
    pub fn accept_period_switchboard(
        &self,
        m: &MerchantAddresses,
        period: u32,
        [gross_feed, net_feed, inventory_feed]: [Pubkey; 3],
    ) -> Instruction {
        let a = acc::AcceptPeriod {
            switchboard_gross: Some(gross_feed),
            switchboard_net: Some(net_feed),
            switchboard_inventory: Some(inventory_feed),
            ..self.accept_period_accounts(m, period)
        };
        pst_ix(a, ixd::AcceptPeriod { period })
    }

    /// A sweep credited to `period` (the period in progress when it lands), `payer` paying the period's report
    /// account if this sweep creates it.
    pub fn sweep_accounts(&self, m: &MerchantAddresses, period: u32, payer: &Pubkey) -> acc::Sweep {
        acc::Sweep {
            config: CONFIG,
            merchant: m.merchant,
            feed: m.feed,
            settlement: m.settlement,
            settlement_vault: m.settlement_vault,
            dividend_vault: m.dividend_vault,
            usdc_mint: self.usdc_mint,
            usdc_token_program: TOKEN_PROGRAM,
            payer: *payer,
            report: m.report(period),
            system_program: system_program::ID,
        }
    }

    pub fn sweep(&self, m: &MerchantAddresses, period: u32, payer: &Pubkey) -> Instruction {
        pst_ix(self.sweep_accounts(m, period, payer), ixd::Sweep { period })
    }

    pub fn withdraw_settlement_accounts(
        &self,
        m: &MerchantAddresses,
        destination: &Pubkey,
    ) -> acc::WithdrawSettlement {
        acc::WithdrawSettlement {
            authority: m.authority,
            config: CONFIG,
            merchant: m.merchant,
            feed: m.feed,
            metrics: m.metrics,
            pst_mint: m.pst_mint,
            reserve: crate::ReserveAddresses::of(m).reserve,
            settlement: m.settlement,
            settlement_vault: m.settlement_vault,
            usdc_mint: self.usdc_mint,
            destination: *destination,
            usdc_token_program: TOKEN_PROGRAM,
        }
    }

    pub fn withdraw_settlement(
        &self,
        m: &MerchantAddresses,
        destination: &Pubkey,
        amount: u64,
    ) -> Instruction {
        pst_ix(self.withdraw_settlement_accounts(m, destination), ixd::WithdrawSettlement { amount })
    }
}
