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

/// A mask's slots, in order, read as they are used (no allocation per check); an
/// `Err` for a lone `\` at its end.
fn slots(mask: &str) -> impl Iterator<Item = Result<Slot, ()>> + '_ {
    let mut chars = mask.chars();
    std::iter::from_fn(move || {
        Some(match chars.next()? {
            '9' => Ok(Slot::Digit),
            'A' => Ok(Slot::Letter),
            '*' => Ok(Slot::LetterOrDigit),
            '\\' => chars.next().map(Slot::Literal).ok_or(()),
            other => Ok(Slot::Literal(other)),
        })
    })
}

/// How many slots a mask has; `None` for a mask that ends in a lone `\`.
fn slot_count(mask: &str) -> Option<usize> {
    slots(mask).try_fold(0, |count, slot| slot.ok().map(|_| count + 1))
}

/// Whether a mask is well formed: not empty, no lone `\` at its end.
pub fn mask_is_valid(mask: &str) -> bool {
    slot_count(mask).is_some_and(|count| count > 0)
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
    // One walk over both: most values fit, and only a misfit is walked again for its
    // report.
    let mut chars = value.chars();
    let fits = slots(mask)
        .all(|slot| matches!((slot, chars.next()), (Ok(slot), Some(c)) if slot.allows(c)))
        && chars.next().is_none();
    if fits {
        return;
    }
    let Some(expected) = slot_count(mask) else {
        report(out, path, rule, why, format!("has no valid mask `{mask}`"));
        return;
    };
    let found = value.chars().count();
    if found != expected {
        report(
            out,
            path,
            rule,
            why,
            format!("must have the shape `{mask}` ({expected} characters), found {found}"),
        );
        return;
    }
    if let Some((at, (c, slot))) = value
        .chars()
        .zip(slots(mask).flatten())
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
