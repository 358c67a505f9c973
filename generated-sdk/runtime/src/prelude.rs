//! The traits a user of a generated SDK calls methods of: `use payspec_runtime::prelude::*;`
//! (or the SDK's re-export) brings `validate`, `from_json`, `sign`, `to_http` and
//! `read_answer` into scope.

pub use crate::operation::{Operation, Outgoing};
pub use crate::request::Request;
pub use crate::signable::Signable;
