//! Reading accounts from their raw data, however it was fetched (an RPC `getAccountInfo`, the test bank).
use anchor_lang::AccountDeserialize;

/// Why account data could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// The data is shorter than the layout needs.
    TooShort { needed: usize, got: usize },
    /// Anchor could not deserialize it (wrong discriminator or layout).
    Anchor(String),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::TooShort { needed, got } => {
                write!(f, "the account holds {got} bytes, fewer than the {needed} its type needs")
            }
            ReadError::Anchor(e) => write!(f, "the account is not of the expected type: {e}"),
        }
    }
}

impl std::error::Error for ReadError {}

/// An Anchor account of any PST program (`ProtocolConfig`, `Merchant`, `Distributor`, `Pool`, ...): checks its
/// discriminator.
pub fn anchor_account<T: AccountDeserialize>(data: &[u8]) -> Result<T, ReadError> {
    T::try_deserialize(&mut &data[..]).map_err(|e| ReadError::Anchor(e.to_string()))
}

fn field<const N: usize>(data: &[u8], at: usize) -> Result<[u8; N], ReadError> {
    data.get(at..at + N)
        .and_then(|b| b.try_into().ok())
        .ok_or(ReadError::TooShort { needed: at + N, got: data.len() })
}

/// A token account's balance (classic SPL Token or Token-2022: the same offset in both).
pub fn token_amount(data: &[u8]) -> Result<u64, ReadError> {
    field::<8>(data, 64).map(u64::from_le_bytes)
}

/// A token account's mint.
pub fn token_mint(data: &[u8]) -> Result<crate::Pubkey, ReadError> {
    field::<32>(data, 0).map(crate::Pubkey::new_from_array)
}

/// A token account's owner (its token authority).
pub fn token_owner(data: &[u8]) -> Result<crate::Pubkey, ReadError> {
    field::<32>(data, 32).map(crate::Pubkey::new_from_array)
}

/// A mint's supply (classic SPL Token or Token-2022).
pub fn mint_supply(data: &[u8]) -> Result<u64, ReadError> {
    field::<8>(data, 36).map(u64::from_le_bytes)
}

/// The pool's zero-copy TWAP buffer.
pub fn observations(data: &[u8]) -> Result<amm_pool::state::Observations, ReadError> {
    use anchor_lang::Discriminator;
    let needed = amm_pool::state::Observations::SPACE;
    let body = data.get(8..needed).ok_or(ReadError::TooShort { needed, got: data.len() })?;
    if data[..8] != *amm_pool::state::Observations::DISCRIMINATOR {
        return Err(ReadError::Anchor("not an Observations account".into()));
    }
    Ok(*bytemuck::from_bytes::<amm_pool::state::Observations>(body))
}
