//! Checks on numbers: amounts above zero, plausible timestamps.

use super::report;
use crate::Violations;

/// An amount must be above zero: a payout of nothing is a mistake, not a request.
pub fn positive(
    out: &mut Violations,
    path: &'static str,
    rule: &'static str,
    why: Option<&'static str>,
    minor_units: u64,
) {
    if minor_units == 0 {
        report(out, path, rule, why, "must be above zero".to_string());
    }
}

/// A number within the page's bounds, each `(value, the spec's text)`: an amount in
/// minor units (`(100, "1.00")`), or a whole number (`(51, "51")`).
pub fn in_range(
    out: &mut Violations,
    path: &'static str,
    rule: &'static str,
    why: Option<&'static str>,
    value: u64,
    min: Option<(u64, &'static str)>,
    max: Option<(u64, &'static str)>,
) {
    if let Some((least, text)) = min
        && value < least
    {
        report(out, path, rule, why, format!("must be at least {text}"));
    }
    if let Some((most, text)) = max
        && value > most
    {
        report(out, path, rule, why, format!("must be at most {text}"));
    }
}

/// An amount of a currency a field chooses has at most that currency's decimals: `minor`
/// counts units of `type_decimals` decimals (the most any listed currency has).
#[allow(clippy::too_many_arguments)] // One generated call per amount, each argument named there.
pub fn currency_decimals(
    out: &mut Violations,
    path: &'static str,
    rule: &'static str,
    why: Option<&'static str>,
    minor: u64,
    type_decimals: u32,
    decimals: u32,
    code: &'static str,
) {
    let fits = type_decimals
        .checked_sub(decimals)
        .and_then(|extra| 10u64.checked_pow(extra))
        .is_some_and(|dropped| minor.is_multiple_of(dropped));
    if !fits {
        report(
            out,
            path,
            rule,
            why,
            format!("has more decimals than {code} has ({decimals})"),
        );
    }
}

/// The unit of a timestamp field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeUnit {
    /// Seconds since the Unix epoch.
    UnixSeconds,
    /// Milliseconds since the Unix epoch.
    UnixMillis,
}

/// 2000-01-01T00:00:00Z and 2100-01-01T00:00:00Z in Unix seconds.
const PLAUSIBLE_SECONDS: (u64, u64) = (946_684_800, 4_102_444_800);

/// A timestamp must fall between 2000 and 2100: `0`, or milliseconds sent as seconds,
/// are mistakes the provider would refuse or misread.
pub fn timestamp(
    out: &mut Violations,
    path: &'static str,
    rule: &'static str,
    why: Option<&'static str>,
    value: u64,
    unit: TimeUnit,
) {
    let (scale, name) = match unit {
        TimeUnit::UnixSeconds => (1, "Unix seconds"),
        TimeUnit::UnixMillis => (1000, "Unix milliseconds"),
    };
    let (from, to) = (PLAUSIBLE_SECONDS.0 * scale, PLAUSIBLE_SECONDS.1 * scale);
    if !(from..to).contains(&value) {
        report(
            out,
            path,
            rule,
            why,
            format!(
                "must be a time in {name} between {from} (2000-01-01) and {to} (2100-01-01), found {value}"
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(value: u64, unit: TimeUnit) -> usize {
        let mut out = Violations::new();
        timestamp(&mut out, "/t", "timestamp", None, value, unit);
        out.len()
    }

    #[test]
    fn timestamps_must_be_plausible_in_their_unit() {
        assert_eq!(count(1_595_504_997, TimeUnit::UnixSeconds), 0);
        assert_eq!(count(1_595_504_997_000, TimeUnit::UnixMillis), 0);
        for bad in [0, 1, 1_595_504_997_000, 946_684_799, 4_102_444_800] {
            assert_eq!(count(bad, TimeUnit::UnixSeconds), 1, "{bad}");
        }
        assert_eq!(count(1_595_504_997, TimeUnit::UnixMillis), 1);
    }

    #[test]
    fn zero_amounts_are_refused() {
        let mut out = Violations::new();
        positive(&mut out, "/amount", "amount-positive", None, 0);
        positive(&mut out, "/amount", "amount-positive", None, 1);
        assert_eq!(out.len(), 1);
    }
}
