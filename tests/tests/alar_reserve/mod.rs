//! alar_reserve: the merchant's financing (proceeds, stake, shortfall cover, health, delisting), each
//! instruction's refusals, the PE band, economic attacks and random action sequences.
mod actions;
mod attacks;
mod financing;
mod instructions;
mod stabilize;
