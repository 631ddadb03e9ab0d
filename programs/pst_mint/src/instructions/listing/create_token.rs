use crate::{constants::*, errors::PstError, events::TokenCreated, state::*};
use anchor_lang::{
    prelude::*,
    system_program::{transfer, Transfer},
};
use anchor_spl::{
    token_2022::{
        initialize_mint2,
        spl_token_2022::{
            extension::{BaseStateWithExtensions, ExtensionType, StateWithExtensions},
            state::Mint as RawMint,
        },
        InitializeMint2, Token2022,
    },
    token_2022_extensions::{
        metadata_pointer_initialize, token_metadata_initialize, MetadataPointerInitialize,
        TokenMetadataInitialize,
    },
    token_interface::spl_token_metadata_interface::state::TokenMetadata,
};
use pst_common::{create_pda_account, is_uninitialized};

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
    let signer = &[&seeds[..]];

    // 1. the mint account, sized for its MetadataPointer (Token-2022 appends the metadata itself)
    let mint_bump = ctx.bumps.pst_mint;
    let space = ExtensionType::try_calculate_account_len::<RawMint>(&[ExtensionType::MetadataPointer])?;
    create_pda_account(
        &a.authority,
        &mint_info,
        &a.system_program,
        space,
        &a.token_program.key(),
        &[PST_MINT_SEED, merchant_key.as_ref(), &[mint_bump]],
    )?;
    metadata_pointer_initialize(
        CpiContext::new(
            a.token_program.key(),
            MetadataPointerInitialize { token_program_id: token_program.clone(), mint: mint_info.clone() },
        ),
        Some(merchant_key),
        Some(mint_info.key()),
    )?;
    initialize_mint2(
        CpiContext::new(a.token_program.key(), InitializeMint2 { mint: mint_info.clone() }),
        PST_DECIMALS,
        &merchant_key,
        None,
    )?;

    // 2. the metadata: Token-2022 reallocates the mint for it, and needs the rent for that up front
    let profile = &merchant.profile;
    let metadata = TokenMetadata {
        update_authority: Some(merchant_key).try_into().map_err(|_| PstError::InvariantViolated)?,
        mint: mint_info.key(),
        name: profile.name.clone(),
        symbol: profile.symbol.clone(),
        uri: profile.token_uri.clone(),
        additional_metadata: Vec::new(),
    };
    let metadata_len = metadata.tlv_size_of().map_err(|_| PstError::InvariantViolated)?;
    let new_len = mint_info.data_len().checked_add(metadata_len).ok_or(PstError::MathOverflow)?;
    let top_up = Rent::get()?.minimum_balance(new_len).saturating_sub(mint_info.lamports());
    if top_up > 0 {
        transfer(
            CpiContext::new(
                a.system_program.key(),
                Transfer { from: a.authority.to_account_info(), to: mint_info.clone() },
            ),
            top_up,
        )?;
    }
    token_metadata_initialize(
        CpiContext::new_with_signer(
            a.token_program.key(),
            TokenMetadataInitialize {
                program_id: token_program,
                metadata: mint_info.clone(),
                update_authority: merchant_info.clone(),
                mint_authority: merchant_info,
                mint: mint_info.clone(),
            },
            signer,
        ),
        metadata.name.clone(),
        metadata.symbol.clone(),
        metadata.uri.clone(),
    )?;

    // 3. the mint is exactly what we meant: these two extensions, our authority, no freeze authority
    {
        let data = mint_info.try_borrow_data()?;
        let state = StateWithExtensions::<RawMint>::unpack(&data)?;
        // (no sort: std's stable sort needs a stack buffer beyond SBF's 4 KiB frame)
        let ext = state.get_extension_types()?;
        require!(
            ext.len() == 2
                && ext.contains(&ExtensionType::MetadataPointer)
                && ext.contains(&ExtensionType::TokenMetadata),
            PstError::InvariantViolated
        );
        require!(state.base.freeze_authority.is_none(), PstError::InvariantViolated);
        require!(state.base.mint_authority == Some(merchant_key).into(), PstError::InvariantViolated);
        require!(state.base.decimals == PST_DECIMALS && state.base.supply == 0, PstError::InvariantViolated);
    }

    let merchant = &mut ctx.accounts.merchant;
    merchant.pst_mint = mint_info.key();
    merchant.bumps.pst_mint = mint_bump;
    merchant.status = MerchantStatus::TokenCreated;
    merchant.invariant()?;
    emit!(TokenCreated {
        merchant: merchant_key,
        mint: merchant.pst_mint,
        name: metadata.name,
        symbol: metadata.symbol,
        uri: metadata.uri,
    });
    Ok(())
}
