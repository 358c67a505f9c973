//! Masks: a value's shape, one mask character per value character. `9` is a digit, `A`
//! an ASCII letter, `*` an ASCII letter or digit, `\` makes the next character literal,
//! and any other character stands for itself (`9999-99-99` is a date's shape).

use super::{Violations, report};

/// One position of a mask.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    Digit,
    Letter,
    LetterOrDigit,
    Literal(char),
}

impl Slot {
    fn allows(self, c: char) -> bool {
        match self {
            Slot::Digit => c.is_ascii_digit(),
            Slot::Letter => c.is_ascii_alphabetic(),
            Slot::LetterOrDigit => c.is_ascii_alphanumeric(),
            Slot::Literal(l) => c == l,
        }
    }

    fn describe(self) -> String {
        match self {
            Slot::Digit => "a digit".into(),
            Slot::Letter => "a letter".into(),
            Slot::LetterOrDigit => "a letter or digit".into(),
            Slot::Literal(l) => format!("{l:?}"),
        }
    }
}

/// A mask's slots; `None` for a mask that ends in a lone `\`.
fn slots(mask: &str) -> Option<Vec<Slot>> {
    let mut out = Vec::new();
    let mut chars = mask.chars();
    while let Some(c) = chars.next() {
        out.push(match c {
            '9' => Slot::Digit,
            'A' => Slot::Letter,
            '*' => Slot::LetterOrDigit,
            '\\' => Slot::Literal(chars.next()?),
            other => Slot::Literal(other),
        });
    }
    Some(out)
}

/// Whether a mask is well formed: not empty, no lone `\` at its end.
pub fn mask_is_valid(mask: &str) -> bool {
    slots(mask).is_some_and(|s| !s.is_empty())
}

/// Checks that `value` has the shape of `mask`; reports its length or the first
/// character out of place.
pub fn mask(
    out: &mut Violations,
    path: &'static str,
    rule: &'static str,
    why: Option<&'static str>,
    value: &str,
    mask: &'static str,
) {
    let Some(slots) = slots(mask) else {
        report(out, path, rule, why, format!("has no valid mask `{mask}`"));
        return;
    };
    let found = value.chars().count();
    if found != slots.len() {
        report(
            out,
            path,
            rule,
            why,
            format!(
                "must have the shape `{mask}` ({} characters), found {found}",
                slots.len()
            ),
        );
        return;
    }
    if let Some((at, (c, slot))) = value
        .chars()
        .zip(slots)
        .enumerate()
        .find(|(_, (c, slot))| !slot.allows(*c))
    {
        report(
            out,
            path,
            rule,
            why,
            format!(
                "must have the shape `{mask}`: character {} is {c:?}, not {}",
                at + 1,
                slot.describe()
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verdict(value: &str, m: &'static str) -> Option<String> {
        let mut out = Violations::new();
        mask(&mut out, "/x", "mask", None, value, m);
        out.iter().next().map(|v| v.message.clone())
    }

    #[test]
    fn a_value_of_the_mask_s_shape_passes_and_others_say_where_they_differ() {
        assert_eq!(verdict("2026-09-15", "9999-99-99"), None);
        assert_eq!(verdict("HDFC0001234", "AAAA0******"), None);
        assert_eq!(
            verdict("A9-*", r"\A\9-\*"),
            None,
            "escaped, the classes are literal"
        );
        assert_eq!(
            verdict("2026/09/15", "9999-99-99").as_deref(),
            Some("must have the shape `9999-99-99`: character 5 is '/', not '-'")
        );
        assert_eq!(
            verdict("HDFC1001234", "AAAA0******").as_deref(),
            Some("must have the shape `AAAA0******`: character 5 is '1', not '0'")
        );
        assert_eq!(
            verdict("2026-9-15", "9999-99-99").as_deref(),
            Some("must have the shape `9999-99-99` (10 characters), found 9")
        );
        assert_eq!(
            verdict("١٢٣", "999").as_deref(),
            Some("must have the shape `999`: character 1 is '١', not a digit"),
            "digits are ASCII digits"
        );
    }

    #[test]
    fn a_mask_ending_in_a_lone_escape_is_not_valid() {
        assert!(mask_is_valid("9999-99-99"));
        assert!(!mask_is_valid(r"99\"));
        assert!(!mask_is_valid(""));
    }
}
