//! payspec-sdk: the payout SDK generated from the payspec specs, and the small hand-written
//! runtime (signing primitives and the like) that the generated code calls.

pub mod runtime;
