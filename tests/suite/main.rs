//! The cross-crate test suite, one binary (see Cargo.toml).

mod compile_fail;
mod determinism;
mod diagnostics;
mod diagnostics_builders;
mod diagnostics_forms;
mod diagnostics_objects;
mod diagnostics_v2;
mod diff;
mod done_when;
mod examples;
mod forged_numbers;
mod golden;
mod implied;
mod kept_modules;
mod maps;
mod nonce;
mod outcomes;
mod provider_vectors;
mod providers;
mod received;
mod received_bytes;
mod registry;
mod round_trip;
mod signing;
mod typed_api;
mod wire;
