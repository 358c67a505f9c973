//! Reading the documented fields of a received record (an answer's payout, a callback)
//! into the struct generated for it: every problem reported at once, every field the
//! spec does not document kept as received.

use std::fmt;

use serde_json::{Map, Value};

use super::status::{PayoutState, Status, StatusTable};
use crate::amount::{Currency, Money};

/// A value read from one JSON field. `Form` says what the field's type alone cannot
/// (an amount's unit, a code's documented meanings).
pub trait FromField: Sized {
    /// What reading needs to know besides the type.
    type Form: Copy;

    /// Reads the value; an error says what was expected.
    fn from_field(value: &Value, form: Self::Form) -> Result<Self, String>;
}

/// A struct generated for a received record.
pub trait FromFields: Sized {
    /// Reads the record's fields, all problems at once.
    fn from_fields(fields: Map<String, Value>) -> Result<Self, ReadError>;
}

/// Why a received record does not read as the spec documents it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ReadError {
    /// One line per field: its name and what is wrong.
    pub problems: Vec<String>,
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.problems.join("; "))
    }
}

/// Takes the documented fields out of a record one by one; what is left is the extra.
#[doc(hidden)]
#[derive(Debug)]
pub struct FieldReader {
    fields: Map<String, Value>,
    problems: Vec<String>,
}

impl FieldReader {
    /// Starts reading `fields`.
    pub fn new(fields: Map<String, Value>) -> Self {
        FieldReader {
            fields,
            problems: Vec::new(),
        }
    }

    /// A field that must be present and not null; `None` when it is not, or does not
    /// read as `T` (the problem is kept for [`FieldReader::finish`]).
    pub fn required<T: FromField>(&mut self, name: &str, form: T::Form) -> Option<T> {
        let value = self.take_required(name)?;
        self.read(name, &value, form)
    }

    /// A field that may be absent or null; `None` also when it does not read as `T`
    /// (the problem is kept for [`FieldReader::finish`]).
    pub fn optional<T: FromField>(&mut self, name: &str, form: T::Form) -> Option<T> {
        let value = self.take(name)?;
        self.read(name, &value, form)
    }

    /// The fields not read, or every problem found.
    pub fn finish(self) -> Result<Map<String, Value>, ReadError> {
        if self.problems.is_empty() {
            Ok(self.fields)
        } else {
            Err(ReadError {
                problems: self.problems,
            })
        }
    }

    /// [`FieldReader::take`], the field's absence a problem.
    fn take_required(&mut self, name: &str) -> Option<Value> {
        let value = self.take(name);
        if value.is_none() {
            self.problem(name, "is missing or null".into());
        }
        value
    }

    /// The field's value, taken out of the record; `None` when absent or null.
    fn take(&mut self, name: &str) -> Option<Value> {
        match self.fields.remove(name) {
            None | Some(Value::Null) => None,
            Some(value) => Some(value),
        }
    }

    fn read<T: FromField>(&mut self, name: &str, value: &Value, form: T::Form) -> Option<T> {
        match T::from_field(value, form) {
            Ok(value) => Some(value),
            Err(why) => {
                self.problem(name, why);
                None
            }
        }
    }

    fn problem(&mut self, name: &str, why: String) {
        self.problems.push(format!("`{name}` {why}"));
    }
}

/// The error of a record whose required fields did not all read: the problems
/// [`FieldReader::finish`] gave. Generated readers call it when a required field is
/// `None`, which only happens with a problem recorded.
#[doc(hidden)]
pub fn read_failure(finished: Result<Map<String, Value>, ReadError>) -> ReadError {
    finished.err().unwrap_or_else(|| ReadError {
        problems: vec!["a required field was not read".into()],
    })
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

impl FromField for String {
    type Form = ();

    fn from_field(value: &Value, (): ()) -> Result<Self, String> {
        match value {
            Value::String(s) => Ok(s.clone()),
            other => Err(format!("must be a JSON string, found {}", kind(other))),
        }
    }
}

impl FromField for i64 {
    type Form = ();

    fn from_field(value: &Value, (): ()) -> Result<Self, String> {
        match value {
            Value::Number(n) => n
                .as_i64()
                .ok_or_else(|| format!("must be a whole number, found {n}")),
            other => Err(format!("must be a JSON number, found {}", kind(other))),
        }
    }
}

/// How a received amount is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AmountUnit {
    /// Main units with decimals (`"100.50"` or `100.50`).
    Major,
    /// Whole minor units (`10050`).
    Minor,
}

impl<C: Currency> FromField for Money<C> {
    type Form = AmountUnit;

    /// A JSON string or number, read from its exact text: never through a float.
    fn from_field(value: &Value, unit: AmountUnit) -> Result<Self, String> {
        minor_units(value, unit, C::DECIMALS, C::CODE).map(Money::from_minor_units)
    }
}

/// The minor units of a received amount of a currency of `decimals` decimals: compiled
/// once, not once per currency.
fn minor_units(
    value: &Value,
    unit: AmountUnit,
    decimals: u32,
    code: &'static str,
) -> Result<u64, String> {
    let text = match value {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        other => {
            return Err(format!(
                "must be an amount (a JSON string or number), found {}",
                kind(other)
            ));
        }
    };
    match unit {
        AmountUnit::Major => {
            crate::amount::parse_major_units(without_zero_excess(&text, decimals), decimals, code)
                .map_err(|e| e.to_string())
        }
        // Digits only, without a leading zero (as a request's amount is read).
        AmountUnit::Minor => text
            .parse::<u64>()
            .ok()
            .filter(|_| text.bytes().all(|b| b.is_ascii_digit()))
            .filter(|_| text == "0" || !text.starts_with('0'))
            .ok_or_else(|| format!("`{text}` is not a whole number of minor units")),
    }
}

/// `1000.00` as `1000` for a currency without decimals: received amounts are often
/// written with more decimals than the currency counts, and zeros there change nothing.
/// Any other digit there is kept, and refused by the parser: it cannot be read exactly.
fn without_zero_excess(text: &str, decimals: u32) -> &str {
    let Some((_, fraction)) = text.split_once('.') else {
        return text;
    };
    let keep = decimals as usize;
    // Bytes, not characters: text that is not digits is kept whole, for the parser to
    // refuse.
    if fraction.len() <= keep || !fraction.as_bytes()[keep..].iter().all(|&b| b == b'0') {
        return text;
    }
    let cut = text.len() - (fraction.len() - keep);
    // No decimals left: drop the point too.
    if keep == 0 {
        &text[..cut - 1]
    } else {
        &text[..cut]
    }
}

/// A code with the meaning the spec documents for it (an error code of a callback): a
/// code the spec does not list is kept, with no meaning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Code {
    /// The code as received (a number's digits, or the string).
    pub code: String,
    /// What the provider documents it to mean.
    pub meaning: Option<&'static str>,
}

/// A field's documented codes: `(code, meaning)`.
pub type CodeTable = &'static [(&'static str, &'static str)];

impl FromField for Code {
    type Form = CodeTable;

    fn from_field(value: &Value, table: CodeTable) -> Result<Self, String> {
        let code = match value {
            Value::String(s) => s.clone(),
            Value::Number(n) => n.to_string(),
            other => {
                return Err(format!(
                    "must be a code (a JSON number or string), found {}",
                    kind(other)
                ));
            }
        };
        let meaning = table
            .iter()
            .find(|(c, _)| super::code::same_code(c, value))
            .map(|(_, meaning)| *meaning);
        Ok(Code { code, meaning })
    }
}

/// A spec's payout status enum: one variant per documented code, and `Unlisted` keeping
/// any other code as received.
pub trait StatusCode: Sized {
    /// The spec's status table.
    const TABLE: &'static StatusTable;

    /// The status of a received code; `None` when the code cannot be one of this spec's
    /// (text where the spec's codes are numbers).
    fn from_status(status: &Status) -> Option<Self>;

    /// The provider's code.
    fn code(&self) -> String;

    /// What the status means in the SDK's terms; `None` for a code the spec does not
    /// list (never guessed).
    fn state(&self) -> Option<PayoutState> {
        Self::TABLE.status_of(&Value::String(self.code()))?.state
    }
}

/// An unlisted status code of a spec whose codes are numbers, as the number it is when
/// its text is that number's own (`7`; not `+7`, `07` or `-0`): the code is kept as
/// received, so `+2` is never taken for a listed `2` when it is written back and looked
/// up. `None` for any other text: the status does not read.
pub fn unlisted_number(code: &str) -> Option<i64> {
    code.parse::<i64>()
        .ok()
        .filter(|number| number.to_string() == code)
}

impl<S: StatusCode> FromField for S {
    type Form = ();

    /// A JSON number or string, as the status table reads it.
    fn from_field(value: &Value, (): ()) -> Result<Self, String> {
        S::TABLE
            .status_of(value)
            .and_then(|status| S::from_status(&status))
            .ok_or_else(|| format!("must be a status code, found {value}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unlisted_number_is_only_the_numbers_own_text() {
        assert_eq!(unlisted_number("7"), Some(7));
        assert_eq!(unlisted_number("-3"), Some(-3));
        for other in ["+7", "07", "-0", " 7", "7 ", "7.0", "", "x"] {
            assert_eq!(unlisted_number(other), None, "{other:?}");
        }
    }

    enum Mxn {}
    impl Currency for Mxn {
        const CODE: &'static str = "MXN";
        const DECIMALS: u32 = 2;
    }

    fn fields(json: &str) -> Map<String, Value> {
        serde_json::from_str(json).expect("object")
    }

    #[test]
    fn every_problem_is_reported_and_the_rest_is_kept() {
        let mut r = FieldReader::new(fields(
            r#"{"tradeNo":7,"amount":"1.005","new":true,"note":null}"#,
        ));
        let trade = r.required::<String>("tradeNo", ());
        let amount = r.required::<Money<Mxn>>("amount", AmountUnit::Major);
        let status = r.required::<i64>("status", ());
        let note = r.optional::<String>("note", ());
        assert!(trade.is_none() && amount.is_none() && status.is_none());
        assert_eq!(note, None);
        let problems = r.finish().expect_err("three problems").problems;
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(problems[0].contains("`tradeNo` must be a JSON string, found a number"));
        assert!(problems[1].contains("3 decimals"));
        assert!(problems[2].contains("`status` is missing"));
    }

    #[test]
    fn amounts_are_read_from_their_exact_text() {
        let major = |json: &str| Money::<Mxn>::from_field(&json_value(json), AmountUnit::Major);
        assert_eq!(major(r#""100.50""#).map(|m| m.minor_units()), Ok(10050));
        assert_eq!(major("1.8").map(|m| m.minor_units()), Ok(180));
        assert!(major("1e2").is_err());
        assert_eq!(major(r#""100.500""#).map(|m| m.minor_units()), Ok(10050));
        assert!(
            major(r#""100.505""#).is_err(),
            "a digit beyond the currency's is refused"
        );
        enum Krw {}
        impl Currency for Krw {
            const CODE: &'static str = "KRW";
            const DECIMALS: u32 = 0;
        }
        let krw = |json: &str| Money::<Krw>::from_field(&json_value(json), AmountUnit::Major);
        assert_eq!(krw(r#""1000.00""#).map(|m| m.minor_units()), Ok(1000));
        assert!(krw(r#""25.50""#).is_err());
        assert!(major("-1").is_err());
        let minor = |json: &str| Money::<Mxn>::from_field(&json_value(json), AmountUnit::Minor);
        assert_eq!(minor("10050").map(|m| m.minor_units()), Ok(10050));
        assert!(minor("100.5").is_err());
        assert!(minor(r#""+5""#).is_err());
    }

    #[test]
    fn codes_keep_what_is_not_documented() {
        static TABLE: &[(&str, &str)] = &[("1000", "The account does not exist")];
        let read = |json: &str| Code::from_field(&json_value(json), TABLE);
        assert_eq!(
            read("1000").map(|c| c.meaning),
            Ok(Some("The account does not exist"))
        );
        assert_eq!(
            read("1234"),
            Ok(Code {
                code: "1234".into(),
                meaning: None
            })
        );
        assert!(read("{}").is_err());
    }

    #[test]
    fn received_minor_units_with_leading_zeros_are_refused() {
        let minor = |json: &str| Money::<Mxn>::from_field(&json_value(json), AmountUnit::Minor);
        for bad in [r#""0100""#, r#""00""#, r#""010050""#] {
            assert!(minor(bad).is_err(), "{bad} was read as {:?}", minor(bad));
        }
        assert_eq!(minor(r#""0""#).map(|m| m.minor_units()), Ok(0));
        assert_eq!(minor("10050").map(|m| m.minor_units()), Ok(10050));
    }

    #[test]
    fn a_received_amount_with_a_character_among_its_decimals_is_an_error() {
        for text in ["1.0\u{e9}", "1.\u{e9}0", "1.00\u{e9}", "1.0\u{5bf9}0"] {
            let value = Value::String(text.to_string());
            for unit in [AmountUnit::Major, AmountUnit::Minor] {
                assert!(Money::<Mxn>::from_field(&value, unit).is_err(), "{text:?}");
            }
        }
    }

    fn json_value(json: &str) -> Value {
        serde_json::from_str(json).expect("json")
    }
}
