//! payspec's runtime: everything hand-written that generated SDK code calls —
//! violations, the validated wrapper, money, the rule checks, JSON decoding, reference
//! lists, signing, the sans-IO wire and outcome classification — plus an optional
//! blocking client (feature `client`) and a mock provider (feature `mock`).
//!
//! Generated code states a spec's facts; the mechanics live here, once. It names this
//! crate through one path (`::payspec_runtime` unless the generator is told otherwise),
//! and what it names of other crates is re-exported here ([`serde`], [`serde_json`],
//! [`http`]), so a crate that generates its own SDK depends on this crate alone.

#[cfg(feature = "axum")]
pub mod axum;
#[cfg(feature = "cli")]
pub mod cli;
#[cfg(feature = "client")]
pub mod client;
#[cfg(feature = "mock")]
pub mod mock;

pub use http;
pub use serde;
pub use serde_json;

pub mod amount;
pub mod builder;
pub mod decode;
pub mod json;
pub mod nonce;
pub mod operation;
pub mod prelude;
pub mod reference;
pub mod request;
pub mod rules;
pub mod signable;
pub mod signed;
mod signer;
pub mod signing;
pub mod spec_info;
pub mod text;
pub mod valid;
pub mod violation;
pub mod wire;
mod words;

pub use amount::{AmountError, Currency, MAX_DECIMALS, Money};
pub use operation::{Create, Operation, Outgoing, Query, Role, Unsigned};
pub use reference::RefTable;
pub use request::Request;
pub use signable::{SignWith, Signable, SigningKeyOf};
pub use signed::Signed;
pub use spec_info::{OperationInfo, OperationRole, Registry, SpecInfo};
pub use valid::Valid;
pub use violation::{Violation, Violations};
