//! `alar_reserve` in the fixture: the reserve's set-up, the merchant's financing path, keepers' cranks, a stand-in
//! for `yield_tranches` (the `senior_caller` test program) and the reserve's conservation check. Every
//! instruction comes from `pst_client`.
use crate::{
    env::{Env, TxResult, PST, USDC},
    pst_mint::{Investor, MerchantKeys, PERIOD},
};
use ::alar_reserve::state::{Cover, Reserve};
use anchor_lang::prelude::Pubkey;
use anchor_spl::{token::spl_token, token_2022::spl_token_2022};
use pst_client::{alar_reserve::tranche_vault, ReserveAddresses};
use solana_keypair::Keypair;
use solana_signer::Signer;

/// Gross revenue per 30-day period in the band fixture: 1.0M a year (× 365 / 30 ≈ 1,000,000).
pub const BAND_GROSS: u64 = 82_192 * USDC;
/// Accepted periods before the band may trade (its minimum history).
pub const BAND_PERIODS: u32 = 3;

impl Env {
    /// Anyone (the fee payer) opens `m`'s reserve.
    pub async fn init_reserve(&mut self, m: &MerchantKeys) -> TxResult {
        let ix = self.initialize_reserve(m, &self.payer().pubkey());
        self.send(&[ix], &[]).await
    }

    pub async fn reserve(&mut self, m: &MerchantKeys) -> Reserve {
        self.account(&ReserveAddresses::of(m).reserve).await
    }

    pub async fn cover_account(&mut self, m: &MerchantKeys, period: u32) -> Cover {
        self.account(&ReserveAddresses::of(m).cover(period)).await
    }

    /// What the reserve has paid into `m`'s dividend vault for shortfalls (0 without a reserve).
    pub async fn covered_by_reserve(&mut self, m: &MerchantKeys) -> u64 {
        match self.raw_account(&ReserveAddresses::of(m).reserve).await {
            Some(_) => self.reserve(m).await.covered_total,
            None => 0,
        }
    }

    /// `who` deposits `amount` of stake from its USDC account `source`.
    pub async fn deposit_stake_from(
        &mut self,
        m: &MerchantKeys,
        who: &Keypair,
        source: &Pubkey,
        amount: u64,
    ) -> TxResult {
        let ix = self.deposit_stake(m, &who.pubkey(), source, amount);
        self.send(&[ix], &[who]).await
    }

    /// A keeper (the fee payer) covers `period`.
    pub async fn cover(&mut self, m: &MerchantKeys, period: u32) -> TxResult {
        let ix = self.cover_shortfall(m, &self.payer().pubkey(), period);
        self.send(&[ix], &[]).await
    }

    /// A keeper (the fee payer) cranks the band.
    pub async fn crank_band(&mut self, m: &MerchantKeys) -> TxResult {
        let ix = self.client.stabilize(m, &self.payer().pubkey());
        self.send(&[ix], &[]).await
    }

    /// A keeper harvests the reserve's dividends.
    pub async fn harvest_reserve_now(&mut self, m: &MerchantKeys) -> TxResult {
        let ix = self.harvest_reserve(m, &self.payer().pubkey());
        self.send(&[ix], &[]).await
    }

    /// The merchant releases its sale proceeds into its own USDC account (returned).
    pub async fn release(&mut self, m: &MerchantKeys) -> (TxResult, Pubkey) {
        let usdc = self.merchant_usdc_account(m).await;
        let ix = self.release_proceeds(m, &usdc);
        (self.send(&[ix], &[&m.authority]).await, usdc)
    }

    /// The tranche vault's USDC account (the stand-in `yield_tranches`' PDA), created on first use.
    pub async fn tranche_usdc(&mut self, m: &MerchantKeys) -> Pubkey {
        let (owner, usdc) = (tranche_vault(m), self.usdc_mint);
        self.create_ata(&owner, &usdc, &spl_token::ID).await
    }

    /// `yield_tranches` (its stand-in, by CPI signed by the tranche vault PDA) draws `amount` on the backstop.
    pub async fn draw_senior(&mut self, m: &MerchantKeys, amount: u64) -> TxResult {
        let destination = self.tranche_usdc(m).await;
        let a = self.cover_senior_accounts(m, &tranche_vault(m), &destination);
        let accounts = senior_caller::accounts::Draw {
            tranche_vault: a.tranche_vault,
            config: a.config,
            reserve: a.reserve,
            reserve_authority: a.reserve_authority,
            merchant: a.merchant,
            metrics: a.metrics,
            usdc_vault: a.usdc_vault,
            destination: a.destination,
            token_program: a.token_program,
            alar_program: ::alar_reserve::ID,
        };
        let ix =
            pst_client::anchor_ix(senior_caller::ID, accounts, senior_caller::instruction::Draw { amount });
        self.send(&[ix], &[]).await
    }

    /// A merchant whose sale closed with `sold` of its 500,000 public PST sold to one buyer (returned), with a
    /// feed (30-day periods from now; three reporters), a distributor, a pool and a reserve; proceeds not
    /// released yet.
    pub async fn sale_closed_merchant(&mut self, sold: u64) -> (MerchantKeys, Investor, Vec<Keypair>) {
        let (m, reporters) = self.merchant_with_feed().await;
        self.init_distributor(&m, crate::revenue_distributor::WEEK).await.expect("initialize_distributor");
        self.init_pool(&m).await.expect("initialize_pool");
        self.init_reserve(&m).await.expect("initialize_reserve");
        let buyer = self.investor(&m, sold.div_ceil(PST) * USDC + USDC).await;
        if sold > 0 {
            self.buy(&m, &buyer, sold).await.expect("buy_public");
        }
        let end = self.merchant(&m).await.sale.end;
        if self.now < end && sold < 500_000 * PST {
            self.now = end;
        }
        self.close_sale(&m).await.expect("close_sale");
        (m, buyer, reporters)
    }

    /// [`Env::sale_closed_merchant`] with the proceeds released: the stake is funded from them (and counted).
    pub async fn financed_merchant(&mut self, sold: u64) -> (MerchantKeys, Investor, Vec<Keypair>) {
        let (m, buyer, reporters) = self.sale_closed_merchant(sold).await;
        self.release(&m).await.0.expect("release_proceeds");
        // a keeper's harvest: the reserve counts the stake the proceeds funded
        self.harvest_reserve_now(&m).await.expect("harvest");
        (m, buyer, reporters)
    }

    /// Send `amount` USDC straight to `m`'s reserve vault (the protocol seeding the reserve, or a donation): it
    /// becomes the reserve's own USDC at its next instruction.
    pub async fn donate_to_reserve(&mut self, m: &MerchantKeys, amount: u64) {
        let vault = ReserveAddresses::of(m).usdc_vault;
        self.mint_usdc(&vault, amount).await;
        *self.reserve_donations.entry(m.merchant).or_default() += amount;
    }

    /// A merchant for the PE band: sold out (1,000,000 PST, pool 300,000 PST / 300,000 USDC at 1.00),
    /// financed, [`BAND_PERIODS`] periods of [`BAND_GROSS`] accepted (annual revenue ≈ 1.0M: PE 10 at 1.00, band
    /// [0.80, 1.50]), the reserve seeded with 100,000 USDC of its own, and a trader (the public buyer, with
    /// 500,000 PST and 2,000,000 USDC).
    pub async fn band_merchant(&mut self) -> (MerchantKeys, Investor, Vec<Keypair>) {
        let (m, trader, reporters) = self.financed_merchant(500_000 * PST).await;
        self.run_periods(&m, &reporters, BAND_PERIODS, BAND_GROSS, 0).await;
        self.donate_to_reserve(&m, 100_000 * USDC).await;
        let usdc = trader.usdc;
        self.mint_usdc(&usdc, 2_000_000 * USDC).await;
        (m, trader, reporters)
    }

    /// Accept `periods` more periods of `m`'s feed, each with `gross` revenue reported by `reporters` and the
    /// share due swept (or `short_by` less of the revenue routed through settlement, leaving the period short).
    pub async fn run_periods(
        &mut self,
        m: &MerchantKeys,
        reporters: &[Keypair],
        periods: u32,
        gross: u64,
        short_by: u64,
    ) {
        for _ in 0..periods {
            let period = self.period_now(m).await;
            self.sales_proceeds(m, gross - short_by).await;
            self.sweep(m).await.expect("sweep");
            self.warp(PERIOD);
            for r in reporters {
                let r = r.insecure_clone();
                self.submit(m, &r, period, gross, (gross / 5) as i64).await.expect("submit_report");
            }
            self.accept(m, period).await.expect("accept_period");
        }
    }

    /// The reserve's conservation: its USDC vault holds exactly what came in (stake deposits, proceeds sent as
    /// stake, contributions from distributions, dividends on its PST, sales of PST) less what went out (buys,
    /// covers, senior draws, withdrawals, released stake); its accounting (`stake + usdc`, each total) agrees
    /// once the unabsorbed arrivals are counted; its PST vault holds its PST and its custody stake equals it.
    pub async fn assert_reserve_conserved(&mut self, m: &MerchantKeys) {
        let k = ReserveAddresses::of(m);
        if self.raw_account(&k.reserve).await.is_none() {
            return;
        }
        let r = self.reserve(m).await;
        let merchant = self.merchant(m).await;
        let d = self.distributor(m).await;
        let vault = self.balance(&k.usdc_vault).await as i128;
        let t = r.totals;
        let donated = self.reserve_donations.get(&m.merchant).copied().unwrap_or(0) as i128;
        let inflow = t.stake_deposited as i128
            + merchant.stake_funded as i128
            + d.total_alar as i128
            + donated
            + t.harvested as i128
            + t.usdc_received as i128;
        let outflow = t.usdc_spent as i128
            + r.covered_total as i128
            + t.senior_paid as i128
            + t.withdrawn as i128
            + t.stake_released as i128;
        assert_eq!(vault, inflow - outflow, "reserve USDC vault != everything in − everything out");
        let accounted = r.stake as i128 + r.usdc as i128;
        assert!(vault >= accounted, "reserve USDC vault holds less than stake + usdc");
        let own = t.stake_deposited as i128
            + t.stake_from_proceeds as i128
            + t.absorbed as i128
            + t.harvested as i128
            + t.usdc_received as i128
            - outflow;
        assert_eq!(accounted, own, "stake + usdc != the reserve's totals");
        let unabsorbed_proceeds = merchant.stake_funded as i128 - r.stake_funded_seen as i128;
        assert_eq!(
            vault - accounted,
            unabsorbed_proceeds + d.total_alar as i128 + donated - (t.absorbed as i128),
            "unabsorbed USDC != proceeds not yet seen + contributions not yet absorbed"
        );
        let pst_donated = self.reserve_pst_donations.get(&m.merchant).copied().unwrap_or(0);
        assert_eq!(
            self.balance(&k.pst_vault).await,
            r.pst + pst_donated,
            "reserve PST vault != its PST + donations"
        );
        let position = self.position(m, &k.authority).await;
        assert_eq!(position.staked, r.pst, "reserve custody stake != its PST");
    }

    /// The merchant's PST and USDC accounts for `release_stake`.
    pub async fn merchant_accounts(&mut self, m: &MerchantKeys) -> (Pubkey, Pubkey) {
        let usdc = self.merchant_usdc_account(m).await;
        let pst = self.create_ata(&m.authority.pubkey(), &m.pst_mint, &spl_token_2022::ID).await;
        (usdc, pst)
    }
}

/// Where the pool stands against the reserve's band, computed from the accounts with `pst_math::band`.
#[derive(Debug, Clone, Copy)]
pub struct BandReading {
    /// Market caps at the spot price and at the band's edges, USDC base units.
    pub spot_cap: u128,
    pub low_cap: u128,
    pub high_cap: u128,
    /// PE at the spot price, bps.
    pub spot_pe_bps: u128,
    /// Spot price in USDC per PST (display only).
    pub spot: f64,
}

impl Env {
    pub async fn band_reading(&mut self, m: &MerchantKeys) -> BandReading {
        use pst_math::band;
        let pool = self.pool(m).await;
        let metrics = self.metrics(m).await;
        let merchant = self.merchant(m).await;
        let params = self.reserve(m).await.params;
        let supply = self.supply(&m.pst_mint).await;
        let share = band::annual_share(metrics.annual_revenue, merchant.economics.revenue_share_bps);
        let spot_q64 = pst_math::curve::price_q64(pool.reserve_pst, pool.reserve_usdc).expect("a price");
        let spot_cap = band::market_cap(spot_q64, supply);
        BandReading {
            spot_cap,
            low_cap: band::edge_market_cap(share, params.pe_low_bps),
            high_cap: band::edge_market_cap(share, params.pe_high_bps),
            spot_pe_bps: band::pe_bps(spot_cap, share).unwrap_or(0),
            spot: crate::q64_to_f64(spot_q64),
        }
    }
}
