//! Client for `pst_mint`: PDAs, instruction builders and whole flows, shared by tests and the demo.
use crate::env::{Env, TxResult, PST, USDC};
use anchor_lang::{
    prelude::Pubkey, solana_program::instruction::Instruction, system_program, InstructionData,
    ToAccountMetas,
};
use anchor_spl::{token::spl_token, token_2022::spl_token_2022};
use pst_migrations::BootstrapParams;
use pst_mint::{
    accounts as acc,
    constants::*,
    instruction as ixd,
    state::{ApprovalParams, FeeParams, Merchant, MerchantProfile, ProtocolConfig, Role},
};
use solana_keypair::Keypair;
use solana_signer::Signer;

/// An instruction to `pst_mint` from Anchor's generated account struct and argument struct.
pub fn pst_ix(accounts: impl ToAccountMetas, args: impl InstructionData) -> Instruction {
    Instruction { program_id: pst_mint::ID, accounts: accounts.to_account_metas(None), data: args.data() }
}

pub fn pda(seeds: &[&[u8]]) -> Pubkey {
    Pubkey::find_program_address(seeds, &pst_mint::ID).0
}

pub fn config_pda() -> Pubkey {
    pst_migrations::config_address()
}

/// A merchant's wallet and every address derived from it.
pub struct MerchantKeys {
    pub authority: Keypair,
    pub merchant: Pubkey,
    pub pst_mint: Pubkey,
    pub vesting_vault: Pubkey,
    pub lp_vault: Pubkey,
    pub sale_vault: Pubkey,
    pub treasury: Pubkey,
}

impl MerchantKeys {
    pub fn new(authority: Keypair) -> Self {
        let merchant = pda(&[MERCHANT_SEED, authority.pubkey().as_ref()]);
        let m = merchant.as_ref();
        MerchantKeys {
            authority,
            merchant,
            pst_mint: pda(&[PST_MINT_SEED, m]),
            vesting_vault: pda(&[VESTING_VAULT_SEED, m]),
            lp_vault: pda(&[LP_VAULT_SEED, m]),
            sale_vault: pda(&[SALE_VAULT_SEED, m]),
            treasury: pda(&[TREASURY_SEED, m]),
        }
    }

    /// The three PST vaults.
    pub fn pst_vaults(&self) -> [Pubkey; 3] {
        [self.vesting_vault, self.lp_vault, self.sale_vault]
    }
}

/// An investor: wallet, USDC account, PST account.
pub struct Investor {
    pub wallet: Keypair,
    pub usdc: Pubkey,
    pub pst: Pubkey,
}

/// Fees used by the fixture: 2% protocol fee, 5% to the reserve, 0.1% keeper tip.
pub fn default_fees() -> FeeParams {
    FeeParams { protocol_fee_bps: 200, alar_contribution_bps: 500, keeper_tip_bps: 10 }
}

/// A plausible store application.
pub fn sample_profile(name: &str, symbol: &str) -> MerchantProfile {
    MerchantProfile {
        name: name.to_string(),
        symbol: symbol.to_string(),
        token_uri: format!("https://pst.example/{symbol}.json"),
        evidence_hash: [7u8; 32],
        evidence_uri: format!("https://pst.example/evidence/{symbol}.zip"),
        trailing_revenue: 2_400_000 * USDC,
        margin_bps: 1_800,
        growth_bps: 2_500,
    }
}

/// Economics used by the fixture: defaults for share and stake, 1,000,000 PST at 1 USDC, 20% merchant /
/// 30% LP / 50% public, 90-day cliff in a 1-year vesting, 50,000 USDC per-period withdrawal limit, 14-day sale.
pub fn sample_approval() -> ApprovalParams {
    ApprovalParams {
        revenue_share_bps: None,
        stake_bps: None,
        total_supply: 1_000_000 * PST,
        issue_price: USDC,
        merchant_bps: 2_000,
        lp_bps: 3_000,
        public_bps: 5_000,
        vesting_cliff_secs: 90 * 86_400,
        vesting_duration_secs: 365 * 86_400,
        withdrawal_limit_per_period: 50_000 * USDC,
        sale_duration_secs: 14 * 86_400,
    }
}

impl Env {
    /// [`Env::bare`] plus the protocol config (admin, guardian, USDC, [`default_fees`]), one underwriter and
    /// one oracle reporter, set up by the deployment bootstrap (`pst-migrations`).
    pub async fn new() -> Env {
        let mut env = Env::bare().await;
        let params = env.bootstrap_params();
        let deployer = env.deployer.insecure_clone();
        let init = pst_migrations::initialize_config_ix(&env.payer().pubkey(), &deployer.pubkey(), &params);
        env.send_ok(&[init], &[&deployer]).await;
        let admin = env.admin.insecure_clone();
        for ix in pst_migrations::role_instructions(&params) {
            env.send_ok(&[ix], &[&admin]).await;
        }
        env
    }

    /// The bootstrap this fixture deploys with.
    pub fn bootstrap_params(&self) -> BootstrapParams {
        BootstrapParams {
            usdc_mint: self.usdc_mint,
            admin: self.admin.pubkey(),
            guardian: self.guardian.pubkey(),
            fees: default_fees(),
            underwriters: vec![self.underwriter.pubkey()],
            oracle_reporters: vec![self.reporter.pubkey()],
        }
    }

    pub fn initialize_config_ix(&self, upgrade_authority: &Pubkey, fees: FeeParams) -> Instruction {
        let params = BootstrapParams { fees, ..self.bootstrap_params() };
        pst_migrations::initialize_config_ix(&self.payer().pubkey(), upgrade_authority, &params)
    }

    pub fn set_role_ix(&self, admin: &Pubkey, role: Role, member: Pubkey, enabled: bool) -> Instruction {
        pst_migrations::set_role_ix(admin, role, member, enabled)
    }

    pub fn set_pause_ix(&self, authority: &Pubkey, paused: u32) -> Instruction {
        pst_ix(acc::SetPause { authority: *authority, config: config_pda() }, ixd::SetPause { paused })
    }

    /// Pause `flags` as the guardian.
    pub async fn pause(&mut self, flags: u32) {
        let guardian = self.guardian.insecure_clone();
        self.send_ok(&[self.set_pause_ix(&guardian.pubkey(), flags)], &[&guardian]).await;
    }

    pub async fn config(&mut self) -> ProtocolConfig {
        self.account(&config_pda()).await
    }

    pub async fn merchant(&mut self, m: &MerchantKeys) -> Merchant {
        self.account(&m.merchant).await
    }

    // ---- listing -----------------------------------------------------------------------------------------

    pub fn apply_ix(&self, m: &MerchantKeys, profile: MerchantProfile) -> Instruction {
        pst_ix(
            acc::ApplyForListing {
                authority: m.authority.pubkey(),
                config: config_pda(),
                merchant: m.merchant,
                system_program: system_program::ID,
            },
            ixd::ApplyForListing { profile },
        )
    }

    pub fn approve_ix(&self, m: &MerchantKeys, underwriter: &Pubkey, params: ApprovalParams) -> Instruction {
        pst_ix(
            acc::ApproveMerchant { underwriter: *underwriter, config: config_pda(), merchant: m.merchant },
            ixd::ApproveMerchant { params },
        )
    }

    pub fn reject_ix(
        &self,
        m: &MerchantKeys,
        underwriter: &Pubkey,
        reason: pst_mint::state::RejectionReason,
    ) -> Instruction {
        pst_ix(
            acc::RejectMerchant { underwriter: *underwriter, config: config_pda(), merchant: m.merchant },
            ixd::RejectMerchant { reason },
        )
    }

    pub fn create_token_accounts(&self, m: &MerchantKeys) -> acc::CreateToken {
        acc::CreateToken {
            authority: m.authority.pubkey(),
            config: config_pda(),
            merchant: m.merchant,
            pst_mint: m.pst_mint,
            token_program: spl_token_2022::ID,
            system_program: system_program::ID,
        }
    }

    pub fn issue_accounts(&self, m: &MerchantKeys) -> acc::IssueSupply {
        acc::IssueSupply {
            authority: m.authority.pubkey(),
            config: config_pda(),
            merchant: m.merchant,
            pst_mint: m.pst_mint,
            usdc_mint: self.usdc_mint,
            vesting_vault: m.vesting_vault,
            lp_vault: m.lp_vault,
            sale_vault: m.sale_vault,
            treasury: m.treasury,
            pst_token_program: spl_token_2022::ID,
            usdc_token_program: spl_token::ID,
            system_program: system_program::ID,
        }
    }

    pub fn buy_accounts(&self, m: &MerchantKeys, investor: &Investor) -> acc::BuyPublic {
        acc::BuyPublic {
            buyer: investor.wallet.pubkey(),
            config: config_pda(),
            merchant: m.merchant,
            pst_mint: m.pst_mint,
            usdc_mint: self.usdc_mint,
            sale_vault: m.sale_vault,
            treasury: m.treasury,
            buyer_usdc: investor.usdc,
            buyer_pst: investor.pst,
            pst_token_program: spl_token_2022::ID,
            usdc_token_program: spl_token::ID,
        }
    }

    pub fn close_sale_accounts(&self, m: &MerchantKeys) -> acc::CloseSale {
        acc::CloseSale {
            config: config_pda(),
            merchant: m.merchant,
            pst_mint: m.pst_mint,
            sale_vault: m.sale_vault,
            vesting_vault: m.vesting_vault,
            pst_token_program: spl_token_2022::ID,
        }
    }

    pub fn claim_accounts(&self, m: &MerchantKeys, destination: &Pubkey) -> acc::ClaimVested {
        acc::ClaimVested {
            authority: m.authority.pubkey(),
            config: config_pda(),
            merchant: m.merchant,
            pst_mint: m.pst_mint,
            vesting_vault: m.vesting_vault,
            destination: *destination,
            pst_token_program: spl_token_2022::ID,
        }
    }

    // ---- flows -------------------------------------------------------------------------------------------

    /// A new merchant wallet that has applied with `profile`.
    pub async fn applied_merchant(&mut self, profile: MerchantProfile) -> MerchantKeys {
        let m = MerchantKeys::new(self.wallet().await);
        let ix = self.apply_ix(&m, profile);
        self.send_ok(&[ix], &[&m.authority]).await;
        m
    }

    /// Applied and approved with `params`.
    pub async fn approved_merchant(&mut self, params: ApprovalParams) -> MerchantKeys {
        let m = self.applied_merchant(sample_profile("Acme Outdoor Gear", "ACME")).await;
        let uw = self.underwriter.insecure_clone();
        self.send_ok(&[self.approve_ix(&m, &uw.pubkey(), params)], &[&uw]).await;
        m
    }

    pub async fn create_token(&mut self, m: &MerchantKeys) -> TxResult {
        let ix = pst_ix(self.create_token_accounts(m), ixd::CreateToken {});
        self.send(&[ix], &[&m.authority]).await
    }

    pub async fn issue_supply(&mut self, m: &MerchantKeys) -> TxResult {
        let ix = pst_ix(self.issue_accounts(m), ixd::IssueSupply {});
        self.send(&[ix], &[&m.authority]).await
    }

    /// Approved with `params`, token created, supply issued: the public sale is open.
    pub async fn issued_merchant_with(&mut self, params: ApprovalParams) -> MerchantKeys {
        let m = self.approved_merchant(params).await;
        self.create_token(&m).await.expect("create_token");
        self.issue_supply(&m).await.expect("issue_supply");
        m
    }

    /// [`Env::issued_merchant_with`] the [`sample_approval`].
    pub async fn issued_merchant(&mut self) -> MerchantKeys {
        self.issued_merchant_with(sample_approval()).await
    }

    /// A wallet with `usdc` USDC and an (empty) PST account for `m`'s token.
    pub async fn investor(&mut self, m: &MerchantKeys, usdc: u64) -> Investor {
        let (wallet, usdc_acc) = self.funded_wallet(usdc).await;
        let pst = self.create_ata(&wallet.pubkey(), &m.pst_mint, &spl_token_2022::ID).await;
        Investor { wallet, usdc: usdc_acc, pst }
    }

    /// Buy `pst_amount` at the issue price with no cost cap.
    pub async fn buy(&mut self, m: &MerchantKeys, investor: &Investor, pst_amount: u64) -> TxResult {
        let ix =
            pst_ix(self.buy_accounts(m, investor), ixd::BuyPublic { pst_amount, max_usdc_cost: u64::MAX });
        self.send(&[ix], &[&investor.wallet]).await
    }

    pub async fn close_sale(&mut self, m: &MerchantKeys) -> TxResult {
        let ix = pst_ix(self.close_sale_accounts(m), ixd::CloseSale {});
        self.send(&[ix], &[]).await
    }

    /// The merchant claims vested PST into `destination`.
    pub async fn claim_vested(&mut self, m: &MerchantKeys, destination: &Pubkey) -> TxResult {
        let ix = pst_ix(self.claim_accounts(m, destination), ixd::ClaimVested {});
        self.send(&[ix], &[&m.authority]).await
    }

    /// The merchant's own PST account (created on first use).
    pub async fn merchant_pst_account(&mut self, m: &MerchantKeys) -> Pubkey {
        self.create_ata(&m.authority.pubkey(), &m.pst_mint, &spl_token_2022::ID).await
    }

    /// Token conservation: the mint's supply equals the approved total supply, and the three vaults, the
    /// dividend stake vault and every other PST account this fixture knows of hold exactly that supply. The
    /// revenue and dividend conservation checks call this too.
    pub async fn assert_pst_conserved(&mut self, m: &MerchantKeys) {
        let merchant = self.merchant(m).await;
        let supply = self.supply(&m.pst_mint).await;
        assert_eq!(supply, merchant.economics.total_supply, "mint supply differs from the approved supply");
        let mut held: u128 = 0;
        // the three vaults, and the dividend stake vault once a distributor exists (0 before)
        let stake_vault = crate::dividends::DistKeys::of(m).stake_vault;
        for v in m.pst_vaults().into_iter().chain([stake_vault]) {
            held += self.balance(&v).await as u128;
        }
        for a in self.token_accounts.clone() {
            if self.token_mint_of(&a).await == Some(m.pst_mint) {
                held += self.balance(&a).await as u128;
            }
        }
        assert_eq!(held, supply as u128, "PST held by the vaults and known accounts differs from the supply");
        // and the program's own accounting matches the vaults
        let sale_left = merchant.sale.public_supply - merchant.sale.sold;
        if merchant.status == pst_mint::state::MerchantStatus::Sale {
            assert_eq!(self.balance(&m.sale_vault).await, sale_left, "sale vault != unsold public supply");
        }
        assert_eq!(
            self.balance(&m.vesting_vault).await,
            merchant.vesting.total - merchant.vesting.claimed,
            "vesting vault != unclaimed vesting"
        );
        assert_eq!(self.balance(&m.treasury).await, merchant.sale.proceeds, "treasury != sale proceeds");
    }
}
