//! yield_tranches: the vault's life (requests, closes, claims, the waterfall and the backstop), each
//! instruction's refusals, economic attacks, and random action sequences checked against a reference waterfall.
mod actions;
mod attacks;
mod instructions;
mod lifecycle;
