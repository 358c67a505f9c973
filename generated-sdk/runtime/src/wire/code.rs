//! Result codes compared by value: `200`, `200.0`, `2e2` and `"200"` are one code, and
//! `"0000"` is a text code that only `"0000"` is. A code with white space around it is
//! not silently trimmed: it is not an answer the SDK can read.

use serde_json::Value;

/// A received code as text, or why it cannot be read as a code.
pub(crate) fn code_text(received: &Value) -> Result<String, &'static str> {
    match received {
        Value::String(s) if s.is_empty() => Err("is empty"),
        Value::String(s) if s.trim() != s => Err("has white space around it"),
        Value::String(s) => Ok(s.clone()),
        // With `arbitrary_precision` the number keeps its received text.
        Value::Number(n) => Ok(n.to_string()),
        Value::Null => Err("is null"),
        _ => Err("is neither a string nor a number"),
    }
}

/// Whether a received code is the code the spec writes as `spec`.
pub(crate) fn same_code(spec: &str, received: &Value) -> bool {
    match received {
        Value::String(text) => text == spec || same_number(text, spec),
        Value::Number(number) => same_number(&number.to_string(), spec),
        _ => false,
    }
}

/// Whether two texts are JSON numbers of the same value.
fn same_number(a: &str, b: &str) -> bool {
    match (Decimal::parse(a), Decimal::parse(b)) {
        (Some(a), Some(b)) => a == b,
        _ => false,
    }
}

/// A JSON number's exact value: `digits` × 10^`exponent`, `digits` without leading or
/// trailing zeros (empty for zero, which has no sign).
#[derive(Debug, PartialEq, Eq)]
struct Decimal {
    negative: bool,
    digits: String,
    exponent: i64,
}

impl Decimal {
    /// Parses JSON number text (`-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`); any
    /// other text, leading zeros and white space included, is not a number.
    fn parse(text: &str) -> Option<Decimal> {
        let (negative, rest) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (mantissa, exponent) = match rest.find(['e', 'E']) {
            Some(at) => (&rest[..at], parse_exponent(&rest[at + 1..])?),
            None => (rest, 0),
        };
        let (whole, fraction) = match mantissa.split_once('.') {
            Some((whole, fraction)) if !fraction.is_empty() => (whole, fraction),
            Some(_) => return None,
            None => (mantissa, ""),
        };
        let digits_only = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty()
            || !digits_only(whole)
            || !digits_only(fraction)
            || (whole.len() > 1 && whole.starts_with('0'))
        {
            return None;
        }
        let all: String = [whole, fraction].concat();
        let significant = all.trim_start_matches('0');
        let trimmed = significant.trim_end_matches('0');
        let trailing = (significant.len() - trimmed.len()) as i64;
        let exponent = exponent
            .checked_sub(fraction.len() as i64)?
            .checked_add(trailing)?;
        if trimmed.is_empty() {
            return Some(Decimal {
                negative: false,
                digits: String::new(),
                exponent: 0,
            });
        }
        Some(Decimal {
            negative,
            digits: trimmed.to_string(),
            exponent,
        })
    }
}

fn parse_exponent(text: &str) -> Option<i64> {
    let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // Far past any code; refusing keeps the arithmetic above from overflowing.
    let value: i64 = digits.parse().ok().filter(|v| *v < 1_000_000)?;
    Some(if text.starts_with('-') { -value } else { value })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn number(text: &str) -> Value {
        serde_json::from_str(text).expect("a JSON number")
    }

    #[test]
    fn numbers_and_numeric_strings_are_compared_by_value() {
        for received in ["200", "200.0", "200.00", "2e2", "2.0E+2", "20000e-2"] {
            assert!(same_code("200", &number(received)), "{received}");
            assert!(
                same_code("200", &Value::String(received.into())),
                "{received}"
            );
        }
        for received in ["201", "20", "2000", "-200", "200.5", "1e999999999"] {
            assert!(!same_code("200", &number(received)), "{received}");
        }
        assert!(same_code("0", &number("-0.0")));
    }

    #[test]
    fn text_codes_match_only_their_own_text() {
        assert!(same_code("0000", &Value::String("0000".into())));
        for received in ["0", "0000 ", " 0000", "00000", ""] {
            assert!(
                !same_code("0000", &Value::String(received.into())),
                "{received:?}"
            );
        }
        assert!(!same_code("0000", &number("0")));
        assert!(!same_code("MOCK-X", &number("0")));
        assert!(!same_code("200", &Value::String("0200".into())));
        assert!(!same_code("200", &Value::Bool(true)));
    }

    #[test]
    fn unreadable_codes_say_why() {
        assert_eq!(
            code_text(&Value::String("0000 ".into())),
            Err("has white space around it")
        );
        assert_eq!(
            code_text(&Value::String("\u{a0}200".into())),
            Err("has white space around it")
        );
        assert_eq!(code_text(&Value::String(String::new())), Err("is empty"));
        assert_eq!(code_text(&Value::Null), Err("is null"));
        assert!(code_text(&serde_json::json!([200])).is_err());
        assert_eq!(code_text(&number("200.0")), Ok("200.0".to_string()));
    }
}
