use crate::{errors::TrancheError, state::Tranche};
use anchor_lang::prelude::*;

/// An investor's queued deposit and redemption in one tranche, and what executed for them and is not claimed yet.
/// PDA `["request", tranches, owner, [tranche]]`. Its cursor `next_epoch` is the first epoch whose close has not
/// been applied to it: `claim_request` applies each record once, in order, so nothing executes twice.
#[account]
#[derive(InitSpace, Debug)]
pub struct Request {
    pub tranches: Pubkey,
    pub owner: Pubkey,
    pub tranche: Tranche,
    pub next_epoch: u32,
    /// USDC queued to buy shares.
    pub deposit: u64,
    /// Shares queued to redeem (in the tranche's escrow).
    pub redeem: u64,
    /// Executed and not claimed yet.
    pub shares_to_claim: u64,
    pub usdc_to_claim: u64,
    /// Lifetime totals: USDC and shares requested (less what was cancelled), and what they brought.
    pub deposited: u64,
    pub shares_received: u64,
    pub redeemed: u64,
    pub usdc_received: u64,
    pub bump: u8,
}

impl Request {
    pub fn is_empty(&self) -> bool {
        self.deposit == 0 && self.redeem == 0 && self.shares_to_claim == 0 && self.usdc_to_claim == 0
    }

    /// Holds after every instruction that mutates a request: its cursor is never past the open epoch, and what is
    /// queued never exceeds what was requested.
    pub fn invariant(&self, open_epoch: u32) -> Result<()> {
        require!(self.next_epoch <= open_epoch, TrancheError::InvariantViolated);
        require!(
            self.deposit <= self.deposited && self.redeem <= self.redeemed,
            TrancheError::InvariantViolated
        );
        Ok(())
    }
}

/// Load the request of `(tranches, owner, tranche)` at `info` (its PDA, checked by the caller; its cursor caught up
/// if nothing is queued), creating it if it does not exist yet (paid by `payer`). Refuses an account of another program or type with Anchor's own errors, and a
/// request of another owner, vault or tranche by name.
pub fn open_request<'info>(
    payer: &AccountInfo<'info>,
    info: &AccountInfo<'info>,
    system_program: &AccountInfo<'info>,
    (tranches, owner, tranche): (Pubkey, Pubkey, Tranche),
    open_epoch: u32,
    bump: u8,
) -> Result<Request> {
    if pst_common::is_uninitialized(info) {
        let request = Request {
            tranches,
            owner,
            tranche,
            next_epoch: open_epoch,
            deposit: 0,
            redeem: 0,
            shares_to_claim: 0,
            usdc_to_claim: 0,
            deposited: 0,
            shares_received: 0,
            redeemed: 0,
            usdc_received: 0,
            bump,
        };
        let seeds: &[&[u8]] =
            &[crate::constants::REQUEST_SEED, tranches.as_ref(), owner.as_ref(), &tranche.seed(), &[bump]];
        pst_common::create_anchor_account(
            payer,
            info,
            system_program,
            8 + Request::INIT_SPACE,
            seeds,
            &request,
        )?;
        return Ok(request);
    }
    let mut request = load_request(info, tranches, owner, tranche)?;
    catch_up(&mut request, open_epoch);
    Ok(request)
}

/// Load an existing request (see [`open_request`]); `NoRequest` if there is none.
pub fn load_request(
    info: &AccountInfo,
    tranches: Pubkey,
    owner: Pubkey,
    tranche: Tranche,
) -> Result<Request> {
    require!(!pst_common::is_uninitialized(info), TrancheError::NoRequest);
    require_keys_eq!(*info.owner, crate::ID, ErrorCode::AccountOwnedByWrongProgram);
    let request = Request::try_deserialize(&mut &info.try_borrow_data()?[..])?;
    require_keys_eq!(request.tranches, tranches, TrancheError::WrongTranches);
    require_keys_eq!(request.owner, owner, TrancheError::NotRequestOwner);
    require!(request.tranche == tranche, TrancheError::WrongTranche);
    Ok(request)
}

/// Move the cursor of a request with nothing queued to `open_epoch`: no close can concern it.
pub fn catch_up(request: &mut Request, open_epoch: u32) {
    if request.deposit == 0 && request.redeem == 0 {
        request.next_epoch = open_epoch;
    }
}

/// Write `request` back to `info`.
pub fn save_request(info: &AccountInfo, request: &Request, open_epoch: u32) -> Result<()> {
    request.invariant(open_epoch)?;
    let mut data = info.try_borrow_mut_data()?;
    let mut writer: &mut [u8] = &mut data;
    request.try_serialize(&mut writer)
}
