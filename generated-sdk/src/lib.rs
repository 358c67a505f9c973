//! payspec's SDK: one module per provider page, generated at build time from `specs/`.
//!
//! Each module (`teemopay_mx`, `gateway_id`, ...) holds the page's request types, its
//! enums, a typestate builder, validation that reports every violation with its JSON
//! Pointer, and decoding from JSON. The hand-written [`runtime`] holds the mechanics.

pub mod runtime;

pub use runtime::{Signed, Valid, Violation, Violations};
/// The `http` crate whose types the wire layer takes and returns.
pub use http;

include!(concat!(env!("OUT_DIR"), "/specs.rs"));
