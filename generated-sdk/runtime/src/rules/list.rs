//! Membership in a reference list.

use super::{Violations, report};
use crate::RefTable;

/// Checks that `value` is a key of `table`.
pub fn in_list(
    out: &mut Violations,
    path: &'static str,
    rule: &'static str,
    why: Option<&'static str>,
    value: &str,
    table: &RefTable,
) {
    if !table.contains(value) {
        report(
            out,
            path,
            rule,
            why,
            format!("{value:?} is not in the list `{}`", table.name),
        );
    }
}
