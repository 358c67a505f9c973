//! The checks a field's own keys declare (length, characters, check digits, bounds,
//! prefix, list) and the ones its kind implies, each resolved and checked for sense.

use super::Checker;
use crate::diagnostics::Pos;
use crate::load::at::At;
use crate::load::raw::RawField;
use crate::model::{Check, Kind, Reference};

/// The checks every field of a kind gets unless the spec says otherwise: required text
/// is not blank (the string to sign would drop it, and sign the request as if the field
/// were absent), text has no control characters or bidirectional overrides, amounts are
/// above zero, timestamps are plausible.
pub(super) fn implied_checks(field: &RawField, kind: &Kind, required: bool) -> Vec<Check> {
    let allowed = |flag: &Option<At<bool>>| flag.as_ref().is_some_and(|f| *f.get());
    let mut checks = Vec::new();
    match kind {
        Kind::Text => {
            if required {
                checks.push(Check::NotBlank);
            }
            if !allowed(&field.allow_control_chars) {
                checks.push(Check::PlainText);
            }
        }
        Kind::Map if !allowed(&field.allow_control_chars) => checks.push(Check::PlainText),
        Kind::Amount { .. } if !allowed(&field.allow_zero) => checks.push(Check::Positive),
        Kind::Integer => {
            checks.extend(field.timestamp.as_ref().map(|t| Check::Timestamp(*t.get())))
        }
        _ => {}
    }
    checks
}

/// The checks a field's own keys declare (length, charset, prefix, list).
pub(super) fn value_checks(
    c: &mut Checker<'_>,
    field: &At<RawField>,
    kind: &Kind,
    references: &[Reference],
) -> Vec<Check> {
    let mut checks = Vec::new();
    let length_pos = field
        .length
        .as_ref()
        .map(At::pos)
        .or(field.max.as_ref().map(At::pos))
        .or(field.min.as_ref().map(At::pos));
    if let Some(pos) = length_pos
        && let Some(check) = length_check(c, &field.length, &field.min, &field.max)
    {
        match kind {
            // The page gives these a length too; the values are known now, so the
            // length is checked here, once, instead of on every request.
            Kind::Fixed(value) => static_length(c, pos, &check, std::slice::from_ref(value)),
            Kind::Enum(_) => {
                let codes: Vec<String> = field.values.keys().map(|k| k.get().clone()).collect();
                static_length(c, pos, &check, &codes)
            }
            _ => checks.push(check),
        }
    }
    if let Some(mask) = &field.mask {
        if !matches!(kind, Kind::Text) {
            c.error(mask.pos(), "`mask` applies only to string fields");
        } else if let Some(check) = mask_check(c, mask) {
            checks.push(check);
        }
    }
    if let Some(most) = &field.max_entries {
        if *most.get() == 0 {
            c.error(most.pos(), "`max_entries` must be at least 1");
        } else {
            checks.push(Check::Entries(*most.get()));
        }
    }
    if let Some(charset) = &field.charset {
        checks.push(Check::Charset(*charset.get()));
    }
    if let Some(chars) = &field.chars {
        if !matches!(kind, Kind::Text) {
            c.error(chars.pos(), "`chars` applies only to string fields");
        } else if let Some(ranges) = parse_chars(chars) {
            checks.push(Check::Chars {
                ranges,
                text: chars.get().clone(),
            });
        } else {
            c.error(
                chars.pos(),
                format!(
                    "`{}` is not a list of characters and ranges like `a-z0-9_-`",
                    **chars
                ),
            );
        }
    }
    if let Some(lengths) = &field.lengths {
        let mut sorted = lengths.get().clone();
        sorted.sort_unstable();
        sorted.dedup();
        if !matches!(kind, Kind::Text) {
            c.error(lengths.pos(), "`lengths` applies only to string fields");
        } else if sorted.len() < 2 || sorted.contains(&0) {
            c.error(
                lengths.pos(),
                "`lengths` lists two or more lengths above zero (one is `length`)",
            );
        } else if length_pos.is_some() {
            c.error(
                lengths.pos(),
                "`lengths` cannot be combined with `length`, `min` or `max`",
            );
        } else {
            checks.push(Check::LengthOneOf(sorted));
        }
    }
    if let Some(algorithm) = &field.check_digit {
        if matches!(kind, Kind::Text) {
            checks.push(Check::CheckDigit(*algorithm.get()));
        } else {
            c.error(
                algorithm.pos(),
                "`check_digit` applies only to string fields",
            );
        }
    }
    checks.extend(amount_range(c, &field.minimum, &field.maximum, kind));
    if let Some(prefix) = &field.starts_with {
        if prefix.is_empty() {
            c.error(prefix.pos(), "`starts_with` is empty");
        }
        checks.push(Check::StartsWith(prefix.get().clone()));
    }
    if let Some(list) = &field.in_list
        && let Some(i) = complete_reference(c, list, references)
    {
        checks.push(Check::InList(i));
    }
    checks
}

/// A list a membership check can reject by: it must be the provider's whole list, or a
/// value the list merely leaves out would be refused.
pub(crate) fn complete_reference(
    c: &mut Checker<'_>,
    list: &At<String>,
    references: &[Reference],
) -> Option<usize> {
    let i = reference_index(c, list, references)?;
    if !references[i].complete {
        c.error(
            list.pos(),
            format!(
                "`in_list` rejects every value missing from `{}`, and that list is not complete",
                **list
            ),
        )
        .help = Some(
            "use the list only in conditions (`when`) or a prefix check, which skip what it does not list; or transcribe the whole list and mark it `complete: true`"
                .into(),
        );
        return None;
    }
    Some(i)
}

/// Reports each of `values` that a length check would reject.
fn static_length(c: &mut Checker<'_>, pos: Pos, check: &Check, values: &[String]) {
    let Check::Length { min, max } = check else {
        return;
    };
    for value in values {
        let len = value.chars().count() as u32;
        if min.is_some_and(|m| len < m) || max.is_some_and(|m| len > m) {
            c.error(
                pos,
                format!("the value `{value}` does not fit this length ({len} characters)"),
            );
        }
    }
}

/// Resolves a reference list name, reporting an unknown one.
pub(crate) fn reference_index(
    c: &mut Checker<'_>,
    list: &At<String>,
    references: &[Reference],
) -> Option<usize> {
    let found = references.iter().position(|r| r.name == **list);
    if found.is_none() {
        let known: Vec<&str> = references.iter().map(|r| r.name.as_str()).collect();
        let d = c.error(list.pos(), format!("no reference list named `{}`", **list));
        d.help = Some(if known.is_empty() {
            "declare it under the spec's top-level `reference:`".into()
        } else {
            format!("known lists: {}", known.join(", "))
        });
    }
    found
}

/// A length check from `length` (exact or `min-max`) or `min`/`max`, checked for sense.
pub(crate) fn length_check(
    c: &mut Checker<'_>,
    length: &Option<At<String>>,
    min: &Option<At<u32>>,
    max: &Option<At<u32>>,
) -> Option<Check> {
    let (lo, hi) = match (length, min, max) {
        (Some(length), None, None) => parse_length(c, length)?,
        (Some(length), _, _) => {
            c.error(
                length.pos(),
                "`length` cannot be combined with `min` or `max`",
            )
            .help = Some("use `length: MIN-MAX` for a range".into());
            return None;
        }
        (None, min, max) => (
            min.as_ref().map(|m| *m.get()),
            max.as_ref().map(|m| *m.get()),
        ),
    };
    if let (Some(lo), Some(hi)) = (lo, hi)
        && hi < lo
    {
        let pos = max
            .as_ref()
            .map(At::pos)
            .or(length.as_ref().map(At::pos))
            .unwrap_or(Pos {
                source: 0,
                line: 1,
                column: 1,
            });
        c.error(
            pos,
            format!("maximum length {hi} is below minimum length {lo}"),
        );
        return None;
    }
    if hi == Some(0) {
        let pos = max
            .as_ref()
            .map(At::pos)
            .or(length.as_ref().map(At::pos))
            .unwrap_or(Pos {
                source: 0,
                line: 1,
                column: 1,
            });
        c.error(pos, "a maximum length of 0 allows no value");
        return None;
    }
    Some(Check::Length { min: lo, max: hi })
}

fn parse_length(c: &mut Checker<'_>, length: &At<String>) -> Option<(Option<u32>, Option<u32>)> {
    let text = length.trim();
    let parsed = match text.split_once('-') {
        Some((lo, hi)) => lo.trim().parse().ok().zip(hi.trim().parse().ok()),
        None => text.parse().ok().map(|n: u32| (n, n)),
    };
    match parsed {
        Some((lo, hi)) => Some((Some(lo), Some(hi))),
        None => {
            c.error(length.pos(), format!("`{text}` is not a length"))
                .help = Some("write a whole number (`18`) or a range (`10-13`)".into());
            None
        }
    }
}

/// `a-z0-9_-` as inclusive ranges; a `-` first or last is a hyphen. `None` if empty or a
/// range runs backwards.
fn parse_chars(text: &str) -> Option<Vec<(char, char)>> {
    let chars: Vec<char> = text.chars().collect();
    let mut ranges = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let first = chars[i];
        if i + 2 < chars.len() && chars[i + 1] == '-' {
            let last = chars[i + 2];
            if last < first {
                return None;
            }
            ranges.push((first, last));
            i += 3;
        } else {
            ranges.push((first, first));
            i += 1;
        }
    }
    (!ranges.is_empty()).then_some(ranges)
}

/// A mask, checked for sense: not empty, and no `\` left with nothing to escape.
pub(super) fn mask_check(c: &mut Checker<'_>, mask: &At<String>) -> Option<Check> {
    let mut escaped = false;
    for ch in mask.chars() {
        escaped = !escaped && ch == '\\';
    }
    if mask.is_empty() || escaped {
        c.error(
            mask.pos(),
            format!(
                "`{}` is not a mask: it is empty or ends in a lone `\\`",
                **mask
            ),
        )
        .help = Some(
            "`9` a digit, `A` a letter, `*` either, `\\` before a literal 9, A, * or \\".into(),
        );
        return None;
    }
    Some(Check::Mask(mask.get().clone()))
}

/// The `minimum` and `maximum` of an amount (in minor units) or of a whole number, with
/// the spec's texts.
pub(super) fn amount_range(
    c: &mut Checker<'_>,
    minimum: &Option<At<String>>,
    maximum: &Option<At<String>>,
    kind: &Kind,
) -> Option<Check> {
    if minimum.is_none() && maximum.is_none() {
        return None;
    }
    let (decimals, whole) = match kind {
        Kind::Amount { decimals, .. } => (*decimals, false),
        Kind::Integer => (0, true),
        _ => {
            if let Some(at) = minimum.as_ref().or(maximum.as_ref()) {
                c.error(
                    at.pos(),
                    "`minimum` and `maximum` apply only to amounts and whole numbers",
                );
            }
            return None;
        }
    };
    let bound = |c: &mut Checker<'_>, b: &Option<At<String>>| {
        let b = b.as_ref()?;
        match minor_units(b, decimals) {
            Some(minor) => Some((minor, b.get().clone())),
            None if whole => {
                c.error(b.pos(), format!("`{}` is not a whole number", **b));
                None
            }
            None => {
                c.error(
                    b.pos(),
                    format!(
                        "`{}` is not an amount in main units with at most {decimals} decimals",
                        **b
                    ),
                );
                None
            }
        }
    };
    let (min, max) = (bound(c, minimum), bound(c, maximum));
    if let (Some((a, _)), Some((b, _)), Some(at)) = (&min, &max, maximum)
        && a > b
    {
        c.error(at.pos(), "`maximum` is below `minimum`");
    }
    Some(if whole {
        Check::Range { min, max }
    } else {
        Check::AmountRange { min, max }
    })
}

/// `"1.50"` in minor units of a currency with `decimals` decimals.
fn minor_units(text: &str, decimals: u32) -> Option<u64> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !digits(whole) || !digits(fraction) || fraction.len() > decimals as usize
    {
        return None;
    }
    let scale = 10u64.checked_pow(decimals)?;
    let fraction_value: u64 = if fraction.is_empty() {
        0
    } else {
        fraction.parse::<u64>().ok()? * 10u64.pow(decimals - fraction.len() as u32)
    };
    whole
        .parse::<u64>()
        .ok()?
        .checked_mul(scale)?
        .checked_add(fraction_value)
}
