//! A field's checks as data: generated code states each field's checks in a table and
//! makes one call per field, and these functions run each check of the table, in order,
//! with the rule functions of this module. The checks are compiled once, here, instead
//! of once per field in every generated module.

use std::collections::BTreeMap;

use super::{
    Charset, CheckDigit, TimeUnit, chars, charset, check_digit, each_value, entries, in_list,
    in_range, length, length_of, length_one_of, mask, not_blank, plain_text, positive, starts_with,
    timestamp,
};
use crate::words::{ONES, TOPS, any_word};
use crate::{RefTable, Violations};

/// A check of a text field (or of each value of a map).
#[derive(Debug, Clone, Copy)]
pub enum TextCheck {
    /// At least, at most this many characters ([`length`]).
    Length(Option<usize>, Option<usize>),
    /// One of these many characters ([`length_one_of`]).
    LengthOneOf(&'static [usize]),
    /// Only characters of the set ([`charset`]).
    Charset(Charset),
    /// Only characters in these inclusive ranges, shown as the text ([`chars`]).
    Chars(&'static [(char, char)], &'static str),
    /// A valid check digit ([`check_digit`]).
    CheckDigit(CheckDigit),
    /// Starts with the text ([`starts_with`]).
    StartsWith(&'static str),
    /// Listed in the reference list ([`in_list`]).
    InList(&'static RefTable),
    /// Not only whitespace ([`not_blank`]).
    NotBlank,
    /// No control characters ([`plain_text`]).
    PlainText,
    /// Shaped as the mask ([`mask`]).
    Mask(&'static str),
}

/// A check of a number: an amount (in minor units) or a whole number.
#[derive(Debug, Clone, Copy)]
pub enum NumberCheck {
    /// Its text has at least, at most this many characters ([`length_of`]).
    Length(Option<usize>, Option<usize>),
    /// Within the bounds, each `(value, the spec's text)` ([`in_range`]).
    Range(Option<(u64, &'static str)>, Option<(u64, &'static str)>),
    /// Above zero ([`positive`]).
    Positive,
    /// A plausible timestamp in the unit ([`timestamp`]).
    Timestamp(TimeUnit),
}

/// A check of a map of text values.
#[derive(Debug, Clone, Copy)]
pub enum MapCheck {
    /// At most this many pairs ([`entries`]).
    Entries(usize),
    /// A text check of each value, at the value's own pointer ([`each_value`]).
    Each(TextCheck),
}

/// A number as its checks read it: its value (an amount's minor units) and the length
/// of its text as sent (an amount's main-unit text, a whole number's digits).
#[derive(Debug, Clone, Copy)]
pub struct Number {
    value: u64,
    len: usize,
}

impl Number {
    /// An amount of `minor` minor units written as a text of `len` characters.
    pub const fn new(minor: u64, len: usize) -> Number {
        Number { value: minor, len }
    }

    /// A whole number, written as its digits.
    #[inline]
    pub fn whole(value: u64) -> Number {
        Number {
            value,
            len: crate::amount::decimal_digits(value),
        }
    }
}

/// Runs each `(rule id, check)` of a text field that is there; `why`: the words of the
/// spec's rule the checks belong to, if any.
pub fn text(
    out: &mut Violations,
    path: &'static str,
    why: Option<&'static str>,
    value: Option<&str>,
    checks: &[(&'static str, TextCheck)],
) {
    let Some(value) = value else { return };
    // Most values are short printable ASCII: one pass over the bytes answers the common
    // checks, each then a comparison, not a scan.
    let printable = is_printable_ascii(value.as_bytes());
    for &(rule, check) in checks {
        if !(printable && passes_printable(value, check)) {
            text_check(out, path, rule, why, value, check);
        }
    }
}

/// Whether every byte is printable ASCII (0x20 to 0x7E), eight bytes at a time: a word
/// has a byte below 0x20 when subtracting 0x20 from each byte borrows into its top bit,
/// and one above 0x7E when adding 1 carries into it or it is set already.
fn is_printable_ascii(bytes: &[u8]) -> bool {
    let outside = |x: u64| (x.wrapping_sub(0x20 * ONES) & !x) | x.wrapping_add(ONES) | x;
    any_word(bytes, b'a', outside) & TOPS == 0
}

/// Whether `check` certainly passes for a value of printable ASCII (one byte per
/// character, no control or bidirectional character, no white space but the space);
/// `false` when the check itself must decide.
fn passes_printable(value: &str, check: TextCheck) -> bool {
    let chars = value.len();
    match check {
        TextCheck::Length(min, max) => {
            min.is_none_or(|m| chars >= m) && max.is_none_or(|m| chars <= m)
        }
        TextCheck::PlainText => true,
        TextCheck::NotBlank => value.bytes().any(|b| b != b' '),
        _ => false,
    }
}

fn text_check(
    out: &mut Violations,
    path: &'static str,
    rule: &'static str,
    why: Option<&'static str>,
    value: &str,
    check: TextCheck,
) {
    match check {
        TextCheck::Length(min, max) => length(out, path, rule, why, value, min, max),
        TextCheck::LengthOneOf(lengths) => length_one_of(out, path, rule, why, value, lengths),
        TextCheck::Charset(set) => charset(out, path, rule, why, value, set),
        TextCheck::Chars(ranges, shown) => chars(out, path, rule, why, value, ranges, shown),
        TextCheck::CheckDigit(algorithm) => check_digit(out, path, rule, why, value, algorithm),
        TextCheck::StartsWith(prefix) => starts_with(out, path, rule, why, value, prefix),
        TextCheck::InList(table) => in_list(out, path, rule, why, value, table),
        TextCheck::NotBlank => not_blank(out, path, rule, why, value),
        TextCheck::PlainText => plain_text(out, path, rule, why, value),
        TextCheck::Mask(shape) => mask(out, path, rule, why, value, shape),
    }
}

/// Runs each `(rule id, check)` of a number field that is there.
pub fn number(
    out: &mut Violations,
    path: &'static str,
    why: Option<&'static str>,
    value: Option<Number>,
    checks: &[(&'static str, NumberCheck)],
) {
    let Some(Number { value, len }) = value else {
        return;
    };
    for &(rule, check) in checks {
        match check {
            NumberCheck::Length(min, max)
                if min.is_none_or(|m| len >= m) && max.is_none_or(|m| len <= m) => {}
            NumberCheck::Length(min, max) => length_of(out, path, rule, why, len, min, max),
            NumberCheck::Range(min, max) => in_range(out, path, rule, why, value, min, max),
            NumberCheck::Positive => positive(out, path, rule, why, value),
            NumberCheck::Timestamp(unit) => timestamp(out, path, rule, why, value, unit),
        }
    }
}

/// Runs each `(rule id, check)` of a map field that is there: its size, or a check of
/// each value.
pub fn map(
    out: &mut Violations,
    path: &'static str,
    why: Option<&'static str>,
    value: Option<&BTreeMap<String, String>>,
    checks: &[(&'static str, MapCheck)],
) {
    let Some(map) = value else { return };
    for &(rule, check) in checks {
        match check {
            MapCheck::Entries(most) => entries(out, path, rule, why, map.len(), most),
            MapCheck::Each(check) => each_value(out, path, map, |out, value| {
                text_check(out, path, rule, why, value, check);
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printable_ascii_is_told_at_every_position_of_a_word() {
        crate::words::agrees_at_every_position(is_printable_ascii, |b| (0x20..0x7f).contains(&b));
        for len in 0..20 {
            assert!(is_printable_ascii(&vec![b'~'; len]));
            assert!(is_printable_ascii(&vec![b' '; len]));
        }
    }

    /// Every string of up to four characters over an alphabet of printable ASCII, the
    /// space, control, non-ASCII space, accented and bidirectional characters: the
    /// printable shortcut must report exactly what the checks themselves report.
    #[test]
    fn the_printable_shortcut_agrees_with_the_checks() {
        const ALPHABET: [char; 9] = [
            ' ', 'a', '~', '\t', '\0', '\u{7f}', '\u{a0}', 'é', '\u{202e}',
        ];
        let mut values = vec![String::new()];
        let mut level = values.clone();
        for _ in 0..4 {
            level = level
                .iter()
                .flat_map(|v| ALPHABET.iter().map(move |c| format!("{v}{c}")))
                .collect();
            values.extend(level.iter().cloned());
        }
        assert_eq!(values.len(), 1 + 9 + 81 + 729 + 6561);
        let bounds = [None, Some(0), Some(1), Some(3), Some(4)];
        for value in &values {
            for min in bounds {
                for max in bounds {
                    let checks = [
                        ("length", TextCheck::Length(min, max)),
                        ("required", TextCheck::NotBlank),
                        ("control-char", TextCheck::PlainText),
                    ];
                    let mut shortcut = Violations::new();
                    text(&mut shortcut, "/f", None, Some(value), &checks);
                    let mut direct = Violations::new();
                    length(&mut direct, "/f", "length", None, value, min, max);
                    not_blank(&mut direct, "/f", "required", None, value);
                    plain_text(&mut direct, "/f", "control-char", None, value);
                    assert_eq!(shortcut, direct, "{value:?} within {min:?}..{max:?}");
                }
            }
        }
    }
}
