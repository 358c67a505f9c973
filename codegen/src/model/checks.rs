//! What the model checks: a value's own checks, and the rules over several fields (their
//! conditions and constraints), each naming fields by index in `Operation::fields`.

use super::{Charset, CheckDigitName, TimestampUnit};

/// A check on one value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Check {
    /// Length of the written value, in characters.
    Length {
        /// At least.
        min: Option<u32>,
        /// At most.
        max: Option<u32>,
    },
    /// Allowed characters.
    Charset(Charset),
    /// Allowed characters as the spec lists them: `(first, last)` ranges, and the
    /// spec's text for messages.
    Chars {
        /// Inclusive ranges.
        ranges: Vec<(char, char)>,
        /// The spec's text (`a-z0-9_-`).
        text: String,
    },
    /// An amount within bounds, in minor units, with the spec's texts.
    AmountRange {
        /// At least.
        min: Option<(u64, String)>,
        /// At most.
        max: Option<(u64, String)>,
    },
    /// A whole number within bounds, with the spec's texts.
    Range {
        /// At least.
        min: Option<(u64, String)>,
        /// At most.
        max: Option<(u64, String)>,
    },
    /// One of these exact lengths, in characters.
    LengthOneOf(Vec<u32>),
    /// A valid check digit, by this algorithm.
    CheckDigit(CheckDigitName),
    /// A map with at most this many pairs.
    Entries(u32),
    /// An amount with at most the decimals of the currency field with this index (and
    /// view binding) chooses.
    CurrencyDecimals {
        /// The currency field's index in `Operation::fields`.
        field: usize,
        /// Its binding in the checks' view.
        binding: String,
    },
    /// The value has this mask's shape.
    Mask(String),
    /// Required prefix.
    StartsWith(String),
    /// The value is a key of this reference list (index into `Spec::references`).
    InList(usize),
    /// Text that is not empty or blank: a required value the string to sign would drop
    /// when blank (implied for every required text field).
    NotBlank,
    /// Free text without control characters or bidirectional overrides (implied for text
    /// unless the spec allows them).
    PlainText,
    /// An amount above zero (implied for amounts unless the spec allows zero).
    Positive,
    /// A time in this unit, between 2000-01-01 and 2100-01-01.
    Timestamp(TimestampUnit),
}

impl Check {
    /// The rule id a violation of this check carries when it is a field's own check.
    pub fn rule_id(&self) -> &'static str {
        match self {
            Check::Length { .. } => "length",
            Check::Charset(_) => "charset",
            Check::Chars { .. } => "chars",
            Check::CheckDigit(_) => "check-digit",
            Check::Entries(_) => "entries",
            Check::CurrencyDecimals { .. } => "amount",
            Check::Mask(_) => "mask",
            Check::LengthOneOf(_) => "length",
            Check::AmountRange { .. } => "amount-range",
            Check::Range { .. } => "range",
            Check::StartsWith(_) => "starts-with",
            Check::InList(_) => "in-list",
            Check::NotBlank => "required",
            Check::PlainText => "control-char",
            Check::Positive => "amount-positive",
            Check::Timestamp(_) => "timestamp",
        }
    }
}

/// A conditional rule.
#[derive(Debug, Clone)]
pub struct Rule {
    /// Stable id.
    pub id: String,
    /// The page's words.
    pub doc: String,
    /// The page's unclarity and the spec's choice.
    pub note: Option<String>,
    /// All must hold.
    pub when: Vec<Condition>,
    /// Then these apply.
    pub then: Vec<Constraint>,
}

/// A condition, on the field with this index in `Operation::fields`.
#[derive(Debug, Clone)]
pub enum Condition {
    /// The field has one of these values.
    OneOf {
        /// Field index.
        field: usize,
        /// Enum variants (index into the enum's variants) or texts.
        values: Vec<Literal>,
    },
    /// The field's value is a key of the list.
    InList {
        /// Field index.
        field: usize,
        /// Reference index.
        list: usize,
    },
    /// The field is present (or absent).
    Present {
        /// Field index.
        field: usize,
        /// Present or absent.
        present: bool,
    },
}

/// A value a condition compares with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Literal {
    /// An enum variant: index into the field's enum's variants.
    Variant(usize),
    /// A text.
    Text(String),
}

/// A constraint on the field with index `field`.
#[derive(Debug, Clone)]
pub struct Constraint {
    /// Field index.
    pub field: usize,
    /// What is required of it.
    pub kind: ConstraintKind,
}

/// What a constraint requires.
#[derive(Debug, Clone)]
pub enum ConstraintKind {
    /// The field must be present.
    Required,
    /// The field must not be sent.
    Absent,
    /// A value check.
    Check(Check),
    /// The first `chars` characters equal the last `chars` of field `other`.
    PrefixEqualsSuffixOf {
        /// Other field index.
        other: usize,
        /// Characters compared.
        chars: u32,
    },
    /// The first `chars` characters are among the values listed under field `key`'s value.
    PrefixInList {
        /// Reference index.
        list: usize,
        /// Key field index.
        key: usize,
        /// Characters looked up.
        chars: u32,
    },
    /// The value is the name list `list` gives field `key`'s value.
    NameInList {
        /// Reference index.
        list: usize,
        /// Key field index.
        key: usize,
    },
    /// The value is exactly this text.
    Equals(String),
    /// The character at `position` (1-based) is one of `one_of`.
    CharAt {
        /// 1 for the first character.
        position: u32,
        /// The characters allowed there.
        one_of: String,
    },
    /// The value's length is one of those list `list` gives field `key`'s value as
    /// `attribute`.
    LengthInList {
        /// Reference index.
        list: usize,
        /// Key field index.
        key: usize,
        /// The attribute's name.
        attribute: String,
    },
}
