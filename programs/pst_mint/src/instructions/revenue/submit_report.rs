use crate::{constants::*, errors::PstError, events::ReportSubmitted, state::*};
use anchor_lang::prelude::*;

/// An oracle reporter submits `(period, gross_revenue, net_earnings, inventory_value)` (the period's closing
/// inventory at cost) for a period that has ended and is not yet accepted. One submission per reporter per period: submitting again replaces it (a refresh, with the new slot);
/// submissions of removed reporters are dropped. The report account is created by the period's first submission
/// or sweep.
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

pub fn handler(
    ctx: Context<SubmitReport>,
    period: u32,
    gross_revenue: u64,
    net_earnings: i64,
    inventory_value: u64,
) -> Result<()> {
    let bump = ctx.bumps.report;
    let a = &ctx.accounts;
    a.config.require_not_paused(PAUSE_ORACLE)?;
    require!(a.feed.params.source == FeedSource::Native, PstError::WrongFeed);
    require!(period >= a.feed.next_period, PstError::PeriodAlreadyAccepted);
    let clock = Clock::get()?;
    require!(clock.unix_timestamp >= a.feed.period_end(period)?, PstError::PeriodNotEnded);
    require!(net_earnings <= gross_revenue.min(i64::MAX as u64) as i64, PstError::InvalidOracleValue);

    let merchant = a.feed.merchant;
    let mut report =
        PeriodReport::load_or_create(&a.report, &a.reporter, &a.system_program, merchant, period, bump)?;
    require!(report.accepted.is_none(), PstError::PeriodAlreadyAccepted);
    let reporter = a.reporter.key();
    // submissions of keys that no longer hold the role count for nothing: drop them, so they can never fill the
    // report and keep a current reporter out
    report.submissions.retain(|s| a.config.is_oracle_reporter(&s.reporter));
    let submission = Submission { reporter, slot: clock.slot, gross_revenue, net_earnings, inventory_value };
    // a reporter refreshes its own submission (a new value, a new slot): a period whose submissions went stale
    // is never stuck
    let replaced = match report.submissions.iter_mut().find(|s| s.reporter == reporter) {
        Some(existing) => {
            *existing = submission;
            true
        }
        None => {
            require!(report.submissions.len() < MAX_ORACLE_REPORTERS, PstError::InvariantViolated);
            report.submissions.push(submission);
            false
        }
    };
    report.store(&a.report)?;
    let submissions = report.submissions.len() as u8;
    emit!(ReportSubmitted {
        merchant,
        period,
        reporter,
        slot: clock.slot,
        gross_revenue,
        net_earnings,
        inventory_value,
        submissions,
        replaced,
    });
    Ok(())
}
