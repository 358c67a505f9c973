//! What every free-text value must be: not blank where it is required, and free of
//! characters that hide or reorder what a person reads.

use super::report;
use crate::Violations;

/// A required text must say something: the empty string and white space only (in any
/// sense a provider may use) are refused, since signing drops such a value and would
/// sign the request as if the field were absent.
pub fn not_blank(
    out: &mut Violations,
    path: &'static str,
    rule: &'static str,
    why: Option<&'static str>,
    value: &str,
) {
    // Stricter than both Java's trim() and Unicode White_Space: a value blank in either
    // sense, or made of control characters only, is blank here.
    if value.chars().all(|c| c.is_whitespace() || c.is_control()) {
        report(
            out,
            path,
            rule,
            why,
            "must not be empty or blank".to_string(),
        );
    }
}

/// Refuses control characters (NUL, newline, tab, DEL, C1) and the invisible marks that
/// reorder text (bidirectional embeddings, overrides, isolates and marks), which make a
/// value read differently than it is signed and stored.
pub fn plain_text(
    out: &mut Violations,
    path: &'static str,
    rule: &'static str,
    why: Option<&'static str>,
    value: &str,
) {
    // Most values are printable ASCII: one pass over the bytes (no early exit, so it
    // vectorizes) clears them without decoding characters.
    let unusual = value
        .bytes()
        .fold(false, |found, b| found | !(0x20..0x7f).contains(&b));
    if !unusual {
        return;
    }
    if let Some((at, c)) = value.char_indices().find(|(_, c)| is_hidden(*c)) {
        let position = value[..at].chars().count() + 1;
        report(
            out,
            path,
            rule,
            why,
            format!(
                "must not contain control or bidirectional characters, found U+{:04X} at character {position}",
                u32::from(c)
            ),
        );
    }
}

fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(
        check: fn(&mut Violations, &'static str, &'static str, Option<&'static str>, &str),
        value: &str,
    ) -> usize {
        let mut out = Violations::new();
        check(&mut out, "/f", "r", None, value);
        out.len()
    }

    #[test]
    fn blank_is_refused_in_every_sense() {
        for blank in ["", " ", "\t\n", "\u{a0}", "\u{3000}", "\u{1}"] {
            assert_eq!(rules(not_blank, blank), 1, "{blank:?}");
        }
        for text in ["a", " a ", "0", "\u{a0}x"] {
            assert_eq!(rules(not_blank, text), 0, "{text:?}");
        }
    }

    #[test]
    fn hidden_characters_are_refused() {
        for bad in [
            "a\0b",
            "line\nbreak",
            "tab\t",
            "\u{7f}",
            "\u{85}",
            "abc\u{202E}cba",
            "\u{2066}x",
            "\u{200F}",
        ] {
            assert_eq!(rules(plain_text, bad), 1, "{bad:?}");
        }
        for good in ["John Doe", "José Ñúñez", "李小龙", "A&B Bank", "x@y.com"] {
            assert_eq!(rules(plain_text, good), 0, "{good:?}");
        }
    }
}
