//! Money as whole minor units: exact, never a float.

use std::fmt;
use std::marker::PhantomData;
use std::str::FromStr;

use super::text::NumberText;

/// A currency as one spec counts it. Generated per spec, so that a Mexican amount cannot
/// be put in a Korean request.
pub trait Currency: 'static {
    /// ISO 4217 code.
    const CODE: &'static str;
    /// Decimals of the main unit the provider accepts (0 for whole rupiah), at most
    /// [`MAX_DECIMALS`]: an amount of a currency with more does not compile.
    const DECIMALS: u32;
}

/// The most decimals an amount's currency may have (what the generator accepts too):
/// the text of any amount then fits its buffer, and no scale overflows.
pub const MAX_DECIMALS: u32 = 6;

/// An amount of money in currency `C`, held as a whole number of minor units
/// (10^-`C::DECIMALS` of the main unit). Its text is the main unit with exactly
/// `C::DECIMALS` decimals: `100.50`.
pub struct Money<C> {
    minor: u64,
    currency: PhantomData<fn() -> C>,
}

/// Why a text is not an amount.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AmountError {
    /// Not digits with an optional decimal point.
    #[error("`{0}` is not a decimal number (digits, optionally `.` and decimals)")]
    NotDecimal(String),
    /// More decimals than the currency allows: rounding would change the amount.
    #[error("`{text}` has {found} decimals; {code} allows at most {allowed}")]
    TooManyDecimals {
        /// The text.
        text: String,
        /// Decimals found.
        found: usize,
        /// Decimals allowed.
        allowed: u32,
        /// Currency.
        code: &'static str,
    },
    /// Too large to count in minor units.
    #[error("`{0}` is too large")]
    TooLarge(String),
}

impl<C: Currency> Money<C> {
    /// An amount of `minor` minor units (cents when `DECIMALS` is 2).
    pub const fn from_minor_units(minor: u64) -> Self {
        // Every amount is made here: a currency of more decimals than an amount's text
        // holds is refused when the program is compiled, never written wrong.
        const {
            assert!(
                C::DECIMALS <= MAX_DECIMALS,
                "a currency's DECIMALS must be at most MAX_DECIMALS (6)"
            );
        }
        Money {
            minor,
            currency: PhantomData,
        }
    }

    /// An amount of whole main units; `None` when it overflows.
    pub fn from_major_units(major: u64) -> Option<Self> {
        major.checked_mul(Self::scale()).map(Self::from_minor_units)
    }

    /// The amount in minor units.
    pub const fn minor_units(&self) -> u64 {
        self.minor
    }

    /// Parses main-unit text with at most `C::DECIMALS` decimals (`"100"`, `"100.5"`,
    /// `"100.50"`). No sign, exponent, spaces or leading zeros: anything a provider
    /// might read differently is refused rather than guessed.
    pub fn parse_major(text: &str) -> Result<Self, AmountError> {
        parse_major_units(text, C::DECIMALS, C::CODE).map(Self::from_minor_units)
    }

    /// Length of the main-unit text, without allocating.
    pub fn major_text_len(&self) -> usize {
        self.major_text().len()
    }

    /// The main-unit text (`1234.50`), on the stack.
    pub fn major_text(&self) -> NumberText {
        NumberText::decimal(self.minor, C::DECIMALS)
    }

    /// The amount as a JSON number in main units (`1234.50`), written exactly as its
    /// digits: never through a float. With `arbitrary_precision` the number keeps this
    /// text; digits with at most one point always parse, so `None` is not expected.
    pub fn major_number(&self) -> Option<serde_json::Number> {
        self.major_text().as_str().parse().ok()
    }

    /// The main-unit text with `decimals` decimals, for a currency a field chooses that
    /// has fewer decimals than this type (`1000` yen of a two-decimal type's `1000.00`).
    /// `None` when the amount has digits those decimals cannot show: it is never rounded.
    pub fn major_text_in(&self, decimals: u32) -> Option<NumberText> {
        let dropped = 10u64.checked_pow(C::DECIMALS.checked_sub(decimals)?)?;
        self.minor
            .is_multiple_of(dropped)
            .then(|| NumberText::decimal(self.minor / dropped, decimals))
    }

    /// [`Money::major_text_in`] as a JSON number, written from its digits.
    pub fn major_number_in(&self, decimals: u32) -> Option<serde_json::Number> {
        self.major_text_in(decimals)?.as_str().parse().ok()
    }

    fn scale() -> u64 {
        10u64.pow(C::DECIMALS)
    }
}

/// [`Money::parse_major`] for a currency of `decimals` decimals: the minor units.
/// Compiled once, not once per currency.
pub(crate) fn parse_major_units(
    text: &str,
    decimals: u32,
    code: &'static str,
) -> Result<u64, AmountError> {
    let not_decimal = || AmountError::NotDecimal(text.to_string());
    let (whole, fraction) = match text.split_once('.') {
        Some((w, f)) if !f.is_empty() => (w, f),
        Some(_) => return Err(not_decimal()),
        None => (text, ""),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole)
        || (!fraction.is_empty() && !digits(fraction))
        || (whole.len() > 1 && whole.starts_with('0'))
    {
        return Err(not_decimal());
    }
    if fraction.len() > decimals as usize {
        return Err(AmountError::TooManyDecimals {
            text: text.to_string(),
            found: fraction.len(),
            allowed: decimals,
            code,
        });
    }
    let too_large = || AmountError::TooLarge(text.to_string());
    let whole: u64 = whole.parse().map_err(|_| too_large())?;
    let mut minor_fraction: u64 = if fraction.is_empty() {
        0
    } else {
        fraction.parse().map_err(|_| too_large())?
    };
    for _ in fraction.len()..decimals as usize {
        minor_fraction *= 10;
    }
    whole
        .checked_mul(10u64.pow(decimals))
        .and_then(|m| m.checked_add(minor_fraction))
        .ok_or_else(too_large)
}

/// How many decimal digits `n` has (1 for 0).
#[inline]
pub fn decimal_digits(n: u64) -> usize {
    n.checked_ilog10().map_or(1, |log| log as usize + 1)
}

impl<C: Currency> fmt::Display for Money<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.major_text().as_str())
    }
}

impl<C: Currency> fmt::Debug for Money<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{self} {}", C::CODE)
    }
}

impl<C: Currency> FromStr for Money<C> {
    type Err = AmountError;
    fn from_str(s: &str) -> Result<Self, AmountError> {
        Self::parse_major(s)
    }
}

impl<C> Clone for Money<C> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<C> Copy for Money<C> {}
impl<C> PartialEq for Money<C> {
    fn eq(&self, other: &Self) -> bool {
        self.minor == other.minor
    }
}
impl<C> Eq for Money<C> {}
impl<C> PartialOrd for Money<C> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl<C> Ord for Money<C> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.minor.cmp(&other.minor)
    }
}
impl<C> std::hash::Hash for Money<C> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.minor.hash(state)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_digits_count_what_display_writes() {
        let mut values = vec![0, u64::MAX];
        for power in 0..20 {
            let p = 10u64.pow(power);
            values.extend([p - 1, p, p + 1]);
        }
        for n in values {
            assert_eq!(decimal_digits(n), n.to_string().len(), "{n}");
        }
    }

    enum Pen {}
    impl Currency for Pen {
        const CODE: &'static str = "PEN";
        const DECIMALS: u32 = 2;
    }
    enum Idr {}
    impl Currency for Idr {
        const CODE: &'static str = "IDR";
        const DECIMALS: u32 = 0;
    }

    #[test]
    fn parses_exactly_and_writes_canonical_text() {
        let m: Money<Pen> = "100.5".parse().expect("valid");
        assert_eq!(m.minor_units(), 10050);
        assert_eq!(m.to_string(), "100.50");
        assert_eq!(m.major_text_len(), 6);
        assert_eq!(
            Money::<Pen>::parse_major("0.01").map(|m| m.minor_units()),
            Ok(1)
        );
        assert_eq!(
            Money::<Idr>::parse_major("1000").map(|m| m.to_string()),
            Ok("1000".into())
        );
    }

    #[test]
    fn refuses_what_could_be_read_two_ways() {
        for bad in [
            "", "1.", ".5", "-1", "+1", "1e3", " 1", "01", "1,00", "1.2.3", "١٢",
        ] {
            assert!(
                matches!(
                    Money::<Pen>::parse_major(bad),
                    Err(AmountError::NotDecimal(_))
                ),
                "{bad:?}"
            );
        }
        assert!(matches!(
            Money::<Pen>::parse_major("1.001"),
            Err(AmountError::TooManyDecimals { found: 3, .. })
        ));
        assert!(matches!(
            Money::<Idr>::parse_major("1.5"),
            Err(AmountError::TooManyDecimals { .. })
        ));
        assert!(matches!(
            Money::<Pen>::parse_major("999999999999999999999"),
            Err(AmountError::TooLarge(_))
        ));
    }
}
