use crate::{constants::*, errors::PstError, events::SupplyIssued, math::*, state::*};
use anchor_lang::prelude::*;
use anchor_spl::{
    token::Token,
    token_2022::{spl_token_2022::instruction::AuthorityType, Token2022},
    token_interface::{mint_to, set_authority, Mint, MintTo, SetAuthority},
};
use pst_common::{create_token_account, is_uninitialized};

/// The merchant creates its four vaults and mints the whole PST supply once, split into three PDA vaults
/// (merchant vesting, LP, public sale), opens its USDC treasury, removes the mint authority for good, and opens
/// the public sale. The LP vault belongs to the merchant's `amm_pool` pool PDA from the start.
#[derive(Accounts)]
pub struct IssueSupply<'info> {
    #[account(mut)]
    pub authority: Signer<'info>,
    #[account(address = CONFIG_ADDRESS)]
    pub config: Box<Account<'info, ProtocolConfig>>,
    #[account(
        mut,
        seeds = [MERCHANT_SEED, merchant.authority.as_ref()],
        bump = merchant.bump,
        has_one = authority @ PstError::NotMerchantAuthority,
        has_one = pst_mint @ PstError::WrongPstMint,
    )]
    pub merchant: Box<Account<'info, Merchant>>,
    #[account(mut)]
    pub pst_mint: Box<InterfaceAccount<'info, Mint>>,
    #[account(
        address = config.usdc_mint @ PstError::WrongUsdcMint,
        mint::token_program = usdc_token_program,
    )]
    pub usdc_mint: Box<InterfaceAccount<'info, Mint>>,
    /// CHECK: created here at its PDA as a PST token account owned by the merchant PDA.
    #[account(mut, seeds = [VESTING_VAULT_SEED, merchant.key().as_ref()], bump)]
    pub vesting_vault: UncheckedAccount<'info>,
    /// CHECK: created here at its PDA as a PST token account owned by `amm_pool`'s pool PDA.
    #[account(mut, seeds = [LP_VAULT_SEED, merchant.key().as_ref()], bump)]
    pub lp_vault: UncheckedAccount<'info>,
    /// CHECK: created here at its PDA as a PST token account owned by the merchant PDA.
    #[account(mut, seeds = [SALE_VAULT_SEED, merchant.key().as_ref()], bump)]
    pub sale_vault: UncheckedAccount<'info>,
    /// CHECK: created here at its PDA as a USDC token account owned by the merchant PDA.
    #[account(mut, seeds = [TREASURY_SEED, merchant.key().as_ref()], bump)]
    pub treasury: UncheckedAccount<'info>,
    pub pst_token_program: Program<'info, Token2022>,
    pub usdc_token_program: Program<'info, Token>,
    pub system_program: Program<'info, System>,
}

pub fn handler(ctx: Context<IssueSupply>) -> Result<()> {
    ctx.accounts.config.require_not_paused(PAUSE_ISSUANCE)?;
    ctx.accounts.merchant.require_status(MerchantStatus::TokenCreated)?;
    let a = &ctx.accounts;
    let economics = a.merchant.economics;
    let split = economics.split()?;
    let seeds = a.merchant.signer_seeds();
    let signer = &[&seeds[..]];
    let program = a.pst_token_program.key();
    let merchant_key = a.merchant.key();
    let bumps = &ctx.bumps;

    // the four vaults, each at its PDA, owned by the merchant PDA except the LP vault (the pool's)
    let pool = Pubkey::find_program_address(
        &[pst_ids::amm_pool::POOL_SEED, merchant_key.as_ref()],
        &pst_ids::amm_pool::ID,
    )
    .0;
    for (vault, seed, bump, mint, owner, token_program) in [
        (
            &a.vesting_vault,
            VESTING_VAULT_SEED,
            bumps.vesting_vault,
            a.pst_mint.to_account_info(),
            merchant_key,
            &a.pst_token_program.to_account_info(),
        ),
        (
            &a.lp_vault,
            LP_VAULT_SEED,
            bumps.lp_vault,
            a.pst_mint.to_account_info(),
            pool,
            &a.pst_token_program.to_account_info(),
        ),
        (
            &a.sale_vault,
            SALE_VAULT_SEED,
            bumps.sale_vault,
            a.pst_mint.to_account_info(),
            merchant_key,
            &a.pst_token_program.to_account_info(),
        ),
        (
            &a.treasury,
            TREASURY_SEED,
            bumps.treasury,
            a.usdc_mint.to_account_info(),
            merchant_key,
            &a.usdc_token_program.to_account_info(),
        ),
    ] {
        require!(is_uninitialized(vault), PstError::AlreadyInitialized);
        create_token_account(
            &a.authority,
            vault,
            &mint,
            &owner,
            token_program,
            &a.system_program,
            &[seed, merchant_key.as_ref(), &[bump]],
        )?;
    }

    for (vault, amount) in [
        (a.vesting_vault.to_account_info(), split.merchant),
        (a.lp_vault.to_account_info(), split.lp),
        (a.sale_vault.to_account_info(), split.public),
    ] {
        if amount == 0 {
            continue;
        }
        mint_to(
            CpiContext::new_with_signer(
                program,
                MintTo {
                    mint: a.pst_mint.to_account_info(),
                    to: vault,
                    authority: a.merchant.to_account_info(),
                },
                signer,
            ),
            amount,
        )?;
    }
    // The supply is fixed from here on.
    set_authority(
        CpiContext::new_with_signer(
            program,
            SetAuthority {
                current_authority: a.merchant.to_account_info(),
                account_or_mint: a.pst_mint.to_account_info(),
            },
            signer,
        ),
        AuthorityType::MintTokens,
        None,
    )?;

    let mut pst_mint = a.pst_mint.clone();
    pst_mint.reload()?;
    require!(pst_mint.supply == economics.total_supply, PstError::InvariantViolated);
    require!(pst_mint.mint_authority.is_none(), PstError::InvariantViolated);

    let now = Clock::get()?.unix_timestamp;
    let sale_end = now.safe_add(economics.sale_duration_secs).or_overflow()?;
    let merchant = &mut ctx.accounts.merchant;
    merchant.sale =
        SaleState { start: now, end: sale_end, public_supply: split.public, sold: 0, proceeds: 0 };
    merchant.vesting = VestingState {
        start: now,
        cliff_secs: economics.vesting_cliff_secs,
        duration_secs: economics.vesting_duration_secs,
        total: split.merchant,
        claimed: 0,
    };
    merchant.bumps.vesting_vault = bumps.vesting_vault;
    merchant.bumps.lp_vault = bumps.lp_vault;
    merchant.bumps.sale_vault = bumps.sale_vault;
    merchant.bumps.treasury = bumps.treasury;
    merchant.status = MerchantStatus::Sale;
    merchant.invariant()?;
    emit!(SupplyIssued {
        merchant: merchant.key(),
        mint: merchant.pst_mint,
        total_supply: economics.total_supply,
        merchant_amount: split.merchant,
        lp_amount: split.lp,
        public_amount: split.public,
        sale_start: now,
        sale_end,
    });
    Ok(())
}
