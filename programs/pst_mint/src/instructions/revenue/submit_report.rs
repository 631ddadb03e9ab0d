use crate::{constants::*, errors::PstError, events::ReportSubmitted, state::*};
use anchor_lang::prelude::*;
use pst_common::{create_anchor_account, is_uninitialized};

/// An oracle reporter submits `(period, gross_revenue, net_earnings)` for a period that has ended and is not yet
/// accepted. One submission per reporter per period; the report account is created by the first submission.
#[derive(Accounts)]
#[instruction(period: u32)]
pub struct SubmitReport<'info> {
    #[account(mut)]
    pub reporter: Signer<'info>,
    #[account(
        address = CONFIG_ADDRESS,
        constraint = config.is_oracle_reporter(&reporter.key()) @ PstError::NotOracleReporter,
    )]
    pub config: Box<Account<'info, ProtocolConfig>>,
    #[account(seeds = [FEED_SEED, feed.merchant.as_ref()], bump = feed.bump)]
    pub feed: Box<Account<'info, RevenueFeed>>,
    /// CHECK: the period's report PDA; created on the first submission, verified by its seeds.
    #[account(mut, seeds = [REPORT_SEED, feed.merchant.as_ref(), &period.to_le_bytes()], bump)]
    pub report: UncheckedAccount<'info>,
    pub system_program: Program<'info, System>,
}

pub fn handler<'info>(
    ctx: Context<'info, SubmitReport<'info>>,
    period: u32,
    gross_revenue: u64,
    net_earnings: i64,
) -> Result<()> {
    let bump = ctx.bumps.report;
    let a: &'info SubmitReport<'info> = ctx.accounts;
    a.config.require_not_paused(PAUSE_ORACLE)?;
    require!(a.feed.params.source == FeedSource::Native, PstError::WrongFeed);
    require!(period >= a.feed.next_period, PstError::PeriodAlreadyAccepted);
    let clock = Clock::get()?;
    require!(clock.unix_timestamp >= a.feed.period_end(period)?, PstError::PeriodNotEnded);
    require!(net_earnings <= gross_revenue.min(i64::MAX as u64) as i64, PstError::InvalidOracleValue);

    let merchant = a.feed.merchant;
    let info: &'info AccountInfo<'info> = &a.report;
    if is_uninitialized(info) {
        let report = PeriodReport { merchant, period, submissions: Vec::new(), accepted: None, bump };
        create_anchor_account(
            &a.reporter,
            info,
            &a.system_program,
            8 + PeriodReport::INIT_SPACE,
            &[REPORT_SEED, merchant.as_ref(), &period.to_le_bytes(), &[bump]],
            &report,
        )?;
    }
    let mut report: Account<PeriodReport> = Account::try_from(info)?;
    require!(report.accepted.is_none(), PstError::PeriodAlreadyAccepted);
    let reporter = a.reporter.key();
    require!(report.submissions.iter().all(|s| s.reporter != reporter), PstError::DuplicateSubmission);
    require!(report.submissions.len() < MAX_ORACLE_REPORTERS, PstError::InvariantViolated);
    report.submissions.push(Submission { reporter, slot: clock.slot, gross_revenue, net_earnings });
    report.invariant()?;
    let submissions = report.submissions.len() as u8;
    report.exit(&crate::ID)?;
    emit!(ReportSubmitted {
        merchant,
        period,
        reporter,
        slot: clock.slot,
        gross_revenue,
        net_earnings,
        submissions
    });
    Ok(())
}
