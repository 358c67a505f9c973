//! payspec's SDK: one module per provider page, generated at build time from `specs/`.
//!
//! Each module (`teemopay_mx`, `gateway_id`, ...) holds the page's request types, its
//! enums, a typestate builder, validation that reports every violation with its JSON
//! Pointer, and decoding from JSON. The hand-written [`runtime`] holds the mechanics.

pub mod runtime;

pub use runtime::{Valid, Violation, Violations};

include!(concat!(env!("OUT_DIR"), "/specs.rs"));
