use crate::{constants::*, errors::PstError, events::TokenCreated, state::*};
use anchor_lang::prelude::*;
use anchor_spl::token_2022::Token2022;
use pst_common::{create_metadata_mint, is_uninitialized, MetadataMint};

/// The merchant creates its PST mint at its PDA: Token-2022, 6 decimals, no freeze authority, a MetadataPointer
/// to itself and on-mint TokenMetadata (name, symbol, uri) so wallets show it. The merchant PDA is the mint
/// authority until `issue_supply` mints the whole supply and removes it.
#[derive(Accounts)]
pub struct CreateToken<'info> {
    #[account(mut)]
    pub authority: Signer<'info>,
    #[account(address = CONFIG_ADDRESS)]
    pub config: Account<'info, ProtocolConfig>,
    #[account(
        mut,
        seeds = [MERCHANT_SEED, merchant.authority.as_ref()],
        bump = merchant.bump,
        has_one = authority @ PstError::NotMerchantAuthority,
    )]
    pub merchant: Box<Account<'info, Merchant>>,
    /// CHECK: created here at its PDA as a Token-2022 mint.
    #[account(mut, seeds = [PST_MINT_SEED, merchant.key().as_ref()], bump)]
    pub pst_mint: UncheckedAccount<'info>,
    pub token_program: Program<'info, Token2022>,
    pub system_program: Program<'info, System>,
}

pub fn handler(ctx: Context<CreateToken>) -> Result<()> {
    let a = &ctx.accounts;
    a.config.require_not_paused(PAUSE_ISSUANCE)?;
    a.merchant.require_status(MerchantStatus::Approved)?;
    require!(is_uninitialized(&a.pst_mint), PstError::AlreadyInitialized);
    let merchant = &a.merchant;
    let merchant_key = merchant.key();
    let merchant_info = merchant.to_account_info();
    let mint_info = a.pst_mint.to_account_info();
    let token_program = a.token_program.to_account_info();
    let seeds = merchant.signer_seeds();

    let mint_bump = ctx.bumps.pst_mint;
    let profile = &merchant.profile;
    let (name, symbol, uri) = (profile.name.clone(), profile.symbol.clone(), profile.token_uri.clone());
    create_metadata_mint(MetadataMint {
        payer: a.authority.to_account_info(),
        mint: mint_info.clone(),
        mint_seeds: &[PST_MINT_SEED, merchant_key.as_ref(), &[mint_bump]],
        authority: merchant_info,
        authority_seeds: &seeds,
        token_program,
        system_program: a.system_program.to_account_info(),
        decimals: PST_DECIMALS,
        name: name.clone(),
        symbol: symbol.clone(),
        uri: uri.clone(),
    })?;

    let merchant = &mut ctx.accounts.merchant;
    merchant.pst_mint = mint_info.key();
    merchant.bumps.pst_mint = mint_bump;
    merchant.status = MerchantStatus::TokenCreated;
    merchant.invariant()?;
    emit!(TokenCreated { merchant: merchant_key, mint: merchant.pst_mint, name, symbol, uri });
    Ok(())
}
