//! `amm_pool`: the pool, its curve, liquidity, TWAP and dividends for LPs.
mod actions;
mod attacks;
mod instructions;
mod twap;
