//! Account helpers shared by the PST protocol programs.
//!
//! # Why not Anchor's `init`
//! Anchor 1.2's `init` creates an account that already holds lamports with the System program's
//! `CreateAccountAllowPrefund` instruction, which runtimes before that feature (solana-program-test 3.1 among
//! them) reject as invalid data. Every PDA address in the protocol is predictable, so anyone could send a
//! lamport to a merchant's future PDA and block its creation for good. [`create_pda_account`] handles a
//! pre-funded address the classic way (top up, allocate, assign), which every runtime supports, and a program
//! checks [`is_uninitialized`] first so that a second initialisation fails with its own named error.
use anchor_lang::{
    prelude::*,
    system_program::{allocate, assign, create_account, transfer, Allocate, Assign, CreateAccount, Transfer},
};

/// Whether `account` can still be created: owned by the System program and without data.
pub fn is_uninitialized(account: &AccountInfo) -> bool {
    account.owner == &anchor_lang::solana_program::system_program::ID && account.data_is_empty()
}

/// Create the PDA `target` (signed by `signer_seeds`) with `space` bytes, rent-exempt, owned by `owner`,
/// paid by `payer`. Works whether or not someone already sent lamports to the address. Refuses with
/// `AccountAlreadyInitialized` if the account exists; programs check [`is_uninitialized`] first to name it.
pub fn create_pda_account<'info>(
    payer: &AccountInfo<'info>,
    target: &AccountInfo<'info>,
    system_program: &AccountInfo<'info>,
    space: usize,
    owner: &Pubkey,
    signer_seeds: &[&[u8]],
) -> Result<()> {
    if !is_uninitialized(target) {
        return Err(ProgramError::AccountAlreadyInitialized.into());
    }
    let rent = Rent::get()?.minimum_balance(space);
    let current = target.lamports();
    let sys = system_program.key();
    let signer: &[&[&[u8]]] = &[signer_seeds];
    if current == 0 {
        return create_account(
            CpiContext::new_with_signer(
                sys,
                CreateAccount { from: payer.clone(), to: target.clone() },
                signer,
            ),
            rent,
            space as u64,
            owner,
        );
    }
    let top_up = rent.saturating_sub(current);
    if top_up > 0 {
        transfer(CpiContext::new(sys, Transfer { from: payer.clone(), to: target.clone() }), top_up)?;
    }
    allocate(
        CpiContext::new_with_signer(sys, Allocate { account_to_allocate: target.clone() }, signer),
        space as u64,
    )?;
    assign(CpiContext::new_with_signer(sys, Assign { account_to_assign: target.clone() }, signer), owner)
}

/// Create the PDA `target` as an Anchor account of this program holding `value` (discriminator included).
pub fn create_anchor_account<'info, T: AccountSerialize + Owner>(
    payer: &AccountInfo<'info>,
    target: &AccountInfo<'info>,
    system_program: &AccountInfo<'info>,
    space: usize,
    signer_seeds: &[&[u8]],
    value: &T,
) -> Result<()> {
    create_pda_account(payer, target, system_program, space, &T::owner(), signer_seeds)?;
    let mut data = target.try_borrow_mut_data()?;
    let mut writer: &mut [u8] = &mut data;
    value.try_serialize(&mut writer)
}

/// Create the PDA `target` as a token account of `mint` owned by `authority` (any address: a PDA of this or
/// another program), under `token_program` (classic SPL Token or Token-2022, for mints whose extensions need no
/// account extensions).
pub fn create_token_account<'info>(
    payer: &AccountInfo<'info>,
    target: &AccountInfo<'info>,
    mint: &AccountInfo<'info>,
    authority: &Pubkey,
    token_program: &AccountInfo<'info>,
    system_program: &AccountInfo<'info>,
    signer_seeds: &[&[u8]],
) -> Result<()> {
    use anchor_spl::token_2022::spl_token_2022::instruction::initialize_account3;
    // 165 bytes: the base account layout shared by both token programs
    const TOKEN_ACCOUNT_LEN: usize = 165;
    create_pda_account(payer, target, system_program, TOKEN_ACCOUNT_LEN, token_program.key, signer_seeds)?;
    let ix = initialize_account3(token_program.key, target.key, mint.key, authority)?;
    anchor_lang::solana_program::program::invoke(&ix, &[target.clone(), mint.clone()]).map_err(Into::into)
}

/// Create the PDA `target` as a mint with `decimals` whose mint authority is `authority` (no freeze
/// authority), under `token_program`.
pub fn create_mint_account<'info>(
    payer: &AccountInfo<'info>,
    target: &AccountInfo<'info>,
    authority: &Pubkey,
    decimals: u8,
    token_program: &AccountInfo<'info>,
    system_program: &AccountInfo<'info>,
    signer_seeds: &[&[u8]],
) -> Result<()> {
    use anchor_spl::token_2022::spl_token_2022::instruction::initialize_mint2;
    // 82 bytes: the base mint layout shared by both token programs
    const MINT_LEN: usize = 82;
    create_pda_account(payer, target, system_program, MINT_LEN, token_program.key, signer_seeds)?;
    let ix = initialize_mint2(token_program.key, target.key, authority, None, decimals)?;
    anchor_lang::solana_program::program::invoke(&ix, std::slice::from_ref(target)).map_err(Into::into)
}

/// Which token a transfer moves.
pub enum Asset<'info> {
    /// USDC: a classic SPL Token mint, pinned by address in the protocol config.
    Usdc,
    /// An LP token of `amm_pool`: a classic SPL Token mint, pinned by address in the pool.
    Lp,
    /// PST: Token-2022, always with `TransferChecked` (which needs the mint).
    Pst { mint: AccountInfo<'info> },
    /// A tranche share of `yield_tranches`: Token-2022, 9 decimals, with `TransferChecked`.
    Share { mint: AccountInfo<'info> },
}

/// The decimals of every PST mint (like USDC).
pub const PST_DECIMALS: u8 = 6;
/// The decimals of every tranche share mint (three more than USDC: see `pst_math::tranche::VIRTUAL_SHARES`).
pub const SHARE_DECIMALS: u8 = 9;

/// Move `amount` of `asset` from `from` to `to` with the token program `token_program`, signed by `authority`
/// (with `signer_seeds` when it is a PDA; empty otherwise). Every token transfer in the protocol's programs goes
/// through here. The accounts are taken by value (`x.to_account_info()` at the call site) and moved into the CPI.
///
/// USDC and LP tokens (classic SPL Token) move with the plain `Transfer`, which checks that both accounts hold
/// the same mint: the programs pin those mints by address, so `TransferChecked` would only re-read the mint for
/// its decimals, about 1,500 compute units per transfer on the SPL Token build that `solana-program-test` 3.1
/// runs, on paths that run for every holder and every trade. PST (Token-2022) moves with `TransferChecked`,
/// which Token-2022 expects for mints with extensions.
pub fn transfer_tokens<'info>(
    asset: Asset<'info>,
    token_program: Pubkey,
    from: AccountInfo<'info>,
    to: AccountInfo<'info>,
    authority: AccountInfo<'info>,
    signer_seeds: &[&[&[u8]]],
    amount: u64,
) -> Result<()> {
    let asset_kind = if matches!(asset, Asset::Share { .. }) { AssetKind::Share } else { AssetKind::Other };
    match asset {
        Asset::Usdc | Asset::Lp => {
            require_keys_eq!(token_program, anchor_spl::token::ID, ErrorCode::InvalidProgramId);
            let accounts = anchor_spl::token::Transfer { from, to, authority };
            anchor_spl::token::transfer(
                CpiContext::new_with_signer(token_program, accounts, signer_seeds),
                amount,
            )
        }
        Asset::Pst { mint } | Asset::Share { mint } => {
            let decimals = if matches!(asset_kind, AssetKind::Share) { SHARE_DECIMALS } else { PST_DECIMALS };
            let accounts = anchor_spl::token_interface::TransferChecked { from, mint, to, authority };
            anchor_spl::token_interface::transfer_checked(
                CpiContext::new_with_signer(token_program, accounts, signer_seeds),
                amount,
                decimals,
            )
        }
    }
}

enum AssetKind {
    Share,
    Other,
}

/// What [`create_metadata_mint`] creates.
pub struct MetadataMint<'a, 'info> {
    pub payer: AccountInfo<'info>,
    /// The mint's PDA (created here, signed by `mint_seeds`).
    pub mint: AccountInfo<'info>,
    pub mint_seeds: &'a [&'a [u8]],
    /// The mint and metadata update authority, a PDA of the calling program (signs by `authority_seeds`).
    pub authority: AccountInfo<'info>,
    pub authority_seeds: &'a [&'a [u8]],
    pub token_program: AccountInfo<'info>,
    pub system_program: AccountInfo<'info>,
    pub decimals: u8,
    pub name: String,
    pub symbol: String,
    pub uri: String,
}

/// Create a Token-2022 mint at a PDA with a MetadataPointer to itself and on-mint TokenMetadata (name, symbol,
/// uri) so wallets show it, no freeze authority, and `authority` as its mint and metadata authority; then check
/// it is exactly that (these two extensions, that authority, no freeze authority, no supply).
pub fn create_metadata_mint(m: MetadataMint) -> Result<()> {
    use anchor_spl::{
        token_2022::{
            initialize_mint2,
            spl_token_2022::{
                extension::{BaseStateWithExtensions, ExtensionType, StateWithExtensions},
                state::Mint as RawMint,
            },
            InitializeMint2,
        },
        token_2022_extensions::{
            metadata_pointer_initialize, token_metadata_initialize, MetadataPointerInitialize,
            TokenMetadataInitialize,
        },
        token_interface::spl_token_metadata_interface::state::TokenMetadata,
    };
    let program = m.token_program.key();
    require_keys_eq!(program, anchor_spl::token_2022::ID, ErrorCode::InvalidProgramId);
    // 1. the mint account, sized for its MetadataPointer (Token-2022 appends the metadata itself)
    let space = ExtensionType::try_calculate_account_len::<RawMint>(&[ExtensionType::MetadataPointer])?;
    create_pda_account(&m.payer, &m.mint, &m.system_program, space, &program, m.mint_seeds)?;
    metadata_pointer_initialize(
        CpiContext::new(
            program,
            MetadataPointerInitialize { token_program_id: m.token_program.clone(), mint: m.mint.clone() },
        ),
        Some(m.authority.key()),
        Some(m.mint.key()),
    )?;
    initialize_mint2(
        CpiContext::new(program, InitializeMint2 { mint: m.mint.clone() }),
        m.decimals,
        m.authority.key,
        None,
    )?;

    // 2. the metadata: Token-2022 reallocates the mint for it, and needs the rent for that up front
    let metadata = TokenMetadata {
        update_authority: Some(m.authority.key()).try_into().map_err(|_| ProgramError::InvalidArgument)?,
        mint: m.mint.key(),
        name: m.name.clone(),
        symbol: m.symbol.clone(),
        uri: m.uri.clone(),
        additional_metadata: Vec::new(),
    };
    let metadata_len = metadata.tlv_size_of().map_err(|_| ProgramError::InvalidArgument)?;
    let new_len = m.mint.data_len().checked_add(metadata_len).ok_or(ProgramError::ArithmeticOverflow)?;
    let top_up = Rent::get()?.minimum_balance(new_len).saturating_sub(m.mint.lamports());
    if top_up > 0 {
        transfer(
            CpiContext::new(m.system_program.key(), Transfer { from: m.payer.clone(), to: m.mint.clone() }),
            top_up,
        )?;
    }
    token_metadata_initialize(
        CpiContext::new_with_signer(
            program,
            TokenMetadataInitialize {
                program_id: m.token_program.clone(),
                metadata: m.mint.clone(),
                update_authority: m.authority.clone(),
                mint_authority: m.authority.clone(),
                mint: m.mint.clone(),
            },
            &[m.authority_seeds],
        ),
        m.name,
        m.symbol,
        m.uri,
    )?;

    // 3. the mint is exactly what we meant
    let data = m.mint.try_borrow_data()?;
    let state = StateWithExtensions::<RawMint>::unpack(&data)?;
    // (no sort: std's stable sort needs a stack buffer beyond SBF's 4 KiB frame)
    let ext = state.get_extension_types()?;
    let exact = ext.len() == 2
        && ext.contains(&ExtensionType::MetadataPointer)
        && ext.contains(&ExtensionType::TokenMetadata)
        && state.base.freeze_authority.is_none()
        && state.base.mint_authority == Some(m.authority.key()).into()
        && state.base.decimals == m.decimals
        && state.base.supply == 0;
    if !exact {
        return Err(ProgramError::InvalidAccountData.into());
    }
    Ok(())
}

/// [`transfer_tokens`] signed by one PDA (`signer_seeds`), and nothing at all for a zero amount.
pub fn pay_signed<'info>(
    asset: Asset<'info>,
    token_program: Pubkey,
    from: AccountInfo<'info>,
    to: AccountInfo<'info>,
    authority: AccountInfo<'info>,
    signer_seeds: &[&[u8]],
    amount: u64,
) -> Result<()> {
    if amount == 0 {
        return Ok(());
    }
    transfer_tokens(asset, token_program, from, to, authority, &[signer_seeds], amount)
}

/// A token account's balance read straight from its data (`amount` sits at bytes 64..72 in both token
/// programs' layouts), for an account whose address the caller has already checked. `None` if the data is too
/// short to be a token account.
pub fn token_amount(account: &AccountInfo) -> Option<u64> {
    let data = account.try_borrow_data().ok()?;
    data.get(64..72).and_then(|b| b.try_into().ok()).map(u64::from_le_bytes)
}

/// A `pst_math` error as the program error `error`, after logging the source line where the arithmetic failed
/// (`pst_math::SafeMath` records it with `#[track_caller]`). Called through each program's `OrOverflow`.
#[cold]
pub fn math_error(
    e: pst_math::MathError,
    error: impl Into<anchor_lang::error::Error>,
) -> anchor_lang::error::Error {
    msg!("math overflow at {}:{}", e.location.file(), e.location.line());
    error.into()
}

/// Declare the program's `OrOverflow` trait: `result.or_overflow()?` turns a `pst_math` error into `$error` (the
/// program's own `MathOverflow`), logging the line that failed. One definition for every program:
///
/// ```ignore
/// pst_common::math_errors!(crate::errors::PstError::MathOverflow);
/// ```
#[macro_export]
macro_rules! math_errors {
    ($error:expr) => {
        /// Turn a `pst_math` result into this program's `MathOverflow`, logging the source line that failed.
        pub trait OrOverflow<T> {
            fn or_overflow(self) -> anchor_lang::Result<T>;
        }

        impl<T> OrOverflow<T> for core::result::Result<T, pst_math::MathError> {
            #[inline]
            fn or_overflow(self) -> anchor_lang::Result<T> {
                self.map_err(|e| $crate::math_error(e, $error))
            }
        }
    };
}

/// The fixed head of `alar_reserve`'s `Reserve` account, for `pst_mint` (which depends on no program of ours)
/// to read a merchant's stake and what the reserve has covered of its shortfalls. `alar_reserve` keeps these
/// four fields first in `Reserve`, in this order; a test ties the two.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReserveHead {
    pub merchant: Pubkey,
    /// The merchant's locked stake, USDC base units.
    pub stake: u64,
    /// All the reserve has paid toward recorded shortfalls.
    pub covered_total: u64,
    /// How much of the merchant's `stake_funded` (proceeds sent to the reserve by `pst_mint::release_proceeds`)
    /// the reserve has already counted in `stake`.
    pub stake_funded_seen: u64,
}

impl ReserveHead {
    /// Read the head of the reserve at `info`: `None` unless it is owned by `alar_reserve`, carries the `Reserve`
    /// discriminator and is long enough. The caller checks the address.
    pub fn read(info: &AccountInfo) -> Option<ReserveHead> {
        if *info.owner != pst_ids::alar_reserve::ID {
            return None;
        }
        let data = info.try_borrow_data().ok()?;
        if data.get(..8)? != pst_ids::alar_reserve::RESERVE_DISCRIMINATOR {
            return None;
        }
        let merchant = Pubkey::new_from_array(data.get(8..40)?.try_into().ok()?);
        let stake = u64::from_le_bytes(data.get(40..48)?.try_into().ok()?);
        let covered_total = u64::from_le_bytes(data.get(48..56)?.try_into().ok()?);
        let stake_funded_seen = u64::from_le_bytes(data.get(56..64)?.try_into().ok()?);
        Some(ReserveHead { merchant, stake, covered_total, stake_funded_seen })
    }

    /// The stake including proceeds `pst_mint` has sent (`stake_funded`, from the merchant account) that the
    /// reserve has not counted yet.
    pub fn effective_stake(&self, stake_funded: u64) -> u64 {
        self.stake.saturating_add(stake_funded.saturating_sub(self.stake_funded_seen))
    }
}
