use crate::{constants::*, errors::PstError, events::TokenCreated, state::*};
use anchor_lang::{
    prelude::*,
    system_program::{transfer, Transfer},
};
use anchor_spl::{
    token_2022::{
        spl_token_2022::extension::{BaseStateWithExtensions, ExtensionType, StateWithExtensions},
        spl_token_2022::state::Mint as RawMint,
        Token2022,
    },
    token_2022_extensions::{token_metadata_initialize, TokenMetadataInitialize},
    token_interface::{spl_token_metadata_interface::state::TokenMetadata, Mint},
};

/// The merchant creates its PST mint: Token-2022, 6 decimals, no freeze authority, with a MetadataPointer to
/// itself and on-mint TokenMetadata (name, symbol, uri) so wallets show it. The merchant PDA is the mint
/// authority until `issue_supply` mints the whole supply and removes it.
#[derive(Accounts)]
pub struct CreateToken<'info> {
    #[account(mut)]
    pub authority: Signer<'info>,
    #[account(seeds = [CONFIG_SEED], bump = config.bump)]
    pub config: Account<'info, ProtocolConfig>,
    #[account(
        mut,
        seeds = [MERCHANT_SEED, merchant.authority.as_ref()],
        bump = merchant.bump,
        has_one = authority @ PstError::NotMerchantAuthority,
    )]
    pub merchant: Box<Account<'info, Merchant>>,
    #[account(
        init,
        payer = authority,
        seeds = [PST_MINT_SEED, merchant.key().as_ref()],
        bump,
        mint::decimals = PST_DECIMALS,
        mint::authority = merchant,
        mint::token_program = token_program,
        extensions::metadata_pointer::authority = merchant,
        extensions::metadata_pointer::metadata_address = pst_mint,
    )]
    pub pst_mint: Box<InterfaceAccount<'info, Mint>>,
    pub token_program: Program<'info, Token2022>,
    pub system_program: Program<'info, System>,
}

pub fn handler(ctx: Context<CreateToken>) -> Result<()> {
    ctx.accounts.config.require_not_paused(PAUSE_ISSUANCE)?;
    let merchant = &ctx.accounts.merchant;
    merchant.require_status(MerchantStatus::Approved)?;
    let merchant_key = merchant.key();
    let mint_info = ctx.accounts.pst_mint.to_account_info();
    let profile = &merchant.profile;

    // The metadata TLV entry is appended by Token-2022, which needs the rent for it up front.
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
                ctx.accounts.system_program.key(),
                Transfer { from: ctx.accounts.authority.to_account_info(), to: mint_info.clone() },
            ),
            top_up,
        )?;
    }

    let seeds = merchant.signer_seeds();
    let signer = &[&seeds[..]];
    token_metadata_initialize(
        CpiContext::new_with_signer(
            ctx.accounts.token_program.key(),
            TokenMetadataInitialize {
                program_id: ctx.accounts.token_program.to_account_info(),
                metadata: mint_info.clone(),
                update_authority: merchant.to_account_info(),
                mint_authority: merchant.to_account_info(),
                mint: mint_info.clone(),
            },
            signer,
        ),
        metadata.name.clone(),
        metadata.symbol.clone(),
        metadata.uri.clone(),
    )?;

    // Belt and braces: the mint carries exactly the extensions we expect.
    {
        let data = mint_info.try_borrow_data()?;
        let state = StateWithExtensions::<RawMint>::unpack(&data)?;
        let mut ext = state.get_extension_types()?;
        ext.sort_by_key(|e| *e as u16);
        require!(
            ext == [ExtensionType::MetadataPointer, ExtensionType::TokenMetadata],
            PstError::InvariantViolated
        );
        require!(state.base.freeze_authority.is_none(), PstError::InvariantViolated);
    }

    let merchant = &mut ctx.accounts.merchant;
    merchant.pst_mint = mint_info.key();
    merchant.bumps.pst_mint = ctx.bumps.pst_mint;
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
