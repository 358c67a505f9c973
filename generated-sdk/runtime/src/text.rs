//! Decimal text of numbers on the stack: what a string to sign and an amount's wire text
//! are made of, without an allocation per number.

use std::fmt;

/// The decimal text of a number, held in a small buffer.
#[derive(Clone, Copy)]
pub struct NumberText {
    buf: [u8; 24],
    start: usize,
}

impl NumberText {
    /// `1595504997`
    pub fn from_u64(n: u64) -> Self {
        Self::decimal(n, 0)
    }

    /// `-5`, `40`
    pub fn from_i64(n: i64) -> Self {
        let mut text = Self::from_u64(n.unsigned_abs());
        if n < 0 {
            text.start -= 1;
            text.buf[text.start] = b'-';
        }
        text
    }

    /// `minor` units with `decimals` decimals: `decimal(123450, 2)` is `1234.50`.
    /// `decimals` above 6 are written as 6 (amounts support no more).
    pub fn decimal(minor: u64, decimals: u32) -> Self {
        let decimals = decimals.min(6) as usize;
        let mut text = NumberText {
            buf: [0; 24],
            start: 24,
        };
        let mut n = minor;
        let mut written = 0;
        loop {
            if decimals > 0 && written == decimals {
                text.start -= 1;
                text.buf[text.start] = b'.';
            }
            text.start -= 1;
            text.buf[text.start] = b'0' + (n % 10) as u8;
            n /= 10;
            written += 1;
            if n == 0 && written > decimals {
                break;
            }
        }
        text
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        // Only ASCII digits, `.` and `-` are ever written.
        std::str::from_utf8(&self.buf[self.start..]).unwrap_or_default()
    }

    /// Its length in characters.
    pub fn len(&self) -> usize {
        self.buf.len() - self.start
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
}
