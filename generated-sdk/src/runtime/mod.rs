//! The hand-written runtime that generated code calls for the mechanics.

pub mod signing;
