//! Prefix rules: a fixed prefix, a prefix matching another field, a prefix from a list.

use super::{Violations, report};
use crate::RefTable;

/// Checks that `value` starts with `prefix`.
pub fn starts_with(
    out: &mut Violations,
    path: &'static str,
    rule: &'static str,
    why: Option<&'static str>,
    value: &str,
    prefix: &str,
) {
    if !value.starts_with(prefix) {
        report(out, path, rule, why, format!("must start with {prefix:?}"));
    }
}

/// Checks that `value` is exactly `expected` (a code a condition fixes).
pub fn equals(
    out: &mut Violations,
    path: &'static str,
    rule: &'static str,
    why: Option<&'static str>,
    value: &str,
    expected: &str,
) {
    if value != expected {
        report(out, path, rule, why, format!("must be {expected:?}"));
    }
}

/// Checks that the character at `position` (1 for the first) is one of `one_of`; a value
/// too short to have that character is refused too.
pub fn char_at(
    out: &mut Violations,
    path: &'static str,
    rule: &'static str,
    why: Option<&'static str>,
    value: &str,
    position: usize,
    one_of: &str,
) {
    let found = value.chars().nth(position.saturating_sub(1));
    if !found.is_some_and(|c| one_of.contains(c)) {
        let allowed: Vec<String> = one_of.chars().map(|c| format!("{c:?}")).collect();
        report(
            out,
            path,
            rule,
            why,
            format!("its character {position} must be {}", allowed.join(" or ")),
        );
    }
}

/// First `n` characters of `s`, or `None` when it is shorter.
fn head(s: &str, n: usize) -> Option<&str> {
    match s.char_indices().nth(n) {
        Some((end, _)) => Some(&s[..end]),
        None if s.chars().count() == n => Some(s),
        None => None,
    }
}

/// Last `n` characters of `s`, or `None` when it is shorter.
fn tail(s: &str, n: usize) -> Option<&str> {
    let count = s.chars().count();
    if count < n {
        return None;
    }
    s.char_indices()
        .nth(count - n)
        .map(|(start, _)| &s[start..])
        .or(Some(""))
}

/// Checks that the first `n` characters of `value` equal the last `n` of `other`
/// (a CLABE's bank prefix against the bank code).
#[allow(clippy::too_many_arguments)] // Each is one fact of the rule; a struct would only rename them.
pub fn prefix_equals_suffix_of(
    out: &mut Violations,
    path: &'static str,
    rule: &'static str,
    why: Option<&'static str>,
    value: &str,
    other_name: &'static str,
    other: &str,
    n: usize,
) {
    let Some(expected) = tail(other, n) else {
        report(
            out,
            path,
            rule,
            why,
            format!("cannot be checked: `{other_name}` {other:?} is shorter than {n} characters"),
        );
        return;
    };
    if head(value, n) != Some(expected) {
        report(
            out,
            path,
            rule,
            why,
            format!("must start with {expected:?}, the last {n} characters of `{other_name}`"),
        );
    }
}

/// Checks that the first `n` characters of `value` are among the values `table` lists
/// under `key` (a card's BIN among its bank's BINs). No entry, or an entry with no
/// values, means nothing to check against: the rule passes.
#[allow(clippy::too_many_arguments)] // Each is one fact of the rule; a struct would only rename them.
pub fn prefix_in_list(
    out: &mut Violations,
    path: &'static str,
    rule: &'static str,
    why: Option<&'static str>,
    value: &str,
    key: &str,
    table: &RefTable,
    n: usize,
) {
    let Some(listed) = table.get(key).filter(|values| !values.is_empty()) else {
        return;
    };
    let prefix = head(value, n);
    if !prefix.is_some_and(|p| listed.contains(&p)) {
        report(
            out,
            path,
            rule,
            why,
            format!(
                "its first {n} characters must be one of {listed:?} (listed for {key:?} in `{}`)",
                table.name
            ),
        );
    }
}

/// Checks that `value` is the name `table` gives `key` (bankName is the name the bank
/// list gives bankCode), exactly as the list writes it. A key the list does not have, or
/// lists without a name, means nothing to check against: the rule passes.
#[allow(clippy::too_many_arguments)] // Each is one fact of the rule; a struct would only rename them.
pub fn name_in_list(
    out: &mut Violations,
    path: &'static str,
    rule: &'static str,
    why: Option<&'static str>,
    value: &str,
    key_name: &'static str,
    key: &str,
    table: &RefTable,
) {
    let Some(name) = table.name_of(key) else {
        return;
    };
    if value != name {
        report(
            out,
            path,
            rule,
            why,
            format!(
                "must be {name:?}, the name `{}` gives `{key_name}` {key:?}",
                table.name
            ),
        );
    }
}

/// Checks that `value` has one of the lengths (in characters) `table` gives `key` as
/// `attribute` (`"14|13"`: an account of 14 or 13 characters at that bank). No entry,
/// or none with the attribute, means nothing to check against: the rule passes.
#[allow(clippy::too_many_arguments)] // Each is one fact of the rule; a struct would only rename them.
pub fn length_in_list(
    out: &mut Violations,
    path: &'static str,
    rule: &'static str,
    why: Option<&'static str>,
    value: &str,
    key_name: &'static str,
    key: &str,
    table: &RefTable,
    attribute: &'static str,
) {
    let Some(lengths) = table.attribute_of(key, attribute) else {
        return;
    };
    let length = value.chars().count().to_string();
    if !lengths.split('|').any(|n| n == length) {
        let allowed = lengths.replace('|', " or ");
        report(
            out,
            path,
            rule,
            why,
            format!(
                "must have {allowed} characters, as `{}` gives `{key_name}` {key:?} (it has {length})",
                table.name
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static BANKS: RefTable = RefTable {
        name: "banks",
        entries: &[("40012", &["415231"]), ("646", &[])],
        names: &["BBVA MEXICO", ""],
        attributes: &[&[("account_length", "14|13")], &[]],
    };

    #[test]
    fn equals_and_the_character_at_a_position() {
        assert_eq!(
            run(|o| equals(o, "/c", "r", None, "EASYPAISA", "EASYPAISA")),
            0
        );
        assert_eq!(
            run(|o| equals(o, "/c", "r", None, "easypaisa", "EASYPAISA")),
            1
        );
        assert_eq!(
            run(|o| char_at(o, "/c", "r", None, "SBIN0001234", 5, "0")),
            0
        );
        assert_eq!(
            run(|o| char_at(o, "/c", "r", None, "SBIN1001234", 5, "0")),
            1
        );
        assert_eq!(
            run(|o| char_at(o, "/c", "r", None, "SBI", 5, "0")),
            1,
            "too short"
        );
    }

    #[test]
    fn a_length_must_be_one_the_list_gives_the_key() {
        let check = |value: &str, key: &str| {
            run(|o| {
                length_in_list(
                    o,
                    "/bankAccount",
                    "r",
                    None,
                    value,
                    "bankCode",
                    key,
                    &BANKS,
                    "account_length",
                )
            })
        };
        assert_eq!(check("12345678901234", "40012"), 0);
        assert_eq!(check("1234567890123", "40012"), 0);
        assert_eq!(check("123456789012", "40012"), 1);
        assert_eq!(check("1", "646"), 0, "no attribute: no check");
        assert_eq!(check("1", "99999"), 0, "not listed: no check");
    }

    #[test]
    fn a_name_must_be_the_lists_name_of_the_key_when_it_has_one() {
        let check = |value: &str, key: &str| {
            run(|o| name_in_list(o, "/bankName", "r", None, value, "bankCode", key, &BANKS))
        };
        assert_eq!(check("BBVA MEXICO", "40012"), 0);
        assert_eq!(check("BBVA", "40012"), 1);
        assert_eq!(
            check("anything", "646"),
            0,
            "listed without a name: no check"
        );
        assert_eq!(check("anything", "99999"), 0, "not listed: no check");
    }

    fn run(f: impl FnOnce(&mut Violations)) -> usize {
        let mut out = Violations::new();
        f(&mut out);
        out.len()
    }

    #[test]
    fn prefix_must_equal_the_other_fields_suffix() {
        assert_eq!(
            run(|o| prefix_equals_suffix_of(
                o,
                "/a",
                "r",
                None,
                "012345678901234567",
                "bankCode",
                "40012",
                3
            )),
            0
        );
        assert_eq!(
            run(|o| prefix_equals_suffix_of(
                o,
                "/a",
                "r",
                None,
                "646345678901234567",
                "bankCode",
                "40012",
                3
            )),
            1
        );
        assert_eq!(
            run(|o| prefix_equals_suffix_of(o, "/a", "r", None, "01", "bankCode", "40012", 3)),
            1
        );
        assert_eq!(
            run(|o| prefix_equals_suffix_of(o, "/a", "r", None, "012", "bankCode", "12", 3)),
            1
        );
    }

    #[test]
    fn no_list_means_no_check() {
        assert_eq!(
            run(|o| prefix_in_list(o, "/a", "r", None, "4152310000000000", "40012", &BANKS, 6)),
            0
        );
        assert_eq!(
            run(|o| prefix_in_list(o, "/a", "r", None, "9999990000000000", "40012", &BANKS, 6)),
            1
        );
        assert_eq!(
            run(|o| prefix_in_list(o, "/a", "r", None, "9999990000000000", "646", &BANKS, 6)),
            0
        );
        assert_eq!(
            run(|o| prefix_in_list(
                o,
                "/a",
                "r",
                None,
                "9999990000000000",
                "unlisted",
                &BANKS,
                6
            )),
            0
        );
    }

    #[test]
    fn heads_and_tails_count_characters() {
        assert_eq!(head("王小头", 2), Some("王小"));
        assert_eq!(head("ab", 3), None);
        assert_eq!(tail("40012", 3), Some("012"));
        assert_eq!(tail("12", 3), None);
    }
}
