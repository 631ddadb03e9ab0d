use crate::{
    constants::*,
    errors::PstError,
    events::{PeriodAccepted, ShortfallRecorded},
    math::*,
    oracle::{evaluate_native, switchboard_amount, switchboard_net, PeriodValue},
    state::*,
};
use anchor_lang::prelude::*;

/// A keeper accepts the next period of a merchant's feed once it has ended: the aggregated value (gross revenue,
/// net earnings and closing inventory: medians of fresh submissions within the variance) is frozen, the
/// market-intelligence metrics are recomputed (days of inventory under the protocol's floor), and the
/// revenue share swept during the period is compared with what was due. A period short beyond the tolerance is
/// recorded for `alar_reserve` and puts the merchant on Watch. Stale, thin or divergent data is refused.
#[derive(Accounts)]
pub struct AcceptPeriod<'info> {
    #[account(address = CONFIG_ADDRESS)]
    pub config: Box<Account<'info, ProtocolConfig>>,
    #[account(seeds = [MERCHANT_SEED, merchant.authority.as_ref()], bump = merchant.bump)]
    pub merchant: Box<Account<'info, Merchant>>,
    #[account(mut, seeds = [FEED_SEED, merchant.key().as_ref()], bump = feed.bump)]
    pub feed: Box<Account<'info, RevenueFeed>>,
    #[account(mut, seeds = [METRICS_SEED, merchant.key().as_ref()], bump = metrics.bump)]
    pub metrics: Box<Account<'info, MerchantMetrics>>,
    #[account(mut, seeds = [SETTLEMENT_SEED, merchant.key().as_ref()], bump = settlement.bump)]
    pub settlement: Box<Account<'info, Settlement>>,
    /// CHECK: the period's report PDA (its seeds are checked): the native submissions, and the share swept
    /// during the period. A Switchboard period that saw no sweep has none (its share was 0).
    #[account(mut, seeds = [REPORT_SEED, merchant.key().as_ref(), &feed.next_period.to_le_bytes()], bump)]
    pub report: UncheckedAccount<'info>,
    /// CHECK: the Switchboard gross-revenue feed (Switchboard feeds); owner and layout checked when decoded.
    pub switchboard_gross: Option<UncheckedAccount<'info>>,
    /// CHECK: the Switchboard net-earnings feed (Switchboard feeds); owner and layout checked when decoded.
    pub switchboard_net: Option<UncheckedAccount<'info>>,
    /// CHECK: the Switchboard closing-inventory feed (Switchboard feeds); owner and layout checked when decoded.
    pub switchboard_inventory: Option<UncheckedAccount<'info>>,
}

pub fn handler(ctx: Context<AcceptPeriod>, period: u32) -> Result<()> {
    let a = &ctx.accounts;
    a.config.require_not_paused(PAUSE_ORACLE)?;
    let feed = &a.feed;
    require!(period == feed.next_period, PstError::OutOfOrderPeriod);
    let clock = Clock::get()?;
    require!(clock.unix_timestamp >= feed.period_end(period)?, PstError::PeriodNotEnded);
    let rules = feed.params.rules();
    let report = if pst_common::is_uninitialized(&a.report) {
        None
    } else {
        require_keys_eq!(*a.report.owner, crate::ID, PstError::WrongFeed);
        Some(PeriodReport::try_deserialize(&mut &a.report.try_borrow_data()?[..])?)
    };
    if let Some(r) = &report {
        require!(r.accepted.is_none(), PstError::PeriodAlreadyAccepted);
    }

    let value = match feed.params.source {
        FeedSource::Native => {
            let report = report.as_ref().ok_or(PstError::UnknownPeriod)?;
            evaluate_native(report, &a.config, &rules, clock.slot)?
        }
        FeedSource::Switchboard { gross_feed, net_feed, inventory_feed } => {
            let g = a.switchboard_gross.as_ref().ok_or(PstError::WrongFeed)?;
            let n = a.switchboard_net.as_ref().ok_or(PstError::WrongFeed)?;
            let i = a.switchboard_inventory.as_ref().ok_or(PstError::WrongFeed)?;
            require_keys_eq!(g.key(), gross_feed, PstError::WrongFeed);
            require_keys_eq!(n.key(), net_feed, PstError::WrongFeed);
            require_keys_eq!(i.key(), inventory_feed, PstError::WrongFeed);
            let (gross_revenue, responses) = switchboard_amount(g, &rules, clock.slot)?;
            let net_earnings = switchboard_net(n, &rules, clock.slot)?;
            let (inventory_value, _) = switchboard_amount(i, &rules, clock.slot)?;
            PeriodValue { gross_revenue, net_earnings, inventory_value, responses }
        }
    };
    let PeriodValue { gross_revenue: gross, net_earnings: net, inventory_value, responses } = value;
    let accepted = AcceptedRevenue {
        period,
        gross_revenue: gross,
        net_earnings: net,
        inventory_value,
        slot: clock.slot,
        responses,
    };

    // share due for the period (rounded as a sweep rounds: in holders' favour) against what was swept
    let (share_due, _) = split_inflow(gross, a.merchant.economics.revenue_share_bps).or_overflow()?;
    let share_paid = report.as_ref().map_or(0, |r| r.swept_share);
    let tolerated =
        bps_of(share_due, crate::constants::BPS_DENOMINATOR - a.feed.params.shortfall_tolerance_bps)
            .or_overflow()?;
    let short = share_paid < tolerated;
    let shortfall = if short { share_due.saturating_sub(share_paid) } else { 0 };

    if let Some(mut report) = report {
        report.accepted = Some(accepted);
        report.store(&ctx.accounts.report)?;
    }
    let now = clock.unix_timestamp;
    let metrics = &mut ctx.accounts.metrics;
    metrics.push(
        PeriodRecord {
            period,
            revenue: gross,
            earnings: net,
            share_due,
            share_paid,
            shortfall,
            inventory: inventory_value,
        },
        now,
        ctx.accounts.config.merchant_rules.inventory_floor_days,
    )?;
    let feed = &mut ctx.accounts.feed;
    feed.next_period = period.checked_add(1).ok_or(PstError::MathOverflow)?;
    feed.invariant()?;
    if short {
        let settlement = &mut ctx.accounts.settlement;
        settlement.shortfall_recorded = settlement.shortfall_recorded.safe_add(shortfall).or_overflow()?;
        settlement.short_periods = settlement.short_periods.saturating_add(1);
        settlement.invariant()?;
        emit!(ShortfallRecorded {
            merchant: ctx.accounts.merchant.key(),
            period,
            share_due,
            share_paid,
            shortfall,
            recorded_total: settlement.shortfall_recorded,
        });
    }
    let metrics = &ctx.accounts.metrics;
    emit!(PeriodAccepted {
        merchant: ctx.accounts.merchant.key(),
        period,
        gross_revenue: gross,
        net_earnings: net,
        inventory_value,
        responses,
        share_due,
        share_paid,
        coverage_bps: metrics.coverage_bps,
        inventory_days_x100: metrics.inventory_days_x100.unwrap_or_default(),
        health: metrics.health,
    });
    Ok(())
}
