//! The program's accounts: the tranche vault, an investor's request, a closed epoch's record.
pub mod epoch;
pub mod request;
pub mod tranches;

pub use epoch::*;
pub use request::*;
pub use tranches::*;
