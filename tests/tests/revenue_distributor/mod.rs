//! `revenue_distributor`: positions, streamed distributions, claims, push payouts.
mod actions;
mod attacks;
mod instructions;
