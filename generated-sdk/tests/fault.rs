//! Faults and fuzzing, for every spec in `payspec_sdk::SPECS`.
//!
//! - A loopback server that misbehaves on purpose (`fault/server.rs`): connections closed
//!   or reset, answers trickled, stalled, redirected, refused, huge, cut short or not
//!   HTTP. The client must never read any of them as a rejection, must send a create
//!   exactly once, and must retry a query a bounded number of times.
//! - Properties (proptest): request validation never panics on any bytes and reports
//!   violations with JSON Pointers (`fault/inputs.rs`); reading an answer never panics and
//!   never calls anything uncertain a rejection (`fault/reading.rs`).
//!
//! Each property runs 64 cases by default, to keep CI fast. Set `PAYSPEC_FUZZ_CASES` for a
//! longer run: `PAYSPEC_FUZZ_CASES=10000 cargo test -p payspec-sdk --features mock --test
//! fault`. Nothing here races a timeout: every verdict is the same on a slow machine.

// Shared with the e2e suite, of which this one uses only a part.
#[allow(dead_code)]
#[path = "e2e/support.rs"]
mod support;

#[path = "fault/answers.rs"]
mod answers;
#[path = "fault/drive.rs"]
mod drive;
#[path = "fault/fuzz.rs"]
mod fuzz;
#[path = "fault/inputs.rs"]
mod inputs;
#[path = "fault/modes.rs"]
mod modes;
#[path = "fault/reading.rs"]
mod reading;
#[path = "fault/retries.rs"]
mod retries;
#[path = "fault/server.rs"]
mod server;
#[path = "fault/transport.rs"]
mod transport;
