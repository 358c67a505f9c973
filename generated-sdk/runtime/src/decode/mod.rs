//! Decoding a request body from JSON while collecting every violation, as a server or a
//! command-line tool receives it. Generated `from_json` functions call these in field
//! order; any field of the body no call asked for is one the spec does not know.

mod body;
mod nested;

use serde_json::Value;

use super::Violations;
use super::amount::{Currency, Money, parse_major_units};
use body::Body;

/// Which JSON forms a value may arrive in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Forms {
    /// As a JSON string.
    pub string: bool,
    /// As a JSON number.
    pub number: bool,
}

impl Forms {
    /// Only a JSON string.
    pub const STRING: Forms = Forms {
        string: true,
        number: false,
    };
    /// Only a JSON number.
    pub const NUMBER: Forms = Forms {
        string: false,
        number: true,
    };
    /// Either.
    pub const BOTH: Forms = Forms {
        string: true,
        number: true,
    };

    fn describe(self) -> &'static str {
        match (self.string, self.number) {
            (true, true) => "a JSON number or a string of digits",
            (false, true) => "a JSON number",
            _ => "a JSON string",
        }
    }
}

/// How an amount is written: main units as decimal text, or minor units as a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AmountUnit {
    /// `"100.50"`
    Major,
    /// `10050`
    Minor,
}

/// A request body being decoded.
#[derive(Debug)]
pub struct Decoder<'de> {
    body: Body<'de>,
    /// The JSON Pointer of the object decoded: `` for the body, `/bankAccount` for an
    /// object in it.
    at: &'static str,
    /// The fields the request reads, for "did you mean" on an unknown one.
    known: Vec<&'static str>,
    out: Violations,
}

impl<'de> Decoder<'de> {
    /// Parses the body; a body that is not a JSON object is one violation at the root.
    /// A key given twice is a violation at its second place: serde_json would keep the
    /// last one silently, and the first could be what the provider reads.
    pub fn parse(json: &'de [u8]) -> Result<Decoder<'de>, Violations> {
        let mut out = Violations::new();
        let (body, duplicates) = match Body::parse(json) {
            Ok(read) => read,
            Err(e) => {
                out.push("", "json", e.to_string());
                return Err(out);
            }
        };
        for pointer in duplicates {
            out.push(
                pointer,
                "duplicate-key",
                "is given more than once".to_string(),
            );
        }
        Ok(Decoder {
            body,
            at: "",
            known: Vec::with_capacity(16),
            out,
        })
    }

    /// Takes a field's value out of the body; `null` counts as absent. Reports a missing
    /// required field.
    fn take(&mut self, name: &'static str, path: &'static str, required: bool) -> Option<Value> {
        self.known.push(name);
        match self.body.take(name) {
            Some(Value::Null) | None => {
                if required {
                    self.out.push(path, "required", "is required".to_string());
                }
                None
            }
            Some(value) => Some(value),
        }
    }

    fn wrong_type(&mut self, path: &'static str, expected: &str, found: &Value) {
        let found = match found {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "an array",
            Value::Object(_) => "an object",
        };
        self.out
            .push(path, "type", format!("must be {expected}, found {found}"));
    }

    /// A text field.
    pub fn text(
        &mut self,
        name: &'static str,
        path: &'static str,
        required: bool,
    ) -> Option<String> {
        match self.take(name, path, required)? {
            Value::String(s) => Some(s),
            other => {
                self.wrong_type(path, "a JSON string", &other);
                None
            }
        }
    }

    /// The digits of a whole number, from the forms allowed. A string must hold only
    /// ASCII digits; a number must be a non-negative integer.
    fn whole_number(
        &mut self,
        name: &'static str,
        path: &'static str,
        required: bool,
        forms: Forms,
        rule: &'static str,
    ) -> Option<u64> {
        let value = self.take(name, path, required)?;
        let parsed = match &value {
            Value::Number(n) if forms.number => n.as_u64(),
            Value::String(s) if forms.string => digits_to_u64(s),
            _ => {
                self.wrong_type(path, forms.describe(), &value);
                return None;
            }
        };
        if parsed.is_none() {
            self.out.push(
                path,
                rule,
                format!("must be a whole number of at most 20 digits, found {value}"),
            );
        }
        parsed
    }

    /// A whole-number field.
    pub fn integer(
        &mut self,
        name: &'static str,
        path: &'static str,
        required: bool,
        forms: Forms,
    ) -> Option<u64> {
        self.whole_number(name, path, required, forms, "type")
    }

    /// A `true` or `false` field.
    pub fn boolean(
        &mut self,
        name: &'static str,
        path: &'static str,
        required: bool,
    ) -> Option<bool> {
        let value = self.take(name, path, required)?;
        match value {
            Value::Bool(b) => Some(b),
            other => {
                self.wrong_type(path, "true or false", &other);
                None
            }
        }
    }

    /// An amount field.
    pub fn amount<C: Currency>(
        &mut self,
        name: &'static str,
        path: &'static str,
        required: bool,
        unit: AmountUnit,
        forms: Forms,
    ) -> Option<Money<C>> {
        self.minor_units(name, path, required, unit, forms, C::DECIMALS, C::CODE)
            .map(Money::from_minor_units)
    }

    /// [`Decoder::amount`]'s minor units, for a currency of `decimals` decimals: compiled
    /// once, not once per currency.
    #[allow(clippy::too_many_arguments)]
    fn minor_units(
        &mut self,
        name: &'static str,
        path: &'static str,
        required: bool,
        unit: AmountUnit,
        forms: Forms,
        decimals: u32,
        code: &'static str,
    ) -> Option<u64> {
        if unit == AmountUnit::Minor {
            return self.whole_number(name, path, required, forms, "amount");
        }
        let value = self.take(name, path, required)?;
        let text = match &value {
            Value::String(s) if forms.string => s.as_str(),
            // With `arbitrary_precision` a JSON number keeps its exact text, so one with
            // decimals is read from its digits, never through a float; exponents are
            // refused like any text that is not plain decimal digits.
            Value::Number(n) if forms.number => n.as_str(),
            _ => {
                self.wrong_type(path, forms.describe(), &value);
                return None;
            }
        };
        match parse_major_units(text, decimals, code) {
            Ok(minor) => Some(minor),
            Err(e) => {
                self.out.push(path, "amount", e.to_string());
                None
            }
        }
    }

    /// A field with numeric codes, mapped to its enum by `from_code`.
    pub fn int_enum<E>(
        &mut self,
        name: &'static str,
        path: &'static str,
        required: bool,
        forms: Forms,
        from_code: fn(i64) -> Option<E>,
        codes: &'static str,
    ) -> Option<E> {
        let (code, value) = self.numeric_code(name, path, required, forms)?;
        let found = code.and_then(from_code);
        if found.is_none() {
            self.not_a_code(path, &value, codes);
        }
        found
    }

    /// The code of a field with numeric codes, with the value it was read from; `None`
    /// when it is absent or of the wrong type (reported).
    fn numeric_code(
        &mut self,
        name: &'static str,
        path: &'static str,
        required: bool,
        forms: Forms,
    ) -> Option<(Option<i64>, Value)> {
        let value = self.take(name, path, required)?;
        // A whole number is a code, listed or not (one beyond `i64` is none of them);
        // anything else (`3.0`, `"03"`, `"+3"`, an object) is the wrong type, as for an
        // integer field, not a code missing from the list.
        let whole = match &value {
            Value::Number(n) if forms.number => n
                .as_u64()
                .map(|_| n.as_i64())
                .or_else(|| n.as_i64().map(Some)),
            Value::String(s) if forms.string => digits_to_u64(s).map(|n| i64::try_from(n).ok()),
            _ => None,
        };
        let Some(code) = whole else {
            self.wrong_type(path, forms.describe(), &value);
            return None;
        };
        Some((code, value))
    }

    /// A field with text codes, mapped to its enum by `from_code`.
    pub fn str_enum<E>(
        &mut self,
        name: &'static str,
        path: &'static str,
        required: bool,
        from_code: fn(&str) -> Option<E>,
        codes: &'static str,
    ) -> Option<E> {
        let text = self.text(name, path, required)?;
        let found = from_code(&text);
        if found.is_none() {
            self.not_a_code(path, &Value::String(text), codes);
        }
        found
    }

    /// Reports a value that is none of an enum's `codes`.
    fn not_a_code(&mut self, path: &'static str, value: &Value, codes: &'static str) {
        self.out.push(
            path,
            "enum",
            format!("{value} is not one of the codes {codes}"),
        );
    }

    /// A field with a fixed value: it must be present (when required) and equal.
    pub fn fixed(
        &mut self,
        name: &'static str,
        path: &'static str,
        required: bool,
        expected: &'static str,
    ) {
        if let Some(text) = self.text(name, path, required)
            && text != expected
        {
            self.out.push(
                path,
                "fixed",
                format!("must be {expected:?}, found {text:?}"),
            );
        }
    }

    /// A text field whose empty value means it was not sent: `""` is absent (and, when
    /// the field is required, missing).
    pub fn text_or_absent(
        &mut self,
        name: &'static str,
        path: &'static str,
        required: bool,
    ) -> Option<String> {
        match self.text(name, path, false) {
            Some(text) if !text.is_empty() => Some(text),
            // Missing unless sent but unreadable (a number): the rules' own test.
            _ => {
                if required {
                    crate::rules::required(&mut self.out, path, "required", None);
                }
                None
            }
        }
    }

    /// The signature field: its value is checked by verification, not here.
    pub fn signature(&mut self, name: &'static str, path: &'static str) -> Option<String> {
        self.text(name, path, false)
    }

    /// Reports every field of the body no decoding step asked for as unknown, and returns
    /// all violations.
    pub fn finish(mut self) -> Violations {
        let of = if self.at.is_empty() {
            "this request"
        } else {
            "this object"
        };
        for name in self.body.left() {
            let path = format!("{}/{}", self.at, name.replace('~', "~0").replace('/', "~1"));
            let message = match closest(name, &self.known) {
                Some(known) => format!("is not a field of {of}; did you mean `{known}`?"),
                None => format!("is not a field of {of}"),
            };
            self.out.push(path, "unknown-field", message);
        }
        self.out
    }
}

/// The known field an unknown name is most likely a typo of: the same letters in another
/// case, or at most two edits away (`merchantOrderno`, `bank_code` for `bankCode`).
fn closest(unknown: &str, known: &[&'static str]) -> Option<&'static str> {
    let folded = |s: &str| s.to_lowercase().replace(['_', '-'], "");
    let unknown = folded(unknown);
    known
        .iter()
        .map(|k| (strsim::levenshtein(&folded(k), &unknown), *k))
        .filter(|(distance, _)| *distance <= 2)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, k)| k)
}

/// A string of 1 to 20 ASCII digits as a number (no sign, no spaces, no leading zeros
/// beyond a lone `0`).
fn digits_to_u64(s: &str) -> Option<u64> {
    let canonical = !s.is_empty()
        && s.bytes().all(|b| b.is_ascii_digit())
        && !(s.len() > 1 && s.starts_with('0'));
    if canonical { s.parse().ok() } else { None }
}

#[cfg(test)]
mod tests;
