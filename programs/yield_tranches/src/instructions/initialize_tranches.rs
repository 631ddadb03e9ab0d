use crate::{constants::*, errors::TrancheError, events::TranchesInitialized, state::*};
use alar_reserve::{constants::RESERVE_SEED, state::Reserve};
use amm_pool::{constants::POOL_SEED, state::Pool};
use anchor_lang::prelude::*;
use anchor_spl::{token::Token, token_2022::Token2022, token_interface::Mint};
use pst_common::{
    create_anchor_account, create_metadata_mint, create_token_account, is_uninitialized, MetadataMint,
    SHARE_DECIMALS,
};
use pst_mint::{constants::MERCHANT_SEED, state::Merchant};
use revenue_distributor::{
    constants::DISTRIBUTOR_SEED, cpi::accounts::OpenTranchePosition, program::RevenueDistributor,
    state::Distributor,
};

/// Anyone opens a merchant's tranche vault once its pool and reserve exist: the `Tranches` account with the
/// default parameters, its USDC and PST accounts, a senior and a junior share mint (Token-2022, 9 decimals, on-mint
/// metadata `"<name> Senior"` / `"<SYMBOL>-SR"` and `"<name> Junior"` / `"<SYMBOL>-JR"`, the vault as mint
/// authority, no freeze authority), an escrow per share mint, and (by CPI, signed by the vault) its custody position
/// in `revenue_distributor`.
#[derive(Accounts)]
pub struct InitializeTranches<'info> {
    #[account(mut)]
    pub payer: Signer<'info>,
    #[account(seeds = [MERCHANT_SEED, merchant.authority.as_ref()], bump = merchant.bump, seeds::program = pst_mint::ID)]
    pub merchant: Box<Account<'info, Merchant>>,
    #[account(
        mut,
        seeds = [DISTRIBUTOR_SEED, merchant.key().as_ref()],
        bump = distributor.bump,
        seeds::program = revenue_distributor::ID,
    )]
    pub distributor: Box<Account<'info, Distributor>>,
    #[account(seeds = [POOL_SEED, merchant.key().as_ref()], bump = pool.bump, seeds::program = amm_pool::ID)]
    pub pool: Box<Account<'info, Pool>>,
    #[account(seeds = [RESERVE_SEED, merchant.key().as_ref()], bump = reserve.bump, seeds::program = alar_reserve::ID)]
    pub reserve: Box<Account<'info, Reserve>>,
    /// CHECK: created here at its PDA.
    #[account(mut, seeds = [TRANCHES_SEED, merchant.key().as_ref()], bump)]
    pub tranches: UncheckedAccount<'info>,
    #[account(address = merchant.pst_mint @ TrancheError::WrongMint)]
    pub pst_mint: Box<InterfaceAccount<'info, Mint>>,
    #[account(address = distributor.usdc_mint @ TrancheError::WrongMint)]
    pub usdc_mint: Box<InterfaceAccount<'info, Mint>>,
    /// CHECK: created here at its PDA (USDC, owned by the vault).
    #[account(mut, seeds = [TRANCHE_USDC_SEED, merchant.key().as_ref()], bump)]
    pub usdc_vault: UncheckedAccount<'info>,
    /// CHECK: created here at its PDA (PST, owned by the vault).
    #[account(mut, seeds = [TRANCHE_PST_SEED, merchant.key().as_ref()], bump)]
    pub pst_vault: UncheckedAccount<'info>,
    /// CHECK: created here at its PDA.
    #[account(mut, seeds = [SHARE_MINT_SEED, merchant.key().as_ref(), &Tranche::Senior.seed()], bump)]
    pub senior_mint: UncheckedAccount<'info>,
    /// CHECK: created here at its PDA.
    #[account(mut, seeds = [SHARE_MINT_SEED, merchant.key().as_ref(), &Tranche::Junior.seed()], bump)]
    pub junior_mint: UncheckedAccount<'info>,
    /// CHECK: created here at its PDA.
    #[account(mut, seeds = [SHARE_ESCROW_SEED, merchant.key().as_ref(), &Tranche::Senior.seed()], bump)]
    pub senior_escrow: UncheckedAccount<'info>,
    /// CHECK: created here at its PDA.
    #[account(mut, seeds = [SHARE_ESCROW_SEED, merchant.key().as_ref(), &Tranche::Junior.seed()], bump)]
    pub junior_escrow: UncheckedAccount<'info>,
    /// CHECK: the vault's position PDA in `revenue_distributor`, created there (which checks its seeds).
    #[account(mut)]
    pub position: UncheckedAccount<'info>,
    pub distributor_program: Program<'info, RevenueDistributor>,
    pub token_program: Program<'info, Token>,
    pub token_2022_program: Program<'info, Token2022>,
    pub system_program: Program<'info, System>,
}

impl<'info> InitializeTranches<'info> {
    fn share_mint(&self, t: Tranche, mint: &AccountInfo<'info>, bump: u8, tranches_bump: u8) -> Result<()> {
        let m = self.merchant.key();
        let profile = &self.merchant.profile;
        let (label, suffix) = match t {
            Tranche::Senior => ("Senior", "SR"),
            Tranche::Junior => ("Junior", "JR"),
        };
        create_metadata_mint(MetadataMint {
            payer: self.payer.to_account_info(),
            mint: mint.clone(),
            mint_seeds: &[SHARE_MINT_SEED, m.as_ref(), &t.seed(), &[bump]],
            authority: self.tranches.to_account_info(),
            authority_seeds: &[TRANCHES_SEED, m.as_ref(), &[tranches_bump]],
            token_program: self.token_2022_program.to_account_info(),
            system_program: self.system_program.to_account_info(),
            decimals: SHARE_DECIMALS,
            name: format!("{} {}", profile.name, label),
            symbol: format!("{}-{}", profile.symbol, suffix),
            uri: profile.token_uri.clone(),
        })
    }

    fn token_account(
        &self,
        target: &AccountInfo<'info>,
        mint: &AccountInfo<'info>,
        program: &AccountInfo<'info>,
        seeds: &[&[u8]],
    ) -> Result<()> {
        create_token_account(
            &self.payer.to_account_info(),
            target,
            mint,
            &self.tranches.key(),
            program,
            &self.system_program.to_account_info(),
            seeds,
        )
    }
}

pub fn handler(ctx: Context<InitializeTranches>) -> Result<()> {
    let a = &ctx.accounts;
    require!(a.merchant.is_issued(), TrancheError::MerchantNotReady);
    for acc in [
        &a.tranches,
        &a.usdc_vault,
        &a.pst_vault,
        &a.senior_mint,
        &a.junior_mint,
        &a.senior_escrow,
        &a.junior_escrow,
    ] {
        require!(is_uninitialized(acc), TrancheError::AlreadyInitialized);
    }
    let merchant = a.merchant.key();
    let m = merchant.as_ref();
    let b = &ctx.bumps;
    let classic = a.token_program.to_account_info();
    let t22 = a.token_2022_program.to_account_info();
    a.token_account(
        &a.usdc_vault,
        &a.usdc_mint.to_account_info(),
        &classic,
        &[TRANCHE_USDC_SEED, m, &[b.usdc_vault]],
    )?;
    a.token_account(
        &a.pst_vault,
        &a.pst_mint.to_account_info(),
        &t22,
        &[TRANCHE_PST_SEED, m, &[b.pst_vault]],
    )?;
    a.share_mint(Tranche::Senior, &a.senior_mint, b.senior_mint, b.tranches)?;
    a.share_mint(Tranche::Junior, &a.junior_mint, b.junior_mint, b.tranches)?;
    let sr = Tranche::Senior.seed();
    let jr = Tranche::Junior.seed();
    a.token_account(
        &a.senior_escrow,
        &a.senior_mint,
        &t22,
        &[SHARE_ESCROW_SEED, m, &sr, &[b.senior_escrow]],
    )?;
    a.token_account(
        &a.junior_escrow,
        &a.junior_mint,
        &t22,
        &[SHARE_ESCROW_SEED, m, &jr, &[b.junior_escrow]],
    )?;
    let tranches_seeds: &[&[u8]] = &[TRANCHES_SEED, m, &[b.tranches]];
    revenue_distributor::cpi::open_tranche_position(CpiContext::new_with_signer(
        a.distributor_program.key(),
        OpenTranchePosition {
            payer: a.payer.to_account_info(),
            distributor: a.distributor.to_account_info(),
            tranches: a.tranches.to_account_info(),
            position: a.position.to_account_info(),
            custody: a.pst_vault.to_account_info(),
            harvest_destination: a.usdc_vault.to_account_info(),
            system_program: a.system_program.to_account_info(),
        },
        &[tranches_seeds],
    ))?;

    let book = |mint: Pubkey, escrow: Pubkey, mint_bump: u8, escrow_bump: u8| Book {
        mint,
        escrow,
        mint_bump,
        escrow_bump,
        ..Book::default()
    };
    let tranches = Box::new(Tranches {
        merchant,
        pst_mint: a.pst_mint.key(),
        usdc_mint: a.usdc_mint.key(),
        usdc_vault: a.usdc_vault.key(),
        pst_vault: a.pst_vault.key(),
        distributor: a.distributor.key(),
        position: a.position.key(),
        pool: a.pool.key(),
        reserve: a.reserve.key(),
        books: [
            book(a.senior_mint.key(), a.senior_escrow.key(), b.senior_mint, b.senior_escrow),
            book(a.junior_mint.key(), a.junior_escrow.key(), b.junior_mint, b.junior_escrow),
        ],
        usdc: 0,
        pst: 0,
        usdc_to_claim: 0,
        arrears: 0,
        yield_arrears: 0,
        epoch: 0,
        epoch_start: Clock::get()?.unix_timestamp,
        apy_bps: INITIAL_APY_BPS,
        last_price_q64: 0,
        params: TrancheParams::default(),
        totals: TrancheTotals::default(),
        bump: b.tranches,
        usdc_vault_bump: b.usdc_vault,
        pst_vault_bump: b.pst_vault,
    });
    tranches.invariant()?;
    create_anchor_account(
        &a.payer.to_account_info(),
        &a.tranches,
        &a.system_program.to_account_info(),
        8 + Tranches::INIT_SPACE,
        tranches_seeds,
        tranches.as_ref(),
    )?;
    emit!(TranchesInitialized {
        tranches: a.tranches.key(),
        merchant,
        senior_mint: tranches.books[0].mint,
        junior_mint: tranches.books[1].mint,
        usdc_vault: tranches.usdc_vault,
        pst_vault: tranches.pst_vault,
        params: tranches.params,
        apy_bps: tranches.apy_bps,
    });
    Ok(())
}
