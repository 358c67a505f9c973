//! payspec's SDK: one module per provider page, generated at build time from `specs/`.
//!
//! Each module (`teemopay_mx`, `gateway_id`, ...) holds the page's request types, its
//! enums, a typestate builder, validation that reports every violation with its JSON
//! Pointer, and decoding from JSON. The hand-written [`runtime`] holds the mechanics.

pub mod runtime;

#[cfg(feature = "client")]
pub mod client;
#[cfg(feature = "mock")]
pub mod mock;

/// The `http` crate whose types the wire layer takes and returns.
pub use http;
pub use runtime::{Signed, Valid, Violation, Violations};

include!(concat!(env!("OUT_DIR"), "/specs.rs"));
