//! Sweeps of the attack matrix (`docs/security.md`): each test tries one class of attack on every instruction
//! it applies to, from a table (or from the IDLs themselves, for the classes every instruction shares), and
//! asserts the exact error of each refusal. Every table row names the instruction as the IDL does, the
//! account it tampers with, and the error the program returns.
//!
//! All rows of a table run even when one fails; the test then lists every row whose outcome differed.
use alar_reserve::{errors::ReserveError, state::ReserveParams};
use amm_pool::{constants as pool_flags, errors::AmmError};
use anchor_lang::{
    error::ErrorCode as Anchor,
    solana_program::{
        bpf_loader_upgradeable::{self, UpgradeableLoaderState},
        system_instruction,
    },
};
use anchor_spl::token_2022::spl_token_2022::{self, extension::ExtensionType, state::Mint as RawMint};
use pst_client::{TOKEN_2022_PROGRAM, TOKEN_PROGRAM};
use pst_mint::{
    errors::PstError,
    instruction as pst_ixd,
    instructions::InitializeConfigParams,
    state::{ApprovalParams, FeeParams, FeedParams, MerchantProfile, MerchantRules, RejectionReason, Role},
};
use pst_tests::*;
use revenue_distributor::errors::DistributorError;
use serde_json::Value;
use std::panic::{catch_unwind, AssertUnwindSafe};
use yield_tranches::{
    errors::TrancheError,
    state::{Tranche, TrancheParams},
};

const SYSTEM_PROGRAM: Pubkey = anchor_lang::system_program::ID;

// ---- the IDLs ---------------------------------------------------------------------------------------------

/// The programs, as their IDL files are named.
pub const PROGRAMS: [&str; 5] =
    ["pst_mint", "revenue_distributor", "amm_pool", "alar_reserve", "yield_tranches"];

/// `idl/<program>.json`.
pub fn idl(program: &str) -> Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../idl/{program}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every instruction of every program, as `(program, instruction)` in IDL order.
pub fn idl_instructions() -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    for program in PROGRAMS {
        for ix in idl(program)["instructions"].as_array().expect("instructions") {
            out.push((program, ix["name"].as_str().expect("a name").to_string()));
        }
    }
    out
}

/// The IDL's accounts of one instruction, in order.
fn idl_accounts(program: &str, name: &str) -> Vec<Value> {
    let idl = idl(program);
    let ix = idl["instructions"]
        .as_array()
        .expect("instructions")
        .iter()
        .find(|i| i["name"] == name)
        .unwrap_or_else(|| panic!("{program} has no instruction {name}"))
        .clone();
    ix["accounts"].as_array().expect("accounts").clone()
}

// ---- expected errors --------------------------------------------------------------------------------------

/// An expected error of any kind, so that one table can hold them all.
#[derive(Debug, Clone, Copy)]
enum Want {
    Pst(PstError),
    Rd(DistributorError),
    Amm(AmmError),
    Alar(ReserveError),
    Yt(TrancheError),
    Anchor(Anchor),
    Runtime(RuntimeError),
}

impl Want {
    fn inner(&self) -> &dyn ExpectedError {
        match self {
            Want::Pst(e) => e,
            Want::Rd(e) => e,
            Want::Amm(e) => e,
            Want::Alar(e) => e,
            Want::Yt(e) => e,
            Want::Anchor(e) => e,
            Want::Runtime(e) => e,
        }
    }
}

impl ExpectedError for Want {
    fn code(&self) -> u32 {
        self.inner().code()
    }
    fn name(&self) -> String {
        self.inner().name()
    }
    fn log_fragment(&self) -> String {
        self.inner().log_fragment()
    }
    fn always_logged(&self) -> bool {
        self.inner().always_logged()
    }
}

impl From<PstError> for Want {
    fn from(e: PstError) -> Self {
        Want::Pst(e)
    }
}
impl From<DistributorError> for Want {
    fn from(e: DistributorError) -> Self {
        Want::Rd(e)
    }
}
impl From<ReserveError> for Want {
    fn from(e: ReserveError) -> Self {
        Want::Alar(e)
    }
}

impl From<TrancheError> for Want {
    fn from(e: TrancheError) -> Self {
        Want::Yt(e)
    }
}

impl From<AmmError> for Want {
    fn from(e: AmmError) -> Self {
        Want::Amm(e)
    }
}
impl From<Anchor> for Want {
    fn from(e: Anchor) -> Self {
        Want::Anchor(e)
    }
}
impl From<RuntimeError> for Want {
    fn from(e: RuntimeError) -> Self {
        Want::Runtime(e)
    }
}

/// The rows whose outcome differed from the table; every row is asserted with `expect_error`.
#[derive(Default)]
struct Failures {
    rows: usize,
    failed: Vec<String>,
}

impl Failures {
    fn check(&mut self, row: String, res: TxResult, want: impl Into<Want>) {
        let want = want.into();
        self.rows += 1;
        if let Err(panic) = catch_unwind(AssertUnwindSafe(|| res.expect_error(want))) {
            let msg = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            let first = msg.lines().next().unwrap_or_default().to_string();
            self.failed.push(format!("{row}: {first}"));
        }
    }

    fn assert_none(&self, at_least: usize) {
        assert!(
            self.failed.is_empty(),
            "{} of {} rows differ:\n{}",
            self.failed.len(),
            self.rows,
            self.failed.join("\n")
        );
        assert!(self.rows >= at_least, "only {} rows ran (expected at least {at_least})", self.rows);
    }
}

// ---- the world every sweep attacks ------------------------------------------------------------------------

/// Two merchants with everything open (feed, distributor, pool), a holder and an LP of the first, and every
/// account an attacker would substitute: look-alike mints (classic, and Token-2022 with a permanent delegate)
/// and accounts of them, the second merchant's accounts, a wallet that is nobody.
struct World {
    m: MerchantKeys,
    other: MerchantKeys,
    /// Applied, not yet decided.
    applicant: MerchantKeys,
    /// Approved, token not created.
    approved: MerchantKeys,
    /// A wallet with no role, no listing and no position.
    fresh: Keypair,
    /// A wallet that pays rent where an instruction takes a payer (not the fee payer).
    payer2: Keypair,
    /// Staked in `m`'s distributor, opted in to pushes to its USDC account.
    holder: Investor,
    other_holder: Investor,
    lp: Lp,
    keeper: Keypair,
    keeper_usdc: Pubkey,
    admin_pst: Pubkey,
    admin_usdc: Pubkey,
    admin_pst_other: Pubkey,
    m_usdc: Pubkey,
    m_pst: Pubkey,
    m_lp: Pubkey,
    /// The attacker's own PST (of `m`) and USDC accounts.
    attacker_pst: Pubkey,
    attacker_usdc: Pubkey,
    /// A classic look-alike of USDC (6 decimals).
    fake_usdc: Pubkey,
    /// Token-2022 look-alikes of USDC and of `m`'s PST (6 decimals, a permanent delegate: the attacker).
    t22_usdc: Pubkey,
    t22_pst: Pubkey,
    /// The holder's accounts of the look-alikes, and the merchant's.
    holder_t22_usdc: Pubkey,
    holder_t22_pst: Pubkey,
    m_t22_usdc: Pubkey,
    /// An investor in `m`'s tranches with a junior deposit queued (its request exists), and share accounts.
    investor: Investor,
}

impl World {
    fn distributor(&self) -> DistributorAddresses {
        DistributorAddresses::of(&self.m)
    }
    fn pool(&self) -> PoolAddresses {
        PoolAddresses::of(&self.m)
    }
    fn holder_position(&self) -> Pubkey {
        self.distributor().position(&self.holder.wallet.pubkey())
    }
}

/// A Token-2022 mint with 6 decimals whose permanent delegate (who may move anyone's tokens) is `delegate`.
async fn token_2022_lookalike(env: &mut Env, delegate: &Pubkey) -> Pubkey {
    let mint = env.next_keypair();
    let space =
        ExtensionType::try_calculate_account_len::<RawMint>(&[ExtensionType::PermanentDelegate]).unwrap();
    let rent = env.ctx.banks_client.get_rent().await.unwrap().minimum_balance(space);
    let payer = env.payer();
    let ixs = [
        system_instruction::create_account(
            &payer.pubkey(),
            &mint.pubkey(),
            rent,
            space as u64,
            &TOKEN_2022_PROGRAM,
        ),
        spl_token_2022::instruction::initialize_permanent_delegate(
            &TOKEN_2022_PROGRAM,
            &mint.pubkey(),
            delegate,
        )
        .unwrap(),
        spl_token_2022::instruction::initialize_mint2(
            &TOKEN_2022_PROGRAM,
            &mint.pubkey(),
            &payer.pubkey(),
            None,
            6,
        )
        .unwrap(),
    ];
    env.send_ok(&ixs, &[&mint]).await;
    mint.pubkey()
}

async fn world(env: &mut Env) -> World {
    let m = env.merchant_with_pool().await;
    let other = env.merchant_with_pool().await;
    let applicant = env.applied_merchant(sample_profile("Applicant", "APL")).await;
    let approved = env.approved_merchant(sample_approval()).await;
    let fresh = env.wallet().await;
    let payer2 = env.wallet().await;
    let mut holders = Vec::new();
    for merchant in [&m, &other] {
        let h = env.investor(merchant, 10_000 * USDC).await;
        env.buy(merchant, &h, 1_000 * PST).await.expect("buy");
        env.open_position(merchant, &h.wallet).await.expect("open");
        env.stake(merchant, &h, 500 * PST).await.expect("stake");
        env.set_auto_payout(merchant, &h, true).await.expect("opt in");
        holders.push(h);
    }
    let other_holder = holders.pop().unwrap();
    let holder = holders.pop().unwrap();
    let lp = env.lp_investor(&m, 20_000 * USDC).await;
    env.swap_in(&m, &lp.investor, UsdcToPst, 10_000 * USDC, 0).await.expect("LP buys PST");
    env.add_liquidity(&m, &lp, 1_000 * PST, u64::MAX, u64::MAX).await.expect("LP joins");
    let (keeper, keeper_usdc) = env.funded_wallet(0).await;
    env.dividends_arrive(&m, 10_000 * USDC).await;
    env.distribute(&m, &keeper, &keeper_usdc).await.expect("distribute");
    let (admin_pst, admin_usdc) = env.admin_fee_accounts(&m).await;
    let (admin_pst_other, _) = env.admin_fee_accounts(&other).await;
    let m_usdc = env.merchant_usdc_account(&m).await;
    let m_pst = env.merchant_pst_account(&m).await;
    let lp_mint = PoolAddresses::of(&m).lp_mint;
    let m_lp = env.create_ata(&m.authority.pubkey(), &lp_mint, &TOKEN_PROGRAM).await;
    let attacker = env.attacker.pubkey();
    let attacker_pst = env.create_ata(&attacker, &m.pst_mint, &TOKEN_2022_PROGRAM).await;
    let usdc = env.usdc_mint;
    let attacker_usdc = env.create_ata(&attacker, &usdc, &TOKEN_PROGRAM).await;
    let fake = env.next_keypair();
    env.create_mint(&fake, &attacker, 6, &TOKEN_PROGRAM).await;
    let t22_usdc = token_2022_lookalike(env, &attacker).await;
    let t22_pst = token_2022_lookalike(env, &attacker).await;
    let holder_t22_usdc = env.create_ata(&holder.wallet.pubkey(), &t22_usdc, &TOKEN_2022_PROGRAM).await;
    let holder_t22_pst = env.create_ata(&holder.wallet.pubkey(), &t22_pst, &TOKEN_2022_PROGRAM).await;
    let m_t22_usdc = env.create_ata(&m.authority.pubkey(), &t22_usdc, &TOKEN_2022_PROGRAM).await;
    // both merchants' reserves, and a pending treasury withdrawal (id 0) of the first
    for merchant in [&m, &other] {
        env.init_reserve(merchant).await.expect("initialize_reserve");
    }
    let admin = env.admin.insecure_clone();
    let ix = env.propose_withdrawal(&m, &admin.pubkey(), 0, &admin_usdc, None, USDC);
    env.send_ok(&[ix], &[&admin]).await;
    // both merchants' tranche vaults, and a queued junior deposit in the first
    for merchant in [&m, &other] {
        env.init_tranches(merchant).await.expect("initialize_tranches");
    }
    let investor = env.tranche_investor(&m, 10_000 * USDC).await;
    env.deposit_request(&m, &investor, Tranche::Junior, 1_000 * USDC).await.expect("request_deposit");
    // an hour of the distribution streams: the pool and the holder have dividends pending
    env.warp(3_600);
    World {
        m,
        other,
        applicant,
        approved,
        fresh,
        payer2,
        holder,
        other_holder,
        lp,
        keeper,
        keeper_usdc,
        admin_pst,
        admin_usdc,
        admin_pst_other,
        m_usdc,
        m_pst,
        m_lp,
        attacker_pst,
        attacker_usdc,
        fake_usdc: fake.pubkey(),
        t22_usdc,
        t22_pst,
        holder_t22_usdc,
        holder_t22_pst,
        m_t22_usdc,
        investor,
    }
}

/// Every merchant's conservation checks: no sweep moved a unit.
async fn assert_world_conserved(env: &mut Env, w: &World) {
    for m in [&w.m, &w.other, &w.applicant, &w.approved] {
        env.assert_all_conserved(m).await;
    }
}

// ---- one valid instruction per IDL instruction ------------------------------------------------------------

/// An instruction with the accounts an honest caller passes, and the keys that sign it (but the fee payer).
struct Case {
    program: &'static str,
    name: String,
    ix: Instruction,
    signers: Vec<Keypair>,
}

impl Case {
    /// The position of `account` (named as in the IDL) among the instruction's accounts.
    fn index(&self, account: &str) -> usize {
        idl_accounts(self.program, &self.name)
            .iter()
            .position(|a| a["name"] == account)
            .unwrap_or_else(|| panic!("{}::{} has no account {account}", self.program, self.name))
    }

    fn key(&self, account: &str) -> Pubkey {
        self.ix.accounts[self.index(account)].pubkey
    }

    fn set(&mut self, account: &str, key: Pubkey) {
        let i = self.index(account);
        self.ix.accounts[i].pubkey = key;
    }

    /// The keys that still sign after a change (a key no longer marked as a signer does not sign).
    fn signers(&self) -> Vec<&Keypair> {
        self.signers
            .iter()
            .filter(|k| self.ix.accounts.iter().any(|a| a.is_signer && a.pubkey == k.pubkey()))
            .collect()
    }

    async fn send(&self, env: &mut Env) -> TxResult {
        let signers = self.signers();
        env.send(std::slice::from_ref(&self.ix), &signers).await
    }
}

fn kp(k: &Keypair) -> Keypair {
    k.insecure_clone()
}

/// The honest instruction `program::name` against the world's first merchant.
fn base(env: &Env, w: &World, program: &'static str, name: &str) -> Case {
    let (admin, guardian, uw, reporter) = (&env.admin, &env.guardian, &env.underwriter, &env.reporter);
    let c = &env.client;
    let (m, h) = (&w.m, &w.holder);
    let (ix, signers): (Instruction, Vec<Keypair>) = match (program, name) {
        ("pst_mint", "initialize_config") => {
            let params = InitializeConfigParams {
                admin: admin.pubkey(),
                guardian: guardian.pubkey(),
                fees: default_fees(),
                merchant_rules: MerchantRules::DEFAULT,
            };
            let ix = c.initialize_config(&w.payer2.pubkey(), &env.deployer.pubkey(), params);
            (ix, vec![kp(&w.payer2), kp(&env.deployer)])
        }
        ("pst_mint", "propose_admin") => {
            (c.propose_admin(&admin.pubkey(), w.fresh.pubkey()), vec![kp(admin)])
        }
        ("pst_mint", "accept_admin") => (c.accept_admin(&w.fresh.pubkey()), vec![kp(&w.fresh)]),
        ("pst_mint", "set_role") => {
            (c.set_role(&admin.pubkey(), Role::Underwriter, w.fresh.pubkey(), true), vec![kp(admin)])
        }
        ("pst_mint", "update_fees") => (c.update_fees(&admin.pubkey(), default_fees()), vec![kp(admin)]),
        ("pst_mint", "set_merchant_rules") => {
            (c.set_merchant_rules(&admin.pubkey(), MerchantRules::DEFAULT), vec![kp(admin)])
        }
        ("pst_mint", "freeze_exits") => (c.freeze_exits(&admin.pubkey(), 3_600), vec![kp(admin)]),
        ("pst_mint", "set_pause") => (c.set_pause(&guardian.pubkey(), 0), vec![kp(guardian)]),
        ("pst_mint", "apply_for_listing") => {
            let addresses = MerchantAddresses::new(&w.fresh.pubkey());
            (c.apply_for_listing(&addresses, sample_profile("Fresh", "FRSH")), vec![kp(&w.fresh)])
        }
        ("pst_mint", "approve_merchant") => {
            (c.approve_merchant(&w.applicant, &uw.pubkey(), sample_approval()), vec![kp(uw)])
        }
        ("pst_mint", "reject_merchant") => {
            (c.reject_merchant(&w.applicant, &uw.pubkey(), RejectionReason::Other), vec![kp(uw)])
        }
        ("pst_mint", "create_token") => (c.create_token(&w.approved), vec![kp(&w.approved.authority)]),
        ("pst_mint", "issue_supply") => (c.issue_supply(m), vec![kp(&m.authority)]),
        ("pst_mint", "buy_public") => {
            let ix = pst_ix(
                c.buy_public_accounts(m, &h.wallet.pubkey(), &h.usdc, &h.pst),
                pst_ixd::BuyPublic { pst_amount: PST, max_usdc_cost: u64::MAX },
            );
            (ix, vec![kp(&h.wallet)])
        }
        ("pst_mint", "close_sale") => (c.close_sale(m), vec![]),
        ("pst_mint", "claim_vested") => (c.claim_vested(m, &w.m_pst), vec![kp(&m.authority)]),
        ("pst_mint", "open_revenue_feed") => {
            (c.open_revenue_feed(m, &uw.pubkey(), sample_feed_params(env.now)), vec![kp(uw)])
        }
        ("pst_mint", "submit_report") => {
            (c.submit_report(m, &reporter.pubkey(), 0, USDC, 0, USDC), vec![kp(reporter)])
        }
        ("pst_mint", "accept_period") => (c.accept_period(m, 0), vec![]),
        ("pst_mint", "sweep") => (c.sweep(m, 0, &w.payer2.pubkey()), vec![kp(&w.payer2)]),
        ("pst_mint", "withdraw_settlement") => {
            (c.withdraw_settlement(m, &w.m_usdc, 1), vec![kp(&m.authority)])
        }
        ("pst_mint", "release_proceeds") => (c.release_proceeds(m, &w.m_usdc), vec![kp(&m.authority)]),
        ("pst_mint", "delist") => (c.delist(m, &admin.pubkey(), true), vec![kp(admin), kp(&m.authority)]),
        ("revenue_distributor", "initialize_distributor") => {
            (c.initialize_distributor(m, &uw.pubkey(), WEEK), vec![kp(uw)])
        }
        ("revenue_distributor", "open_position") => {
            (c.open_position(m, &w.payer2.pubkey(), &w.fresh.pubkey()), vec![kp(&w.payer2), kp(&w.fresh)])
        }
        ("revenue_distributor", "deposit") => {
            (c.deposit(m, &h.wallet.pubkey(), &h.pst, PST), vec![kp(&h.wallet)])
        }
        ("revenue_distributor", "withdraw") => {
            (c.withdraw(m, &h.wallet.pubkey(), &h.pst, PST), vec![kp(&h.wallet)])
        }
        ("revenue_distributor", "distribute") => {
            (c.distribute(m, &w.keeper.pubkey(), &w.keeper_usdc, &w.admin_usdc), vec![kp(&w.keeper)])
        }
        ("revenue_distributor", "claim") => (c.claim(m, &h.wallet.pubkey(), &h.usdc), vec![kp(&h.wallet)]),
        ("revenue_distributor", "set_auto_payout") => {
            (c.set_auto_payout(m, &h.wallet.pubkey(), &h.usdc, true), vec![kp(&h.wallet)])
        }
        ("revenue_distributor", "push_payouts") => {
            let pairs = [(w.holder_position(), h.usdc)];
            (c.push_payouts(m, &w.keeper.pubkey(), &w.keeper_usdc, &pairs), vec![kp(&w.keeper)])
        }
        // only the pool PDA can sign these two (by CPI); a wallet stands in for it, so that every check up to
        // the signer's own is reached
        ("revenue_distributor", "open_pool_position") => {
            let ix = c.open_pool_position(m, &w.payer2.pubkey(), &w.fresh.pubkey(), &w.pool().usdc_vault);
            (ix, vec![kp(&w.payer2), kp(&w.fresh)])
        }
        ("revenue_distributor", "sync_pool_stake") => {
            let ix =
                c.sync_pool_stake(m, &h.wallet.pubkey(), &w.holder_position(), &SYSTEM_PROGRAM, &h.usdc, 0);
            (ix, vec![kp(&h.wallet)])
        }
        // only the reserve authority PDA can sign it (by CPI); a wallet stands in for it
        ("revenue_distributor", "open_reserve_position") => (
            c.open_reserve_position(m, &w.payer2.pubkey(), &w.fresh.pubkey()),
            vec![kp(&w.payer2), kp(&w.fresh)],
        ),
        ("amm_pool", "initialize_pool") => {
            (c.initialize_pool(m, &w.m_usdc, u64::MAX), vec![kp(&m.authority)])
        }
        ("amm_pool", "swap_exact_in") => {
            (c.swap_exact_in(m, &h.wallet.pubkey(), &h.pst, &h.usdc, UsdcToPst, USDC, 0), vec![kp(&h.wallet)])
        }
        ("amm_pool", "swap_exact_out") => {
            let ix = c.swap_exact_out(m, &h.wallet.pubkey(), &h.pst, &h.usdc, UsdcToPst, PST, u64::MAX);
            (ix, vec![kp(&h.wallet)])
        }
        ("amm_pool", "deposit") => {
            let ix = c.add_liquidity(m, &w.lp.tokens(), PST, u64::MAX, u64::MAX);
            (ix, vec![kp(&w.lp.investor.wallet)])
        }
        ("amm_pool", "withdraw") => {
            (c.remove_liquidity(m, &w.lp.tokens(), PST, 0, 0), vec![kp(&w.lp.investor.wallet)])
        }
        ("amm_pool", "harvest_dividends") => (c.harvest_dividends(m), vec![]),
        ("amm_pool", "update_pool_fees") => {
            (c.update_pool_fees(m, &admin.pubkey(), 30, 2_000), vec![kp(admin)])
        }
        ("amm_pool", "set_pool_pause") => {
            (c.set_pool_pause(m, &guardian.pubkey(), pool_flags::PAUSE_SWAP), vec![kp(guardian)])
        }
        ("amm_pool", "collect_protocol_fees") => {
            (c.collect_protocol_fees(m, &w.admin_pst, &w.admin_usdc), vec![])
        }
        ("amm_pool", "claim_seed_liquidity") => {
            (c.claim_seed_liquidity(m, &m.authority.pubkey(), &w.m_lp), vec![kp(&m.authority)])
        }
        ("amm_pool", "get_twap") => (c.get_twap(m, 3_600), vec![]),
        ("alar_reserve", "initialize_reserve") => {
            (c.initialize_reserve(m, &w.payer2.pubkey()), vec![kp(&w.payer2)])
        }
        ("alar_reserve", "deposit_stake") => {
            (c.deposit_stake(m, &h.wallet.pubkey(), &h.usdc, 1), vec![kp(&h.wallet)])
        }
        ("alar_reserve", "cover_shortfall") => {
            (c.cover_shortfall(m, &w.payer2.pubkey(), 0), vec![kp(&w.payer2)])
        }
        ("alar_reserve", "stabilize") => (c.stabilize(m, &w.keeper.pubkey()), vec![kp(&w.keeper)]),
        ("alar_reserve", "harvest") => (c.harvest_reserve(m, &w.keeper.pubkey()), vec![kp(&w.keeper)]),
        // only yield_tranches' tranche vault PDA can sign it (by CPI); a wallet stands in for it
        ("alar_reserve", "cover_senior") => {
            (c.cover_senior(m, &w.fresh.pubkey(), &h.usdc, 1), vec![kp(&w.fresh)])
        }
        ("alar_reserve", "release_stake") => {
            (c.release_stake(m, &w.m_usdc, &w.m_pst), vec![kp(&m.authority)])
        }
        ("alar_reserve", "set_reserve_params") => {
            (c.set_reserve_params(m, &admin.pubkey(), ReserveParams::default()), vec![kp(admin)])
        }
        ("alar_reserve", "propose_withdrawal") => {
            (c.propose_withdrawal(m, &admin.pubkey(), 1, &w.admin_usdc, None, 1), vec![kp(admin)])
        }
        ("alar_reserve", "execute_withdrawal") => {
            (c.execute_withdrawal(m, &admin.pubkey(), 0, &w.admin_usdc), vec![kp(admin)])
        }
        ("alar_reserve", "cancel_withdrawal") => {
            (c.cancel_withdrawal(m, &guardian.pubkey(), 0), vec![kp(guardian)])
        }
        // only the tranche vault PDA can sign it (by CPI); a wallet stands in for it
        ("revenue_distributor", "open_tranche_position") => (
            c.open_tranche_position(m, &w.payer2.pubkey(), &w.fresh.pubkey()),
            vec![kp(&w.payer2), kp(&w.fresh)],
        ),
        ("yield_tranches", "initialize_tranches") => {
            (c.initialize_tranches(m, &w.payer2.pubkey()), vec![kp(&w.payer2)])
        }
        ("yield_tranches", "request_deposit") => {
            let i = &w.investor;
            (c.request_deposit(m, &i.wallet.pubkey(), &i.usdc, Tranche::Junior, USDC), vec![kp(&i.wallet)])
        }
        ("yield_tranches", "request_redeem") => {
            let i = &w.investor;
            (c.request_redeem(m, &i.wallet.pubkey(), Tranche::Junior, 1), vec![kp(&i.wallet)])
        }
        ("yield_tranches", "cancel_request") => {
            let i = &w.investor;
            (c.cancel_request(m, &i.wallet.pubkey(), &i.usdc, Tranche::Junior), vec![kp(&i.wallet)])
        }
        ("yield_tranches", "claim_request") => {
            let i = &w.investor;
            (c.claim_request(m, &i.wallet.pubkey(), &i.usdc, Tranche::Junior, 0..0), vec![kp(&i.wallet)])
        }
        ("yield_tranches", "close_epoch") => (c.close_epoch(m, &w.keeper.pubkey(), 0), vec![kp(&w.keeper)]),
        ("yield_tranches", "set_tranche_params") => {
            (c.set_tranche_params(m, &admin.pubkey(), TrancheParams::default()), vec![kp(admin)])
        }
        _ => {
            panic!("no sweep case for {program}::{name}: add one to `base` (a new instruction needs its row)")
        }
    };
    let case = Case { program, name: name.to_string(), ix, signers };
    assert!(
        case.ix.accounts.len() >= idl_accounts(program, name).len(),
        "{program}::{name}: fewer accounts than the IDL names"
    );
    case
}

// ---- substitutions ----------------------------------------------------------------------------------------

/// What replaces an account in a row.
#[derive(Clone, Copy)]
enum Sub {
    /// This address.
    Key(Pubkey),
    /// The address of another account of the same instruction (a duplicate).
    Slot(&'static str),
    /// A copy of the real account (same data, same owner) at an address that is not the real one.
    Forged,
    /// A copy of the real account owned by another program (an attacker's look-alike).
    ForeignOwner,
    /// A new, empty address.
    Fresh,
}

/// A copy of the account at `of`, owned by `owner`, at a new address.
async fn forge(env: &mut Env, of: &Pubkey, owner: Option<Pubkey>) -> Pubkey {
    let mut account = env.raw_account(of).await.unwrap_or_else(|| panic!("no account at {of} to forge"));
    if let Some(owner) = owner {
        account.owner = owner;
    }
    let at = Pubkey::new_unique();
    env.set_account(&at, account);
    at
}

struct Row {
    program: &'static str,
    name: String,
    account: &'static str,
    sub: Sub,
    want: Want,
}

fn row(program: &'static str, name: &str, account: &'static str, sub: Sub, want: impl Into<Want>) -> Row {
    Row { program, name: name.to_string(), account, sub, want: want.into() }
}

/// Run every row against a fresh honest instruction, and check each outcome.
async fn run_rows(env: &mut Env, w: &World, rows: Vec<Row>) -> Failures {
    let mut f = Failures::default();
    for r in rows {
        let mut case = base(env, w, r.program, &r.name);
        let real = case.key(r.account);
        let key = match r.sub {
            Sub::Key(k) => k,
            Sub::Slot(other) => case.key(other),
            Sub::Forged => forge(env, &real, None).await,
            Sub::ForeignOwner => forge(env, &real, Some(cpi_owner::ID)).await,
            Sub::Fresh => Pubkey::new_unique(),
        };
        case.set(r.account, key);
        let res = case.send(env).await;
        f.check(format!("{}::{} {}", r.program, r.name, r.account), res, r.want);
    }
    f
}

// ---- the sweeps -------------------------------------------------------------------------------------------

/// Missing signer: each account the IDL marks as signer, on every instruction, unsigned: `AccountNotSigner`.
#[tokio::test]
async fn every_signer_is_required() {
    let mut env = Env::new().await;
    let w = world(&mut env).await;
    let fee_payer = env.payer().pubkey();
    let mut f = Failures::default();
    for (program, name) in idl_instructions() {
        for (i, account) in idl_accounts(program, &name).iter().enumerate() {
            if account["signer"].as_bool() != Some(true) {
                continue;
            }
            let mut case = base(&env, &w, program, &name);
            assert_ne!(
                case.ix.accounts[i].pubkey, fee_payer,
                "{program}::{name}: use a signer that is not the fee payer"
            );
            case.ix.accounts[i].is_signer = false;
            let res = case.send(&mut env).await;
            f.check(format!("{program}::{name} without {}", account["name"]), res, Anchor::AccountNotSigner);
        }
    }
    f.assert_none(30);
    assert_world_conserved(&mut env, &w).await;
}

/// Fake program: each program account the IDL pins, on every instruction, replaced: `InvalidProgramId`.
#[tokio::test]
async fn every_program_account_is_pinned() {
    let mut env = Env::new().await;
    let w = world(&mut env).await;
    let swap_for = |program: Pubkey| -> Option<Pubkey> {
        match program {
            p if p == TOKEN_PROGRAM => Some(TOKEN_2022_PROGRAM),
            p if p == TOKEN_2022_PROGRAM => Some(TOKEN_PROGRAM),
            p if p == SYSTEM_PROGRAM => Some(TOKEN_PROGRAM),
            p if p == revenue_distributor::ID => Some(amm_pool::ID),
            _ => None,
        }
    };
    let mut f = Failures::default();
    for (program, name) in idl_instructions() {
        for (i, account) in idl_accounts(program, &name).iter().enumerate() {
            let Some(address) = account["address"].as_str() else { continue };
            let Some(fake) = swap_for(address.parse().expect("an address")) else { continue };
            let mut case = base(&env, &w, program, &name);
            case.ix.accounts[i].pubkey = fake;
            let res = case.send(&mut env).await;
            f.check(
                format!("{program}::{name} {} := {fake}", account["name"]),
                res,
                Anchor::InvalidProgramId,
            );
        }
    }
    f.assert_none(40);
    assert_world_conserved(&mut env, &w).await;
}

/// Wrong owner: every instruction's state account, copied under another program's ownership, is refused.
#[tokio::test]
async fn every_state_account_checks_its_owner() {
    let mut env = Env::new().await;
    let w = world(&mut env).await;
    let mut rows = Vec::new();
    for (program, name) in idl_instructions() {
        let account = match (program, name.as_str()) {
            ("pst_mint", "initialize_config") => "usdc_mint",
            ("pst_mint", _) => "config",
            ("revenue_distributor", "initialize_distributor") => "merchant",
            ("revenue_distributor", _) => "distributor",
            ("amm_pool", "initialize_pool") => "merchant",
            ("amm_pool", _) => "pool",
            ("alar_reserve", "initialize_reserve") => "merchant",
            ("alar_reserve", "cancel_withdrawal") => "withdrawal",
            ("alar_reserve", _) => "reserve",
            ("yield_tranches", "initialize_tranches") => "merchant",
            ("yield_tranches", _) => "tranches",
            _ => unreachable!(),
        };
        rows.push(row(program, &name, account, Sub::ForeignOwner, Anchor::AccountOwnedByWrongProgram));
    }
    // the config where `revenue_distributor` and `amm_pool` read it by address, and the holder's position
    rows.push(row(
        "revenue_distributor",
        "claim",
        "position",
        Sub::ForeignOwner,
        Anchor::AccountOwnedByWrongProgram,
    ));
    rows.push(row("revenue_distributor", "withdraw", "config", Sub::ForeignOwner, Anchor::ConstraintAddress));
    rows.push(row("amm_pool", "swap_exact_in", "config", Sub::ForeignOwner, Anchor::ConstraintAddress));
    rows.push(row(
        "pst_mint",
        "initialize_config",
        "program_data",
        Sub::ForeignOwner,
        Anchor::AccountOwnedByWrongProgram,
    ));
    // the metrics `alar_reserve` reads from `pst_mint`, and the pool it trades
    rows.push(row(
        "alar_reserve",
        "stabilize",
        "metrics",
        Sub::ForeignOwner,
        Anchor::AccountOwnedByWrongProgram,
    ));
    rows.push(row(
        "alar_reserve",
        "stabilize",
        "pool",
        Sub::ForeignOwner,
        Anchor::AccountOwnedByWrongProgram,
    ));
    // what the tranche vault reads from the other programs: metrics, pool, reserve; and its request
    for account in ["metrics", "pool", "reserve"] {
        rows.push(row(
            "yield_tranches",
            "close_epoch",
            account,
            Sub::ForeignOwner,
            Anchor::AccountOwnedByWrongProgram,
        ));
    }
    let f = run_rows(&mut env, &w, rows).await;
    f.assert_none(70);
    assert_world_conserved(&mut env, &w).await;
}

/// Type cosplay: every instruction's state account, replaced by one of the same owner and another type.
#[tokio::test]
async fn every_state_account_checks_its_type() {
    let mut env = Env::new().await;
    let w = world(&mut env).await;
    // a Buffer of the upgradeable loader whose authority is the attacker, posing as ProgramData
    let buffer = Pubkey::new_unique();
    let state = UpgradeableLoaderState::Buffer { authority_address: Some(env.attacker.pubkey()) };
    env.set_account(
        &buffer,
        solana_account::Account {
            lamports: 1_000_000_000,
            data: bincode::serialize(&state).unwrap(),
            owner: bpf_loader_upgradeable::ID,
            executable: false,
            rent_epoch: 0,
        },
    );
    let (merchant, feed, position, observations, pool) =
        (w.m.merchant, w.m.feed, w.holder_position(), w.pool().observations, w.pool().pool);
    let (reserve, withdrawal) =
        (ReserveAddresses::of(&w.m).reserve, ReserveAddresses::of(&w.m).withdrawal(0));
    let tranches = TrancheAddresses::of(&w.m);
    let request = tranches.request(&w.investor.wallet.pubkey(), Tranche::Junior);
    let mut rows = Vec::new();
    for (program, name) in idl_instructions() {
        let (account, sub, want): (_, _, Want) = match (program, name.as_str()) {
            ("pst_mint", "initialize_config") => {
                ("program_data", buffer, Anchor::AccountNotProgramData.into())
            }
            ("pst_mint", _) => ("config", merchant, Anchor::AccountDiscriminatorMismatch.into()),
            ("revenue_distributor", "initialize_distributor") | ("amm_pool", "initialize_pool") => {
                ("merchant", feed, Anchor::AccountDiscriminatorMismatch.into())
            }
            ("revenue_distributor", _) => {
                ("distributor", position, Anchor::AccountDiscriminatorMismatch.into())
            }
            ("amm_pool", _) => ("pool", observations, Anchor::AccountDiscriminatorMismatch.into()),
            ("alar_reserve", "initialize_reserve") => {
                ("merchant", feed, Anchor::AccountDiscriminatorMismatch.into())
            }
            ("alar_reserve", "cancel_withdrawal") => {
                ("withdrawal", reserve, Anchor::AccountDiscriminatorMismatch.into())
            }
            ("alar_reserve", _) => ("reserve", withdrawal, Anchor::AccountDiscriminatorMismatch.into()),
            ("yield_tranches", "initialize_tranches") => {
                ("merchant", feed, Anchor::AccountDiscriminatorMismatch.into())
            }
            ("yield_tranches", _) => ("tranches", request, Anchor::AccountDiscriminatorMismatch.into()),
            _ => unreachable!(),
        };
        rows.push(row(program, &name, account, Sub::Key(sub), want));
    }
    // the zero-copy observations, the holder's position, the config read by address
    rows.push(row(
        "amm_pool",
        "get_twap",
        "observations",
        Sub::Key(pool),
        Anchor::AccountDiscriminatorMismatch,
    ));
    rows.push(row(
        "amm_pool",
        "swap_exact_in",
        "observations",
        Sub::Key(pool),
        Anchor::AccountDiscriminatorMismatch,
    ));
    rows.push(row(
        "amm_pool",
        "deposit",
        "observations",
        Sub::Key(pool),
        Anchor::AccountDiscriminatorMismatch,
    ));
    let distributor = w.distributor().distributor;
    rows.push(row(
        "revenue_distributor",
        "claim",
        "position",
        Sub::Key(distributor),
        Anchor::AccountDiscriminatorMismatch,
    ));
    rows.push(row(
        "alar_reserve",
        "stabilize",
        "metrics",
        Sub::Key(feed),
        Anchor::AccountDiscriminatorMismatch,
    ));
    rows.push(row(
        "alar_reserve",
        "stabilize",
        "observations",
        Sub::Key(pool),
        Anchor::AccountDiscriminatorMismatch,
    ));
    for (account, sub) in [("metrics", feed), ("pool", observations), ("reserve", withdrawal)] {
        rows.push(row(
            "yield_tranches",
            "close_epoch",
            account,
            Sub::Key(sub),
            Anchor::AccountDiscriminatorMismatch,
        ));
    }
    let f = run_rows(&mut env, &w, rows).await;
    f.assert_none(72);
    assert_world_conserved(&mut env, &w).await;
}

/// Spoofed PDA: a copy elsewhere, a new address or an attacker's token account in a PDA or pinned slot.
#[tokio::test]
async fn every_pda_and_pinned_address_is_checked() {
    let mut env = Env::new().await;
    let w = world(&mut env).await;
    let (a_pst, a_usdc) = (Sub::Key(w.attacker_pst), Sub::Key(w.attacker_usdc));
    use Anchor::{ConstraintAddress as Address, ConstraintSeeds as Seeds};
    use DistributorError as D;
    let rows = vec![
        row("pst_mint", "initialize_config", "config", Sub::Fresh, Seeds),
        row("pst_mint", "propose_admin", "config", Sub::Forged, Address),
        row("pst_mint", "accept_admin", "config", Sub::Forged, Address),
        row("pst_mint", "set_role", "config", Sub::Forged, Address),
        row("pst_mint", "update_fees", "config", Sub::Forged, Address),
        row("pst_mint", "set_merchant_rules", "config", Sub::Forged, Address),
        row("pst_mint", "freeze_exits", "config", Sub::Forged, Address),
        row("pst_mint", "set_pause", "config", Sub::Forged, Address),
        row("pst_mint", "apply_for_listing", "merchant", Sub::Fresh, Seeds),
        row("pst_mint", "apply_for_listing", "config", Sub::Forged, Address),
        row("pst_mint", "approve_merchant", "merchant", Sub::Forged, Seeds),
        row("pst_mint", "reject_merchant", "merchant", Sub::Forged, Seeds),
        row("pst_mint", "create_token", "merchant", Sub::Forged, Seeds),
        row("pst_mint", "create_token", "pst_mint", Sub::Fresh, Seeds),
        row("pst_mint", "issue_supply", "treasury", a_usdc, Seeds),
        row("pst_mint", "buy_public", "sale_vault", a_pst, Seeds),
        row("pst_mint", "buy_public", "treasury", a_usdc, Seeds),
        row("pst_mint", "close_sale", "sale_vault", a_pst, Seeds),
        row("pst_mint", "claim_vested", "vesting_vault", a_pst, Seeds),
        row("pst_mint", "open_revenue_feed", "settlement_vault", Sub::Fresh, Seeds),
        row("pst_mint", "submit_report", "feed", Sub::Forged, Seeds),
        row("pst_mint", "submit_report", "report", Sub::Fresh, Seeds),
        row("pst_mint", "accept_period", "feed", Sub::Forged, Seeds),
        row("pst_mint", "accept_period", "settlement", Sub::Forged, Seeds),
        row("pst_mint", "sweep", "settlement_vault", a_usdc, Seeds),
        row("pst_mint", "sweep", "dividend_vault", a_usdc, Seeds),
        row("pst_mint", "withdraw_settlement", "settlement_vault", a_usdc, Seeds),
        row("revenue_distributor", "initialize_distributor", "dividend_vault", a_usdc, Seeds),
        row("revenue_distributor", "initialize_distributor", "stake_vault", Sub::Fresh, Seeds),
        row("revenue_distributor", "open_position", "position", Sub::Fresh, Seeds),
        row("revenue_distributor", "deposit", "stake_vault", a_pst, D::WrongVault),
        row("revenue_distributor", "deposit", "config", Sub::Forged, Address),
        row("revenue_distributor", "withdraw", "stake_vault", a_pst, D::WrongVault),
        row("revenue_distributor", "distribute", "alar_vault", a_usdc, D::WrongVault),
        row("revenue_distributor", "distribute", "dividend_vault", a_usdc, D::WrongVault),
        row("revenue_distributor", "claim", "dividend_vault", a_usdc, D::WrongVault),
        row("revenue_distributor", "set_auto_payout", "distributor", Sub::Forged, Seeds),
        row("revenue_distributor", "push_payouts", "dividend_vault", a_usdc, D::WrongVault),
        row("revenue_distributor", "open_pool_position", "distributor", Sub::Forged, Seeds),
        row("revenue_distributor", "sync_pool_stake", "dividend_vault", a_usdc, D::WrongVault),
        row("revenue_distributor", "sync_pool_stake", "custody", a_pst, D::WrongVault),
        row("amm_pool", "initialize_pool", "usdc_vault", Sub::Fresh, Seeds),
        row("amm_pool", "initialize_pool", "distributor", Sub::Fresh, Seeds),
        row("amm_pool", "swap_exact_in", "pool", Sub::Forged, Seeds),
        row("amm_pool", "swap_exact_out", "usdc_vault", a_usdc, AmmError::WrongVault),
        // the dividend vault is checked by `revenue_distributor` in the closing CPI: its code, not the pool's
        row("amm_pool", "swap_exact_in", "dividend_vault", a_usdc, D::WrongVault),
        row("amm_pool", "deposit", "pool", Sub::Forged, Seeds),
        row("amm_pool", "deposit", "pst_vault", a_pst, AmmError::WrongVault),
        row("amm_pool", "withdraw", "pool", Sub::Forged, Seeds),
        row("amm_pool", "withdraw", "usdc_vault", a_usdc, AmmError::WrongVault),
        row("amm_pool", "harvest_dividends", "usdc_vault", a_usdc, AmmError::WrongVault),
        row("amm_pool", "update_pool_fees", "pool", Sub::Forged, Seeds),
        row("amm_pool", "set_pool_pause", "pool", Sub::Forged, Seeds),
        row("amm_pool", "collect_protocol_fees", "pool", Sub::Forged, Seeds),
        row("amm_pool", "collect_protocol_fees", "usdc_vault", a_usdc, AmmError::WrongVault),
        row("amm_pool", "claim_seed_liquidity", "pool", Sub::Forged, Seeds),
        row("amm_pool", "claim_seed_liquidity", "seed_lp_vault", Sub::Fresh, AmmError::WrongVault),
        row("amm_pool", "get_twap", "pool", Sub::Forged, Seeds),
        row("pst_mint", "release_proceeds", "reserve", Sub::Forged, Seeds),
        row("pst_mint", "release_proceeds", "treasury", a_usdc, Seeds),
        row("pst_mint", "release_proceeds", "reserve_vault", a_usdc, Seeds),
        row("pst_mint", "delist", "reserve", Sub::Forged, Seeds),
        row("pst_mint", "delist", "metrics", Sub::Forged, Seeds),
        row("pst_mint", "withdraw_settlement", "reserve", Sub::Forged, Seeds),
        row("revenue_distributor", "open_reserve_position", "distributor", Sub::Forged, Seeds),
        row("alar_reserve", "initialize_reserve", "reserve", Sub::Fresh, Seeds),
        row("alar_reserve", "initialize_reserve", "pst_vault", Sub::Fresh, Seeds),
        row("alar_reserve", "deposit_stake", "reserve", Sub::Forged, Seeds),
        row("alar_reserve", "deposit_stake", "usdc_vault", a_usdc, ReserveError::WrongVault),
        row("alar_reserve", "cover_shortfall", "cover", Sub::Fresh, Seeds),
        row("alar_reserve", "cover_shortfall", "dividend_vault", a_usdc, Seeds),
        row("alar_reserve", "cover_shortfall", "metrics", Sub::Forged, Seeds),
        row("alar_reserve", "stabilize", "pool", Sub::Forged, ReserveError::WrongPool),
        row("alar_reserve", "stabilize", "usdc_vault", a_usdc, ReserveError::WrongVault),
        row("alar_reserve", "stabilize", "reserve_authority", Sub::Fresh, Seeds),
        row("alar_reserve", "harvest", "reserve_position", Sub::Fresh, ReserveError::WrongDividendAccount),
        row("alar_reserve", "cover_senior", "usdc_vault", a_usdc, ReserveError::WrongVault),
        row("alar_reserve", "release_stake", "pst_vault", a_pst, ReserveError::WrongVault),
        row("alar_reserve", "release_stake", "settlement", Sub::Forged, Seeds),
        row("alar_reserve", "set_reserve_params", "reserve", Sub::Forged, Seeds),
        row("alar_reserve", "propose_withdrawal", "withdrawal", Sub::Fresh, Seeds),
        row("alar_reserve", "execute_withdrawal", "destination", a_usdc, ReserveError::InvalidDestination),
        row("alar_reserve", "execute_withdrawal", "reserve_authority", Sub::Fresh, Seeds),
        row("alar_reserve", "cancel_withdrawal", "config", Sub::Forged, Address),
        row("revenue_distributor", "open_tranche_position", "distributor", Sub::Forged, Seeds),
        row("yield_tranches", "initialize_tranches", "tranches", Sub::Fresh, Seeds),
        row("yield_tranches", "initialize_tranches", "usdc_vault", Sub::Fresh, Seeds),
        row("yield_tranches", "initialize_tranches", "senior_mint", Sub::Fresh, Seeds),
        row("yield_tranches", "initialize_tranches", "reserve", Sub::Forged, Seeds),
        row("yield_tranches", "request_deposit", "tranches", Sub::Forged, Seeds),
        row("yield_tranches", "request_deposit", "request", Sub::Fresh, Seeds),
        row("yield_tranches", "request_deposit", "usdc_vault", a_usdc, TrancheError::WrongVault),
        row("yield_tranches", "request_deposit", "config", Sub::Forged, Address),
        row("yield_tranches", "request_redeem", "request", Sub::Fresh, Seeds),
        row("yield_tranches", "request_redeem", "share_escrow", a_pst, TrancheError::WrongVault),
        row("yield_tranches", "cancel_request", "request", Sub::Fresh, Seeds),
        row("yield_tranches", "cancel_request", "usdc_vault", a_usdc, TrancheError::WrongVault),
        row("yield_tranches", "claim_request", "tranches", Sub::Forged, Seeds),
        row("yield_tranches", "claim_request", "share_escrow", a_pst, TrancheError::WrongVault),
        row("yield_tranches", "close_epoch", "epoch", Sub::Fresh, Seeds),
        row("yield_tranches", "close_epoch", "usdc_vault", a_usdc, TrancheError::WrongVault),
        row("yield_tranches", "close_epoch", "pst_vault", a_pst, TrancheError::WrongVault),
        row("yield_tranches", "close_epoch", "pool", Sub::Forged, TrancheError::WrongPool),
        row("yield_tranches", "close_epoch", "reserve", Sub::Forged, TrancheError::WrongReserve),
        row("yield_tranches", "close_epoch", "metrics", Sub::Forged, Seeds),
        row("yield_tranches", "close_epoch", "position", Sub::Fresh, TrancheError::WrongDividendAccount),
        row("yield_tranches", "close_epoch", "reserve_usdc_vault", a_usdc, TrancheError::WrongReserve),
        row("yield_tranches", "set_tranche_params", "tranches", Sub::Forged, Seeds),
        row("yield_tranches", "set_tranche_params", "config", Sub::Forged, Address),
    ];
    let f = run_rows(&mut env, &w, rows).await;
    f.assert_none(102);
    assert_world_conserved(&mut env, &w).await;
}

/// Another merchant: each merchant-scoped account replaced with the second merchant's is refused.
#[tokio::test]
async fn another_merchants_accounts_are_refused() {
    let mut env = Env::new().await;
    let w = world(&mut env).await;
    let o = &w.other;
    let (od, op, or) = (DistributorAddresses::of(o), PoolAddresses::of(o), ReserveAddresses::of(o));
    let ot = TrancheAddresses::of(o);
    use Anchor::ConstraintSeeds as Seeds;
    use DistributorError as D;
    let rows = vec![
        row("pst_mint", "create_token", "pst_mint", Sub::Key(o.pst_mint), Seeds),
        row("pst_mint", "issue_supply", "vesting_vault", Sub::Key(o.vesting_vault), Seeds),
        row("pst_mint", "buy_public", "treasury", Sub::Key(o.treasury), Seeds),
        row("pst_mint", "close_sale", "sale_vault", Sub::Key(o.sale_vault), Seeds),
        row("pst_mint", "claim_vested", "pst_mint", Sub::Key(o.pst_mint), PstError::WrongPstMint),
        row("pst_mint", "open_revenue_feed", "settlement_vault", Sub::Key(o.settlement_vault), Seeds),
        row("pst_mint", "submit_report", "report", Sub::Key(o.report(0)), Seeds),
        row("pst_mint", "accept_period", "feed", Sub::Key(o.feed), Seeds),
        row("pst_mint", "accept_period", "report", Sub::Key(o.report(0)), Seeds),
        row("pst_mint", "sweep", "settlement", Sub::Key(o.settlement), Seeds),
        row("pst_mint", "withdraw_settlement", "settlement", Sub::Key(o.settlement), Seeds),
        row("pst_mint", "withdraw_settlement", "settlement_vault", Sub::Key(o.settlement_vault), Seeds),
        row("revenue_distributor", "initialize_distributor", "stake_vault", Sub::Key(od.stake_vault), Seeds),
        row("revenue_distributor", "open_position", "distributor", Sub::Key(od.distributor), Seeds),
        row("revenue_distributor", "deposit", "distributor", Sub::Key(od.distributor), D::WrongDistributor),
        row("revenue_distributor", "withdraw", "distributor", Sub::Key(od.distributor), D::WrongDistributor),
        row("revenue_distributor", "withdraw", "stake_vault", Sub::Key(od.stake_vault), D::WrongVault),
        row("revenue_distributor", "distribute", "alar_vault", Sub::Key(od.alar_vault), D::WrongVault),
        row("revenue_distributor", "claim", "distributor", Sub::Key(od.distributor), D::WrongDistributor),
        row("revenue_distributor", "claim", "dividend_vault", Sub::Key(od.dividend_vault), D::WrongVault),
        row("revenue_distributor", "set_auto_payout", "distributor", Sub::Key(od.distributor), Seeds),
        row("revenue_distributor", "push_payouts", "distributor", Sub::Key(od.distributor), D::WrongVault),
        row("revenue_distributor", "sync_pool_stake", "distributor", Sub::Key(od.distributor), D::WrongVault),
        row("amm_pool", "initialize_pool", "distributor", Sub::Key(od.distributor), Seeds),
        row(
            "amm_pool",
            "swap_exact_in",
            "distributor",
            Sub::Key(od.distributor),
            AmmError::WrongDividendAccount,
        ),
        row("amm_pool", "swap_exact_out", "pool", Sub::Key(op.pool), AmmError::WrongObservations),
        row("amm_pool", "deposit", "pool", Sub::Key(op.pool), AmmError::WrongObservations),
        row("amm_pool", "deposit", "observations", Sub::Key(op.observations), AmmError::WrongObservations),
        row("amm_pool", "withdraw", "pool", Sub::Key(op.pool), AmmError::WrongObservations),
        row("amm_pool", "withdraw", "position", Sub::Key(op.position), AmmError::WrongDividendAccount),
        row(
            "amm_pool",
            "harvest_dividends",
            "position",
            Sub::Key(op.position),
            AmmError::WrongDividendAccount,
        ),
        row(
            "amm_pool",
            "collect_protocol_fees",
            "admin_pst",
            Sub::Key(w.admin_pst_other),
            AmmError::WrongMint,
        ),
        row("amm_pool", "collect_protocol_fees", "pool", Sub::Key(op.pool), AmmError::WrongMint),
        row("amm_pool", "claim_seed_liquidity", "pool", Sub::Key(op.pool), AmmError::NotMerchantAuthority),
        row("amm_pool", "get_twap", "observations", Sub::Key(op.observations), AmmError::WrongObservations),
        row("pst_mint", "release_proceeds", "reserve_vault", Sub::Key(or.usdc_vault), Seeds),
        row("pst_mint", "delist", "settlement", Sub::Key(o.settlement), Seeds),
        row("pst_mint", "withdraw_settlement", "metrics", Sub::Key(o.metrics), Seeds),
        row("alar_reserve", "initialize_reserve", "distributor", Sub::Key(od.distributor), Seeds),
        row("alar_reserve", "deposit_stake", "merchant", Sub::Key(o.merchant), ReserveError::WrongReserve),
        row("alar_reserve", "cover_shortfall", "metrics", Sub::Key(o.metrics), Seeds),
        row("alar_reserve", "stabilize", "pool", Sub::Key(op.pool), ReserveError::WrongPool),
        row(
            "alar_reserve",
            "harvest",
            "distributor",
            Sub::Key(od.distributor),
            ReserveError::WrongDividendAccount,
        ),
        row("alar_reserve", "cover_senior", "usdc_vault", Sub::Key(or.usdc_vault), ReserveError::WrongVault),
        row("alar_reserve", "release_stake", "settlement", Sub::Key(o.settlement), Seeds),
        row(
            "alar_reserve",
            "execute_withdrawal",
            "merchant",
            Sub::Key(o.merchant),
            ReserveError::WrongReserve,
        ),
        row("yield_tranches", "initialize_tranches", "distributor", Sub::Key(od.distributor), Seeds),
        row("yield_tranches", "initialize_tranches", "reserve", Sub::Key(or.reserve), Seeds),
        row(
            "yield_tranches",
            "request_deposit",
            "merchant",
            Sub::Key(o.merchant),
            TrancheError::WrongTranches,
        ),
        row(
            "yield_tranches",
            "request_deposit",
            "usdc_vault",
            Sub::Key(ot.usdc_vault),
            TrancheError::WrongVault,
        ),
        row("yield_tranches", "request_redeem", "share_mint", Sub::Key(ot.mints[1]), TrancheError::WrongMint),
        row("yield_tranches", "cancel_request", "tranches", Sub::Key(ot.tranches), Seeds),
        row(
            "yield_tranches",
            "claim_request",
            "share_escrow",
            Sub::Key(ot.escrows[1]),
            TrancheError::WrongVault,
        ),
        row("yield_tranches", "close_epoch", "tranches", Sub::Key(ot.tranches), Seeds),
        row("yield_tranches", "close_epoch", "pool", Sub::Key(op.pool), TrancheError::WrongPool),
        row("yield_tranches", "close_epoch", "reserve", Sub::Key(or.reserve), TrancheError::WrongReserve),
        row("yield_tranches", "close_epoch", "metrics", Sub::Key(o.metrics), Seeds),
        row(
            "yield_tranches",
            "close_epoch",
            "distributor",
            Sub::Key(od.distributor),
            TrancheError::WrongDividendAccount,
        ),
    ];
    let mut f = run_rows(&mut env, &w, rows).await;
    // a position of the other merchant's distributor in this merchant's push batch
    let pos = DistributorAddresses::of(o).position(&w.other_holder.wallet.pubkey());
    let ix = env.push_payouts(&w.m, &w.keeper.pubkey(), &w.keeper_usdc, &[(pos, w.other_holder.usdc)]);
    let res = env.send(&[ix], &[&w.keeper]).await;
    f.check("revenue_distributor::push_payouts another merchant's position".into(), res, D::WrongDistributor);
    f.assert_none(58);
    assert_world_conserved(&mut env, &w).await;
}

/// Wrong mint: classic and Token-2022 (permanent delegate) look-alikes, and accounts of them, are refused.
#[tokio::test]
async fn look_alike_mints_are_refused() {
    let mut env = Env::new().await;
    let w = world(&mut env).await;
    let (fake, t22u, t22p) = (Sub::Key(w.fake_usdc), Sub::Key(w.t22_usdc), Sub::Key(w.t22_pst));
    let (hu, hp) = (Sub::Key(w.holder_t22_usdc), Sub::Key(w.holder_t22_pst));
    use Anchor::ConstraintTokenMint as TokenMint;
    use DistributorError as D;
    let rows = vec![
        row("pst_mint", "initialize_config", "usdc_mint", t22u, Anchor::AccountOwnedByWrongProgram),
        row("pst_mint", "issue_supply", "usdc_mint", t22u, PstError::WrongUsdcMint),
        row("pst_mint", "issue_supply", "pst_mint", t22p, PstError::WrongPstMint),
        row("pst_mint", "buy_public", "pst_mint", t22p, PstError::WrongPstMint),
        row("pst_mint", "buy_public", "usdc_mint", fake, PstError::WrongUsdcMint),
        row("pst_mint", "buy_public", "buyer_pst", hp, TokenMint),
        row("pst_mint", "buy_public", "buyer_usdc", hu, TokenMint),
        row("pst_mint", "close_sale", "pst_mint", t22p, PstError::WrongPstMint),
        row("pst_mint", "claim_vested", "pst_mint", t22p, PstError::WrongPstMint),
        row("pst_mint", "claim_vested", "destination", hp, TokenMint),
        row("pst_mint", "open_revenue_feed", "usdc_mint", t22u, PstError::WrongUsdcMint),
        row("pst_mint", "sweep", "usdc_mint", t22u, PstError::WrongUsdcMint),
        row("pst_mint", "withdraw_settlement", "usdc_mint", t22u, PstError::WrongUsdcMint),
        row("pst_mint", "withdraw_settlement", "destination", hu, TokenMint),
        row("revenue_distributor", "initialize_distributor", "usdc_mint", t22u, D::WrongMint),
        row("revenue_distributor", "initialize_distributor", "pst_mint", t22p, D::WrongMint),
        row("revenue_distributor", "deposit", "pst_mint", t22p, D::WrongMint),
        row("revenue_distributor", "deposit", "source", hp, TokenMint),
        row("revenue_distributor", "withdraw", "pst_mint", t22p, D::WrongMint),
        row("revenue_distributor", "withdraw", "destination", hp, TokenMint),
        row("revenue_distributor", "distribute", "usdc_mint", t22u, TokenMint),
        row("revenue_distributor", "distribute", "keeper_usdc", hu, TokenMint),
        row("revenue_distributor", "claim", "usdc_mint", t22u, TokenMint),
        row("revenue_distributor", "claim", "destination", hu, TokenMint),
        row("revenue_distributor", "set_auto_payout", "payout_account", hu, D::InvalidPayoutAccount),
        row("revenue_distributor", "push_payouts", "usdc_mint", t22u, D::WrongMint),
        row("revenue_distributor", "push_payouts", "keeper_usdc", hu, TokenMint),
        row("amm_pool", "initialize_pool", "usdc_mint", t22u, AmmError::WrongMint),
        row("amm_pool", "initialize_pool", "pst_mint", t22p, AmmError::WrongMint),
        row("amm_pool", "initialize_pool", "source_usdc", Sub::Key(w.m_t22_usdc), TokenMint),
        row("amm_pool", "swap_exact_in", "pst_mint", t22p, AmmError::WrongMint),
        row("amm_pool", "swap_exact_in", "trader_usdc", hu, AmmError::WrongMint),
        row("amm_pool", "swap_exact_out", "trader_pst", hp, AmmError::WrongMint),
        row("amm_pool", "deposit", "usdc_mint", t22u, AmmError::WrongMint),
        row("amm_pool", "deposit", "owner_pst", hp, AmmError::WrongMint),
        row("amm_pool", "withdraw", "owner_usdc", hu, AmmError::WrongMint),
        row("amm_pool", "withdraw", "owner_lp", hu, AmmError::WrongMint),
        row("amm_pool", "collect_protocol_fees", "pst_mint", t22p, AmmError::WrongMint),
        row("amm_pool", "collect_protocol_fees", "admin_usdc", hu, AmmError::WrongMint),
        row("amm_pool", "claim_seed_liquidity", "lp_mint", t22u, AmmError::WrongMint),
        row("amm_pool", "claim_seed_liquidity", "destination", hu, AmmError::WrongMint),
        row("pst_mint", "release_proceeds", "usdc_mint", t22u, TokenMint),
        row("pst_mint", "release_proceeds", "destination", hu, TokenMint),
        row("pst_mint", "withdraw_settlement", "pst_mint", t22p, PstError::WrongPstMint),
        row("alar_reserve", "initialize_reserve", "pst_mint", t22p, ReserveError::WrongMint),
        row("alar_reserve", "deposit_stake", "depositor_usdc", hu, ReserveError::WrongMint),
        row("alar_reserve", "cover_shortfall", "pst_mint", t22p, ReserveError::WrongMint),
        row("alar_reserve", "stabilize", "pst_mint", t22p, ReserveError::WrongMint),
        row("alar_reserve", "stabilize", "usdc_mint", t22u, ReserveError::WrongMint),
        row("alar_reserve", "release_stake", "destination_usdc", hu, ReserveError::WrongMint),
        row("alar_reserve", "release_stake", "destination_pst", hp, ReserveError::WrongMint),
        row("alar_reserve", "propose_withdrawal", "destination", hu, ReserveError::WrongMint),
        row("yield_tranches", "initialize_tranches", "pst_mint", t22p, TrancheError::WrongMint),
        row("yield_tranches", "initialize_tranches", "usdc_mint", t22u, TrancheError::WrongMint),
        row("yield_tranches", "request_deposit", "owner_usdc", hu, TrancheError::WrongMint),
        row("yield_tranches", "request_redeem", "share_mint", t22p, TrancheError::WrongMint),
        row("yield_tranches", "request_redeem", "owner_shares", hp, TrancheError::WrongMint),
        row("yield_tranches", "cancel_request", "owner_usdc", hu, TrancheError::WrongMint),
        row("yield_tranches", "cancel_request", "owner_shares", hp, TrancheError::WrongMint),
        row("yield_tranches", "claim_request", "share_mint", t22p, TrancheError::WrongMint),
        row("yield_tranches", "close_epoch", "pst_mint", t22p, TrancheError::WrongMint),
        row("yield_tranches", "close_epoch", "usdc_mint", t22u, TrancheError::WrongMint),
        row("yield_tranches", "close_epoch", "senior_mint", t22p, TrancheError::WrongMint),
        row("yield_tranches", "close_epoch", "junior_mint", t22p, TrancheError::WrongMint),
    ];
    let f = run_rows(&mut env, &w, rows).await;
    f.assert_none(64);
    assert_world_conserved(&mut env, &w).await;
}

/// Duplicate mutable: one mutable account passed in another's place, on every instruction with two.
#[tokio::test]
async fn duplicate_mutable_accounts_are_refused() {
    let mut env = Env::new().await;
    let w = world(&mut env).await;
    use Anchor::{ConstraintDuplicateMutableAccount as Dup, ConstraintSeeds as Seeds};
    let s = Sub::Slot;
    let rows = vec![
        row("pst_mint", "apply_for_listing", "merchant", s("config"), Seeds),
        row("pst_mint", "create_token", "pst_mint", s("merchant"), Seeds),
        row("pst_mint", "issue_supply", "treasury", s("sale_vault"), Seeds),
        row("pst_mint", "buy_public", "buyer_usdc", s("treasury"), Dup),
        row("pst_mint", "buy_public", "buyer_pst", s("sale_vault"), Dup),
        row("pst_mint", "claim_vested", "destination", s("vesting_vault"), Dup),
        row("pst_mint", "open_revenue_feed", "dividend_vault", s("settlement_vault"), Seeds),
        row("pst_mint", "accept_period", "report", s("settlement"), Seeds),
        row("pst_mint", "sweep", "dividend_vault", s("settlement_vault"), Dup),
        row("pst_mint", "withdraw_settlement", "destination", s("settlement_vault"), Dup),
        row("revenue_distributor", "initialize_distributor", "alar_vault", s("stake_vault"), Seeds),
        row("revenue_distributor", "deposit", "source", s("stake_vault"), Dup),
        row("revenue_distributor", "withdraw", "destination", s("stake_vault"), Dup),
        row("revenue_distributor", "distribute", "keeper_usdc", s("dividend_vault"), Dup),
        row("revenue_distributor", "distribute", "fee_destination", s("alar_vault"), Dup),
        row("revenue_distributor", "claim", "destination", s("dividend_vault"), Dup),
        row("revenue_distributor", "push_payouts", "keeper_usdc", s("dividend_vault"), Dup),
        row(
            "revenue_distributor",
            "sync_pool_stake",
            "dividend_vault",
            s("destination"),
            DistributorError::WrongVault,
        ),
        row("amm_pool", "initialize_pool", "source_usdc", s("pst_vault"), Dup),
        row("amm_pool", "initialize_pool", "seed_lp_vault", s("usdc_vault"), Seeds),
        row("amm_pool", "swap_exact_in", "trader_usdc", s("usdc_vault"), AmmError::DuplicateAccount),
        row("amm_pool", "swap_exact_out", "trader_pst", s("trader_usdc"), Dup),
        row("amm_pool", "deposit", "owner_pst", s("pst_vault"), AmmError::DuplicateAccount),
        row("amm_pool", "deposit", "owner_usdc", s("owner_pst"), Dup),
        row("amm_pool", "withdraw", "owner_lp", s("owner_usdc"), Dup),
        row("amm_pool", "withdraw", "owner_usdc", s("usdc_vault"), AmmError::DuplicateAccount),
        row("amm_pool", "harvest_dividends", "dividend_vault", s("usdc_vault"), DistributorError::WrongVault),
        row(
            "amm_pool",
            "collect_protocol_fees",
            "admin_usdc",
            s("usdc_vault"),
            AmmError::WrongFeeDestination,
        ),
        row(
            "amm_pool",
            "claim_seed_liquidity",
            "destination",
            s("seed_lp_vault"),
            AmmError::DuplicateAccount,
        ),
        row("pst_mint", "release_proceeds", "destination", s("treasury"), Dup),
        row("alar_reserve", "deposit_stake", "depositor_usdc", s("usdc_vault"), Dup),
        row("alar_reserve", "cover_shortfall", "dividend_vault", s("usdc_vault"), Dup),
        row("alar_reserve", "stabilize", "pool_usdc_vault", s("usdc_vault"), ReserveError::WrongPool),
        row("alar_reserve", "harvest", "dividend_vault", s("usdc_vault"), DistributorError::WrongVault),
        row("alar_reserve", "cover_senior", "destination", s("usdc_vault"), Dup),
        row("alar_reserve", "release_stake", "destination_usdc", s("usdc_vault"), Dup),
        row("alar_reserve", "release_stake", "destination_pst", s("pst_vault"), Dup),
        row("yield_tranches", "request_deposit", "owner_usdc", s("usdc_vault"), Dup),
        row("yield_tranches", "request_redeem", "owner_shares", s("share_escrow"), Dup),
        row("yield_tranches", "cancel_request", "owner_usdc", s("usdc_vault"), Dup),
        row("yield_tranches", "claim_request", "owner_shares", s("share_escrow"), Dup),
        row("yield_tranches", "close_epoch", "pool_usdc_vault", s("usdc_vault"), TrancheError::WrongPool),
        row(
            "yield_tranches",
            "close_epoch",
            "reserve_usdc_vault",
            s("usdc_vault"),
            TrancheError::WrongReserve,
        ),
        row("yield_tranches", "close_epoch", "senior_escrow", s("junior_escrow"), Dup),
    ];
    let f = run_rows(&mut env, &w, rows).await;
    f.assert_none(44);
    assert_world_conserved(&mut env, &w).await;
}

/// Duplicate in a push batch: the same (position, payout) pair twice is paid once, with one tip.
#[tokio::test]
async fn a_position_twice_in_one_push_is_paid_once() {
    let mut env = Env::new().await;
    let (m, h) = env.merchant_with_holders(2, 1_000 * PST).await;
    env.set_auto_payout(&m, &h[0], true).await.expect("opt in");
    let (keeper, keeper_usdc) = env.funded_wallet(0).await;
    let (_, distribution_tip) = env.funded_wallet(0).await;
    env.dividends_arrive(&m, 100_000 * USDC).await;
    env.distribute(&m, &keeper, &distribution_tip).await.expect("distribute");
    env.warp(WEEK / 2);
    let before = env.balance(&h[0].usdc).await;
    let pos = DistributorAddresses::of(&m).position(&h[0].wallet.pubkey());
    let ix = env.push_payouts(&m, &keeper.pubkey(), &keeper_usdc, &[(pos, h[0].usdc), (pos, h[0].usdc)]);
    env.send_ok(&[ix], &[&keeper]).await;
    let p = env.position(&m, &h[0].wallet.pubkey()).await;
    let paid = env.balance(&h[0].usdc).await - before;
    assert!(paid > 0 && p.pending == 0);
    assert_eq!(paid, p.claimed, "the holder received exactly what its position records as paid, once");
    let tip = env.balance(&keeper_usdc).await;
    assert_eq!(tip, (paid + tip) * 10 / 10_000, "one tip on one payout");
    // the other holder, claiming at the same time, gets the same: nothing was taken from it
    env.claim(&m, &h[1]).await.expect("claim");
    let other = env.position(&m, &h[1].wallet.pubkey()).await.claimed;
    assert!(other.abs_diff(paid + tip) <= 1, "{other} vs {}", paid + tip);
    env.assert_all_conserved(&m).await;
}

/// Reinitialisation: every instruction that creates accounts, sent again, is refused.
#[tokio::test]
async fn every_creation_is_refused_the_second_time() {
    let mut env = Env::new().await;
    let w = world(&mut env).await;
    let m = &w.m;
    let mut f = Failures::default();
    let again = |name: &str| -> Case {
        let program = match name {
            "initialize_distributor" | "open_position" => "revenue_distributor",
            "initialize_pool" => "amm_pool",
            "initialize_reserve" => "alar_reserve",
            "initialize_tranches" => "yield_tranches",
            _ => "pst_mint",
        };
        base(&env, &w, program, name)
    };
    let cases: Vec<(Case, Want)> = vec![
        (again("initialize_config"), PstError::AlreadyInitialized.into()),
        (
            Case {
                ix: env.apply_for_listing(m, sample_profile("Again", "AGN")),
                signers: vec![kp(&m.authority)],
                ..again("apply_for_listing")
            },
            PstError::AlreadyInitialized.into(),
        ),
        (
            Case { ix: env.client.create_token(m), signers: vec![kp(&m.authority)], ..again("create_token") },
            PstError::InvalidMerchantStatus.into(),
        ),
        (again("issue_supply"), PstError::InvalidMerchantStatus.into()),
        (again("open_revenue_feed"), PstError::AlreadyInitialized.into()),
        (again("initialize_distributor"), DistributorError::AlreadyInitialized.into()),
        (
            Case {
                ix: env.client.open_position(m, &w.payer2.pubkey(), &w.holder.wallet.pubkey()),
                signers: vec![kp(&w.payer2), kp(&w.holder.wallet)],
                ..again("open_position")
            },
            DistributorError::AlreadyInitialized.into(),
        ),
        (again("initialize_pool"), AmmError::AlreadyInitialized.into()),
        (again("initialize_reserve"), ReserveError::AlreadyInitialized.into()),
        (again("initialize_tranches"), TrancheError::AlreadyInitialized.into()),
    ];
    for (case, want) in cases {
        let res = case.send(&mut env).await;
        f.check(format!("{}::{} again", case.program, case.name), res, want);
    }
    f.assert_none(10);
    assert_world_conserved(&mut env, &w).await;
}

/// Reinitialisation of a period's report: later sweeps and submissions load it, never reset it.
#[tokio::test]
async fn a_report_is_created_once_and_never_reset() {
    let mut env = Env::new().await;
    let (m, rep) = env.merchant_with_feed().await;
    env.sales_proceeds(&m, 60_000 * USDC).await;
    env.sweep(&m).await.expect("the first sweep creates the report");
    env.sales_proceeds(&m, 40_000 * USDC).await;
    env.sweep(&m).await.expect("the second loads it");
    assert_eq!(env.report(&m, 0).await.swept_share, 10_000 * USDC);
    env.warp(PERIOD);
    for r in &rep[..2] {
        env.submit(&m, r, 0, 100_000 * USDC, 0).await.expect("a submission loads it");
    }
    let report = env.report(&m, 0).await;
    assert_eq!((report.swept_share, report.submissions.len()), (10_000 * USDC, 2));
    env.accept(&m, 0).await.expect("accept");
    let s = env.settlement(&m).await;
    assert_eq!((s.shortfall_recorded, s.short_periods), (0, 0), "the swept share was kept");
    // and an accepted period's report is never re-opened by a late submission
    env.submit(&m, &rep[2], 0, USDC, 0).await.expect_error(PstError::PeriodAlreadyAccepted);
    env.assert_all_conserved(&m).await;
}

/// One row of the overflow table: an instruction with an extreme argument, its signers, its error.
struct Extreme {
    want: Want,
    what: &'static str,
    ix: Instruction,
    signers: Vec<Keypair>,
}

fn x(want: impl Into<Want>, what: &'static str, ix: Instruction, signers: &[&Keypair]) -> Extreme {
    Extreme { want: want.into(), what, ix, signers: signers.iter().map(|k| kp(k)).collect() }
}

/// Overflow: every numeric argument at its type's extremes is refused by name, never by a wrapped value.
#[tokio::test]
async fn extreme_arguments_are_refused_by_name() {
    use pst_mint::instruction as p;
    use revenue_distributor::instruction as r;
    use AmmError as A;
    use DistributorError as D;
    use PstError as P;
    let mut env = Env::new().await;
    let w = world(&mut env).await;
    let (m, h, lp, lpw) = (&w.m, &w.holder, &w.lp.tokens(), &w.lp.investor.wallet);
    let (admin, uw, deployer, reporter) =
        (kp(&env.admin), kp(&env.underwriter), kp(&env.deployer), kp(&env.reporter));
    let (c, a, u, hw) = (env.client, admin.pubkey(), uw.pubkey(), h.wallet.pubkey());
    let max = u16::MAX;
    let fees = FeeParams { protocol_fee_bps: max, alar_contribution_bps: max, keeper_tip_bps: max };
    let sum_wraps = FeeParams { protocol_fee_bps: 1, alar_contribution_bps: max, keeper_tip_bps: 0 };
    let config = InitializeConfigParams {
        admin: a,
        guardian: env.guardian.pubkey(),
        fees,
        merchant_rules: MerchantRules::DEFAULT,
    };
    let listing = MerchantAddresses::new(&w.fresh.pubkey());
    let (profile, approval, feed) =
        (sample_profile("Extreme", "XTRM"), sample_approval(), sample_feed_params(env.now));
    let apply = |f: fn(&mut MerchantProfile)| {
        let mut params = profile.clone();
        f(&mut params);
        c.apply_for_listing(&listing, params)
    };
    let approve = |f: fn(&mut ApprovalParams)| {
        let mut params = approval;
        f(&mut params);
        c.approve_merchant(&w.applicant, &u, params)
    };
    let open_feed = |f: fn(&mut FeedParams)| {
        let mut params = feed;
        f(&mut params);
        c.open_revenue_feed(m, &u, params)
    };
    let buy = pst_ix(
        c.buy_public_accounts(m, &hw, &h.usdc, &h.pst),
        p::BuyPublic { pst_amount: u64::MAX, max_usdc_cost: u64::MAX },
    );
    let stake = rd_ix(c.deposit_accounts(m, &hw, &h.pst), r::Deposit { amount: u64::MAX });
    let unstake = rd_ix(c.withdraw_accounts(m, &hw, &h.pst), r::Withdraw { amount: u64::MAX });
    let accept = pst_ix(c.accept_period_accounts(m, 0), p::AcceptPeriod { period: u32::MAX });
    let swap_in = |d| c.swap_exact_in(m, &hw, &h.pst, &h.usdc, d, u64::MAX, 0);
    let swap_out = |d, out, max_in| c.swap_exact_out(m, &hw, &h.pst, &h.usdc, d, out, max_in);
    let rows = vec![
        x(
            P::FeeOutOfBounds,
            "config fees",
            c.initialize_config(&w.payer2.pubkey(), &deployer.pubkey(), config),
            &[&w.payer2, &deployer],
        ),
        x(P::FeeOutOfBounds, "fees u16::MAX", c.update_fees(&a, fees), &[&admin]),
        x(P::FeeOutOfBounds, "fees summing past u16::MAX", c.update_fees(&a, sum_wraps), &[&admin]),
        x(
            P::InvalidMerchantRules,
            "rules at their maxima",
            c.set_merchant_rules(
                &a,
                MerchantRules {
                    min_trailing_revenue: u64::MAX,
                    min_history_months: max,
                    inventory_floor_days: max,
                },
            ),
            &[&admin],
        ),
        x(P::InvalidPauseFlags, "pause u64::MAX", c.set_pause(&a, u64::MAX), &[&admin]),
        x(P::InvalidExitFreeze, "freeze i64::MAX", c.freeze_exits(&a, i64::MAX), &[&admin]),
        x(P::InvalidExitFreeze, "freeze i64::MIN", c.freeze_exits(&a, i64::MIN), &[&admin]),
        x(
            P::InvalidMetrics,
            "margin",
            apply(|p| (p.margin_bps, p.trailing_revenue) = (u16::MAX, u64::MAX)),
            &[&w.fresh],
        ),
        x(P::InvalidMetrics, "growth i32::MAX", apply(|p| p.growth_bps = i32::MAX), &[&w.fresh]),
        x(P::InvalidMetrics, "growth i32::MIN", apply(|p| p.growth_bps = i32::MIN), &[&w.fresh]),
        x(P::InvalidMetrics, "history u16::MAX", apply(|p| p.history_months = u16::MAX), &[&w.fresh]),
        x(P::InvalidSupply, "supply", approve(|p| p.total_supply = u64::MAX), &[&uw]),
        x(P::InvalidPrice, "price", approve(|p| p.issue_price = u64::MAX), &[&uw]),
        x(P::InvalidVesting, "vesting", approve(|p| p.vesting_duration_secs = i64::MAX), &[&uw]),
        x(P::InvalidVesting, "cliff", approve(|p| p.vesting_cliff_secs = i64::MIN), &[&uw]),
        x(P::InvalidSaleDuration, "sale", approve(|p| p.sale_duration_secs = i64::MAX), &[&uw]),
        x(P::InsufficientSaleSupply, "buy u64::MAX", buy, &[&h.wallet]),
        x(P::InvalidFeedRules, "period", open_feed(|p| p.period_secs = i64::MAX), &[&uw]),
        x(P::InvalidFeedRules, "staleness", open_feed(|p| p.max_staleness_slots = u64::MAX), &[&uw]),
        x(P::InvalidFeedRules, "responses", open_feed(|p| p.min_responses = u8::MAX), &[&uw]),
        x(P::InvalidFeedRules, "variance", open_feed(|p| p.max_variance_bps = u16::MAX), &[&uw]),
        x(P::InvalidFeedRules, "tolerance", open_feed(|p| p.shortfall_tolerance_bps = u16::MAX), &[&uw]),
        x(
            P::PeriodNotEnded,
            "submit u32::MAX",
            c.submit_report(m, &reporter.pubkey(), u32::MAX, u64::MAX, i64::MAX, u64::MAX),
            &[&reporter],
        ),
        x(P::OutOfOrderPeriod, "accept u32::MAX", accept, &[]),
        x(P::WrongPeriod, "sweep u32::MAX", c.sweep(m, u32::MAX, &w.payer2.pubkey()), &[&w.payer2]),
        x(
            P::InsufficientSettlementBalance,
            "withdraw u64::MAX",
            c.withdraw_settlement(m, &w.m_usdc, u64::MAX),
            &[&m.authority],
        ),
        x(
            D::InvalidDistributionPeriod,
            "distribution i64::MAX",
            c.initialize_distributor(m, &u, i64::MAX),
            &[&uw],
        ),
        x(
            D::InvalidDistributionPeriod,
            "distribution i64::MIN",
            c.initialize_distributor(m, &u, i64::MIN),
            &[&uw],
        ),
        x(RuntimeError::TokenInsufficientFunds, "stake u64::MAX", stake, &[&h.wallet]),
        x(D::InsufficientStake, "unstake u64::MAX", unstake, &[&h.wallet]),
        x(RuntimeError::TokenInsufficientFunds, "swap in USDC", swap_in(UsdcToPst), &[&h.wallet]),
        x(RuntimeError::TokenInsufficientFunds, "swap in PST", swap_in(PstToUsdc), &[&h.wallet]),
        x(
            A::InsufficientLiquidity,
            "swap out u64::MAX",
            swap_out(UsdcToPst, u64::MAX, u64::MAX),
            &[&h.wallet],
        ),
        x(A::SlippageExceeded, "swap out max_in 0", swap_out(PstToUsdc, USDC, 0), &[&h.wallet]),
        x(A::MathOverflow, "add u64::MAX LP", c.add_liquidity(m, lp, u64::MAX, u64::MAX, u64::MAX), &[lpw]),
        x(A::InsufficientLpBalance, "remove u64::MAX LP", c.remove_liquidity(m, lp, u64::MAX, 0, 0), &[lpw]),
        x(A::InvalidFee, "pool fees u16::MAX", c.update_pool_fees(m, &a, u16::MAX, u16::MAX), &[&admin]),
        x(A::InvalidPauseFlags, "pool pause u8::MAX", c.set_pool_pause(m, &a, u8::MAX), &[&admin]),
        x(A::InvalidTwapWindow, "twap i64::MAX", c.get_twap(m, i64::MAX), &[]),
        x(A::InvalidTwapWindow, "twap i64::MIN", c.get_twap(m, i64::MIN), &[]),
        x(
            RuntimeError::TokenInsufficientFunds,
            "stake u64::MAX",
            c.deposit_stake(m, &hw, &h.usdc, u64::MAX),
            &[&h.wallet],
        ),
        x(
            ReserveError::PeriodNotInHistory,
            "cover u32::MAX",
            c.cover_shortfall(m, &w.payer2.pubkey(), u32::MAX),
            &[&w.payer2],
        ),
        x(
            ReserveError::InvalidParams,
            "reserve params at their extremes",
            c.set_reserve_params(
                m,
                &a,
                ReserveParams {
                    pe_low_bps: u32::MAX,
                    pe_high_bps: u32::MAX,
                    slice_bps: u16::MAX,
                    cooldown_secs: i64::MIN,
                    twap_window_secs: i64::MAX,
                    senior_cap_bps: u16::MAX,
                    timelock_secs: i64::MAX,
                },
            ),
            &[&admin],
        ),
        x(
            ReserveError::InvalidParams,
            "band edges wrapping",
            c.set_reserve_params(
                m,
                &a,
                ReserveParams { pe_low_bps: u32::MAX - 1, pe_high_bps: u32::MAX, ..ReserveParams::default() },
            ),
            &[&admin],
        ),
        x(
            RuntimeError::TokenInsufficientFunds,
            "tranche deposit u64::MAX",
            c.request_deposit(m, &w.investor.wallet.pubkey(), &w.investor.usdc, Tranche::Senior, u64::MAX),
            &[&w.investor.wallet],
        ),
        x(
            RuntimeError::TokenInsufficientFunds,
            "tranche redeem u64::MAX",
            c.request_redeem(m, &w.investor.wallet.pubkey(), Tranche::Junior, u64::MAX),
            &[&w.investor.wallet],
        ),
        x(
            TrancheError::InvalidParams,
            "tranche params at their extremes",
            c.set_tranche_params(
                m,
                &a,
                TrancheParams {
                    epoch_secs: i64::MAX,
                    min_subordination_bps: u16::MAX,
                    buffer_bps: u16::MAX,
                    max_slippage_bps: u16::MAX,
                    twap_window_secs: i64::MIN,
                },
            ),
            &[&admin],
        ),
    ];
    let mut f = Failures::default();
    for row in rows {
        let signers: Vec<&Keypair> = row.signers.iter().collect();
        let res = env.send(&[row.ix], &signers).await;
        f.check(row.what.to_string(), res, row.want);
    }
    f.assert_none(44);
    assert_world_conserved(&mut env, &w).await;
}

/// Overflow: the largest report (u64::MAX, i64::MIN) and inflow are swept and accepted to the unit.
#[tokio::test]
async fn the_largest_revenue_and_inflow_never_overflow() {
    let mut env = Env::new().await;
    let (m, rep) = env.merchant_with_feed().await;
    let usdc = env.usdc_mint;
    let room = u64::MAX - env.supply(&usdc).await;
    env.sales_proceeds(&m, room).await;
    env.sweep(&m).await.expect("sweep the largest inflow");
    let s = env.settlement(&m).await;
    assert_eq!(s.total_inflow, room);
    assert_eq!(s.total_share, (room as u128 * 1_000).div_ceil(10_000) as u64, "10% rounded up");
    env.warp(PERIOD);
    for r in &rep[..2] {
        env.submit(&m, r, 0, u64::MAX, i64::MIN).await.expect("the largest report");
    }
    env.accept(&m, 0).await.expect("accepted without overflow");
    let accepted = env.report(&m, 0).await.accepted.unwrap();
    assert_eq!((accepted.gross_revenue, accepted.net_earnings), (u64::MAX, i64::MIN));
    let metrics = env.metrics(&m).await;
    assert_eq!(
        (metrics.annual_revenue, metrics.annual_earnings),
        (u64::MAX as u128 * 365 / 30, i64::MIN as i128 * 365 / 30)
    );
    env.assert_all_conserved(&m).await;
}

/// Wrong signer: a key acting on someone else's position or tokens, where any key may sign, is refused.
#[tokio::test]
async fn signers_act_only_for_themselves() {
    let mut env = Env::new().await;
    let w = world(&mut env).await;
    let (m, h) = (&w.m, &w.holder);
    let thief = env.wallet().await;
    let mut f = Failures::default();
    // opening, or opting in, at the holder's position address
    let mut ix = env.client.open_position(m, &w.payer2.pubkey(), &thief.pubkey());
    ix.accounts[3].pubkey = w.holder_position();
    let res = env.send(&[ix], &[&w.payer2, &thief]).await;
    f.check("open_position at another's position".into(), res, Anchor::ConstraintSeeds);
    let mut ix = env.client.set_auto_payout(m, &thief.pubkey(), &h.usdc, true);
    ix.accounts[2].pubkey = w.holder_position();
    let res = env.send(&[ix], &[&thief]).await;
    f.check("set_auto_payout on another's position".into(), res, Anchor::ConstraintSeeds);
    // adding or removing liquidity with the LP's token accounts
    let tokens = UserTokens { owner: thief.pubkey(), ..w.lp.tokens() };
    let ix = env.client.add_liquidity(m, &tokens, PST, u64::MAX, u64::MAX);
    let res = env.send(&[ix], &[&thief]).await;
    f.check("amm deposit from another's tokens".into(), res, RuntimeError::TokenOwnerMismatch);
    let ix = env.client.remove_liquidity(m, &tokens, PST, 0, 0);
    let res = env.send(&[ix], &[&thief]).await;
    f.check("amm withdraw of another's LP tokens".into(), res, RuntimeError::TokenOwnerMismatch);
    // buying exact PST paid from the holder's USDC account
    let ix = env.client.swap_exact_out(m, &thief.pubkey(), &h.pst, &h.usdc, UsdcToPst, PST, u64::MAX);
    let res = env.send(&[ix], &[&thief]).await;
    f.check("swap_exact_out paid from another's USDC".into(), res, RuntimeError::TokenOwnerMismatch);
    // a tranche request paid from the investor's USDC, cancelled or claimed at the investor's request address
    let i = &w.investor;
    let ix = env.client.request_deposit(m, &thief.pubkey(), &i.usdc, Tranche::Junior, USDC);
    let res = env.send(&[ix], &[&thief]).await;
    f.check("request_deposit paid from another's USDC".into(), res, RuntimeError::TokenOwnerMismatch);
    let request = TrancheAddresses::of(m).request(&i.wallet.pubkey(), Tranche::Junior);
    let usdc = env.usdc_mint;
    let thief_usdc = env.create_ata(&thief.pubkey(), &usdc, &TOKEN_PROGRAM).await;
    let junior_mint = TrancheAddresses::of(m).mint(Tranche::Junior);
    env.create_ata(&thief.pubkey(), &junior_mint, &TOKEN_2022_PROGRAM).await;
    let mut ix = env.client.cancel_request(m, &thief.pubkey(), &thief_usdc, Tranche::Junior);
    ix.accounts[3].pubkey = request;
    let res = env.send(&[ix], &[&thief]).await;
    f.check("cancel_request of another's request".into(), res, Anchor::ConstraintSeeds);
    let mut ix = env.client.claim_request(m, &thief.pubkey(), &thief_usdc, Tranche::Junior, 0..0);
    ix.accounts[3].pubkey = request;
    let res = env.send(&[ix], &[&thief]).await;
    f.check("claim_request of another's request".into(), res, Anchor::ConstraintSeeds);
    f.assert_none(8);
    assert_eq!(env.balance(&w.lp.lp).await, 1_000 * PST, "the LP's tokens did not move");
    assert_world_conserved(&mut env, &w).await;
}

/// Paused: the admin's exit freeze stops every pool exit and deposit (`ExitsFrozen`) until it ends.
#[tokio::test]
async fn the_exit_freeze_stops_the_pool_for_a_bounded_time() {
    let mut env = Env::new().await;
    let w = world(&mut env).await;
    let (m, h, lp) = (&w.m, &w.holder, &w.lp);
    env.dividends_arrive(m, 10_000 * USDC).await;
    env.distribute(m, &w.keeper, &w.keeper_usdc).await.expect("distribute");
    env.warp(3_600);
    let admin = env.admin.insecure_clone();
    env.send_ok(&[env.freeze_exits(&admin.pubkey(), 86_400)], &[&admin]).await;
    env.swap_in(m, h, UsdcToPst, USDC, 0).await.expect_error(AmmError::ExitsFrozen);
    env.swap_out(m, h, PstToUsdc, USDC, u64::MAX).await.expect_error(AmmError::ExitsFrozen);
    env.remove_liquidity(m, lp, PST, 0, 0).await.expect_error(AmmError::ExitsFrozen);
    env.add_liquidity(m, lp, PST, u64::MAX, u64::MAX).await.expect_error(AmmError::ExitsFrozen);
    env.harvest(m).await.expect_error(AmmError::ExitsFrozen);
    env.warp(86_400);
    env.harvest(m).await.expect("the freeze ended by itself");
    env.remove_liquidity(m, lp, PST, 0, 0).await.expect("withdraw after the freeze");
    env.swap_in(m, h, UsdcToPst, USDC, 0).await.expect("swap after the freeze");
    assert_world_conserved(&mut env, &w).await;
}

/// Thin oracle: `get_twap` refuses a window it cannot cover or out of bounds, and answers once covered.
#[tokio::test]
async fn get_twap_refuses_a_window_it_cannot_cover() {
    let mut env = Env::new().await;
    let m = env.merchant_with_pool().await;
    let h = env.investor(&m, 10_000 * USDC).await;
    env.warp(600);
    env.swap_in(&m, &h, UsdcToPst, 1_000 * USDC, 0).await.expect("a trade moves the price");
    let ix = env.get_twap(&m, 3_600);
    env.send(&[ix], &[]).await.expect_error(AmmError::TwapWindowNotCovered);
    let ix = env.get_twap(&m, pool_flags::MIN_TWAP_WINDOW_SECS - 1);
    env.send(&[ix], &[]).await.expect_error(AmmError::InvalidTwapWindow);
    env.warp(3_600);
    let ix = env.get_twap(&m, 3_600);
    env.send(&[ix], &[]).await.expect("covered now");
    env.assert_all_conserved(&m).await;
}

// ---- a guard on the sweeps themselves ---------------------------------------------------------------------

/// Every IDL instruction has an honest case in `base`, whose signers are the IDL's.
#[tokio::test]
async fn every_idl_instruction_has_a_sweep_case() {
    let mut env = Env::new().await;
    let w = world(&mut env).await;
    for (program, name) in idl_instructions() {
        let case = base(&env, &w, program, &name);
        for (i, account) in idl_accounts(program, &name).iter().enumerate() {
            let signer = account["signer"].as_bool() == Some(true);
            assert_eq!(case.ix.accounts[i].is_signer, signer, "{program}::{name} {}", account["name"]);
        }
    }
    assert_world_conserved(&mut env, &w).await;
}
