//! payspec's SDK: one module per provider page, generated at build time from `specs/`.
//!
//! Each module (`teemopay_mx`, `gateway_id`, ...) holds the page's request types, its
//! enums, a typestate builder, validation that reports every violation with its JSON
//! Pointer, and decoding from JSON. The hand-written [`runtime`] holds the mechanics.

/// The runtime the generated modules call (the `payspec-runtime` crate).
pub use payspec_runtime as runtime;
#[cfg(feature = "client")]
pub use payspec_runtime::client;
#[cfg(feature = "mock")]
pub use payspec_runtime::mock;

/// The traits whose methods a user calls (`validate`, `from_json`, `sign`, `to_http`,
/// `read_answer`): `use payspec_sdk::prelude::*;`.
pub use payspec_runtime::prelude;

/// The `http` crate whose types the wire layer takes and returns.
pub use payspec_runtime::http;
pub use payspec_runtime::{Signed, Valid, Violation, Violations};

include!(concat!(env!("OUT_DIR"), "/specs.rs"));
