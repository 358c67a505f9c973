//! Character classes.

use super::{Violations, report};

/// The character classes a spec can require.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Charset {
    /// ASCII digits.
    Digits,
    /// Letters of any script.
    Letters,
    /// ASCII letters and digits.
    Alphanumeric,
    /// Letters of any script and spaces.
    LettersSpaces,
}

impl Charset {
    fn allows(self, c: char) -> bool {
        match self {
            Charset::Digits => c.is_ascii_digit(),
            Charset::Letters => c.is_alphabetic(),
            Charset::Alphanumeric => c.is_ascii_alphanumeric(),
            Charset::LettersSpaces => c.is_alphabetic() || c == ' ',
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Charset::Digits => "digits 0-9",
            Charset::Letters => "letters",
            Charset::Alphanumeric => "ASCII letters and digits",
            Charset::LettersSpaces => "letters and spaces",
        }
    }
}

/// Checks that every character of `value` is in `set`; reports the first that is not.
pub fn charset(
    out: &mut Violations,
    path: &'static str,
    rule: &'static str,
    why: Option<&'static str>,
    value: &str,
    set: Charset,
) {
    if let Some((at, c)) = value.chars().enumerate().find(|(_, c)| !set.allows(*c)) {
        report(
            out,
            path,
            rule,
            why,
            format!(
                "may contain only {}; found {c:?} at character {}",
                set.describe(),
                at + 1
            ),
        );
    }
}

/// Checks that every character of `value` is in one of the inclusive `ranges` (the
/// spec's `chars`, shown as `text`); reports the first that is not.
pub fn chars(
    out: &mut Violations,
    path: &'static str,
    rule: &'static str,
    why: Option<&'static str>,
    value: &str,
    ranges: &[(char, char)],
    text: &'static str,
) {
    let allowed = |c: char| ranges.iter().any(|(a, b)| (*a..=*b).contains(&c));
    if let Some((at, c)) = value.chars().enumerate().find(|(_, c)| !allowed(*c)) {
        report(
            out,
            path,
            rule,
            why,
            format!(
                "may contain only `{text}`; found {c:?} at character {}",
                at + 1
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chars_are_ranges_and_single_characters() {
        let ranges = [('a', 'z'), ('0', '9'), ('_', '_'), ('-', '-')];
        let mut out = Violations::new();
        chars(
            &mut out,
            "/r",
            "chars",
            None,
            "ref_2024-01",
            &ranges,
            "a-z0-9_-",
        );
        assert!(out.is_empty());
        chars(&mut out, "/r", "chars", None, "Ref 1", &ranges, "a-z0-9_-");
        assert_eq!(out.len(), 1);
        assert!(out.to_string().contains("'R' at character 1"), "{out}");
    }

    #[test]
    fn reports_the_first_stray_character() {
        let mut out = Violations::new();
        charset(&mut out, "/a", "charset", None, "12a4", Charset::Digits);
        charset(
            &mut out,
            "/b",
            "charset",
            None,
            "Kim Min",
            Charset::LettersSpaces,
        );
        charset(
            &mut out,
            "/c",
            "charset",
            None,
            "Kim@",
            Charset::LettersSpaces,
        );
        let got: Vec<_> = out
            .iter()
            .map(|v| (v.path.as_ref(), v.message.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "/a",
                    "may contain only digits 0-9; found 'a' at character 3"
                ),
                (
                    "/c",
                    "may contain only letters and spaces; found '@' at character 4"
                )
            ]
        );
    }
}
