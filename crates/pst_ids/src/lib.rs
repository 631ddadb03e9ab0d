//! Program ids, seeds and shared addresses of the PST protocol: the one place each is defined.
//!
//! Every program, the client library (`pst_client`), the deployment bootstrap and the tests take their ids and
//! seeds from here. A module per program holds that program's id and the seeds of the PDAs it owns; a program's
//! own `constants` module re-exports them (with Anchor's `#[constant]`, so they appear in its IDL) and defines
//! nothing of its own that another program or a client needs. `tests/tests/main.rs` (`cross_program::ids`) ties
//! each id to the program's `declare_id!`, and this crate's test ties each to its keypair in `keys/`.
//!
//! [`pause`] describes the protocol config's pause word: one 8-bit lane per program, so a new program's flags need
//! no change to `pst_mint`.
#![no_std]

use solana_pubkey::pubkey;
pub use solana_pubkey::Pubkey;

/// `pst_mint`: governance, listing, issuance, the revenue oracle and settlement.
pub mod pst_mint {
    use super::*;

    pub const ID: Pubkey = pubkey!("CwD6QkQDG3TR5jJCFeBzjZuvH95U6fjuoFir5mWt41MZ");
    /// `["config"]`: the protocol config (one per deployment).
    pub const CONFIG_SEED: &[u8] = b"config";
    /// The config's address, `["config"]` under [`ID`]: a constant, so that instructions check it by comparing
    /// keys instead of re-deriving the PDA (about 1,500 compute units each time). A test checks the derivation.
    pub const CONFIG_ADDRESS: Pubkey = pubkey!("BgjH7qgrESgdeh84U763D2D3Lj7heFLAsWVVDCHCD9sh");
    /// `["merchant", merchant_authority]`: one listing per merchant wallet.
    pub const MERCHANT_SEED: &[u8] = b"merchant";
    /// `["pst_mint", merchant]`: the merchant's PST mint (Token-2022, with on-mint metadata).
    pub const PST_MINT_SEED: &[u8] = b"pst_mint";
    /// `["vesting_vault", merchant]`: the merchant-reserved PST, released by the vesting schedule.
    pub const VESTING_VAULT_SEED: &[u8] = b"vesting_vault";
    /// `["lp_vault", merchant]`: the liquidity-pool allocation; its token authority is `amm_pool`'s pool PDA, and
    /// it becomes the pool's PST reserve vault.
    pub const LP_VAULT_SEED: &[u8] = b"lp_vault";
    /// `["sale_vault", merchant]`: the public allocation, sold at the issue price.
    pub const SALE_VAULT_SEED: &[u8] = b"sale_vault";
    /// `["treasury", merchant]`: the merchant's USDC treasury, where public-sale proceeds land.
    pub const TREASURY_SEED: &[u8] = b"treasury";
    /// `["feed", merchant]`: the merchant's revenue feed.
    pub const FEED_SEED: &[u8] = b"feed";
    /// `["report", merchant, period (u32 LE)]`: one period's submissions and accepted value.
    pub const REPORT_SEED: &[u8] = b"report";
    /// `["metrics", merchant]`: on-chain market intelligence (AMI).
    pub const METRICS_SEED: &[u8] = b"metrics";
    /// `["settlement", merchant]`: the settlement ledger.
    pub const SETTLEMENT_SEED: &[u8] = b"settlement";
    /// `["settlement_vault", merchant]`: USDC where the merchant's sales proceeds arrive.
    pub const SETTLEMENT_VAULT_SEED: &[u8] = b"settlement_vault";
    /// `["dividend_vault", merchant]`: USDC revenue share; its token authority is `revenue_distributor`'s
    /// distributor PDA.
    pub const DIVIDEND_VAULT_SEED: &[u8] = b"dividend_vault";
    /// `pst_mint`'s lane of the pause word.
    pub const PAUSE_LANE: u32 = 0;
}

/// `revenue_distributor`: streamed dividends to PST holders.
pub mod revenue_distributor {
    use super::*;

    pub const ID: Pubkey = pubkey!("9qaNBygLjDyk3zks46gw2H88U3RtuwUEWo384dit1VS9");
    /// `["dividend_authority", merchant]`: the merchant's `Distributor`, token authority of its dividend vault
    /// (created by `pst_mint`) and of its stake vault.
    pub const DISTRIBUTOR_SEED: &[u8] = b"dividend_authority";
    /// `["stake_vault", merchant]`: PST staked in earning positions.
    pub const STAKE_VAULT_SEED: &[u8] = b"stake_vault";
    /// `["alar_contribution", merchant]`: USDC contributed to the reserve; token authority: `alar_reserve`'s
    /// [`super::alar_reserve::RESERVE_AUTHORITY_SEED`] PDA.
    pub const ALAR_VAULT_SEED: &[u8] = b"alar_contribution";
    /// `["position", distributor, owner]`: an earning position.
    pub const POSITION_SEED: &[u8] = b"position";
    /// `revenue_distributor`'s lane of the pause word.
    pub const PAUSE_LANE: u32 = 1;
    /// Bounds of the carve-outs this program takes from each distribution (and of the keeper's tip). The
    /// values live in `pst_mint`'s protocol config (`FeeParams`), which checks them against these bounds when
    /// the admin sets them: protocol fee ≤ 10%, reserve contribution ≤ 20%, the two together ≤ 25%, tip ≤ 1%.
    pub const MAX_PROTOCOL_FEE_BPS: u16 = 1_000;
    pub const MAX_ALAR_CONTRIBUTION_BPS: u16 = 2_000;
    pub const MAX_TOTAL_CARVE_OUT_BPS: u16 = 2_500;
    pub const MAX_KEEPER_TIP_BPS: u16 = 100;
}

/// `amm_pool`: the merchant's PST/USDC pool.
pub mod amm_pool {
    use super::*;

    pub const ID: Pubkey = pubkey!("9NJqMa1uzjF8uYPghxd669xdDgikJykjMtZFWNisF5Vx");
    /// `["pool", merchant]`: the merchant's pool; token authority of both reserve vaults (the PST one is
    /// `pst_mint`'s LP vault), LP mint authority, and owner of the pool's custody position.
    pub const POOL_SEED: &[u8] = b"pool";
    /// `["pool_usdc", pool]`: the USDC reserve vault.
    pub const USDC_VAULT_SEED: &[u8] = b"pool_usdc";
    /// `["lp_mint", pool]`: the LP token mint.
    pub const LP_MINT_SEED: &[u8] = b"lp_mint";
    /// `["seed_lp", pool]`: the seeding deposit's LP tokens, locked until the merchant's vesting ends.
    pub const SEED_LP_VAULT_SEED: &[u8] = b"seed_lp";
    /// `["observations", pool]`: the TWAP ring buffer.
    pub const OBSERVATIONS_SEED: &[u8] = b"observations";
    /// `amm_pool`'s lane of the pause word.
    pub const PAUSE_LANE: u32 = 2;
}

/// `alar_reserve`: the merchant's stake and the price-band reserve.
pub mod alar_reserve {
    use super::*;

    pub const ID: Pubkey = pubkey!("ALVCBZgWAutwzW4WtX9e2twiVW9YzMtKxSeFr76NFyAE");
    /// `["reserve", merchant]`: the merchant's reserve (its accounting).
    pub const RESERVE_SEED: &[u8] = b"reserve";
    /// `["reserve_authority", merchant]`: token authority of the reserve's USDC vault (the contribution vault
    /// `revenue_distributor` created) and PST vault, and owner of its custody position.
    pub const RESERVE_AUTHORITY_SEED: &[u8] = b"reserve_authority";
    /// `["reserve_pst", merchant]`: the reserve's PST vault.
    pub const RESERVE_PST_VAULT_SEED: &[u8] = b"reserve_pst";
    /// `["cover", reserve, period (u32 LE)]`: what the reserve paid toward one short period.
    pub const COVER_SEED: &[u8] = b"cover";
    /// `["withdrawal", reserve, id (u64 LE)]`: a timelocked treasury withdrawal.
    pub const WITHDRAWAL_SEED: &[u8] = b"withdrawal";
    /// `alar_reserve`'s lane of the pause word.
    pub const PAUSE_LANE: u32 = 3;
    /// Anchor's discriminator of the `Reserve` account (`sha256("account:Reserve")[..8]`), for programs that read
    /// its fixed head without depending on `alar_reserve` (a test ties it to the program).
    pub const RESERVE_DISCRIMINATOR: [u8; 8] = [43, 242, 204, 202, 26, 247, 59, 127];
    /// The PE band's default edges, bps (8.0 and 15.0): `pst_mint` refuses to approve economics whose initial PE
    /// lies outside them, and a new reserve starts with them.
    pub const DEFAULT_PE_LOW_BPS: u32 = 80_000;
    pub const DEFAULT_PE_HIGH_BPS: u32 = 150_000;
}

/// `yield_tranches`: the merchant's senior and junior tranches.
pub mod yield_tranches {
    use super::*;

    pub const ID: Pubkey = pubkey!("MpkNt6CS3RcAmgo4hgSxUkDsr8ZEKTMZ8LmvfV7raHs");
    /// `["tranches", merchant]`: the merchant's tranche vault (its accounting); token authority of its vaults, mint
    /// authority of its share mints, owner of its custody position, and the signer of
    /// `alar_reserve::cover_senior` by CPI.
    pub const TRANCHES_SEED: &[u8] = b"tranches";
    /// `["tranche_usdc", merchant]`: the vault's USDC (its buffer, queued deposits, redemptions to claim).
    pub const TRANCHE_USDC_SEED: &[u8] = b"tranche_usdc";
    /// `["tranche_pst", merchant]`: the vault's PST (Token-2022), a custody position in `revenue_distributor`.
    pub const TRANCHE_PST_SEED: &[u8] = b"tranche_pst";
    /// `["share_mint", merchant, [tranche]]`: a tranche's share mint (Token-2022 with metadata; 0 senior, 1 junior).
    pub const SHARE_MINT_SEED: &[u8] = b"share_mint";
    /// `["share_escrow", merchant, [tranche]]`: a tranche's shares queued for redemption or minted for deposits and
    /// not yet claimed.
    pub const SHARE_ESCROW_SEED: &[u8] = b"share_escrow";
    /// `["request", tranches, owner, [tranche]]`: an investor's queued deposit and redemption in one tranche.
    pub const REQUEST_SEED: &[u8] = b"request";
    /// `["epoch", tranches, index (u32 LE)]`: the record of one closed epoch.
    pub const EPOCH_SEED: &[u8] = b"epoch";
    /// `yield_tranches`'s lane of the pause word.
    pub const PAUSE_LANE: u32 = 4;
}

/// Every program of the protocol, in dependency order: `(name, id)`.
pub const PROGRAMS: [(&str, Pubkey); 5] = [
    ("pst_mint", pst_mint::ID),
    ("revenue_distributor", revenue_distributor::ID),
    ("amm_pool", amm_pool::ID),
    ("alar_reserve", alar_reserve::ID),
    ("yield_tranches", yield_tranches::ID),
];

/// The protocol config's pause word (`ProtocolConfig::paused`, a `u64`).
///
/// Eight lanes of eight bits, lane `n` at bits `8n..8n+8`. Each program owns one lane (its `PAUSE_LANE`) and
/// defines the meaning of its bits in its own `constants` module with [`flag`]; lanes 5 to 7 are free for future
/// programs. `pst_mint`'s `set_pause` refuses unknown bits in its own lane only, so a program can start using a
/// bit of its lane without a change to `pst_mint`; a bit nobody reads has no effect.
pub mod pause {
    /// Bits per lane.
    pub const LANE_BITS: u32 = 8;
    /// Lanes in the word.
    pub const LANES: u32 = 8;

    /// The pause flag for bit `bit` (0–7) of lane `lane` (0–7).
    pub const fn flag(lane: u32, bit: u32) -> u64 {
        assert!(lane < LANES && bit < LANE_BITS);
        1u64 << (lane * LANE_BITS + bit)
    }

    /// Every bit of lane `lane`.
    pub const fn lane_mask(lane: u32) -> u64 {
        assert!(lane < LANES);
        0xFFu64 << (lane * LANE_BITS)
    }
}
