use crate::{constants::*, errors::DistributorError, events::PositionOpened, state::*};
use anchor_lang::prelude::*;
use pst_common::{create_anchor_account, is_uninitialized};

/// Open an earning position for `owner` (a wallet, or a PDA of another program signing by CPI).
#[derive(Accounts)]
pub struct OpenPosition<'info> {
    #[account(mut)]
    pub payer: Signer<'info>,
    pub owner: Signer<'info>,
    #[account(seeds = [DISTRIBUTOR_SEED, distributor.merchant.as_ref()], bump = distributor.bump)]
    pub distributor: Box<Account<'info, Distributor>>,
    /// CHECK: created here at its PDA.
    #[account(mut, seeds = [POSITION_SEED, distributor.key().as_ref(), owner.key().as_ref()], bump)]
    pub position: UncheckedAccount<'info>,
    pub system_program: Program<'info, System>,
}

pub fn handler(ctx: Context<OpenPosition>) -> Result<()> {
    let a = &ctx.accounts;
    require!(is_uninitialized(&a.position), DistributorError::AlreadyInitialized);
    let (distributor, owner) = (a.distributor.key(), a.owner.key());
    let position = Position::new(
        distributor,
        owner,
        a.distributor.reward_per_token,
        Pubkey::default(),
        ctx.bumps.position,
    );
    position.invariant()?;
    create_anchor_account(
        &a.payer,
        &a.position,
        &a.system_program,
        8 + Position::INIT_SPACE,
        &[POSITION_SEED, distributor.as_ref(), owner.as_ref(), &[ctx.bumps.position]],
        &position,
    )?;
    emit!(PositionOpened { distributor, position: a.position.key(), owner });
    Ok(())
}
