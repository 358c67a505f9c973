//! The checks generated validators call, one module per kind of rule. Each records a
//! violation and returns; none stops at the first problem.
//!
//! Every function takes the violation's JSON Pointer, its rule id and, for rules of a
//! spec, the rule's own words (`why`), which end the message.

mod charset;
mod check_digit;
mod length;
mod list;
mod mask;
mod number;
mod prefix;
mod table;
mod text;

pub use charset::{Charset, chars, charset};
pub use check_digit::{CheckDigit, check_digit};
pub use length::{length, length_of, length_one_of};
pub use list::in_list;
pub use mask::{mask, mask_is_valid};
pub use number::{TimeUnit, currency_decimals, in_range, positive, timestamp};
pub use prefix::{
    char_at, equals, length_in_list, name_in_list, prefix_equals_suffix_of, prefix_in_list,
    starts_with,
};
pub use table::{MapCheck, Number, NumberCheck, TextCheck, map, number, text};
pub use text::{not_blank, plain_text};

use super::Violations;

/// Records a violation whose message ends with the rule's words, when there are any.
fn report(
    out: &mut Violations,
    path: &'static str,
    rule: &'static str,
    why: Option<&'static str>,
    detail: String,
) {
    let message = match why {
        Some(why) => format!("{detail} ({why})"),
        None => detail,
    };
    out.push(path, rule, message);
}

/// The JSON Pointer of a member of the object at `path`: its key escaped as RFC 6901
/// says (`~` as `~0`, `/` as `~1`).
pub fn member_pointer(path: &str, key: &str) -> String {
    format!("{path}/{}", key.replace('~', "~0").replace('/', "~1"))
}

/// An array has at least `min` and at most `max` items.
pub fn item_count(
    out: &mut Violations,
    path: &'static str,
    len: usize,
    min: Option<usize>,
    max: Option<usize>,
) {
    if let Some(least) = min
        && len < least
    {
        report(
            out,
            path,
            "items",
            None,
            format!("has {len} items, at least {least} are needed"),
        );
    }
    if let Some(most) = max
        && len > most
    {
        report(
            out,
            path,
            "items",
            None,
            format!("has {len} items, at most {most} are allowed"),
        );
    }
}

/// A built request's array: its size, and each item's own checks, each violation at the
/// item's pointer (`/payouts/0/amount`).
pub fn items<T: crate::Request>(
    out: &mut Violations,
    path: &'static str,
    items: &[T],
    min: Option<usize>,
    max: Option<usize>,
) {
    item_count(out, path, items.len(), min, max);
    for (index, item) in items.iter().enumerate() {
        if let Err(found) = item.check() {
            for v in found {
                out.push(format!("{path}/{index}{}", v.path), v.rule, v.message);
            }
        }
    }
}

/// A map has at most `most` pairs.
pub fn entries(
    out: &mut Violations,
    path: &'static str,
    rule: &'static str,
    why: Option<&'static str>,
    len: usize,
    most: usize,
) {
    if len > most {
        report(
            out,
            path,
            rule,
            why,
            format!("has {len} pairs, at most {most} are allowed"),
        );
    }
}

/// Runs a text check over each value of a map: its violations are at the value's own
/// pointer (`/notes/key`), not at the map's.
pub fn each_value(
    out: &mut Violations,
    path: &'static str,
    map: &std::collections::BTreeMap<String, String>,
    check: impl Fn(&mut Violations, &str),
) {
    for (key, value) in map {
        let mut found = Violations::new();
        check(&mut found, value);
        for v in found {
            out.push(member_pointer(path, key), v.rule, v.message);
        }
    }
}

/// Records that a field the rule forbids was sent.
pub fn absent(
    out: &mut Violations,
    path: &'static str,
    rule: &'static str,
    why: Option<&'static str>,
) {
    report(out, path, rule, why, "must not be sent".to_string());
}

/// Records that a field the rule needs is missing. A field that was sent but could not
/// be read (a number where text belongs) already has its violation at `path`: it is not
/// missing, so it is not reported as required too. A field sent twice whose last value
/// is `null` is missing, besides repeated.
pub fn required(
    out: &mut Violations,
    path: &'static str,
    rule: &'static str,
    why: Option<&'static str>,
) {
    const UNREADABLE: &[&str] = &["type", "enum", "amount", "fixed"];
    if out
        .iter()
        .any(|v| v.path == path && UNREADABLE.contains(&&*v.rule))
    {
        return;
    }
    report(out, path, rule, why, "is required".to_string());
}
