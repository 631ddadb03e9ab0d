//! Token movements of the pool: PST (Token-2022) always with `transfer_checked`; USDC (classic SPL Token,
//! pinned by address) with `pst_common::usdc_transfer`.
use anchor_lang::prelude::*;
use anchor_spl::token_interface::{transfer_checked, TransferChecked};
use pst_mint::constants::PST_DECIMALS;

/// Move `amount` of the pool's token (`pst` picks which) from `from` to `to`, signed by `authority`.
#[allow(clippy::too_many_arguments)]
pub fn move_tokens<'info>(
    pst: bool,
    token_program: &AccountInfo<'info>,
    mint: &AccountInfo<'info>,
    from: &AccountInfo<'info>,
    to: &AccountInfo<'info>,
    authority: &AccountInfo<'info>,
    signer_seeds: &[&[&[u8]]],
    amount: u64,
) -> Result<()> {
    if !pst {
        return pst_common::usdc_transfer(token_program, from, to, authority, signer_seeds, amount);
    }
    transfer_checked(
        CpiContext::new_with_signer(
            token_program.key(),
            TransferChecked {
                from: from.clone(),
                mint: mint.clone(),
                to: to.clone(),
                authority: authority.clone(),
            },
            signer_seeds,
        ),
        amount,
        PST_DECIMALS,
    )
}
