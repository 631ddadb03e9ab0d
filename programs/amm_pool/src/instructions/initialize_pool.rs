use crate::{constants::*, errors::*, events::PoolInitialized, state::*};
use anchor_lang::prelude::*;
use anchor_spl::{
    token::Token,
    token_interface::{mint_to, Mint, MintTo, TokenAccount},
};
use pst_common::{create_mint_account, create_pda_account, create_token_account, is_uninitialized};
use pst_math::{
    curve::{initial_liquidity, MINIMUM_LIQUIDITY},
    sale_cost, SafeMath,
};
use pst_mint::{
    constants::{CONFIG_ADDRESS, LP_VAULT_SEED, MERCHANT_SEED},
    state::{Merchant, ProtocolConfig},
};
use revenue_distributor::{
    constants::DISTRIBUTOR_SEED, cpi::accounts::OpenPoolPosition, program::RevenueDistributor,
};

/// The merchant opens its pool: the whole LP allocation (already in the vault the pool owns) plus USDC from the
/// merchant at the issue price, so trading starts where the sale priced the token. LP tokens are
/// `sqrt(pst × usdc)`; `MINIMUM_LIQUIDITY` of them are locked forever and the rest are locked in the seed
/// vault until the merchant's vesting ends. The PST vault becomes the pool's custody position in
/// `revenue_distributor` (which must exist), so it earns dividends from the first second.
#[derive(Accounts)]
pub struct InitializePool<'info> {
    /// The merchant's authority: pays the USDC side and the rent.
    #[account(mut)]
    pub authority: Signer<'info>,
    #[account(address = CONFIG_ADDRESS)]
    pub config: Box<Account<'info, ProtocolConfig>>,
    #[account(
        seeds = [MERCHANT_SEED, merchant.authority.as_ref()],
        bump = merchant.bump,
        seeds::program = pst_mint::ID,
        has_one = authority @ AmmError::NotMerchantAuthority,
    )]
    pub merchant: Box<Account<'info, Merchant>>,
    /// CHECK: created here at its PDA.
    #[account(mut, seeds = [POOL_SEED, merchant.key().as_ref()], bump)]
    pub pool: UncheckedAccount<'info>,
    #[account(address = merchant.pst_mint @ AmmError::WrongMint)]
    pub pst_mint: Box<InterfaceAccount<'info, Mint>>,
    #[account(address = config.usdc_mint @ AmmError::WrongMint, mint::token_program = token_program)]
    pub usdc_mint: Box<InterfaceAccount<'info, Mint>>,
    /// `pst_mint`'s LP vault of this merchant: the LP allocation, owned by the pool PDA since issuance.
    #[account(
        mut,
        seeds = [LP_VAULT_SEED, merchant.key().as_ref()],
        bump = merchant.bumps.lp_vault,
        seeds::program = pst_mint::ID,
    )]
    pub pst_vault: Box<InterfaceAccount<'info, TokenAccount>>,
    /// CHECK: created here at its PDA.
    #[account(mut, seeds = [USDC_VAULT_SEED, pool.key().as_ref()], bump)]
    pub usdc_vault: UncheckedAccount<'info>,
    /// CHECK: created here at its PDA.
    #[account(mut, seeds = [LP_MINT_SEED, pool.key().as_ref()], bump)]
    pub lp_mint: UncheckedAccount<'info>,
    /// CHECK: created here at its PDA.
    #[account(mut, seeds = [SEED_LP_VAULT_SEED, pool.key().as_ref()], bump)]
    pub seed_lp_vault: UncheckedAccount<'info>,
    /// CHECK: created here at its PDA.
    #[account(mut, seeds = [OBSERVATIONS_SEED, pool.key().as_ref()], bump)]
    pub observations: UncheckedAccount<'info>,
    /// The merchant's USDC.
    #[account(mut, token::mint = usdc_mint, token::authority = authority)]
    pub source_usdc: Box<InterfaceAccount<'info, TokenAccount>>,
    /// CHECK: the merchant's distributor (checked by address here, by `revenue_distributor` in the CPI).
    #[account(
        mut,
        seeds = [DISTRIBUTOR_SEED, merchant.key().as_ref()],
        bump,
        seeds::program = revenue_distributor::ID,
    )]
    pub distributor: UncheckedAccount<'info>,
    /// CHECK: the pool's custody position, created by `revenue_distributor` at its PDA.
    #[account(mut)]
    pub position: UncheckedAccount<'info>,
    pub distributor_program: Program<'info, RevenueDistributor>,
    pub token_program: Program<'info, Token>,
    pub system_program: Program<'info, System>,
}

pub fn handler(ctx: Context<InitializePool>, max_usdc: u64) -> Result<()> {
    let a = &ctx.accounts;
    require!(a.merchant.is_issued(), AmmError::MerchantNotIssued);
    require!(is_uninitialized(&a.pool), AmmError::AlreadyInitialized);
    require_keys_eq!(a.pst_vault.owner, a.pool.key(), AmmError::WrongVault);
    let reserve_pst = a.pst_vault.amount;
    require!(reserve_pst > 0, AmmError::EmptyLpAllocation);
    let reserve_usdc = sale_cost(reserve_pst, a.merchant.economics.issue_price).or_overflow()?;
    require!(reserve_usdc > 0, AmmError::ZeroAmount);
    require!(reserve_usdc <= max_usdc, AmmError::SlippageExceeded);
    let (lp_supply, seed_lp) =
        initial_liquidity(reserve_pst, reserve_usdc).map_err(|_| error!(AmmError::InsufficientLiquidity))?;

    let bumps = &ctx.bumps;
    let (merchant, pool_key) = (a.merchant.key(), a.pool.key());
    let pool_signer: &[&[u8]] = &[POOL_SEED, merchant.as_ref(), &[bumps.pool]];
    let payer = a.authority.to_account_info();
    let token_program = a.token_program.to_account_info();
    let system = a.system_program.to_account_info();
    for account in [&a.usdc_vault, &a.lp_mint, &a.seed_lp_vault, &a.observations] {
        require!(is_uninitialized(account), AmmError::AlreadyInitialized);
    }
    create_token_account(
        &payer,
        &a.usdc_vault,
        &a.usdc_mint.to_account_info(),
        &pool_key,
        &token_program,
        &system,
        &[USDC_VAULT_SEED, pool_key.as_ref(), &[bumps.usdc_vault]],
    )?;
    create_mint_account(
        &payer,
        &a.lp_mint,
        &pool_key,
        LP_DECIMALS,
        &token_program,
        &system,
        &[LP_MINT_SEED, pool_key.as_ref(), &[bumps.lp_mint]],
    )?;
    create_token_account(
        &payer,
        &a.seed_lp_vault,
        &a.lp_mint,
        &pool_key,
        &token_program,
        &system,
        &[SEED_LP_VAULT_SEED, pool_key.as_ref(), &[bumps.seed_lp_vault]],
    )?;
    create_pda_account(
        &payer,
        &a.observations,
        &system,
        Observations::SPACE,
        &crate::ID,
        &[OBSERVATIONS_SEED, pool_key.as_ref(), &[bumps.observations]],
    )?;
    a.observations.try_borrow_mut_data()?[..8].copy_from_slice(Observations::DISCRIMINATOR);

    pst_common::transfer_tokens(
        pst_common::Asset::Usdc,
        a.token_program.key(),
        a.source_usdc.to_account_info(),
        a.usdc_vault.to_account_info(),
        payer.clone(),
        &[],
        reserve_usdc,
    )?;
    mint_to(
        CpiContext::new_with_signer(
            a.token_program.key(),
            MintTo {
                mint: a.lp_mint.to_account_info(),
                to: a.seed_lp_vault.to_account_info(),
                authority: a.pool.to_account_info(),
            },
            &[pool_signer],
        ),
        seed_lp,
    )?;

    let now = Clock::get()?.unix_timestamp;
    let vesting = &a.merchant.vesting;
    let seed_unlock_ts = vesting.start.safe_add(vesting.duration_secs).or_overflow()?;
    let pool = Pool {
        merchant,
        pst_mint: a.pst_mint.key(),
        usdc_mint: a.usdc_mint.key(),
        lp_mint: a.lp_mint.key(),
        pst_vault: a.pst_vault.key(),
        usdc_vault: a.usdc_vault.key(),
        seed_lp_vault: a.seed_lp_vault.key(),
        observations: a.observations.key(),
        distributor: a.distributor.key(),
        position: a.position.key(),
        reserve_pst,
        reserve_usdc,
        protocol_fees_pst: 0,
        protocol_fees_usdc: 0,
        lp_supply,
        fee_bps: DEFAULT_FEE_BPS,
        protocol_share_bps: DEFAULT_PROTOCOL_SHARE_BPS,
        paused: 0,
        seed_beneficiary: a.authority.key(),
        seed_unlock_ts,
        seed_lp_locked: seed_lp,
        price_cumulative: 0,
        last_update_ts: now,
        totals: PoolTotals::default(),
        bump: bumps.pool,
        usdc_vault_bump: bumps.usdc_vault,
        lp_mint_bump: bumps.lp_mint,
        seed_lp_vault_bump: bumps.seed_lp_vault,
        observations_bump: bumps.observations,
    };
    pool.invariant()?;
    debug_assert_eq!(lp_supply - seed_lp, MINIMUM_LIQUIDITY);
    pst_common::create_anchor_account(&payer, &a.pool, &system, 8 + Pool::INIT_SPACE, pool_signer, &pool)?;
    {
        let mut data = a.observations.try_borrow_mut_data()?;
        let obs: &mut Observations = bytemuck::from_bytes_mut(&mut data[8..Observations::SPACE]);
        obs.pool = pool_key;
        obs.record(now, 0, now, pool.log_price()?);
        obs.invariant()?;
    }

    // the LP allocation earns from now on, in place
    revenue_distributor::cpi::open_pool_position(CpiContext::new_with_signer(
        a.distributor_program.key(),
        OpenPoolPosition {
            payer,
            pool: a.pool.to_account_info(),
            distributor: a.distributor.to_account_info(),
            position: a.position.to_account_info(),
            custody: a.pst_vault.to_account_info(),
            harvest_destination: a.usdc_vault.to_account_info(),
            system_program: system,
        },
        &[pool_signer],
    ))?;

    emit!(PoolInitialized {
        pool: pool_key,
        merchant,
        lp_mint: pool.lp_mint,
        reserve_pst,
        reserve_usdc,
        lp_supply,
        seed_lp,
        seed_unlock_ts,
    });
    Ok(())
}
