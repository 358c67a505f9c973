//! Decimal text of numbers on the stack: what a string to sign and an amount's wire text
//! are made of, without an allocation per number.

use std::fmt;

use arrayvec::ArrayString;

/// The decimal text of a number, held in a small buffer.
#[derive(Clone, Copy)]
pub struct NumberText {
    /// Room for `-`, 20 digits of a `u64`, and a `.` (a sign and a point never meet).
    /// An `ArrayString` is text already: reading it costs no UTF-8 check, which for a
    /// ten-digit number costs more than writing it.
    text: ArrayString<24>,
}

impl NumberText {
    /// `1595504997`
    pub fn from_u64(n: u64) -> Self {
        let mut text = Self::empty();
        text.push(itoa::Buffer::new().format(n));
        text
    }

    /// `-5`, `40`
    pub fn from_i64(n: i64) -> Self {
        let mut text = Self::empty();
        text.push(itoa::Buffer::new().format(n));
        text
    }

    /// `minor` units with `decimals` decimals: `decimal(123450, 2)` is `1234.50`.
    /// `decimals` above 6 are written as 6 (amounts support no more).
    pub fn decimal(minor: u64, decimals: u32) -> Self {
        let decimals = decimals.min(6);
        if decimals == 0 {
            return Self::from_u64(minor);
        }
        let scale = 10u64.pow(decimals);
        let mut digits = itoa::Buffer::new();
        let mut text = Self::empty();
        text.push(digits.format(minor / scale));
        text.push(".");
        let fraction = digits.format(minor % scale);
        for _ in fraction.len()..decimals as usize {
            text.push("0");
        }
        text.push(fraction);
        text
    }

    const fn empty() -> Self {
        NumberText {
            text: ArrayString::new_const(),
        }
    }

    /// Appends ASCII digits, a sign or a point (the buffer has room for any number).
    fn push(&mut self, text: &str) {
        // Never fails: 24 bytes hold any number written here.
        let _ = self.text.try_push_str(text);
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        self.text.as_str()
    }

    /// Its length in characters.
    pub fn len(&self) -> usize {
        self.text.len()
    }

    /// Never true: a number has at least one digit.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl fmt::Display for NumberText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for NumberText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.as_str())
    }
}

/// A boolean as JSON writes it, for the string to sign.
pub fn bool_text(value: bool) -> &'static str {
    if value { "true" } else { "false" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_what_display_writes() {
        for n in [0u64, 7, 10, 1_595_504_997, u64::MAX] {
            assert_eq!(NumberText::from_u64(n).as_str(), n.to_string());
        }
        for n in [0i64, -5, 40, i64::MIN, i64::MAX] {
            assert_eq!(NumberText::from_i64(n).as_str(), n.to_string());
        }
    }

    #[test]
    fn writes_decimals_with_leading_zeros() {
        assert_eq!(NumberText::decimal(123_450, 2).as_str(), "1234.50");
        assert_eq!(NumberText::decimal(5, 2).as_str(), "0.05");
        assert_eq!(NumberText::decimal(0, 2).as_str(), "0.00");
        assert_eq!(
            NumberText::decimal(u64::MAX, 6).as_str(),
            "18446744073709.551615"
        );
        assert_eq!(NumberText::decimal(1000, 0).len(), 4);
    }

    #[test]
    fn decimals_agree_with_formatting_for_every_scale() {
        let values = [
            0u64,
            1,
            9,
            10,
            99,
            100,
            12_345,
            1_000_000,
            999_999_999,
            u64::MAX,
        ];
        for minor in values {
            for decimals in 0..=8u32 {
                let shown = decimals.min(6);
                let scale = 10u64.pow(shown);
                let expected = if shown == 0 {
                    minor.to_string()
                } else {
                    let width = shown as usize;
                    format!("{}.{:0width$}", minor / scale, minor % scale)
                };
                let text = NumberText::decimal(minor, decimals);
                assert_eq!(text.as_str(), expected, "{minor} with {decimals} decimals");
                assert_eq!(text.len(), expected.len());
            }
        }
    }
}
