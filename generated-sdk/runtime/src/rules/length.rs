//! Lengths of written values, counted in characters (Unicode scalar values).

use super::{Violations, report};

/// Checks that `value` has between `min` and `max` characters.
pub fn length(
    out: &mut Violations,
    path: &'static str,
    rule: &'static str,
    why: Option<&'static str>,
    value: &str,
    min: Option<usize>,
    max: Option<usize>,
) {
    // Byte length bounds the character count from above: most values are ASCII, and
    // this skips counting when the answer is already known.
    let bytes = value.len();
    if min.is_none_or(|m| bytes >= m) && max.is_none_or(|m| bytes <= m) && value.is_ascii() {
        return;
    }
    length_of(out, path, rule, why, value.chars().count(), min, max);
}

/// Checks that `value` has one of `lengths` characters (the page's "8 or 10 digits").
pub fn length_one_of(
    out: &mut Violations,
    path: &'static str,
    rule: &'static str,
    why: Option<&'static str>,
    value: &str,
    lengths: &[usize],
) {
    let len = value.chars().count();
    if !lengths.contains(&len) {
        let allowed: Vec<String> = lengths.iter().map(usize::to_string).collect();
        let detail = format!("must be {} characters long, is {len}", allowed.join(" or "));
        super::report(out, path, rule, why, detail);
    }
}

/// Checks a length already known (the digits of a number, the text of an amount).
pub fn length_of(
    out: &mut Violations,
    path: &'static str,
    rule: &'static str,
    why: Option<&'static str>,
    len: usize,
    min: Option<usize>,
    max: Option<usize>,
) {
    let detail = match (min, max) {
        (Some(lo), Some(hi)) if lo == hi && len != lo => {
            format!("must be exactly {lo} characters long, is {len}")
        }
        (Some(lo), Some(hi)) if len < lo || len > hi => {
            format!("must be {lo} to {hi} characters long, is {len}")
        }
        (Some(lo), None) if len < lo => format!("must be at least {lo} characters long, is {len}"),
        (None, Some(hi)) if len > hi => format!("must be at most {hi} characters long, is {len}"),
        _ => return,
    };
    report(out, path, rule, why, detail);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_of_several_lengths() {
        let mut out = Violations::new();
        length_one_of(&mut out, "/n", "length", None, "12345678", &[8, 10]);
        length_one_of(&mut out, "/n", "length", None, "1234567890", &[8, 10]);
        assert!(out.is_empty());
        length_one_of(&mut out, "/n", "length", None, "123456789", &[8, 10]);
        assert_eq!(out.len(), 1);
        assert!(
            out.to_string().contains("8 or 10 characters long, is 9"),
            "{out}"
        );
    }

    fn check(value: &str, min: Option<usize>, max: Option<usize>) -> Vec<String> {
        let mut out = Violations::new();
        length(&mut out, "/f", "length", None, value, min, max);
        out.iter().map(|v| v.message.clone()).collect()
    }

    #[test]
    fn counts_characters_not_bytes() {
        assert!(check("王小头", None, Some(3)).is_empty());
        assert_eq!(
            check("王小头王", None, Some(3)),
            ["must be at most 3 characters long, is 4"]
        );
    }

    #[test]
    fn reports_each_bound() {
        assert_eq!(
            check("1234", Some(16), Some(16)),
            ["must be exactly 16 characters long, is 4"]
        );
        assert_eq!(
            check("1", Some(2), None),
            ["must be at least 2 characters long, is 1"]
        );
        assert_eq!(
            check("123456789", Some(10), Some(13)),
            ["must be 10 to 13 characters long, is 9"]
        );
        assert!(check("1234567890", Some(10), Some(13)).is_empty());
    }
}
