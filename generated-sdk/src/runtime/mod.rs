//! The hand-written runtime the generated code calls: violations, the validated wrapper,
//! money, the rule checks, JSON decoding and reference lists. The generated code states a
//! spec's facts; the mechanics live here, once.

pub mod amount;
pub mod decode;
pub mod json;
pub mod nonce;
pub mod reference;
pub mod rules;
pub mod signed;
pub mod signing;
pub mod spec_info;
pub mod text;
pub mod valid;
pub mod violation;
pub mod wire;

pub use amount::{AmountError, Currency, Money};
pub use reference::RefTable;
pub use signed::Signed;
pub use spec_info::{OperationInfo, OperationRole, SpecInfo};
pub use valid::Valid;
pub use violation::{Violation, Violations};
